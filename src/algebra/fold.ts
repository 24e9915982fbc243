/** Writing results in the user's names: `sigmoid(z2)` back to `a2`. */
import { sym } from '../expr/node.js';
import type { Definitions } from '../expr/context.js';
import { diffVariablesAbove, pathsOf } from '../expr/traverse.js';
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
    // A family's members are folded by instance (foldQuotients), never by its name alone.
    if (except.has(name) || defs.isFamily(name)) continue;
    const rhs = defs.get(name)!;
    if (rhs.kind === 'sym' || rhs.kind === 'num') continue;
    for (;;) {
      const path = pathsOf(d.current, rhs).find((p) => !diffVariablesAbove(d.current, p).includes(name));
      if (!path) break;
      d.replace('definition', 'def.fold', path, sym(name));
    }
  }
}

/**
 * Everything that writes a result in the user's names: definitions folded back, then
 * quotient definitions (softmax outputs) by cancelling their shared denominator.
 */
export function intoNames(d: Derivation, defs: Definitions, except: ReadonlySet<string>, simplify: (d: Derivation) => void): void {
  foldDefinitions(d, defs, except);
  foldQuotients(d, defs, simplify);
}
