/** The matchers' verdicts and failure messages: what was derived, the point with both values, the LaTeX of both sides. */
import { describe, expect, it } from 'vitest';
import { gradproofMatchers } from '../../src/vitest/index.js';
import { loadRules } from '../../src/api/rules.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/source.js';

expect.extend(gradproofMatchers);

const BCE = '-(y*log(a2) + (1-y)*log(1-a2))';
const SEED = { wrt: 'z2', let: { a2: 'sigmoid(z2)' } };

/** The message of a failing assertion. */
function failure(assertion: () => void): string {
  try {
    assertion();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the assertion passed');
}

describe('toHaveGradient', () => {
  it('a wrong gradient: what was derived, where it differs and by how much, both sides in LaTeX', () => {
    expect(failure(() => expect(BCE).toHaveGradient(SEED, 'a2 + y'))).toBe(
      [
        'expected ∂L/∂z2 = a2 + y to be proven, but it is refuted',
        '  loss:       -(y*log(a2) + (1-y)*log(1-a2))',
        '  given:      a2 = sigmoid(z2)',
        '  derived:    ∂L/∂z2 = a2 - y',
        '  expected:   a2 + y',
        '  at:         y = 0.3, z2 = 2: derived 0.580797, expected 1.18080',
        '  LaTeX:      derived   a_{2} - y',
        '              expected  a_{2} + y',
      ].join('\n'),
    );
  });
  it('.not on the right gradient: it is proven', () => {
    expect(failure(() => expect(BCE).not.toHaveGradient(SEED, 'a2 - y'))).toBe(
      [
        'expected ∂L/∂z2 = a2 - y to be refuted, but it is proven (the kernel replayed the proof)',
        '  loss:       -(y*log(a2) + (1-y)*log(1-a2))',
        '  given:      a2 = sigmoid(z2)',
        '  derived:    ∂L/∂z2 = a2 - y',
        '  expected:   a2 - y',
        '  LaTeX:      derived   a_{2} - y',
        '              expected  a_{2} - y',
      ].join('\n'),
    );
  });
});

describe('toEqualSymbolically', () => {
  it('a false equality: the point and both values', () => {
    expect(failure(() => expect('1 - sigmoid(z)').toEqualSymbolically('sigmoid(z)'))).toBe(
      [
        'expected 1 - sigmoid(z) = sigmoid(z) to be proven, but it is refuted',
        '  left:       1 - sigmoid(z)',
        '  right:      sigmoid(z)',
        '  at:         z = 0.3: left 0.425557, right 0.574443',
        '  LaTeX:      left   1 - \\sigma\\left(z\\right)',
        '              right  \\sigma\\left(z\\right)',
      ].join('\n'),
    );
  });
  it('unknown fails both ways: neither proven nor refuted', () => {
    expect(failure(() => expect('erf(x) + erf(-x)').toEqualSymbolically('0'))).toBe(
      [
        'expected erf(x) + erf(-x) = 0 to be proven, but it is unknown: neither proven nor refuted',
        '  left:       erf(x) + erf(-x)',
        '  right:      0',
        '  evidence:   the two sides agree at 24 sample points, but no algebraic proof was found',
        '  LaTeX:      left   \\operatorname{erf}\\left(x\\right) + \\operatorname{erf}\\left(-x\\right)',
        '              right  0',
      ].join('\n'),
    );
    expect(failure(() => expect('erf(x) + erf(-x)').not.toEqualSymbolically('0'))).toMatch(/^expected erf\(x\) \+ erf\(-x\) = 0 to be refuted, but it is unknown: neither proven nor refuted\n/);
  });
  it('.not on a true equality names the rules that prove it', () => {
    expect(failure(() => expect('log(sigmoid(z))').not.toEqualSymbolically('-softplus(-z)'))).toBe(
      [
        'expected log(sigmoid(z)) = -softplus(-z) to be refuted, but it is proven (the kernel replayed the proof)',
        '  left:       log(sigmoid(z))',
        '  right:      -softplus(-z)',
        '  by:         id.log-sigmoid',
        '  LaTeX:      left   \\log\\left(\\sigma\\left(z\\right)\\right)',
        '              right  -\\operatorname{softplus}\\left(-z\\right)',
      ].join('\n'),
    );
  });
});

describe('with a user\'s rules', () => {
  const rules = loadRules({ name: 'gauss.rules', text: readFileSync(join(ROOT, 'test/fixtures/rules/gauss.rules'), 'utf8') });
  it('a new activation and its derivative', () => {
    expect('(a - y)^2/2').toHaveGradient({ wrt: 'z', let: { a: 'gauss(z)' }, rules }, '-2*z*a*(a - y)');
    expect('(a - y)^2/2').not.toHaveGradient({ wrt: 'z', let: { a: 'gauss(z)' }, rules }, '2*z*a*(a - y)');
    expect('diff(gauss(z), z)').toEqualSymbolically('-2*z*exp(-z^2)', { rules });
  });
  it('.not on a proven gradient: what it rests on, the rule file an axiom among it', () => {
    expect(failure(() => expect('(a - y)^2/2').not.toHaveGradient({ wrt: 'z', let: { a: 'gauss(z)' }, assume: 'y > 0', rules }, '-2*z*a*(a - y)'))).toBe(
      [
        'expected ∂L/∂z = -2*z*a*(a - y) to be refuted, but it is proven (the kernel replayed the proof)',
        '  loss:       (a - y)^2/2',
        '  given:      a = gauss(z)',
        '  derived:    ∂L/∂z = -2*(a - y)*a*z',
        '  expected:   -2*z*a*(a - y)',
        '  assuming:   y > 0',
        '  axioms:     proven from the rules of gauss.rules',
        '  LaTeX:      derived   -2 \\left(a - y\\right) a z',
        '              expected  -2 a z \\left(a - y\\right)',
      ].join('\n'),
    );
    expect(failure(() => expect('gauss(z)').not.toEqualSymbolically('a', { let: { a: 'exp(-z^2)' }, rules }))).toMatch(
      /\n {2}given: {6}a = exp\(-z\^2\)\n {2}axioms: {5}proven from the rules of gauss\.rules\n/,
    );
  });
});
