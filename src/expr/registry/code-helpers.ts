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
};

