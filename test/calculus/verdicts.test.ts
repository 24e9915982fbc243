/**
 * Verdicts on wrong and undecidable expectations: a wrong answer is refuted with a
 * counterexample that assigns every free variable and whose values we recompute here; an
 * identity the algebra cannot decide is `unknown`, never `proven`.
 */
import { describe, expect, it } from 'vitest';
import { derive, type DeriveInput } from '../../src/api/derive.js';
import { close } from '../../src/expr/numeric.js';
import { expectMatchesFiniteDifferences } from '../support/fd.js';

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
const BCE = '-(y*log(a2) + (1-y)*log(1-a2))';
const seed = (expect: string | string[]): DeriveInput => ({ loss: BCE, let: ['a2 = sigmoid(z2)'], wrt: 'z2', expect });

/** Wrong answers to the seed, and each side's value at a point, computed by hand here. */
const refutations: ReadonlyArray<readonly [string, (y: number, z2: number) => number]> = [
  ['a2 + y', (y, z2) => sigmoid(z2) + y],
  ['(a2 - y)*a2*(1 - a2)', (y, z2) => (sigmoid(z2) - y) * sigmoid(z2) * (1 - sigmoid(z2))],
  ['y - a2', (y, z2) => y - sigmoid(z2)],
  ['a2*(1 - a2)', (_y, z2) => sigmoid(z2) * (1 - sigmoid(z2))],
];

describe('a wrong expectation is refuted, with a counterexample we can check by hand', () => {
  it.each(refutations)('∂L/∂z2 = %s is refuted', (expected, byHand) => {
    const r = derive(seed(expected));
    expect(r.result).toBe('a2 - y');
    expect(r.verdict).toBe('refuted');
    const e = r.expectations[0]!;
    expect(e.verdict).toBe('refuted');
    expect(e.evidence).toBeNull();
    // Every free variable is assigned, and nothing else.
    const point = e.counterexample!;
    expect(Object.keys(point).sort()).toEqual(['y', 'z2']);
    expect(r.counterexample).toEqual(point);
    // The two values differ, and are what the two sides are at that point.
    const { result, expected: other } = e.values!;
    expect(close(result, other, 1e-6)).toBe(false);
    expect(close(result, sigmoid(point.z2!) - point.y!, 1e-12)).toBe(true);
    expect(close(other, byHand(point.y!, point.z2!), 1e-12)).toBe(true);
    expectMatchesFiniteDifferences(r);
  });

  it('the counterexample is a readable point', () => {
    const e = derive(seed('a2 + y')).expectations[0]!;
    expect(e.counterexample).toEqual({ y: 0.3, z2: 2 });
    expect(e.values!.result).toBeCloseTo(0.5807970779778824, 14);
    expect(e.values!.expected).toBeCloseTo(1.1807970779778822, 14);
  });

  it('one wrong expectation among right ones refutes the whole', () => {
    const r = derive(seed(['a2 - y', 'a2 + y']));
    expect(r.expectations.map((e) => [e.expected, e.verdict])).toEqual([
      ['a2 - y', 'proven'],
      ['a2 + y', 'refuted'],
    ]);
    expect(r.verdict).toBe('refuted');
    expect(r.result).toBe('a2 - y');
    expect(r.counterexample).toEqual(r.expectations[1]!.counterexample);
  });

  it('MSE + sigmoid: the BCE answer a - y is refuted', () => {
    const r = derive({ loss: '(a - y)^2/2', let: ['a = sigmoid(z)'], wrt: 'z', expect: 'a - y' });
    expect(r.verdict).toBe('refuted');
    const point = r.expectations[0]!.counterexample!;
    expect(Object.keys(point).sort()).toEqual(['y', 'z']);
    const a = sigmoid(point.z!);
    expect(close(r.expectations[0]!.values!.result, a * (1 - a) * (a - point.y!), 1e-12)).toBe(true);
    expect(close(r.expectations[0]!.values!.expected, a - point.y!, 1e-12)).toBe(true);
    expectMatchesFiniteDifferences(r);
  });

  it('two layers: forgetting the first layer’s sigmoid derivative is refuted', () => {
    const r = derive({
      loss: BCE,
      let: ['z1 = w1*x + b1', 'a1 = sigmoid(z1)', 'z2 = w2*a1 + b2', 'a2 = sigmoid(z2)'],
      wrt: 'w1',
      expect: '(a2 - y)*w2*x',
    });
    expect(r.verdict).toBe('refuted');
    expect(Object.keys(r.expectations[0]!.counterexample!).sort()).toEqual(['b1', 'b2', 'w1', 'w2', 'x', 'y']);
    expectMatchesFiniteDifferences(r);
  });
});

