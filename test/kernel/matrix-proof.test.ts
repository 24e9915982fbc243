/**
 * A backprop proof in matrix form, hand-built to the contract: diff(L, W) for L = sum(y ⊙ (W x + b)) by chain.matrix,
 * the δ = ∂L/∂z as a lemma, and the matrix rules with their declared shapes. The kernel replays it, and the
 * theorem's right side, y xᵀ, agrees with finite differences.
 */
import { describe, expect, it } from 'vitest';
import { checkProof } from '../../src/kernel/index.js';
import { evaluateShaped, matrix, type Matrix, type Value } from '../../src/expr/matrix-eval.js';
import { rules, matmul, transpose } from './matrix-support.js';
import { backprop, definitions, x, y, L } from './matrix-backprop.js';

describe('a matrix backprop proof', () => {
  it('replays, and proves diff(L, W) = y xᵀ', () => {
    const r = checkProof(backprop(), rules);
    expect(r.ok ? '' : `${r.step}: ${r.reason}`).toBe('');
    if (r.ok) expect(r.checked.theorem.rhs).toBe(matmul(y, transpose(x)));
  });

  it('its result agrees with central finite differences at random matrices of several sizes', () => {
    let seed = 11;
    const rand = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    for (const [n, m] of [[2, 3], [3, 1], [1, 4]] as const) {
      const values = new Map<string, Value>([['W', matrix(n, m, rand)], ['x', matrix(m, 1, rand)], ['b', matrix(n, 1, rand)], ['y', matrix(n, 1, rand)]]);
      const point = (v: Map<string, Value>) => ({ dims: new Map([['n', n], ['m', m]]), values: v, defs: new Map(definitions.map((d) => [d.name, d.expr])) });
      const claimed = evaluateShaped(matmul(y, transpose(x)), point(values));
      const at = (i: number, j: number): number => (typeof claimed === 'number' ? claimed : claimed.data[i * m + j]!);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < m; j++) {
          const moved = (h: number): number => {
            const w = values.get('W') as Matrix;
            const v = new Map(values).set('W', matrix(n, m, (p, q) => w.data[p * m + q]! + (p === i && q === j ? h : 0)));
            return evaluateShaped(L, point(v)) as number;
          };
          expect(at(i, j)).toBeCloseTo((moved(1e-5) - moved(-1e-5)) / 2e-5, 6);
        }
    }
  });
});
