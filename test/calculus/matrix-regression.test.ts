import { describe, it, expect } from 'vitest';
import { add, call, div, mul, num, pow, sub, sym } from '../../src/expr/node.js';
import { matSym, matmul, sumAll } from '../../src/expr/matrix.js';
import { toAscii } from '../../src/expr/print.js';
import { MatrixCalculus } from '../../src/calculus/matrix.js';
import { expectGradient, randomPoint, replayByValue } from './matrix-numeric.js';

const [X, w, y, Phi, t] = [matSym('X', 'm', 'n'), matSym('w', 'n', 1), matSym('y', 'm', 1), matSym('Phi', 'N', 'M'), matSym('t', 'N', 1)];
/** Linear regression's least squares, whose gradient set to 0 gives the normal equations. */
const leastSquares = [{ name: 'E', expr: div(sumAll(pow(sub(matmul(X, w), y), num(2))), num(2)) }];
/** Bishop 4.3.2: logistic regression over a design matrix Φ, cross-entropy error. */
const logistic = [
  { name: 'a', expr: call('sigmoid', matmul(Phi, matSym('w', 'M', 1))) },
  { name: 'E', expr: mul(num(-1), sumAll(add(mul(t, call('log', sym('a'))), mul(sub(num(1), t), call('log', sub(num(1), sym('a'))))))) },
];

describe('regression in matrix form', () => {
  for (const [what, defs, wrt, expected, dims] of [
    ['least squares: Xᵀ(Xw − y)', leastSquares, w, 'matmul(transpose(mat(X, m, n)), matmul(mat(X, m, n), mat(w, n, 1)) - mat(y, m, 1))', { m: 5, n: 3 }],
    ['Bishop’s logistic regression: Φᵀ(y − t)', logistic, matSym('w', 'M', 1), 'matmul(transpose(mat(Phi, N, M)), a - mat(t, N, 1))', { N: 6, M: 2 }],
  ] as const) {
    it(what, () => {
      const c = new MatrixCalculus(defs, 'E');
      const d = c.derive(wrt);
      expect(toAscii(d.current)).toBe(expected);
      const p = randomPoint(defs, dims, 17);
      expectGradient(d.current, d.start, p);
      replayByValue({ start: d.start, lemmas: c.recorder.lemmas, steps: c.recorder.steps, phases: c.recorder.phases, result: d.current, definitions: c.defs.list, assumptions: [] }, p);
    });
  }
});

describe('a sum straight over a product: the upstream gradient is a matrix of ones', () => {
  it('∂/∂W Σ (W x) is 1 xᵀ, and ∂/∂x is Wᵀ 1', () => {
    const [W, x] = [matSym('W', 'r', 'k'), matSym('x', 'k', 1)];
    const defs = [{ name: 'L', expr: sumAll(matmul(W, x)) }];
    const c = new MatrixCalculus(defs, 'L');
    const [dW, dx] = [c.derive(W), new MatrixCalculus(defs, 'L').derive(x)];
    expect([toAscii(dW.current), toAscii(dx.current)]).toEqual(['matmul(ones(r, 1), transpose(mat(x, k, 1)))', 'matmul(transpose(mat(W, r, k)), ones(r, 1))']);
    const p = randomPoint(defs, { r: 3, k: 2 }, 5);
    expectGradient(dW.current, dW.start, p);
    expectGradient(dx.current, dx.start, p);
  });
});

describe('a scalar bias added to every entry', () => {
  it('∂E/∂b adds up the δ: sum(a − t)', () => {
    const defs = [
      { name: 'a', expr: call('sigmoid', add(matmul(Phi, matSym('w', 'M', 1)), sym('b'))) },
      { name: 'E', expr: mul(num(-1), sumAll(add(mul(t, call('log', sym('a'))), mul(sub(num(1), t), call('log', sub(num(1), sym('a'))))))) },
    ];
    const c = new MatrixCalculus(defs, 'E');
    const d = c.derive(c.nameOf('b'));
    expect(toAscii(d.current)).toBe('sum_all(a - mat(t, N, 1))');
    const p = randomPoint(defs, { N: 5, M: 2 }, 3, { b: 0.4 });
    expectGradient(d.current, d.start, p);
    replayByValue({ start: d.start, lemmas: c.recorder.lemmas, steps: c.recorder.steps, phases: c.recorder.phases, result: d.current, definitions: c.defs.list, assumptions: [] }, p);
  });
});
