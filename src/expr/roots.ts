/**
 * Square roots of positive rationals, exactly: `sqrt(8)` is `2*sqrt(2)`, `sqrt(1/2)` is
 * `sqrt(2)/2`, `sqrt(6)` is `sqrt(2)*sqrt(3)`. A root atom is `sqrt(m)` of an integer
 * m > 1; the algebra uses only `sqrt(m)^2 = m`, which holds for every such atom, so a
 * radicand left unfactored (too large to factor) costs completeness, never soundness.
 */
import { type Call, type Expr, call, num } from './node.js';
import { type Rational, rat } from './rational.js';

/** Trial division stops here: a larger cofactor is kept whole. */
const TRIAL_LIMIT = 10_000n;

/** `sqrt(q)` for q > 0 as a rational coefficient times roots of distinct primes (and maybe one unfactored cofactor). */
export function squareRoot(q: Rational): { readonly coefficient: Rational; readonly roots: readonly bigint[] } {
  // sqrt(n/d) = sqrt(n*d)/d.
  let rest = q.n * q.d;
  let outside = 1n;
  const roots: bigint[] = [];
  for (let p = 2n; p <= TRIAL_LIMIT && p * p <= rest; p += p === 2n ? 1n : 2n) {
    let k = 0;
    while (rest % p === 0n) {
      rest /= p;
      k++;
    }
    outside *= p ** BigInt(k >> 1);
    if (k & 1) roots.push(p);
  }
  if (rest > 1n) {
    const s = integerSqrt(rest);
    if (s * s === rest) outside *= s;
    else roots.push(rest);
  }
  return { coefficient: rat(outside, q.d), roots };
}

/** The root atom `sqrt(m)`. */
export const rootAtom = (m: bigint): Call => call('sqrt', num(m));

/** m when `e` is a root atom `sqrt(m)` with m an integer above 1, else undefined. */
export function rootRadicand(e: Expr): bigint | undefined {
  if (e.kind !== 'call' || e.fn !== 'sqrt' || e.args.length !== 1) return undefined;
  const a = e.args[0]!;
  return a.kind === 'num' && a.value.d === 1n && a.value.n > 1n ? a.value.n : undefined;
}

function integerSqrt(n: bigint): bigint {
  if (n < 2n) return n;
  // Newton's method from a power of two above the root.
  let x = 1n << BigInt((n.toString(2).length >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}
