/**
 * Helper functions generated code calls, by name, in each language: written out so that they
 * never overflow and lose no digits. A registry entry's `code` names the helper it needs.
 */

/** The JavaScript helpers; `typed` adds TypeScript annotations. */
export function jsHelpers(typed: boolean): Readonly<Record<string, string>> {
  const n = typed ? ': number' : '';
  return {
    sigmoid: `/** sigmoid(x) = 1/(1 + exp(-x)), through exp of a nonpositive number only: it never overflows. */
function sigmoid(x${n})${n} {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const t = Math.exp(x);
  return t / (1 + t);
}`,
    softplus: `/** softplus(x) = log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|)): no overflow, no lost digits. */
function softplus(x${n})${n} {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}`,
    logsumexp: `/** log(Σ exp(x)) = m + log(Σ exp(x - m)) with m = max(x): no overflow, no underflow to log(0). */
function logsumexp(...xs${typed ? ': number[]' : ''})${n} {
  const m = Math.max(...xs);
  if (!Number.isFinite(m)) return m;
  let s = 0;
  for (const x of xs) s += Math.exp(x - m);
  return m + Math.log(s);
}`,
    erf: `/** The error function: its series for |x| < 3, else a continued fraction for erfc. */
function erf(x${n})${n} {
  const t = Math.abs(x);
  if (t < 3) {
    let sum = t;
    let term = t;
    for (let k = 1; k < 60; k++) {
      term *= (-t * t) / k;
      sum += term / (2 * k + 1);
    }
    return Math.sign(x) * ((2 / Math.sqrt(Math.PI)) * sum);
  }
  let f = 0;
  for (let k = 60; k >= 1; k--) f = k / 2 / (t + f);
  return Math.sign(x) * (1 - Math.exp(-t * t) / Math.sqrt(Math.PI) / (t + f));
}`,
    erfc: `/** erfc(x) = 1 - erf(x), by a continued fraction for x >= 3, where 1 - erf(x) would lose every digit. */
function erfc(x${n})${n} {
  if (x < 3) {
    const t = Math.abs(x);
    let sum = t;
    let term = t;
    for (let k = 1; k < 60; k++) {
      term *= (-t * t) / k;
      sum += term / (2 * k + 1);
    }
    return 1 - Math.sign(x) * ((2 / Math.sqrt(Math.PI)) * sum);
  }
  let f = 0;
  for (let k = 60; k >= 1; k--) f = k / 2 / (x + f);
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / (x + f);
}`,
    sinc: `/** sinc(x) = sin(x)/x, and 1 at 0. */
function sinc(x${n})${n} {
  return x === 0 ? 1 : Math.sin(x) / x;
}`,
    round_half_away: `/** The nearest integer, halves away from zero (round(-2.5) = -3); |x| - floor(|x|) is exact. */
function round_half_away(x${n})${n} {
  const a = Math.abs(x);
  const f = Math.floor(a);
  return Math.sign(x) * (a - f >= 0.5 ? f + 1 : f);
}`,
    mod: `/** x - k*floor(x/k): the remainder with the sign of k. */
function mod(x${n}, k${n})${n} {
  return x - k * Math.floor(x / k);
}`,
  };
}

export const PYTHON_HELPERS: Readonly<Record<string, string>> = {
  sigmoid: `def sigmoid(x):
    """sigmoid(x) = 1/(1 + exp(-x)), through exp of a nonpositive number only: it never overflows."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    t = math.exp(x)
    return t / (1.0 + t)`,
  softplus: `def softplus(x):
    """softplus(x) = log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|)): no overflow, no lost digits."""
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))`,
  logsumexp: `def logsumexp(*xs):
    """log(sum(exp(x))) = m + log(sum(exp(x - m))) with m = max(x): no overflow, no underflow to log(0)."""
    m = max(xs)
    if math.isinf(m) or math.isnan(m):
        return m
    return m + math.log(sum(math.exp(x - m) for x in xs))`,
  sinc: `def sinc(x):
    """sinc(x) = sin(x)/x, and 1 at 0."""
    return 1.0 if x == 0 else math.sin(x) / x`,
  cbrt: `def cbrt(x):
    """The real cube root, negative for negative x."""
    return math.copysign(abs(x) ** (1.0 / 3.0), x)`,
  nth_root: `def nth_root(x, n):
    """x ** (1/n) for x >= 0; NaN for x < 0 (as gradproof defines nthRoot)."""
    return x ** (1.0 / n) if x >= 0 else math.nan`,
  round_half_away: `def round_half_away(x):
    """The nearest integer, halves away from zero (round_half_away(-2.5) = -3); abs(x) - floor(abs(x)) is exact."""
    a = abs(x)
    f = math.floor(a)
    return math.copysign(f + 1.0 if a - f >= 0.5 else float(f), x)`,
  mod: `def mod(x, k):
    """x - k*floor(x/k): the remainder with the sign of k."""
    return x - k * math.floor(x / k)`,
};

