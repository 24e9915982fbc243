import { describe, it, expect } from 'vitest';
import { type Expr, add, call, mul, num, sub, sym } from '../../src/expr/node.js';
import { matSym, matmul, sumAll } from '../../src/expr/matrix.js';
import { toAscii } from '../../src/expr/print.js';
import { MatrixCalculus } from '../../src/calculus/matrix.js';
import { expectGradient, randomPoint, replayByValue } from './matrix-numeric.js';

const [x, W1, b1, W2, b2, y] = [matSym('x', 'n0', 1), matSym('W1', 'n1', 'n0'), matSym('b1', 'n1', 1), matSym('W2', 'n2', 'n1'), matSym('b2', 'n2', 1), matSym('y', 'n2', 1)];
const [a1, a2, z1, z2] = ['a1', 'a2', 'z1', 'z2'].map(sym) as [Expr, Expr, Expr, Expr];
const log = (e: Expr): Expr => call('log', e);
const sigmoid = (e: Expr): Expr => call('sigmoid', e);
/** Two sigmoid layers and binary cross-entropy, column vectors (Nielsen's network). */
const bce = [
  { name: 'z1', expr: add(matmul(W1, x), b1) },
  { name: 'a1', expr: sigmoid(z1) },
  { name: 'z2', expr: add(matmul(W2, a1), b2) },
  { name: 'a2', expr: sigmoid(z2) },
  { name: 'L', expr: mul(num(-1), sumAll(add(mul(y, log(a2)), mul(sub(num(1), y), log(sub(num(1), a2)))))) },
];

describe('two sigmoid layers with cross-entropy, column vectors', () => {
  for (const [wrt, expected] of [
    [z2, 'a2 - mat(y, n2, 1)'],
    [W2, 'matmul(a2 - mat(y, n2, 1), transpose(a1))'],
    [b2, 'a2 - mat(y, n2, 1)'],
    [z1, 'a1*(1 - a1)*matmul(transpose(mat(W2, n2, n1)), a2 - mat(y, n2, 1))'],
    [W1, 'matmul(a1*(1 - a1)*matmul(transpose(mat(W2, n2, n1)), a2 - mat(y, n2, 1)), transpose(mat(x, n0, 1)))'],
    [b1, 'a1*(1 - a1)*matmul(transpose(mat(W2, n2, n1)), a2 - mat(y, n2, 1))'],
  ] as const) {
    it(`∂L/∂${toAscii(wrt)}`, () => {
      const c = new MatrixCalculus(bce, 'L');
      const d = c.derive(wrt);
      expect(toAscii(d.current)).toBe(expected);
      const p = randomPoint(bce, { n0: 3, n1: 4, n2: 2 }, 11);
      expectGradient(d.current, d.start, p);
      replayByValue({ start: d.start, lemmas: c.recorder.lemmas, steps: c.recorder.steps, phases: c.recorder.phases, result: d.current, definitions: c.defs.list, assumptions: [] }, p);
    });
  }
});

describe("the user's abbreviations: --let δ2 = a2 - y, δ1 = (W2ᵀ δ2) ⊙ a1 ⊙ (1 − a1)", () => {
  const lets = [
    ...bce,
    { name: 'delta2', expr: sub(a2, y) },
    { name: 'delta1', expr: mul(matmul(call('transpose', W2), sym('delta2')), a1, sub(num(1), a1)) },
  ];
  for (const [wrt, expected] of [
    [z2, 'delta2'],
    [W2, 'matmul(delta2, transpose(a1))'],
    [z1, 'delta1'],
    [W1, 'matmul(delta1, transpose(mat(x, n0, 1)))'],
    [b1, 'delta1'],
  ] as const) {
    it(`∂L/∂${toAscii(wrt)} = ${expected}`, () => {
      const c = new MatrixCalculus(lets, 'L');
      const d = c.derive(wrt);
      expect(toAscii(d.current)).toBe(expected);
      const p = randomPoint(lets, { n0: 2, n1: 3, n2: 4 }, 5);
      expectGradient(d.current, d.start, p);
    });
  }
});
