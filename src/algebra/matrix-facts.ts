/**
 * The stated facts on shaped terms (`sum(y) = 1`): where a fact's left side occurs in a
 * result, it is replaced by its right side, one `assumption` step each (the kernel checks
 * that the fact makes the two equal). So softmax's δ, `a ⊙ sum(y) − y`, is `a − y`.
 */
import type { Expr } from '../expr/node.js';
import { pathsOf, replaceAt } from '../expr/traverse.js';
import { diffVariablesAbove } from '../expr/traverse.js';
import type { Derivation } from '../rewrite/builder.js';
import type { Assumption } from '../proof/types.js';
import { type ShapeOfName, ones, sameShape, shapeOf } from '../expr/matrix.js';
import { mul } from '../expr/node.js';

/**
 * Uses each stated equation wherever its left side occurs outside a derivative; whether
 * anything changed. `colsum(Y) = 1` says every entry of the row is 1: its left side becomes
 * `ones(1, m)`, keeping the row's shape (a scalar in its place would not, inside a broadcast).
 */
export function factsUsed(d: Derivation, facts: readonly Assumption[], named: ShapeOfName): boolean {
  const before = d.current;
  for (const f of facts) {
    if (f.op !== '=' || f.among || f.lhs.kind === 'num') continue;
    const rhs = shapedLike(f.lhs, f.rhs, named);
    if (!rhs) continue;
    for (;;) {
      const path = pathsOf(d.current, f.lhs).find((p) => diffVariablesAbove(d.current, p).length === 0 && !insideDiff(d.current, p));
      if (!path) break;
      // Recorded where the whole changed (a product with 1 in it is the other factor), as the kernel reads it.
      d.transition('assumption', 'assume', replaceAt(d.current, path, rhs));
    }
  }
  return d.current !== before;
}

/** The fact's right side with its left side's shape: itself, or a number k as k times a matrix of ones; else none. */
function shapedLike(lhs: Expr, rhs: Expr, named: ShapeOfName): Expr | undefined {
  if (sameShapes(lhs, rhs, named)) return rhs;
  const s = shapeOf(lhs, named);
  if (s === null || rhs.kind !== 'num') return undefined;
  return mul(rhs, ones(s.rows, s.cols));
}

function sameShapes(a: Expr, b: Expr, named: ShapeOfName): boolean {
  try {
    return sameShape(shapeOf(a, named), shapeOf(b, named));
  } catch {
    return false;
  }
}

function insideDiff(e: Expr, path: readonly number[]): boolean {
  let n = e;
  for (const i of path) {
    if (n.kind === 'call' && n.fn === 'diff') return true;
    n = n.args[i]!;
  }
  return false;
}
