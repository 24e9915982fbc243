import { describe, expect, it } from 'vitest';
import { equivalent } from '../../src/api/equivalent.js';
import { valueAt } from '../../src/expr/numeric.js';
import { parse } from '../../src/parse/ascii.js';

describe('equivalent(a, b): three verdicts', () => {
  it('proven by algebra, replayed by the kernel, with what it divides by', () => {
    expect(equivalent('(a2 - y)/(a2*(1 - a2)) * a2*(1 - a2)', 'a2 - y')).toEqual({
      verdict: 'proven',
      checked: true,
      replayed: 1,
      rules: ['alg.rearrange'],
      conditions: ['a2 != 0', 'a2 != 1'],
      counterexample: null,
      values: null,
      evidence: null,
      premises: { assumptions: [], definitions: [], ruleFiles: [] },
    });
  });

  it('proven through definitions, which are its premises', () => {
    const r = equivalent('a*(1 - a)', 'sigmoid(z)*(1 - sigmoid(z))', { let: { a: 'sigmoid(z)' } });
    expect(r.verdict).toBe('proven');
    expect(r.checked).toBe(true);
    expect(r.premises).toEqual({ assumptions: [], definitions: ['a = sigmoid(z)'], ruleFiles: [] });
  });

  it('proven from a stated fact, which is its premise; a refuted equality has none', () => {
    expect(equivalent('y1 + y2', '1 - y3', { assume: 'y1 + y2 + y3 = 1' }).premises).toEqual({ assumptions: ['y1 + y2 + y3 = 1'], definitions: [], ruleFiles: [] });
    expect(equivalent('x', 'x + 1').premises).toBeNull();
  });

  it.each([
    ['sigmoid(-x)', '1 - sigmoid(x)', 'id.sigmoid-reflect'],
    ['log(exp(x))', 'x', 'id.log-exp'],
    ['exp(log(x))', 'x', 'id.exp-log'],
    ['softplus(x) - softplus(-x)', 'x', 'id.softplus-difference'],
    ['tanh(x)', '2*sigmoid(2*x) - 1', 'id.tanh-sigmoid'],
    ['log(sigmoid(x))', '-softplus(-x)', 'id.log-sigmoid'],
  ])('%s = %s only by citing %s', (a, b, rule) => {
    const r = equivalent(a, b);
    expect(r.verdict).toBe('proven');
    expect(r.rules).toContain(rule);
  });

  it('exp(log(x)) = x records x > 0', () => {
    expect(equivalent('exp(log(x))', 'x').conditions).toEqual(['x > 0']);
  });

  it('refuted with a point where the two sides differ', () => {
    const r = equivalent('sigmoid(z)*(1 - sigmoid(z))', 'sigmoid(z)^2');
    expect(r.verdict).toBe('refuted');
    const point = r.counterexample!;
    expect(Object.keys(point)).toEqual(['z']);
    expect(r.values!.left).toBeCloseTo(valueAt(parse('sigmoid(z)*(1 - sigmoid(z))'), point), 12);
    expect(r.values!.right).toBeCloseTo(valueAt(parse('sigmoid(z)^2'), point), 12);
  });

  it('a stated equation is used, and without it the claim is refuted', () => {
    expect(equivalent('a1*(y1 + y2) - y1', 'a1 - y1', { assume: 'y1 + y2 = 1' }).verdict).toBe('proven');
    expect(equivalent('a1*(y1 + y2) - y1', 'a1 - y1').verdict).toBe('refuted');
  });

  it('unknown, never proven, for a true identity it cannot prove', () => {
    const r = equivalent('sin(2*x)', '2*sin(x)*cos(x)');
    expect(r.verdict).toBe('unknown');
    expect(r.checked).toBe(false);
    expect(r.evidence).toBe('the two sides agree at 24 sample points, but no algebraic proof was found');
  });
});
