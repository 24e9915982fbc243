/**
 * Numbers are exact rationals inside; a user who wrote `0.044715` reads results in decimals
 * (`0.134145*x^2`, not `26829*x^2/200000`). While `inDecimals(true, …)` runs, the printers
 * write every non-integer rational that has a finite decimal expansion (its denominator is
 * 2^a 5^b) as that decimal; `1/3` stays a fraction. Outside it, nothing changes: `1/2` is `1/2`.
 * The setting holds only for the synchronous call, like latex.ts's written order.
 */
import { type Rational, ratAbs } from './rational.js';

/** While inDecimals(true, …) runs: whether to print decimals. */
let decimals = false;

/** `f()`, its printing in decimals when `on` (see above). */
export function inDecimals<T>(on: boolean, f: () => T): T {
  const outer = decimals;
  decimals = on;
  try {
    return f();
  } finally {
    decimals = outer;
  }
}

/** `k` with every factor `p` divided out, and how many there were. */
function strip(k: bigint, p: bigint): [bigint, number] {
  let n = 0;
  while (k % p === 0n) {
    k /= p;
    n++;
  }
  return [k, n];
}

/** The exact decimal of a non-integer `v` (`0.134145`, `-2.5`) when one is finite; else undefined. */
export function exactDecimal(v: Rational): string | undefined {
  if (v.d === 1n) return undefined;
  const [rest2, twos] = strip(v.d, 2n);
  const [rest, fives] = strip(rest2, 5n);
  if (rest !== 1n) return undefined;
  const places = Math.max(twos, fives);
  const a = ratAbs(v);
  const digits = ((a.n * 10n ** BigInt(places)) / a.d).toString().padStart(places + 1, '0');
  const text = `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return v.n < 0n ? `-${text}` : text;
}

/** The decimal `v` prints as now: exactDecimal while printing in decimals, else undefined. */
export const decimalNow = (v: Rational): string | undefined => (decimals ? exactDecimal(v) : undefined);
