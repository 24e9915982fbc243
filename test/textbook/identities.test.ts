/** Identities a textbook uses on the way, with `toEqualSymbolically`. */
import { describe, expect, it } from 'vitest';
import { gradproofMatchers } from '../../src/vitest/index.js';

expect.extend(gradproofMatchers);

describe('sigmoid, tanh, softplus', () => {
  it('σ\'(z) from its definition: σ(1 - σ) = e^(-z)/(1 + e^(-z))^2', () => {
    expect('sigmoid(z)*(1 - sigmoid(z))').toEqualSymbolically('exp(-z)/(1 + exp(-z))^2');
  });
  it('log σ(z) = -softplus(-z)', () => {
    expect('log(sigmoid(z))').toEqualSymbolically('-softplus(-z)');
  });
  it('1 - σ(z) = σ(-z)', () => {
    expect('1 - sigmoid(z)').toEqualSymbolically('sigmoid(-z)');
  });
  it('1 - σ(z) is not σ(z)', () => {
    expect('1 - sigmoid(z)').not.toEqualSymbolically('sigmoid(z)');
  });
  it('the derivative of tanh', () => {
    expect('diff(tanh(z), z)').toEqualSymbolically('1 - tanh(z)^2');
    expect('diff(tanh(z), z)').not.toEqualSymbolically('1 + tanh(z)^2');
  });
});

describe('the seed\'s algebra, in the textbook\'s names', () => {
  it('steps 5 and 6: the fraction cancels', () => {
    expect('a2*(1 - a2)*(a2 - y)/(a2*(1 - a2))').toEqualSymbolically('a2 - y');
  });
  it('step 4: the two log terms as one fraction', () => {
    expect('(1 - y)/(1 - a2) - y/a2').toEqualSymbolically('(a2 - y)/(a2*(1 - a2))');
  });
  it('with the intermediate named', () => {
    expect('diff(a2, z2)').toEqualSymbolically('a2*(1 - a2)', { let: { a2: 'sigmoid(z2)' } });
  });
  it('with a fact: the labels sum to 1', () => {
    expect('a1*(y1 + y2 + y3) - y1').toEqualSymbolically('a1 - y1', { assume: 'y1 + y2 + y3 = 1' });
    expect('a1*(y1 + y2 + y3) - y1').not.toEqualSymbolically('a1 - y1');
  });
});
