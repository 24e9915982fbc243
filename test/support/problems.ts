/**
 * The textbook's problems, as data shared by the tests: each problem, the gradient exactly
 * as the engine prints it, and the textbook's answer with the verdict on it.
 */
import type { Verdict } from '../../src/verdict/equality.js';

export const BCE = '-(y*log(a2) + (1-y)*log(1-a2))';
export const SEED = ['a2 = sigmoid(z2)'];
export const TWO_LAYER = ['z1 = w1*x + b1', 'a1 = sigmoid(z1)', 'z2 = w2*a1 + b2', 'a2 = sigmoid(z2)'];

export interface Row {
  /** What the row is about, as a test name. */
  readonly what: string;
  readonly loss: string;
  readonly let?: readonly string[];
  readonly wrt: string;
  /** The gradient the engine derives on its own (no expectation given), exactly as printed. */
  readonly derived: string;
  /** The JSON `conditions` of that derivation, when the row pins them. */
  readonly conditions?: readonly string[];
  /** The textbook's answer, and the verdict on it. */
  readonly expect?: string;
  readonly verdict?: Verdict;
  /** The printed result when the expectation is given (a proven one becomes the last line). */
  readonly shown?: string;
}

export const TEXTBOOK: readonly Row[] = [
  // The seed, formula 8-13, and the same problem written the other ways textbooks write it.
  { what: 'BCE + sigmoid (the seed)', loss: BCE, let: SEED, wrt: 'z2', derived: 'a2 - y', conditions: [], expect: 'a2 - y', verdict: 'proven' },
  { what: 'other names: p = sigmoid(t)', loss: '-(y*log(p) + (1-y)*log(1-p))', let: ['p = sigmoid(t)'], wrt: 't', derived: 'p - y', conditions: [], expect: 'p - y', verdict: 'proven' },
  { what: 'the loss as a difference of two terms', loss: '-y*log(a2) - (1-y)*log(1-a2)', let: SEED, wrt: 'z2', derived: 'a2 - y', conditions: [], expect: 'a2 - y', verdict: 'proven' },
  { what: 'terms reordered', loss: '-((1-y)*log(1-a2) + y*log(a2))', let: SEED, wrt: 'z2', derived: 'a2 - y', expect: 'a2 - y', verdict: 'proven' },
  { what: 'σ for sigmoid', loss: BCE, let: ['a2 = σ(z2)'], wrt: 'z2', derived: 'a2 - y', expect: 'a2 - y', verdict: 'proven' },
  { what: 'ln for log', loss: '-(y*ln(a2) + (1-y)*ln(1-a2))', let: SEED, wrt: 'z2', derived: 'a2 - y', expect: 'a2 - y', verdict: 'proven' },
  { what: 'brackets, juxtaposition and a Unicode minus', loss: '-[y log(a2) + (1 - y) log(1 - a2)]', let: SEED, wrt: 'z2', derived: 'a2 - y', expect: 'a2 − y', verdict: 'proven', shown: 'a2 - y' },
  { what: 'no definition at all', loss: '-(y*log(sigmoid(z)) + (1-y)*log(1-sigmoid(z)))', wrt: 'z', derived: 'sigmoid(z) - y', conditions: [], expect: 'sigmoid(z) - y', verdict: 'proven' },
  { what: 'BCE with respect to the label', loss: BCE, let: SEED, wrt: 'y', derived: 'log(1 - a2) - log(a2)', conditions: [], expect: 'log(1 - a2) - log(a2)', verdict: 'proven' },

  // Squared error.
  { what: 'MSE + sigmoid', loss: '(a - y)^2/2', let: ['a = sigmoid(z)'], wrt: 'z', derived: '(a - y)*a*(1 - a)', conditions: [], expect: '(a - y)*a*(1 - a)', verdict: 'proven', shown: '(a - y)*a*(1 - a)' },
  { what: 'MSE + sigmoid without the 1/2', loss: '(a - y)^2', let: ['a = sigmoid(z)'], wrt: 'z', derived: '2*(a - y)*a*(1 - a)', expect: '2*(a - y)*a*(1 - a)', verdict: 'proven', shown: '2*(a - y)*a*(1 - a)' },
  { what: 'MSE + identity, no definition', loss: '(z - y)^2/2', wrt: 'z', derived: 'z - y', conditions: [], expect: 'z - y', verdict: 'proven' },
  { what: 'MSE + identity, a = z', loss: '(a - y)^2/2', let: ['a = z'], wrt: 'z', derived: 'a - y', expect: 'a - y', verdict: 'proven' },
  { what: 'MSE + linear unit, by the weight', loss: '(a - y)^2/2', let: ['a = w*x + b'], wrt: 'w', derived: '(a - y)*x', expect: '(a - y)*x', verdict: 'proven', shown: '(a - y)*x' },
  { what: 'MSE + linear unit, by the bias', loss: '(a - y)^2/2', let: ['a = w*x + b'], wrt: 'b', derived: 'a - y', expect: 'a - y', verdict: 'proven' },
  { what: 'tanh + MSE', loss: '(a - y)^2/2', let: ['a = tanh(z)'], wrt: 'z', derived: '(a - y)*(1 - a^2)', conditions: [], expect: '(a - y)*(1 - a^2)', verdict: 'proven', shown: '(a - y)*(1 - a^2)' },
  { what: 'tanh + MSE, 1 - a^2 factored', loss: '(a - y)^2/2', let: ['a = tanh(z)'], wrt: 'z', derived: '(a - y)*(1 - a^2)', expect: '(a - y)*(1 - a)*(1 + a)', verdict: 'proven', shown: '(a - y)*(1 - a)*(1 + a)' },

  // One function at a time.
  { what: 'sigmoid', loss: 'sigmoid(z)', wrt: 'z', derived: 'sigmoid(z)*(1 - sigmoid(z))', expect: 'sigmoid(z)*(1 - sigmoid(z))', verdict: 'proven' },
  { what: 'tanh', loss: 'tanh(z)', wrt: 'z', derived: '1 - tanh(z)^2', expect: '1 - tanh(z)^2', verdict: 'proven' },
  { what: 'softplus', loss: 'softplus(z)', wrt: 'z', derived: 'sigmoid(z)', expect: 'sigmoid(z)', verdict: 'proven' },
  { what: 'softplus, the logistic loss on a logit', loss: 'softplus(z) - y*z', wrt: 'z', derived: 'sigmoid(z) - y', expect: 'sigmoid(z) - y', verdict: 'proven' },
  { what: 'log(1 + exp(z)), written out', loss: 'log(1 + exp(z))', wrt: 'z', derived: 'sigmoid(z)', conditions: [] },
  { what: 'exp of a multiple', loss: 'exp(2*x)', wrt: 'x', derived: '2*exp(2*x)', expect: '2*exp(2*x)', verdict: 'proven' },
  { what: 'exp of a square (chain rule)', loss: 'exp(x^2)', wrt: 'x', derived: '2*x*exp(x^2)', conditions: [], expect: '2*x*exp(x^2)', verdict: 'proven' },
  { what: 'exp of a negation', loss: 'exp(-z)', wrt: 'z', derived: '-exp(-z)', expect: '-exp(-z)', verdict: 'proven' },
  { what: 'sqrt', loss: 'sqrt(x)', wrt: 'x', derived: '1/(2*sqrt(x))', conditions: ['x > 0'], expect: '1/(2*sqrt(x))', verdict: 'proven' },
  { what: 'sqrt of a sum (chain rule)', loss: 'sqrt(1 + x^2)', wrt: 'x', derived: 'x/sqrt(1 + x^2)', conditions: [], expect: 'x/sqrt(1 + x^2)', verdict: 'proven' },
  { what: 'sine times cosine', loss: 'sin(x)*cos(x)', wrt: 'x', derived: 'cos(x)^2 - sin(x)^2', expect: 'cos(x)^2 - sin(x)^2', verdict: 'proven' },
  { what: '-log of a sigmoid', loss: '-log(a)', let: ['a = sigmoid(z)'], wrt: 'z', derived: 'a - 1', conditions: [], expect: 'a - 1', verdict: 'proven' },

  // Power rules.
  { what: 'x^3', loss: 'x^3', wrt: 'x', derived: '3*x^2', expect: '3*x^2', verdict: 'proven' },
  { what: 'a polynomial', loss: 'x^3 + 3*x', wrt: 'x', derived: '3 + 3*x^2', expect: '3*x^2 + 3', verdict: 'proven', shown: '3 + 3*x^2' },
  { what: '1/x', loss: '1/x', wrt: 'x', derived: '-1/x^2', expect: '-1/x^2', verdict: 'proven' },
  { what: 'a negative exponent', loss: 'x^(-2)', wrt: 'x', derived: '-2/x^3', expect: '-2/x^3', verdict: 'proven' },
  { what: 'a fractional exponent', loss: 'x^(1/2)', wrt: 'x', derived: 'x^(-1/2)/2', expect: 'x^(-1/2)/2', verdict: 'proven' },
  { what: 'a negative fractional exponent', loss: '(1 + x^2)^(-1/2)', wrt: 'x', derived: '-x*(1 + x^2)^(-3/2)', expect: '-x*(x^2 + 1)^(-3/2)', verdict: 'proven', shown: '-x*(1 + x^2)^(-3/2)' },
  { what: 'a power of a sum (chain rule)', loss: '(x^2 + 1)^3', wrt: 'x', derived: '6*x*(1 + x^2)^2', expect: '6*x*(x^2 + 1)^2', verdict: 'proven', shown: '6*x*(1 + x^2)^2' },
  { what: 'a constant base', loss: '2^x', wrt: 'x', derived: '2^x*log(2)', expect: 'log(2)*2^x', verdict: 'proven', shown: '2^x*log(2)' },
  { what: 'x^x (general power rule)', loss: 'x^x', wrt: 'x', derived: 'x^x*(1 + log(x))', conditions: ['x > 0'], expect: 'x^x*(log(x) + 1)', verdict: 'proven', shown: 'x^x*(1 + log(x))' },
  { what: 'a monomial in two variables', loss: 'x^2*y^3', wrt: 'y', derived: '3*x^2*y^2', expect: '3*x^2*y^2', verdict: 'proven' },

  // Product and quotient rules.
  { what: 'product rule: x*exp(x)', loss: 'x*exp(x)', wrt: 'x', derived: 'exp(x)*(1 + x)', expect: '(1 + x)*exp(x)', verdict: 'proven', shown: 'exp(x)*(1 + x)' },
  { what: 'product rule: x*log(x)', loss: 'x*log(x)', wrt: 'x', derived: '1 + log(x)', conditions: ['x > 0'], expect: 'log(x) + 1', verdict: 'proven', shown: '1 + log(x)' },
  { what: 'quotient rule: x/(1 + x)', loss: 'x/(1+x)', wrt: 'x', derived: '1/(1 + x)^2', conditions: ['x != -1'], expect: '1/(1+x)^2', verdict: 'proven', shown: '1/(1 + x)^2' },
  { what: 'quotient rule: (1 + x)/(1 - x)', loss: '(1+x)/(1-x)', wrt: 'x', derived: '2/(1 - x)^2', conditions: ['x != 1'], expect: '2/(1-x)^2', verdict: 'proven', shown: '2/(1 - x)^2' },
  { what: 'quotient rule: log(x)/x', loss: 'log(x)/x', wrt: 'x', derived: '(1 - log(x))/x^2', conditions: ['x > 0'], expect: '(1 - log(x))/x^2', verdict: 'proven' },
  { what: 'a product of two intermediates', loss: 'a*b', let: ['a = 2*z', 'b = z^2'], wrt: 'z', derived: 'a^2 + 2*b', conditions: [], expect: '6*z^2', verdict: 'proven', shown: '6*z^2' },

  // Networks: the chain rule through a graph of definitions, given in any order.
  { what: 'logistic regression, by the weight', loss: '-(y*log(a) + (1-y)*log(1-a))', let: ['a = sigmoid(z)', 'z = w*x + b'], wrt: 'w', derived: '(a - y)*x', conditions: [], expect: '(a - y)*x', verdict: 'proven', shown: '(a - y)*x' },
  { what: 'two layers, by w1', loss: BCE, let: TWO_LAYER, wrt: 'w1', derived: '(a2 - y)*w2*a1*(1 - a1)*x', conditions: [], expect: '(a2 - y)*w2*a1*(1 - a1)*x', verdict: 'proven', shown: '(a2 - y)*w2*a1*(1 - a1)*x' },
  { what: 'two layers, definitions reversed', loss: BCE, let: [...TWO_LAYER].reverse(), wrt: 'w1', derived: '(a2 - y)*w2*a1*(1 - a1)*x', expect: '(a2 - y)*w2*a1*(1 - a1)*x', verdict: 'proven', shown: '(a2 - y)*w2*a1*(1 - a1)*x' },
  { what: 'two layers, definitions shuffled', loss: BCE, let: [TWO_LAYER[2]!, TWO_LAYER[0]!, TWO_LAYER[3]!, TWO_LAYER[1]!], wrt: 'w1', derived: '(a2 - y)*w2*a1*(1 - a1)*x', expect: '(a2 - y)*w2*a1*(1 - a1)*x', verdict: 'proven', shown: '(a2 - y)*w2*a1*(1 - a1)*x' },
  { what: 'two layers, by b1', loss: BCE, let: TWO_LAYER, wrt: 'b1', derived: '(a2 - y)*w2*a1*(1 - a1)', expect: '(a2 - y)*w2*a1*(1 - a1)', verdict: 'proven', shown: '(a2 - y)*w2*a1*(1 - a1)' },
  { what: 'two layers, by z1', loss: BCE, let: TWO_LAYER, wrt: 'z1', derived: '(a2 - y)*w2*a1*(1 - a1)' },
  { what: 'two layers, by a1', loss: BCE, let: TWO_LAYER, wrt: 'a1', derived: '(a2 - y)*w2', expect: '(a2 - y)*w2', verdict: 'proven', shown: '(a2 - y)*w2' },
  { what: 'two layers, by w2', loss: BCE, let: TWO_LAYER, wrt: 'w2', derived: '(a2 - y)*a1', expect: '(a2 - y)*a1', verdict: 'proven', shown: '(a2 - y)*a1' },
  { what: 'two layers, by b2', loss: BCE, let: TWO_LAYER, wrt: 'b2', derived: 'a2 - y', expect: 'a2 - y', verdict: 'proven' },
  { what: 'two layers, by the input', loss: BCE, let: TWO_LAYER, wrt: 'x', derived: '(a2 - y)*w2*a1*(1 - a1)*w1' },
];
