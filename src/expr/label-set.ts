/** The polynomial a finite set of numbers is the roots of, and powers reduced modulo it. */
import { type Rational, ONE, ZERO, isZero, ratAdd, ratMul, ratNeg } from './rational.js';

/** Coefficients of prod (x - v) over the values, lowest power first (monic). */
export function vanishingPolynomial(values: readonly Rational[]): Rational[] {
  let c: Rational[] = [ONE];
  for (const v of values) {
    const next = new Array<Rational>(c.length + 1).fill(ZERO);
    c.forEach((k, i) => {
      next[i + 1] = ratAdd(next[i + 1]!, k);
      next[i] = ratAdd(next[i]!, ratMul(ratNeg(v), k));
    });
    c = next;
  }
  return c;
}

/** x^k modulo the monic polynomial `p` (coefficients lowest first): the remainder's coefficients, lowest first. */
export function powerModulo(k: number, p: readonly Rational[]): Rational[] {
  const n = p.length - 1;
  const r = new Array<Rational>(Math.max(k + 1, n)).fill(ZERO);
  r[k] = ONE;
  for (let d = k; d >= n; d--) {
    const lead = r[d]!;
    if (isZero(lead)) continue;
    // x^d = x^(d - n) * x^n, and x^n = -(p[0] + p[1] x + ... + p[n-1] x^(n-1)).
    for (let i = 0; i <= n; i++) r[d - n + i] = ratAdd(r[d - n + i]!, ratMul(ratNeg(lead), p[i]!));
  }
  return r.slice(0, n);
}
