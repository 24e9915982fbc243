/** Textbook gradients, as a user's test suite states them: with the `gradproof/vitest` matchers. */
import { describe, expect, it } from 'vitest';
import { gradproofMatchers } from '../../src/vitest/index.js';

expect.extend(gradproofMatchers);

const SOFTMAX3 = {
  a1: 'exp(z1)/(exp(z1) + exp(z2) + exp(z3))',
  a2: 'exp(z2)/(exp(z1) + exp(z2) + exp(z3))',
  a3: 'exp(z3)/(exp(z1) + exp(z2) + exp(z3))',
};

describe('formula 8-13 and its relatives', () => {
  it('the seed: ∂L/∂z2 = a2 - y', () => {
    expect('-(y*log(a2) + (1-y)*log(1-a2))').toHaveGradient({ wrt: 'z2', let: { a2: 'sigmoid(z2)' } }, 'a2 - y');
  });
  it('the seed as the textbook prints it, in LaTeX', () => {
    expect('-[y \\log a_2 + (1 - y) \\log(1 - a_2)]').toHaveGradient({ wrt: 'z2', let: ['a_2 = \\sigma(z_2)'] }, 'a_{2} - y');
  });
  it('the seed renamed: the names are the user\'s, nothing is special-cased', () => {
    expect('-(t*log(p) + (1-t)*log(1-p))').toHaveGradient({ wrt: 'u', let: { p: 'sigmoid(u)' } }, 'p - t');
  });
  it('the seed on the logit itself', () => {
    expect('-(y*log(sigmoid(z)) + (1-y)*log(1-sigmoid(z)))').toHaveGradient({ wrt: 'z' }, 'sigmoid(z) - y');
  });
  it('a wrong sign is refuted, so .not holds', () => {
    expect('-(y*log(a2) + (1-y)*log(1-a2))').not.toHaveGradient({ wrt: 'z2', let: { a2: 'sigmoid(z2)' } }, 'y - a2');
  });
});

describe('squared error', () => {
  it('on a sigmoid output', () => {
    expect('(a - y)^2/2').toHaveGradient({ wrt: 'z', let: { a: 'sigmoid(z)' } }, '(a - y)*a*(1 - a)');
  });
  it('on a tanh output', () => {
    expect('(a - y)^2/2').toHaveGradient({ wrt: 'z', let: { a: 'tanh(z)' } }, '(a - y)*(1 - a^2)');
  });
  it('on a tanh output, with 1 + a^2 in place of 1 - a^2: refuted', () => {
    expect('(a - y)^2/2').not.toHaveGradient({ wrt: 'z', let: { a: 'tanh(z)' } }, '(a - y)*(1 + a^2)');
  });
  it('by the loss\'s name', () => {
    expect('mse(y, a)').toHaveGradient({ wrt: 'w', let: { a: 'w*x + b' } }, '(a - y)*x');
  });
});

describe('softmax with 3 classes and categorical cross-entropy', () => {
  const loss = '-(y1*log(a1) + y2*log(a2) + y3*log(a3))';
  it('∂L/∂z1 = a1 - y1, given that the labels sum to 1', () => {
    expect(loss).toHaveGradient({ wrt: 'z1', let: SOFTMAX3, assume: 'y1 + y2 + y3 = 1' }, 'a1 - y1');
  });
  it('∂L/∂z3 = a3 - y3 the same way', () => {
    expect(loss).toHaveGradient({ wrt: 'z3', let: SOFTMAX3, assume: 'y1 + y2 + y3 = 1' }, 'a3 - y3');
  });
  it('without the fact, a1 - y1 is not the gradient (labels that do not sum to 1)', () => {
    expect(loss).not.toHaveGradient({ wrt: 'z1', let: SOFTMAX3 }, 'a1 - y1');
  });
});

describe('networks', () => {
  const twoLayer = { z1: 'w1*x + b1', a1: 'sigmoid(z1)', z2: 'w2*a1 + b2', a2: 'sigmoid(z2)' };
  const bce = '-(y*log(a2) + (1-y)*log(1-a2))';
  it('two sigmoid layers: ∂L/∂w1', () => {
    expect(bce).toHaveGradient({ wrt: 'w1', let: twoLayer }, '(a2 - y)*w2*a1*(1 - a1)*x');
  });
  it('two sigmoid layers: ∂L/∂w2 and ∂L/∂b1', () => {
    expect(bce).toHaveGradient({ wrt: 'w2', let: twoLayer }, '(a2 - y)*a1');
    expect(bce).toHaveGradient({ wrt: 'b1', let: twoLayer }, '(a2 - y)*w2*a1*(1 - a1)');
  });
  it('a missing factor of the chain is refuted', () => {
    expect(bce).not.toHaveGradient({ wrt: 'w1', let: twoLayer }, '(a2 - y)*w2*a1*x');
  });
  it('two inputs, two hidden neurons: ∂L/∂x1 sums over both paths', () => {
    const net = { z1: 'w11*x1 + w12*x2 + b1', z2: 'w21*x1 + w22*x2 + b2', h1: 'sigmoid(z1)', h2: 'sigmoid(z2)', o: 'v1*h1 + v2*h2 + c', a: 'sigmoid(o)' };
    expect('bce(y, a)').toHaveGradient({ wrt: 'x1', let: net }, '(a - y)*(v1*h1*(1 - h1)*w11 + v2*h2*(1 - h2)*w21)');
    expect('bce(y, a)').not.toHaveGradient({ wrt: 'x1', let: net }, '(a - y)*v1*h1*(1 - h1)*w11');
  });
});
