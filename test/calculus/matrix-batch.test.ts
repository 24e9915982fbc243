import { describe, it, expect } from 'vitest';
import { type Expr, add, call, mul, num, pow, sub, sym } from '../../src/expr/node.js';
import { bcast, matSym, matmul, sumAll } from '../../src/expr/matrix.js';
import { toAscii } from '../../src/expr/print.js';
import { MatrixCalculus } from '../../src/calculus/matrix.js';
import { expectGradient, randomPoint, replayByValue } from './matrix-numeric.js';

const [X, W1, b1, W2, b2, Y] = [matSym('X', 'n0', 'm'), matSym('W1', 'n1', 'n0'), matSym('b1', 'n1', 1), matSym('W2', 'n2', 'n1'), matSym('b2', 'n2', 1), matSym('Y', 'n2', 'm')];
const [A1, A2, Z1, Z2, m, lambda] = ['A1', 'A2', 'Z1', 'Z2', 'm', 'lambda'].map(sym) as [Expr, Expr, Expr, Expr, Expr, Expr];
const log = (e: Expr): Expr => call('log', e);
const layers = (act: string) => [
  { name: 'Z1', expr: add(matmul(W1, X), bcast(b1, 'm')) },
  { name: 'A1', expr: call(act, Z1) },
  { name: 'Z2', expr: add(matmul(W2, A1), bcast(b2, 'm')) },
  { name: 'A2', expr: call('sigmoid', Z2) },
];
/** Ng's column-major batch: cross-entropy averaged over m examples, biases broadcast over the batch. */
const ng = [...layers('tanh'), { name: 'L', expr: mul(num(-1), pow(m, num(-1)), sumAll(add(mul(Y, log(A2)), mul(sub(num(1), Y), log(sub(num(1), A2)))))) }];
/** d2l's MLP: squared error with an L2 penalty on both weights. */
const d2l = [
  ...layers('sigmoid'),
  { name: 'L', expr: add(mul(num(1, ), pow(num(2), num(-1)), sumAll(pow(sub(A2, Y), num(2)))), mul(lambda, pow(num(2), num(-1)), add(sumAll(mul(W1, W1)), sumAll(mul(W2, W2))))) },
];

function check(defs: typeof ng, wrt: Expr, expected: string, scalars: Record<string, number>): void {
  const c = new MatrixCalculus(defs, 'L');
  const d = c.derive(wrt);
  expect(toAscii(d.current)).toBe(expected);
  for (const [dims, seed] of [[{ n0: 3, n1: 4, n2: 2, m: 5 }, 3], [{ n0: 2, n1: 3, n2: 3, m: 2 }, 8]] as const) {
    const p = randomPoint(defs, dims, seed, { ...scalars, m: dims.m });
    expectGradient(d.current, d.start, p);
    replayByValue({ start: d.start, lemmas: c.recorder.lemmas, steps: c.recorder.steps, phases: c.recorder.phases, result: d.current, definitions: c.defs.list, assumptions: [] }, p);
  }
}

describe('batch forms: Ng, column-major, averaged over m', () => {
  const dZ2 = '(A2 - mat(Y, n2, m))/m';
  for (const [wrt, expected] of [
    [Z2, dZ2],
    [W2, `matmul(A2 - mat(Y, n2, m), transpose(A1))/m`],
    [b2, `rowsum(A2 - mat(Y, n2, m))/m`],
    [Z1, `(1 - A1^2)*matmul(transpose(mat(W2, n2, n1)), A2 - mat(Y, n2, m))/m`],
    [W1, `matmul((1 - A1^2)*matmul(transpose(mat(W2, n2, n1)), A2 - mat(Y, n2, m)), transpose(mat(X, n0, m)))/m`],
    [b1, `rowsum((1 - A1^2)*matmul(transpose(mat(W2, n2, n1)), A2 - mat(Y, n2, m)))/m`],
  ] as const) {
    it(`∂L/∂${toAscii(wrt)}`, () => check(ng, wrt, expected, {}));
  }
});

describe('L2 terms: d2l, squared error + (λ/2)·Σ W⊙W', () => {
  for (const [wrt, expected] of [
    [W2, 'lambda*mat(W2, n2, n1) + matmul(A2*(1 - A2)*(A2 - mat(Y, n2, m)), transpose(A1))'],
    [b2, 'rowsum(A2*(1 - A2)*(A2 - mat(Y, n2, m)))'],
  ] as const) {
    it(`∂L/∂${toAscii(wrt)}`, () => check(d2l, wrt, expected, { lambda: 0.3 }));
  }
});
