/**
 * Whether a rule's two sides agree at a point, decided in high precision (decimal.js, 30
 * digits, then 60): they agree when they differ by at most 1e-20 of their size, and they
 * differ only when the difference is real, i.e. the same at both precisions (rounding error
 * shrinks as the precision grows; a false rule's error does not). Derivatives are exact
 * (dual.ts), not difference quotients.
 */
import { Decimal } from 'decimal.js';
import type { Expr } from '../expr/node.js';
import { NotPrecise } from '../expr/precise.js';
import { dualValue } from './dual.js';

/** A side condition to hold at the point, on the same terms: `u != 0` or `u > 0`. */
export interface PointCondition {
  readonly pred: 'nonzero' | 'positive';
  readonly expr: Expr;
}

export type PreciseVerdict =
  | { readonly kind: 'agree' }
  /** The sides at 60 digits, and their difference. */
  | { readonly kind: 'differ'; readonly lhs: Decimal; readonly rhs: Decimal; readonly difference: Decimal }
  /** Undefined, a condition fails, or too ill-conditioned to tell: the point is not used. */
  | { readonly kind: 'unsure' };

const RELATIVE = new Decimal('1e-20');

/** A precise evaluator: a value, and the scale of its rounding error (see dual.ts). */
export type PreciseEvaluator = (e: Expr, point: Readonly<Record<string, number>>, digits: number) => { readonly value: Decimal; readonly scale: Decimal };

export function preciseCompare(
  lhs: Expr,
  rhs: Expr,
  conditions: readonly PointCondition[],
  point: Readonly<Record<string, number>>,
  evaluate: PreciseEvaluator = dualValue,
): PreciseVerdict {
  try {
    const low = sides(lhs, rhs, conditions, point, 30, evaluate);
    if (!low) return { kind: 'unsure' };
    if (agree(low)) return { kind: 'agree' };
    const high = sides(lhs, rhs, conditions, point, 60, evaluate);
    if (!high) return { kind: 'unsure' };
    if (agree(high)) return { kind: 'agree' };
    const [dLow, dHigh] = [low.lhs.minus(low.rhs), high.lhs.minus(high.rhs)];
    // Real: the same at both precisions, and well above what cancellation could have left.
    const real = dLow.minus(dHigh).abs().lte(dHigh.abs().times('1e-3')) && dHigh.abs().gt(high.scale.times('1e-50'));
    return real ? { kind: 'differ', lhs: high.lhs, rhs: high.rhs, difference: dHigh } : { kind: 'unsure' };
  } catch (err) {
    if (err instanceof NotPrecise) return { kind: 'unsure' };
    throw err;
  }
}

interface Sides {
  readonly lhs: Decimal;
  readonly rhs: Decimal;
  /** Rounding may have moved the difference by about 10^-digits times this (dual.ts). */
  readonly scale: Decimal;
}

function sides(lhs: Expr, rhs: Expr, conditions: readonly PointCondition[], point: Readonly<Record<string, number>>, digits: number, evaluate: PreciseEvaluator): Sides | undefined {
  for (const c of conditions) {
    const { value: v, scale } = evaluate(c.expr, point, digits);
    // A condition decided by rounding alone (its quantity is within rounding of 0) is not trusted.
    if (v.isNaN() || v.abs().lte(scale.times(`1e-${digits - 10}`)) || (c.pred === 'nonzero' ? v.isZero() : !v.gt(0))) return undefined;
  }
  const [l, r] = [evaluate(lhs, point, digits), evaluate(rhs, point, digits)];
  if (!l.value.isFinite() || !r.value.isFinite()) return undefined;
  return { lhs: l.value, rhs: r.value, scale: l.scale.plus(r.scale) };
}

const agree = ({ lhs: l, rhs: r }: Sides): boolean => l.minus(r).abs().lte(Decimal.max(l.abs(), r.abs()).times(RELATIVE));
