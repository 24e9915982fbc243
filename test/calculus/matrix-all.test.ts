import { describe, it, expect } from 'vitest';
import { type Expr, add, call, div, num, pow, sub, sym } from '../../src/expr/node.js';
import { matSym, matmul, sumAll } from '../../src/expr/matrix.js';
import { toAscii } from '../../src/expr/print.js';
import { MatrixCalculus } from '../../src/calculus/matrix.js';
import { allMatrixGradients } from '../../src/calculus/matrix-all.js';
import { expectGradient, randomPoint, replayByValue } from './matrix-numeric.js';

const [x, W1, b1, W2, b2, y] = [matSym('x', 'n0', 1), matSym('W1', 'n1', 'n0'), matSym('b1', 'n1', 1), matSym('W2', 'n2', 'n1'), matSym('b2', 'n2', 1), matSym('y', 'n2', 1)];
const [a1, a2, z1, z2] = ['a1', 'a2', 'z1', 'z2'].map(sym) as [Expr, Expr, Expr, Expr];
/** Nielsen's network with the quadratic cost C = ½ Σ (a2 − y)², tanh hidden layer. */
const quadratic = [
  { name: 'z1', expr: add(matmul(W1, x), b1) },
  { name: 'a1', expr: call('tanh', z1) },
  { name: 'z2', expr: add(matmul(W2, a1), b2) },
  { name: 'a2', expr: call('sigmoid', z2) },
  { name: 'C', expr: div(sumAll(pow(sub(a2, y), num(2))), num(2)) },
];

describe('--all in reverse mode: Nielsen BP1–BP4 with the quadratic cost', () => {
  const c = new MatrixCalculus(quadratic, 'C');
  const all = allMatrixGradients(c);
  const shown = Object.fromEntries(all.map((g) => [g.wrt, toAscii(g.result, g.order)]));
  // The ASCII printer orders the outermost product only (a renderer's choice); z2 and z1 show the books' order.
  it('every gradient, in the books’ order of factors', () => {
    expect(shown).toEqual({
      a2: 'a2 - mat(y, n2, 1)',
      z2: '(a2 - mat(y, n2, 1))*a2*(1 - a2)',
      a1: 'matmul(transpose(mat(W2, n2, n1)), a2*(1 - a2)*(a2 - mat(y, n2, 1)))',
      z1: 'matmul(transpose(mat(W2, n2, n1)), a2*(1 - a2)*(a2 - mat(y, n2, 1)))*(1 - a1^2)',
      y: 'mat(y, n2, 1) - a2',
      W2: 'matmul(a2*(1 - a2)*(a2 - mat(y, n2, 1)), transpose(a1))',
      b2: '(a2 - mat(y, n2, 1))*a2*(1 - a2)',
      W1: 'matmul((1 - a1^2)*matmul(transpose(mat(W2, n2, n1)), a2*(1 - a2)*(a2 - mat(y, n2, 1))), transpose(mat(x, n0, 1)))',
      x: 'matmul(transpose(mat(W1, n1, n0)), (1 - a1^2)*matmul(transpose(mat(W2, n2, n1)), a2*(1 - a2)*(a2 - mat(y, n2, 1))))',
      b1: 'matmul(transpose(mat(W2, n2, n1)), a2*(1 - a2)*(a2 - mat(y, n2, 1)))*(1 - a1^2)',
    });
  });
  it('each δ is derived once, as one lemma, and cited by the gradients below it', () => {
    const starts = c.recorder.lemmas.map((l) => toAscii(l.start));
    expect(new Set(starts).size).toBe(starts.length);
    const dz2 = starts.indexOf('diff(C, z2)') + 1;
    const citing = c.recorder.steps.filter((s) => s.kind === 'lemma' && s.lemma === dz2).map((s) => toAscii(c.recorder.lemmas[s.derivation - 1]!.start));
    expect(citing).toEqual(['diff(C, a1)', 'diff(C, mat(b2, n2, 1))', 'diff(C, mat(W2, n2, n1))']);
  });
  it('every gradient against finite differences, every step by value, at two sizes', () => {
    for (const [dims, seed] of [[{ n0: 3, n1: 4, n2: 2 }, 2], [{ n0: 1, n1: 2, n2: 3 }, 9]] as const) {
      const p = randomPoint(quadratic, dims, seed);
      for (const g of all) expectGradient(g.result, c.recorder.lemmas[g.lemma - 1]!.start, p);
      replayByValue({ start: sym('C'), lemmas: c.recorder.lemmas, steps: c.recorder.steps, phases: c.recorder.phases, result: sym('C'), definitions: c.defs.list, assumptions: [] }, p);
    }
  });
});
