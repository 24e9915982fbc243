/**
 * An entrywise product with matrices in it, as books write it: the scalar factors in front as
 * one coefficient (`(1/m) δ1 Xᵀ`, `λ W`), then the matrices joined by ⊙ (`(W2ᵀ δ2) ⊙ σ′(z1)`),
 * an entrywise quotient by a matrix with ⊘. Shared by the text and LaTeX printers.
 */
import { type FactorOrder, asFraction } from '../expr/display.js';
import { type Expr, mul, num, pow } from '../expr/node.js';
import { MATMUL, VJP } from '../expr/matrix.js';
import { rat } from '../expr/rational.js';
import { isShapedForDisplay } from './matrix-shapes.js';

export interface ShapedProduct {
  readonly negative: boolean;
  /** The scalar coefficient (positive), or undefined when it is 1. */
  readonly scalar?: Expr;
  /** The matrix factors, joined by ⊙. */
  readonly shaped: readonly Expr[];
  /** The matrix factors divided by entrywise (written with positive exponents). */
  readonly divisors: readonly Expr[];
}

const leads = (x: Expr): boolean => x.kind === 'call' && (x.fn === MATMUL || x.fn === 'diff' || x.fn === VJP);

/** A product split as above, or undefined when no factor of it is a matrix (the scalar printers write it). */
export function shapedProduct(e: Expr, order?: FactorOrder): ShapedProduct | undefined {
  if (e.kind !== 'mul') return undefined;
  const f = asFraction(e, order);
  // Without an order from the derivation, the signal flowing back (a matrix product or a
  // derivative) comes first, as books write `(W2ᵀ δ2) ⊙ σ′(z1)`; the rest in canonical order.
  const numerator = order ? f.numerator : [...f.numerator.filter(leads), ...f.numerator.filter((x) => !leads(x))];
  const shaped = numerator.filter(isShapedForDisplay);
  const divisors = f.denominator.filter(isShapedForDisplay);
  if (!shaped.length && !divisors.length) return undefined;
  const scalarParts = [
    ...(f.coefNum !== 1n || f.coefDen !== 1n ? [num(rat(f.coefNum, f.coefDen))] : []),
    ...numerator.filter((x) => !shaped.includes(x)),
    ...f.denominator.filter((x) => !divisors.includes(x)).map((x) => pow(x, num(-1))),
  ];
  const scalar = scalarParts.length ? mul(...scalarParts) : undefined;
  return { negative: f.negative, ...(scalar ? { scalar } : {}), shaped, divisors };
}
