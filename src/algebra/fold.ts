/** Writing results in the user's names: `sigmoid(z2)` back to `a2`. */
import { sym } from '../expr/node.js';
import type { Definitions } from '../expr/context.js';
import { pathsOf } from '../expr/traverse.js';
import type { Derivation } from '../rewrite/builder.js';
import { foldQuotients } from './quotients.js';

/**
 * Replaces every occurrence of a definition's right side by its name, one step per
 * occurrence, later (more derived) definitions first. Definitions that are a bare name or
 * number are not folded: they would rename every occurrence of a variable. Names in `except`
 * (the loss: a gradient is never written in terms of the loss itself) are not folded either.
 */
export function foldDefinitions(d: Derivation, defs: Definitions, except: ReadonlySet<string> = new Set()): void {
  for (const name of [...defs.order].reverse()) {
    if (except.has(name)) continue;
    const rhs = defs.get(name)!;
    if (rhs.kind === 'sym' || rhs.kind === 'num') continue;
    for (;;) {
      const path = pathsOf(d.current, rhs).find((p) => !insideDiffOf(d.current, p, name));
      if (!path) break;
      d.replace('definition', 'def.fold', path, sym(name));
    }
  }
}

/** Whether the path passes through a `diff(_, name)`, where folding `name` would change the meaning. */
function insideDiffOf(e: import('../expr/node.js').Expr, path: readonly number[], name: string): boolean {
  let cur = e;
  for (const i of path) {
    if (cur.kind === 'call' && cur.fn === 'diff' && i === 0) {
      const x = cur.args[1]!;
      if (x.kind === 'sym' && x.name === name) return true;
    }
    cur = cur.args[i]!;
  }
  return false;
}

/**
 * Everything that writes a result in the user's names: definitions folded back, then
 * quotient definitions (softmax outputs) by cancelling their shared denominator.
 */
export function intoNames(d: Derivation, defs: Definitions, except: ReadonlySet<string>, simplify: (d: Derivation) => void): void {
  foldDefinitions(d, defs, except);
  foldQuotients(d, defs, simplify);
}
