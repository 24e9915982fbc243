/** Exact rationals for the kernel: bigint numerator over positive denominator, in lowest terms. */
export interface Q { readonly n: bigint; readonly d: bigint; }

/** Exact numbers stay below 2^65536: past that the kernel refuses rather than compute for minutes. */
const LIMIT = 1n << 65_536n;
export class NumberLimit extends Error {}

function gcd(a: bigint, b: bigint): bigint {
  [a, b] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (b) [a, b] = [b, a % b];
  return a;
}

export function q(n: bigint, d = 1n): Q {
  if (d === 0n) throw new RangeError('zero denominator');
  if (n >= LIMIT || -n >= LIMIT || d >= LIMIT || -d >= LIMIT) throw new NumberLimit('a number past the limit for exact numbers');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const ZERO = q(0n);
export const ONE = q(1n);
export const qAdd = (a: Q, b: Q): Q => (a.n === 0n ? b : b.n === 0n ? a : q(a.n * b.d + b.n * a.d, a.d * b.d));
export const qMul = (a: Q, b: Q): Q => (a.n === 1n && a.d === 1n ? b : b.n === 1n && b.d === 1n ? a : q(a.n * b.n, a.d * b.d));
export const qNeg = (a: Q): Q => ({ n: -a.n, d: a.d });
export const qInv = (a: Q): Q => q(a.d, a.n);
export const qEq = (a: Q, b: Q): boolean => a.n === b.n && a.d === b.d;
export const qCmp = (a: Q, b: Q): number => Math.sign(Number(a.n * b.d - b.n * a.d));
export const qStr = (a: Q): string => (a.d === 1n ? `${a.n}` : `${a.n}/${a.d}`);

/** a^k for an integer k (a nonzero when k < 0), refused when the result would pass the limit. */
export function qPow(a: Q, k: bigint): Q {
  const bits = BigInt(Math.max((a.n < 0n ? -a.n : a.n).toString(2).length, a.d.toString(2).length));
  if ((a.n > 1n || a.n < -1n || a.d > 1n) && bits * (k < 0n ? -k : k) > 65_536n) throw new NumberLimit('a number past the limit for exact numbers');
  return k >= 0n ? q(a.n ** k, a.d ** k) : q(a.d ** -k, a.n ** -k);
}
