/**
 * An expectation that is not well-shaped is a wrong expectation, refuted with its shape error
 * (not bad input): `(a - y) x` is [K, 1]·[M, 1], not the [K, M] gradient.
 */
import { describe, expect, it } from 'vitest';
import { derive } from '../../src/index.js';
import { parseProblem } from '../../src/parse/problem.js';
import { runProblem } from '../../src/api/derive.js';

const problem = {
  loss: '-sum(y.*log(a) + (1-y).*log(1-a))',
  shape: ['W [K, M]', 'x [M, 1]', 'y [K, 1]'],
  let: ['a = sigmoid(W*x)'],
  wrt: 'W',
};

describe('an ill-shaped expectation', () => {
  it('is refuted with the shapes that do not fit, next to a proven one', () => {
    const r = derive({ ...problem, expect: ['(a - y)*x', '(a - y)*x^T'] });
    expect(r.expectations.map((e) => e.verdict)).toEqual(['refuted', 'proven']);
    expect(r.expectations[0]!.evidence).toBe('(a - y)*x: cannot multiply [K, 1] by [M, 1]: 1 columns against M rows');
    // No entry to show: the point is the sizes, and there are no values.
    expect(r.expectations[0]!.counterexample).toEqual({ K: 2, M: 3 });
    expect(r.expectations[0]!.values).toBeNull();
    // Kept as written (the product, not a scalar reading of it), so it is shown as the user wrote it.
    expect(r.expectations[0]!.expected).toBe('matmul(a - mat(y, K, 1), mat(x, M, 1))');
  });
  it('products in the wrong order are refuted the same way', () => {
    const r = derive({ ...problem, expect: 'x^T*(a - y)' });
    expect(r.expectations[0]!.verdict).toBe('refuted');
    expect(r.expectations[0]!.evidence).toBe('x^T*(a - y): cannot multiply [1, M] by [K, 1]: M columns against K rows');
  });
  it('in a problem file too', () => {
    const spec = parseProblem(['shape W [K, M], x [M, 1], y [K, 1]', 'let a = sigmoid(W*x)', 'loss L = -sum(y.*log(a) + (1-y).*log(1-a))', 'wrt W', 'expect (a - y)*x'].join('\n'), 'ill.grad');
    const o = runProblem(spec);
    expect(o.expectations[0]!.decision.verdict).toBe('refuted');
    expect(o.expectations[0]!.decision.evidence).toBe('(a - y)*x: cannot multiply [K, 1] by [M, 1]: 1 columns against M rows');
  });
  it('a malformed loss is still bad input', () => {
    expect(() => derive({ ...problem, let: ['a = sigmoid(x*W)'] })).toThrow('cannot multiply [M, 1] by [K, M]');
  });
});
