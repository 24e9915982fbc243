import { describe, it, expect } from 'vitest';
import { type Expr, add, call, mul, num, pow, sym } from '../../src/expr/node.js';
import { matSym, matmul, sumAll } from '../../src/expr/matrix.js';
import { toAscii } from '../../src/expr/print.js';
import { MatrixCalculus } from '../../src/calculus/matrix.js';
import { expectGradient, randomPoint, replayByValue } from './matrix-numeric.js';
import type { Assumption } from '../../src/proof/types.js';

const [x, W, b, y] = [matSym('x', 'n', 1), matSym('W', 'K', 'n'), matSym('b', 'K', 1), matSym('y', 'K', 1)];
const [z, a] = ['z', 'a'].map(sym) as [Expr, Expr];
/** Softmax regression with cross-entropy (Bishop 4.3.4, CS231n), one example as a column. */
const softmaxCE = [
  { name: 'z', expr: add(matmul(W, x), b) },
  { name: 'a', expr: call('softmax', z) },
  { name: 'L', expr: mul(num(-1), sumAll(mul(y, call('log', a)))) },
];
const oneHot: Assumption[] = [{ lhs: sumAll(y), op: '=', rhs: num(1) }];

describe('softmax with cross-entropy: δ = a − y citing sum(y) = 1', () => {
  for (const [wrt, expected] of [
    [z, 'a - mat(y, K, 1)'],
    [W, 'matmul(a - mat(y, K, 1), transpose(mat(x, n, 1)))'],
  ] as const) {
    it(`∂L/∂${toAscii(wrt)}`, () => {
      const c = new MatrixCalculus(softmaxCE, 'L', undefined, undefined, oneHot);
      const d = c.derive(wrt);
      expect(toAscii(d.current)).toBe(expected);
      expect(c.recorder.steps.filter((s) => s.kind === 'assumption').map((s) => toAscii(s.before.kind === 'call' ? s.before : s.before))).toHaveLength(1);
      // Targets that add up to 1, as the fact says: y's entries scaled to sum 1.
      const p = randomPoint(softmaxCE, { n: 3, K: 4 }, 6);
      const yv = p.values.get('y') as { data: Float64Array };
      const total = yv.data.reduce((s, v) => s + v, 0);
      yv.data.forEach((v, i) => (yv.data[i] = v / total));
      expectGradient(d.current, d.start, p);
      replayByValue({ start: d.start, lemmas: c.recorder.lemmas, steps: c.recorder.steps, phases: c.recorder.phases, result: d.current, definitions: c.defs.list, assumptions: oneHot }, p);
    });
  }
  it("in the user's name: with delta = a - y, ∂L/∂W is delta xᵀ", () => {
    const c = new MatrixCalculus([...softmaxCE, { name: 'delta', expr: add(a, mul(num(-1), y)) }], 'L', undefined, undefined, oneHot);
    expect(toAscii(c.derive(W).current)).toBe('matmul(delta, transpose(mat(x, n, 1)))');
  });
  it('without the fact, δ keeps the sum of the targets', () => {
    const c = new MatrixCalculus(softmaxCE, 'L');
    expect(toAscii(c.derive(z).current)).toBe('a*sum_all(mat(y, K, 1)) - mat(y, K, 1)');
  });
});

describe('batch softmax: every row (CS231n, row-major) or column (Bishop, column-major) of targets adds up to 1', () => {
  const [X, Wr, br, Yr] = [matSym('X', 'N', 'D'), matSym('W', 'D', 'C'), matSym('b', 1, 'C'), matSym('Y', 'N', 'C')];
  const rowMajor = [
    { name: 'S', expr: add(matmul(X, Wr), call('bcast_row', br, sym('N'))) },
    { name: 'P', expr: call('softmax_rows', sym('S')) },
    { name: 'L', expr: mul(num(-1), pow(sym('N'), num(-1)), sumAll(mul(Yr, call('log', sym('P'))))) },
  ];
  const [Xc, Wc, bc, Yc] = [matSym('X', 'D', 'N'), matSym('W', 'C', 'D'), matSym('b', 'C', 1), matSym('Y', 'C', 'N')];
  const columnMajor = [
    { name: 'Z', expr: add(matmul(Wc, Xc), call('bcast', bc, sym('N'))) },
    { name: 'A', expr: call('softmax', sym('Z')) },
    { name: 'L', expr: mul(num(-1), sumAll(mul(Yc, call('log', sym('A'))))) },
  ];
  const cases = [
    ['row-major', rowMajor, { lhs: call('rowsum', Yr), op: '=', rhs: num(1) }, true, [
      [Wr, 'matmul(transpose(mat(X, N, D)), P - mat(Y, N, C))/N'],
      [br, 'colsum(P - mat(Y, N, C))/N'],
    ]],
    ['column-major', columnMajor, { lhs: call('colsum', Yc), op: '=', rhs: num(1) }, false, [
      [Wc, 'matmul(A - mat(Y, C, N), transpose(mat(X, D, N)))'],
      [bc, 'rowsum(A - mat(Y, C, N))'],
    ]],
  ] as const;
  for (const [layout, defs, fact, rows, grads] of cases) {
    for (const [wrt, expected] of grads) {
      it(`${layout}: ∂L/∂${toAscii(wrt)}`, () => {
        const facts = [fact as Assumption];
        const c = new MatrixCalculus(defs, 'L', undefined, undefined, facts);
        const d = c.derive(wrt);
        expect(toAscii(d.current)).toBe(expected);
        const p = randomPoint(defs, { N: 4, D: 3, C: 3 }, 21, { N: 4 });
        const Y = p.values.get('Y') as { rows: number; cols: number; data: Float64Array };
        // Each row (or column) of targets scaled to add up to 1, as the fact says.
        for (let k = 0; k < (rows ? Y.rows : Y.cols); k++) {
          const at = (j: number): number => (rows ? k * Y.cols + j : j * Y.cols + k);
          const n = rows ? Y.cols : Y.rows;
          let t = 0;
          for (let j = 0; j < n; j++) t += Y.data[at(j)]!;
          for (let j = 0; j < n; j++) Y.data[at(j)] = Y.data[at(j)]! / t;
        }
        expectGradient(d.current, d.start, p);
        replayByValue({ start: d.start, lemmas: c.recorder.lemmas, steps: c.recorder.steps, phases: c.recorder.phases, result: d.current, definitions: c.defs.list, assumptions: facts }, p);
      });
    }
  }
});
