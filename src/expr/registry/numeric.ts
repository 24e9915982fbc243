/** Numeric pieces several functions share: erf in floating point and in high precision, the logistic function. */
import { Decimal } from 'decimal.js';
import type { DecimalCtor } from './types.js';

/** erf in floating point: the series below 3, a continued fraction for erfc above (Abramowitz-Stegun 7.1.26 is too coarse for derivative checks). */
export function erfFloat(x: number): number {
  const t = Math.abs(x);
  if (t < 3) {
    let sum = t;
    let term = t;
    for (let n = 1; n < 60; n++) {
      term *= (-t * t) / n;
      sum += term / (2 * n + 1);
    }
    return Math.sign(x) * ((2 / Math.sqrt(Math.PI)) * sum);
  }
  return Math.sign(x) * (1 - erfcTail(t));
}

/** erfc(x) for x >= 3 by its continued fraction. */
const erfcTail = (x: number): number => {
  let f = 0;
  for (let n = 60; n >= 1; n--) f = n / 2 / (x + f);
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / (x + f);
};

/** erfc(x) = 1 - erf(x), without the cancellation for large x. */
export const erfcFloat = (x: number): number => (x < 3 ? 1 - erfFloat(x) : erfcTail(x));

/** The logistic function and softplus, without overflow. */
export const logistic = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
export const softplusFloat = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

const CTORS = new Map<number, DecimalCtor>();
/** A Decimal constructor with `digits` significant digits, rounding half to even (one per precision). */
export function decimalCtor(digits: number): DecimalCtor {
  let c = CTORS.get(digits);
  if (!c) CTORS.set(digits, (c = Decimal.clone({ precision: digits, rounding: Decimal.ROUND_HALF_EVEN })));
  return c;
}

/**
 * erf(x) to the precision of D. The Maclaurin series alternates, its terms growing to
 * about e^(x^2) before they fall, so it is summed with that many more digits (else erf(16)
 * would come out as -3e59). Where erfc(x) < e^(-x^2) is below the working precision, erf
 * is ±1 to it.
 */
export function erfPrecise(D: DecimalCtor, x: Decimal): Decimal {
  const x2 = x.times(x).toNumber();
  if (x2 > (D.precision + 5) * Math.LN10) return new D(x.isNegative() ? -1 : 1);
  const W = decimalCtor(D.precision + Math.ceil(x2 / Math.LN10) + 10);
  const y = new W(x);
  const eps = new W(10).pow(-D.precision - 5);
  let sum = new W(0);
  let power = y;
  let fact = new W(1);
  for (let n = 0; n < 4000; n++) {
    if (n > 0) {
      power = power.times(y).times(y).neg();
      fact = fact.times(n);
    }
    const term = power.div(fact.times(2 * n + 1));
    sum = sum.plus(term);
    if (term.abs().lt(eps) && n > 2) break;
  }
  // Rounded to D's precision (a Decimal made from another keeps all its digits).
  return new D(sum.times(2).div(W.acos(-1).sqrt()).toSD(D.precision));
}

/** A comparison's value: 1 when it holds, else 0 (NaN when a side is). */
export const indicator = (a: number, b: number, holds: (a: number, b: number) => boolean): number =>
  Number.isNaN(a - b) ? NaN : holds(a, b) ? 1 : 0;
