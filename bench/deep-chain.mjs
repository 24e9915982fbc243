// The deep chain of issue 7: n sigmoid layers z_k = w_k*a_(k-1) + b_k, a_k = sigmoid(z_k)
// (a_0 is x), binary cross-entropy on a_n, and the gradient by w1.

/** The problem file's text for n layers. */
export function deepChain(n) {
  const lines = [`title  ∂L/∂w1 through ${n} sigmoid layers`];
  for (let k = 1; k <= n; k++) {
    lines.push(`let    z${k} = w${k}*${k === 1 ? 'x' : `a${k - 1}`} + b${k}`);
    lines.push(`let    a${k} = sigmoid(z${k})`);
  }
  lines.push(`loss   L = -(y*log(a${n}) + (1 - y)*log(1 - a${n}))`);
  lines.push('wrt    w1');
  return `${lines.join('\n')}\n`;
}

/** The textbook form of the result: (a_n - y) times w_k*a_(k-1)*(1 - a_(k-1)) down the layers, times x. */
export function deepChainExpected(n) {
  const factors = [`(a${n} - y)`];
  for (let k = n; k >= 2; k--) factors.push(`w${k}*a${k - 1}*(1 - a${k - 1})`);
  factors.push('x');
  return factors.join('*');
}

/**
 * The same loss as one expression with every intermediate written out, for engines without
 * named intermediates: a_k = 1/(1 + exp(-(w_k*a_(k-1) + b_k))). Its text grows linearly.
 */
export function deepChainInlined(n) {
  let a = 'x';
  for (let k = 1; k <= n; k++) a = `1/(1 + exp(-(w${k}*${a} + b${k})))`;
  return `-(y*log(${a}) + (1 - y)*log(1 - ${a}))`;
}

/** The seed, formula 8-13, written out: binary cross-entropy on sigmoid(z). */
export const SEED_INLINED = '-(y*log(1/(1 + exp(-z))) + (1 - y)*log(1 - 1/(1 + exp(-z))))';

/** Spellings of the seed's textbook answer sigmoid(z) - y, for engines without names. */
export const SEED_TEXTBOOK = ['1/(1 + exp(-z)) - y', 'exp(z)/(1 + exp(z)) - y', 'sigmoid(z) - y'];