const UNDECIDED = 'the two sides agree at 24 sample points, but no algebraic proof was found';

/** True identities the algebra (quotients of polynomials over atoms) cannot see. */
const unknowns: ReadonlyArray<{ what: string; input: DeriveInput; derived: string }> = [
  { what: 'the double angle inside the seed’s answer', input: seed('(a2 - y)*(sin(2*z2) - 2*sin(z2)*cos(z2) + 1)'), derived: 'a2 - y' },
  { what: 'the double angle as the whole answer', input: { loss: 'x*(sin(2*z) - 2*sin(z)*cos(z) + 1)', wrt: 'x', expect: '1' }, derived: '1 - 2*cos(z)*sin(z) + sin(2*z)' },
  { what: 'tanh against its exponentials', input: { loss: '(a - y)^2/2', let: ['a = tanh(z)'], wrt: 'z', expect: '(a - y)*4/(exp(z) + exp(-z))^2' }, derived: '(a - y)*(1 - a^2)' },
];

describe('an identity the algebra cannot decide is unknown, never proven', () => {
  it.each(unknowns.map((u) => [u.what, u] as const))('%s', (_, u) => {
    const r = derive(u.input);
    expect(r.expectations.map((e) => e.verdict)).toEqual(['unknown']);
    expect(r.verdict).toBe('unknown');
    // Without a proof, the result stays the engine's own: the expectation is not written in.
    expect(r.result).toBe(u.derived);
    const e = r.expectations[0]!;
    expect([e.counterexample, e.values, e.evidence]).toEqual([null, null, UNDECIDED]);
    expect(r.counterexample).toBeNull();
    expect(r.steps.some((s) => s.rule === 'expect')).toBe(false);
    expectMatchesFiniteDifferences(r);
  });
});

// A power with a negative exponent is the reciprocal of the positive one (one atom for
// both), so these are decided by algebra, where x^(1/2) is defined and nonzero: x > 0, which
// the step from x^(-1/2) records (a negative fractional power needs a positive base).
describe('fractional powers and their reciprocals are proven by algebra', () => {
  it.each([
    ['x^(1/2) against sqrt(x)', '1/(2*sqrt(x))'],
    ['x^(-1/2) against 1/x^(1/2)', '1/(2*x^(1/2))'],
  ])('%s', (_, expected) => {
    const r = derive({ loss: 'x^(1/2)', wrt: 'x', expect: expected });
    expect([r.verdict, r.result, r.conditions]).toEqual(['proven', expected, ['x > 0']]);
  });
});

// Lemmas from the definitions, as the seed does in its step 2: the function's definition
// (rules/*.rules `def`) is opened, and an identity is used only by citing its rule.
const fromDefinitions = [
  { what: 'σ′ = σ(1 − σ) from σ(z) = 1/(1 + exp(-z))', input: { loss: '1/(1 + exp(-z))', wrt: 'z', expect: 'sigmoid(z)*(1 - sigmoid(z))' } },
  { what: 'softplus′ = σ from softplus(z) = log(1 + exp(z))', input: { loss: 'log(1 + exp(z))', wrt: 'z', expect: 'sigmoid(z)' } },
  { what: 'tanh′ = 1 − tanh² from the exponentials', input: { loss: '(exp(u) - exp(-u))/(exp(u) + exp(-u))', wrt: 'u', expect: '1 - tanh(u)^2' } },
];

describe('derivative rules proven as lemmas from the definitions', () => {
  it.each(fromDefinitions.map((u) => [u.what, u] as const))('%s', (_, u) => {
    const r = derive(u.input);
    expect(r.verdict).toBe('proven');
    expect(r.checked).toBe(true);
  });
});
