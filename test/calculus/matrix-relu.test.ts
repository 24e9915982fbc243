import { describe, it, expect } from 'vitest';
import { type Expr, add, call, div, num, pow, sub, sym } from '../../src/expr/node.js';
import { matSym, matmul, sumAll } from '../../src/expr/matrix.js';
import { toAscii } from '../../src/expr/print.js';
import { MatrixCalculus } from '../../src/calculus/matrix.js';
import { expectGradient, randomPoint, replayByValue } from './matrix-numeric.js';

const [x, W1, b1, W2, b2, y] = [matSym('x', 'D', 1), matSym('W1', 'H', 'D'), matSym('b1', 'H', 1), matSym('W2', 'C', 'H'), matSym('b2', 'C', 1), matSym('y', 'C', 1)];
const [h, s] = ['h', 's'].map(sym) as [Expr, Expr];
/** A ReLU hidden layer and a linear output with squared error (CS231n's two-layer net, column form). */
const net = [
  { name: 'h', expr: call('relu', add(matmul(W1, x), b1)) },
  { name: 's', expr: add(matmul(W2, h), b2) },
  { name: 'L', expr: div(sumAll(pow(sub(s, y), num(2))), num(2)) },
];

describe('ReLU at matrix level: the gradient passes where the pre-activation is positive', () => {
  it('∂L/∂W1 holds relu′ entrywise, needs W1 x + b1 ≠ 0, and matches finite differences', () => {
    const c = new MatrixCalculus(net, 'L');
    const d = c.derive(W1);
    expect(toAscii(d.current)).toBe('matmul(matmul(transpose(mat(W2, C, H)), s - mat(y, C, 1))*piecewise(b1 + matmul(W1, x) > 0, 1, b1 + matmul(W1, x) < 0, 0), transpose(mat(x, D, 1)))'.replace(/b1 \+ matmul\(W1, x\)/g, 'mat(b1, H, 1) + matmul(mat(W1, H, D), mat(x, D, 1))'));
    expect(c.recorder.steps.filter((st) => st.rule === 'm.vjp-fn.relu').flatMap((st) => st.conditions.map((k) => `${k.kind}(${toAscii(k.expr)})`))).toEqual(['nonzero(mat(b1, H, 1) + matmul(mat(W1, H, D), mat(x, D, 1)))']);
    for (const [dims, seed] of [[{ D: 3, H: 5, C: 2 }, 1], [{ D: 2, H: 2, C: 3 }, 12]] as const) {
      const p = randomPoint(net, dims, seed);
      expectGradient(d.current, d.start, p);
      replayByValue({ start: d.start, lemmas: c.recorder.lemmas, steps: c.recorder.steps, phases: c.recorder.phases, result: d.current, definitions: c.defs.list, assumptions: [] }, p);
    }
  });
});
