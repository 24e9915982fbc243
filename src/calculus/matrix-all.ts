/**
 * Every gradient of a shaped network at once, in reverse mode: each defined name's δ from the
 * loss down, then each declared matrix's gradient, all lemmas of one proof, so each δ is
 * derived once and cited by every gradient below it.
 */
import type { Expr } from '../expr/node.js';
import { isMatSym, matName } from '../expr/matrix.js';
import type { MatrixCalculus } from './matrix.js';
import type { FactorOrder } from './matrix-order.js';

export interface MatrixGradient {
  /** The name: `z2`, `W1`. */
  readonly wrt: string;
  /** What the derivative is by: the name, or the shaped leaf `mat(W1, n1, n0)`. */
  readonly by: Expr;
  /** The lemma `diff(L, by) = result`. */
  readonly lemma: number;
  readonly result: Expr;
  readonly order: FactorOrder;
}

/** The gradient of the loss by every defined name it depends on (nearest the loss first), then by every declared matrix. */
export function allMatrixGradients(c: MatrixCalculus): MatrixGradient[] {
  const { defs, lossName } = c;
  const names = defs.order.filter((n) => n !== lossName && defs.dependsOn(lossName, n)).reverse();
  const out: MatrixGradient[] = [];
  for (const n of names) {
    const l = c.lemma(c.nameOf(n));
    out.push({ wrt: n, by: c.nameOf(n), lemma: l.index, result: l.result, order: c.books.order });
  }
  for (const leaf of leavesFromTheLoss(c)) {
    const l = c.lemma(leaf);
    out.push({ wrt: matName(leaf), by: leaf, lemma: l.index, result: l.result, order: c.books.order });
  }
  return out;
}

/** The declared matrices the loss depends on, met walking the definitions from the loss down. */
function leavesFromTheLoss(c: MatrixCalculus): Expr[] {
  const { defs, lossName } = c;
  const seen = new Set<Expr>();
  const visit = (e: Expr): void => {
    if (isMatSym(e)) seen.add(e);
    else e.args.forEach(visit);
  };
  for (const n of [...defs.order].reverse()) if (n === lossName || defs.dependsOn(lossName, n)) visit(defs.get(n)!);
  return [...seen];
}
