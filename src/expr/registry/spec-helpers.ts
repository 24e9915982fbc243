/** Small builders the families share, so an entry reads as a table row. */
import type { Decimal } from 'decimal.js';
import type { CodeSpec, DecimalCtor, Dual, RangeSpec, Spelling } from './types.js';

/** A call spelled `prefix(args)`. */
export const spelled =
  (prefix: string): Spelling =>
  (args) =>
    `${prefix}(${args.join(', ')})`;

/** Code through JavaScript's Math and Python's math of the same name (or the one given). */
export const mathCode = (js: string, python = js): CodeSpec => ({ js: spelled(`Math.${js}`), python: spelled(`math.${python}`) });

/** A range [lo, hi] (open ends as given; infinite ends are always open), with a monotone map and inverse. */
export function span(lo: number, hi: number, loOpen: boolean, hiOpen: boolean, f?: (x: number) => number, inverse?: (y: number) => number): RangeSpec {
  return { lo, hi, loOpen: loOpen || lo === -Infinity, hiOpen: hiOpen || hi === Infinity, ...(f ? { f } : {}), ...(inverse ? { inverse } : {}) };
}
export const REAL_LINE = span(-Infinity, Infinity, true, true);

export const nan = (D: DecimalCtor): Decimal => new D(NaN);

/** The chain rule for a function of one argument: f'(u) u', with f' from the argument's value and f's. */
export const chain =
  (slope: (D: DecimalCtor, u: Decimal, v: Decimal) => Decimal) =>
  (D: DecimalCtor, args: readonly Dual[], v: Decimal): Decimal =>
    slope(D, args[0]!.v, v).times(args[0]!.d);

/** Its own value's rounding plus `slope` times the argument's error scale. */
export const errorWithSlope =
  (slope: (D: DecimalCtor, u: Decimal, v: Decimal) => Decimal) =>
  (D: DecimalCtor, args: readonly Dual[], v: Decimal): Decimal => {
    const own = v.isFinite() ? v.abs() : new D(0);
    return slope(D, args[0]!.v, v).abs().times(args[0]!.e).plus(own);
  };

/** a/b as the evaluator computes it: undefined (NaN) where b is 0. */
export const over = (a: number, b: number): number => (b === 0 ? NaN : a / b);

/** A floating-point bound just past π/2 and π, so that a range holding them holds the true values. */
export const HALF_PI_UP = 1.5707963267948968;
export const PI_UP = 3.1415926535897936;

/** A call whose argument's reciprocal is passed on: `Math.atan(1 / x)`. */
export const ofReciprocal =
  (prefix: string, one: string): Spelling =>
  ([x]) =>
    `${prefix}(${one} / ${x})`;

/** The reciprocal of a call: `(1 / Math.cos(x))`. */
export const reciprocalOf =
  (prefix: string, one: string): Spelling =>
  ([x]) =>
    `(${one} / ${prefix}(${x}))`;
