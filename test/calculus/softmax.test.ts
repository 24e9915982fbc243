import { describe, expect, it } from 'vitest';
import { derive } from '../../src/api/derive.js';
import { expectMatchesFiniteDifferences } from '../support/fd.js';
import { Definitions } from '../../src/expr/context.js';
import { numericDerivative, valueAt } from '../../src/expr/numeric.js';
import { parse, parseDefinition } from '../../src/parse/ascii.js';

/** Softmax over K named logits, as `let` lines. */
const softmax = (K: number): string[] => {
  const S = Array.from({ length: K }, (_, k) => `exp(z${k + 1})`).join(' + ');
  return Array.from({ length: K }, (_, k) => `a${k + 1} = exp(z${k + 1})/(${S})`);
};
const cce = (K: number): string => `-(${Array.from({ length: K }, (_, k) => `y${k + 1}*log(a${k + 1})`).join(' + ')})`;
const labelsSumToOne = (K: number): string => `${Array.from({ length: K }, (_, k) => `y${k + 1}`).join(' + ')} = 1`;

describe('softmax with categorical cross-entropy, written out', () => {
  it.each([2, 3, 5, 10])('K = %i: ∂L/∂z2 = a2 - y2, citing that the labels sum to 1', (K) => {
    const r = derive({ loss: cce(K), let: softmax(K), wrt: 'z2', expect: 'a2 - y2', assume: labelsSumToOne(K) });
    expect(r.verdict).toBe('proven');
    expect(r.checked).toBe(true);
    expect(r.result).toBe('a2 - y2');
    expect(r.steps.some((s) => s.kind === 'assumption')).toBe(true);
    // Finite differences at points where the labels do sum to 1.
    const defs = new Definitions([...softmax(K).map((l) => parseDefinition(l)), { name: 'L', expr: parse(cce(K)) }]);
    for (let t = 0; t < 5; t++) {
      const point: Record<string, number> = {};
      let rest = 1;
      for (let k = 1; k <= K; k++) {
        point[`z${k}`] = Math.sin(7 * t + 3 * k) * 2;
        const y = k < K ? Math.abs(Math.cos(5 * t + k)) / K : rest;
        point[`y${k}`] = y;
        rest -= y;
      }
      const fd = numericDerivative(parse('L'), 'z2', point, defs);
      expect(valueAt(parse(r.result), point, defs)).toBeCloseTo(fd, 6);
    }
  });

  it('without the fact, the honest result, and a2 - y2 is not proven', () => {
    const r = derive({ loss: cce(3), let: softmax(3), wrt: 'z2', expect: 'a2 - y2' });
    expect(r.result).toBe('a2*(y1 + y2 + y3) - y2');
    expect(r.verdict).toBe('refuted');
    expectMatchesFiniteDifferences(r);
  });

  it.each([
    ['a1', 'z1', 'a1*(1 - a1)'],
    ['a1', 'z2', '-a1*a2'],
    ['a3', 'z1', '-a1*a3'],
  ])('the Jacobian entry ∂%s/∂%s = %s, in the outputs’ names', (a, z, expected) => {
    const r = derive({ loss: a, let: softmax(3), wrt: z });
    expect(r.result).toBe(expected);
    expect(r.checked).toBe(true);
    expectMatchesFiniteDifferences(r);
  });

  it('log-softmax: ∂ log(a1)/∂z1 = 1 - a1 and ∂ log(a1)/∂z2 = -a2', () => {
    expect(derive({ loss: 'log(a1)', let: softmax(3), wrt: 'z1' }).result).toBe('1 - a1');
    expect(derive({ loss: 'log(a1)', let: softmax(3), wrt: 'z2' }).result).toBe('-a2');
  });
});
