/** Exact rational numbers over bigint, always in lowest terms with a positive denominator. */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Builds n/d in lowest terms; throws on a zero denominator. */
export function rat(n: bigint | number, d: bigint | number = 1n): Rational {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new RangeError('rational with zero denominator');
  if (dd < 0n) {
    nn = -nn;
    dd = -dd;
  }
  const g = gcd(nn, dd);
  return g > 1n ? { n: nn / g, d: dd / g } : { n: nn, d: dd };
}

/** Parses a decimal literal such as `12`, `0.25` or `1e-3` exactly. */
export function ratFromDecimal(text: string): Rational {
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) throw new SyntaxError(`not a number: ${text}`);
  const int = m[1] ?? '';
  const frac = m[2] ?? '';
  const exp = Number(m[3] ?? '0');
  let n = BigInt((int + frac) || '0');
  let d = 10n ** BigInt(frac.length);
  if (exp >= 0) n *= 10n ** BigInt(exp);
  else d *= 10n ** BigInt(-exp);
  return rat(n, d);
}

export const ZERO = rat(0);
export const ONE = rat(1);

export const isZero = (a: Rational): boolean => a.n === 0n;
export const isOne = (a: Rational): boolean => a.n === 1n && a.d === 1n;
export const isInteger = (a: Rational): boolean => a.d === 1n;
export const isNegative = (a: Rational): boolean => a.n < 0n;

export const ratAdd = (a: Rational, b: Rational): Rational => rat(a.n * b.d + b.n * a.d, a.d * b.d);
export const ratSub = (a: Rational, b: Rational): Rational => rat(a.n * b.d - b.n * a.d, a.d * b.d);
export const ratMul = (a: Rational, b: Rational): Rational => rat(a.n * b.n, a.d * b.d);
export const ratNeg = (a: Rational): Rational => ({ n: -a.n, d: a.d });
export const ratAbs = (a: Rational): Rational => (a.n < 0n ? ratNeg(a) : a);

/** 1/a; throws when a is zero. */
export function ratInv(a: Rational): Rational {
  return rat(a.d, a.n);
}

/** a^k for an integer k (negative allowed when a is nonzero). */
export function ratPowInt(a: Rational, k: bigint): Rational {
  if (k >= 0n) return rat(a.n ** k, a.d ** k);
  return rat(a.d ** -k, a.n ** -k);
}

export function ratCompare(a: Rational, b: Rational): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export const ratEq = (a: Rational, b: Rational): boolean => a.n === b.n && a.d === b.d;

export function ratToNumber(a: Rational): number {
  return Number(a.n) / Number(a.d);
}

/** `3`, `-3`, `3/4`. */
export function ratToString(a: Rational): string {
  return a.d === 1n ? a.n.toString() : `${a.n}/${a.d}`;
}
