/**
 * How people write a canonical tree: a product as sign, numerator and denominator; a sum as
 * terms with signs, a positive term first. Shared by the ASCII and LaTeX printers so that
 * both read the same way.
 */
import { type Expr, mul, num, pow } from './node.js';
import { type Rational, isNegative, isOne, ratAbs, ratNeg } from './rational.js';

export interface Fraction {
  negative: boolean;
  /** Numeric factor of the numerator (absolute value), 1 when absent. */
  coefNum: bigint;
  /** Numeric factor of the denominator, 1 when absent. */
  coefDen: bigint;
  numerator: Expr[];
  /** Denominator factors (negative integer powers), written with positive exponents. */
  denominator: Expr[];
}

/**
 * The order a derivation wants the factors of a result written in (`(a2 - y)*w2*a1*(1 - a1)*x`,
 * the chain's order), by factor; factors without a rank keep the canonical order, last.
 */
export type FactorOrder = ReadonlyMap<Expr, number>;

/** The terms or factors `xs` ranked by `ranks` (see expr/written.ts); those without a rank last, as they are. */
export function asWritten(xs: readonly Expr[], ranks: FactorOrder | undefined): Expr[] {
  if (!ranks) return xs.slice();
  return xs.map((x, i) => ({ x, i, r: ranks.get(x) ?? Infinity })).sort((a, b) => a.r - b.r || a.i - b.i).map((p) => p.x);
}

/** Splits a product (or any expression) into sign, numerator and denominator. */
export function asFraction(e: Expr, order?: FactorOrder): Fraction {
  const factors = e.kind === 'mul' ? e.args : [e];
  const out: Fraction = { negative: false, coefNum: 1n, coefDen: 1n, numerator: [], denominator: [] };
  for (const f of factors) {
    if (f.kind === 'num') {
      out.negative = isNegative(f.value);
      const a = ratAbs(f.value);
      out.coefNum = a.n;
      out.coefDen = a.d;
    } else if (f.kind === 'pow' && f.args[0].kind !== 'num' && f.args[1].kind === 'num' && isNegative(f.args[1].value) && f.args[1].value.d === 1n) {
      // Only integer exponents: `1/x^(1/2)` would read back as (x^(1/2))^(-1), not x^(-1/2).
      // Not a number's power (only 0^(-k) stays one): `1/0^2` would read back as 1/0.
      out.denominator.push(pow(f.args[0], num(ratNeg(f.args[1].value))));
    } else out.numerator.push(f);
  }
  if (order) {
    // A power of a ranked factor (`a^2` from `a*a`) ranks with it.
    const rank = (x: Expr): number => order.get(x) ?? (x.kind === 'pow' ? order.get(x.args[0]) : undefined) ?? Infinity;
    out.numerator = out.numerator.map((x, i) => ({ x, i })).sort((a, b) => rank(a.x) - rank(b.x) || a.i - b.i).map((p) => p.x);
  }
  return out;
}

/** Whether a term is written with a leading minus. */
export function isNegativeTerm(e: Expr): boolean {
  if (e.kind === 'num') return isNegative(e.value);
  return e.kind === 'mul' && e.args[0]!.kind === 'num' && isNegative(e.args[0]!.value);
}

/** The term with its sign flipped, used after a printed minus. */
export function negateTerm(e: Expr): Expr {
  return mul(num(-1), e);
}

/** The terms of a sum in the order they are written: the canonical order, a positive term first. */
export function writtenTerms(terms: readonly Expr[]): Expr[] {
  const out = terms.slice();
  if (out.length > 1 && isNegativeTerm(out[0]!)) {
    const k = out.findIndex((t) => !isNegativeTerm(t));
    if (k > 0) out.unshift(...out.splice(k, 1));
  }
  return out;
}

/** Whether a rational is a nonnegative integer (writable without parentheses anywhere). */
export const isPlainInteger = (v: Rational): boolean => v.d === 1n && v.n >= 0n;

export { isOne };
