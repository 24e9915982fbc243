/**
 * A scalar upstream gradient through a 1×1 product (Goodfellow's (1/m)(Xw − y)ᵀ(Xw − y)), and softmax's facts on
 * each entry: derived in the books' form, replayed by the kernel with the rules of rules/matrix.rules, and equal to the
 * finite-difference gradient.
 */
import { describe, it, expect } from 'vitest';
import { div, mul, num, sub, sym } from '../../src/expr/node.js';
import { matSym, matmul, sumAll, transpose } from '../../src/expr/matrix.js';
import { toAscii } from '../../src/expr/print.js';
import { MatrixCalculus } from '../../src/calculus/matrix.js';
import { admitRules, checkProof } from '../../src/kernel/index.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { expectGradient, randomPoint } from './matrix-numeric.js';

const builtin = builtinRules();
const admitted = admitRules(builtin.rules, builtin.defs.values(), []);
const [X, w, y] = [matSym('X', 'm', 'n'), matSym('w', 'n', 1), matSym('y', 'm', 1)];

describe('a scalar upstream gradient through a 1×1 product', () => {
  it('∇ (1/m)(Xw − y)ᵀ(Xw − y) is 2 Xᵀ(Xw − y)/m, proven', () => {
    const r = sub(matmul(X, w), y);
    // m, the number of rows, is also the scalar the book divides by.
    const defs = [{ name: 'MSE', expr: mul(div(num(1), sym('m')), matmul(transpose(r), r)) }];
    const plain = [{ name: 'MSE', expr: div(matmul(transpose(r), r), sym('m')) }];
    for (const d0 of [defs, plain]) {
      const c = new MatrixCalculus(d0, 'MSE');
      const d = c.derive(w);
      expect(toAscii(d.current)).toBe('2*matmul(transpose(mat(X, m, n)), matmul(mat(X, m, n), mat(w, n, 1)) - mat(y, m, 1))/m');
      const proof = { start: d.start, lemmas: c.recorder.lemmas, steps: c.recorder.steps, phases: c.recorder.phases, result: d.current, definitions: c.defs.list, assumptions: [] };
      const checked = checkProof(proof, admitted);
      expect(checked.ok ? 'ok' : checked.reason).toBe('ok');
      expect(proof.steps.map((s) => s.rule)).toContain('m.matmul-scalar-operand');
      expectGradient(d.current, d.start, randomPoint(d0, { m: 5, n: 3 }, 11, { m: 5 }));
    }
  });
});

describe('a matrix of ones stays one where nothing repeats 1 to its shape', () => {
  it('∂/∂B Σ B is ones(n, m), and ∂/∂B Σ B ⊙ A is A, both proven', () => {
    const [B, A] = [matSym('B', 'n', 'm'), matSym('A', 'n', 'm')];
    for (const [body, want] of [[sumAll(B), 'ones(n, m)'], [sumAll(mul(B, A)), 'mat(A, n, m)']] as const) {
      const defs = [{ name: 'L', expr: body }];
      const c = new MatrixCalculus(defs, 'L');
      const d = c.derive(B);
      expect(toAscii(d.current)).toBe(want);
      const checked = checkProof({ start: d.start, lemmas: c.recorder.lemmas, steps: c.recorder.steps, phases: c.recorder.phases, result: d.current, definitions: c.defs.list, assumptions: [] }, admitted);
      expect(checked.ok ? 'ok' : checked.reason).toBe('ok');
      expectGradient(d.current, d.start, randomPoint(defs, { n: 3, m: 2 }, 7));
    }
  });
});
