/** Writing results in the user's names: `sigmoid(z2)` back to `a2`. */
import { type Expr, sym } from '../expr/node.js';
import type { Definitions } from '../expr/context.js';
import { diffVariablesAbove, nodes, pathsOf } from '../expr/traverse.js';
import type { Derivation } from '../rewrite/builder.js';
import { foldQuotients } from './quotients.js';

/**
 * Replaces every occurrence of a definition's right side by its name, one step per
 * occurrence, later (more derived) definitions first. Definitions that are a bare name or
 * number are not folded: they would rename every occurrence of a variable. Names in `except`
 * (the loss: a gradient is never written in terms of the loss itself) are not folded either.
 */
export function foldDefinitions(d: Derivation, defs: Definitions, except: ReadonlySet<string> = new Set()): void {
  const { names, byRhs } = foldIndex(defs);
  // Only the definitions whose right side occurs are looked at, in the same order as going
  // through all of them: a network has thousands of names and each lemma a few nodes.
  for (let from = 0; ; ) {
    const present = new Set<number>();
    for (const n of nodes(d.current)) for (const k of byRhs.get(n) ?? []) if (k >= from) present.add(k);
    let done = true;
    for (const k of [...present].sort((a, b) => a - b)) {
      const name = names[k]!;
      if (except.has(name)) continue;
      const path = pathsOf(d.current, defs.get(name)!).find((p) => !diffVariablesAbove(d.current, p).includes(name));
      if (!path) continue;
      d.replace('definition', 'def.fold', path, sym(name));
      from = k;
      done = false;
      break;
    }
    if (done) return;
  }
}

/** The names that may be folded, later definitions first, and where each right side is among them. */
function foldIndex(defs: Definitions): { names: readonly string[]; byRhs: ReadonlyMap<Expr, readonly number[]> } {
  const known = FOLD_INDEX.get(defs);
  if (known) return known;
  // A family's members are folded by instance (foldQuotients), never by its name alone.
  const names = [...defs.order].reverse().filter((n) => !defs.isFamily(n) && defs.get(n)!.kind !== 'sym' && defs.get(n)!.kind !== 'num');
  const byRhs = new Map<Expr, number[]>();
  names.forEach((n, k) => {
    const rhs = defs.get(n)!;
    byRhs.set(rhs, [...(byRhs.get(rhs) ?? []), k]);
  });
  const index = { names, byRhs };
  FOLD_INDEX.set(defs, index);
  return index;
}

/** Per set of definitions (immutable), computed once: a memo, not state. */
const FOLD_INDEX = new WeakMap<Definitions, { names: readonly string[]; byRhs: ReadonlyMap<Expr, readonly number[]> }>();

/**
 * Everything that writes a result in the user's names: definitions folded back, then
 * quotient definitions (softmax outputs) by cancelling their shared denominator.
 */
export function intoNames(d: Derivation, defs: Definitions, except: ReadonlySet<string>, simplify: (d: Derivation) => void): void {
  foldDefinitions(d, defs, except);
  foldQuotients(d, defs, simplify);
}
