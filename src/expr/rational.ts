/** Exact rational numbers over bigint, always in lowest terms with a positive denominator. */
import { GradproofError } from './errors.js';
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

/**
 * Exact numbers stay below 2^MAX_BITS (about 19,700 digits): past that, arithmetic on them
 * takes minutes or exhausts memory (`2^2^2^2^2^2`, `1e999999999`), so it is a limit error.
 */
export const MAX_BITS = 65_536;
const LIMIT = 1n << BigInt(MAX_BITS);
/** Largest decimal exponent of a literal (`1e20000` is about 66,000 bits). */
const MAX_DECIMAL_EXPONENT = 19_000;

function tooLarge(): never {
  throw new GradproofError('limit', `a number larger than 2^${MAX_BITS}, the limit for exact numbers`);
}

/** Builds n/d in lowest terms; throws on a zero denominator. */
export function rat(n: bigint | number, d: bigint | number = 1n): Rational {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new RangeError('rational with zero denominator');
  if (nn >= LIMIT || -nn >= LIMIT || dd >= LIMIT || -dd >= LIMIT) tooLarge();
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
  if (Math.abs(exp) > MAX_DECIMAL_EXPONENT) tooLarge();
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

// Zero, one and integers are most of the arithmetic the constructors do: they skip the gcd.
export const ratAdd = (a: Rational, b: Rational): Rational =>
  a.n === 0n ? b : b.n === 0n ? a : a.d === 1n && b.d === 1n ? integer(a.n + b.n) : rat(a.n * b.d + b.n * a.d, a.d * b.d);
export const ratSub = (a: Rational, b: Rational): Rational => rat(a.n * b.d - b.n * a.d, a.d * b.d);
export const ratMul = (a: Rational, b: Rational): Rational =>
  isOne(a) ? b : isOne(b) ? a : a.d === 1n && b.d === 1n ? integer(a.n * b.n) : rat(a.n * b.n, a.d * b.d);

/** The integer n as a rational, held to the same limit as `rat`. */
function integer(n: bigint): Rational {
  if (n >= LIMIT || -n >= LIMIT) tooLarge();
  return { n, d: 1n };
}
export const ratNeg = (a: Rational): Rational => ({ n: -a.n, d: a.d });
export const ratAbs = (a: Rational): Rational => (a.n < 0n ? ratNeg(a) : a);

/** 1/a; throws when a is zero. */
export function ratInv(a: Rational): Rational {
  return rat(a.d, a.n);
}

/** floor(log2(x)) for x >= 1. */
function log2Floor(x: bigint): number {
  const hex = x.toString(16);
  return (hex.length - 1) * 4 + 31 - Math.clz32(parseInt(hex[0]!, 16));
}

/** a^k for an integer k (negative allowed when a is nonzero). */
export function ratPowInt(a: Rational, k: bigint): Rational {
  const abs = a.n < 0n ? -a.n : a.n;
  if (abs <= 1n && a.d === 1n) return abs === 0n ? (k < 0n ? rat(1, 0) : k === 0n ? ONE : ZERO) : a.n === 1n || k % 2n === 0n ? ONE : a;
  // Check the result's size before computing it: `2^(10^100)` must not be attempted.
  const bits = BigInt(Math.max(log2Floor(abs), log2Floor(a.d)));
  if (bits * (k < 0n ? -k : k) > BigInt(MAX_BITS)) tooLarge();
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
