/**
 * softmax as a function of listed classes (issue 14): softmax([a, b, c], i) is class i's
 * probability. Its derivatives are exact, agree with finite differences, and prove the
 * textbook forms s_i(1 - s_i) and -s_i s_j; a call without its class is refused.
 */
import { describe, expect, it } from 'vitest';
import { derive } from '../../src/api/derive.js';
import { GradproofError } from '../../src/expr/errors.js';

const S = (i: number): string => `softmax([a, b, c], ${i})`;
const softmax = (z: number[], i: number): number => Math.exp(z[i - 1]!) / z.reduce((s, x) => s + Math.exp(x), 0);

describe('softmax([a, b, c], i)', () => {
  it('is differentiated exactly, and agrees with finite differences', () => {
    const own = derive({ loss: S(1), wrt: 'a' });
    expect(own.result).toBe('exp(a)*(exp(b) + exp(c))/(exp(a) + exp(b) + exp(c))^2');
    expect(derive({ loss: S(2), wrt: 'a' }).result).toBe('-exp(a)*exp(b)/(exp(a) + exp(b) + exp(c))^2');
    for (const [a, b, c] of [[0.3, -1.2, 2], [1.5, 0.25, -0.5]] as const) {
      const h = 1e-6;
      const fd = (softmax([a + h, b, c], 1) - softmax([a - h, b, c], 1)) / (2 * h);
      const exact = (Math.exp(a) * (Math.exp(b) + Math.exp(c))) / (Math.exp(a) + Math.exp(b) + Math.exp(c)) ** 2;
      expect(Math.abs(fd - exact)).toBeLessThan(1e-8);
    }
  });

  it('proves the textbook forms, and refutes a wrong sign', () => {
    expect(derive({ loss: S(1), wrt: 'a', expect: `${S(1)}*(1 - ${S(1)})` }).expectations[0]!.verdict).toBe('proven');
    expect(derive({ loss: S(2), wrt: 'a', expect: `-${S(1)}*${S(2)}` }).expectations[0]!.verdict).toBe('proven');
    expect(derive({ loss: S(2), wrt: 'a', expect: `${S(1)}*${S(2)}` }).expectations[0]!.verdict).toBe('refuted');
    expect(derive({ loss: `-log(${S(1)})`, wrt: 'a', expect: `${S(1)} - 1` }).expectations[0]!.verdict).toBe('proven');
  });

  it('needs its class', () => {
    expect(() => derive({ loss: 'softmax([a, b, c])', wrt: 'a' })).toThrow(GradproofError);
    expect(() => derive({ loss: 'softmax([a, b, c])', wrt: 'a' })).toThrow('softmax takes a class i: softmax(z, i, K)');
  });
});
