/**
 * The names a problem declares: what its `let` lines define and the variable it
 * differentiates by. In ASCII, such a name followed by `(` is a product (`a2(1 - a2)`, as
 * textbooks write it); any other name followed by `(` is a call (`ParseOptions.variables`).
 */

/** The name a definition's text defines: `a2` of `a2 = ...`, `a` of `a[k] = ...`, `L` of `L(y, a2) = ...`. */
export function definedName(text: string): string | undefined {
  const m = /^\s*(\\?[A-Za-z_\u0370-\u03ff][A-Za-z0-9_{}\u0370-\u03ff']*)\s*[[(=]/.exec(text);
  return m ? m[1] : undefined;
}

/**
 * The names declared by definitions' texts and by variables, each also as it reads in ASCII
 * (a LaTeX `a_{2}` is a2 there).
 */
export function declaredNames(definitions: readonly string[], variables: readonly string[] = []): ReadonlySet<string> {
  const out = new Set<string>();
  const add = (n: string | undefined): void => {
    if (!n) return;
    out.add(n);
    out.add(n.replace(/[_{}\s]/g, ''));
  };
  for (const d of definitions) add(definedName(d));
  // A member `z[i]` declares its family z.
  for (const v of variables) add(v.replace(/\[.*$/, '').trim());
  return out;
}
