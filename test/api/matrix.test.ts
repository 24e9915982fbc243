import { describe, it, expect } from 'vitest';
import { type Expr, add, call, mul, num, sub, sym } from '../../src/expr/node.js';
import { matSym, matmul, sumAll, vjp } from '../../src/expr/matrix.js';
import { toAscii } from '../../src/expr/print.js';
import type { ProblemSpec } from '../../src/parse/problem.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { checkProof } from '../../src/kernel/index.js';
import { runProblem, outcomeToJson } from '../../src/api/derive.js';
import { deriveAll, allToJson } from '../../src/api/all.js';
import { isShapedProblem } from '../../src/api/matrix.js';
import { expectGradient, randomPoint } from '../calculus/matrix-numeric.js';

const [x, W1, b1, W2, b2, y] = [matSym('x', 'n0', 1), matSym('W1', 'n1', 'n0'), matSym('b1', 'n1', 1), matSym('W2', 'n2', 'n1'), matSym('b2', 'n2', 1), matSym('y', 'n2', 1)];
const [a1, a2, z1, z2] = ['a1', 'a2', 'z1', 'z2'].map(sym) as [Expr, Expr, Expr, Expr];
const log = (e: Expr): Expr => call('log', e);
const definitions = [
  { name: 'z1', expr: add(matmul(W1, x), b1) },
  { name: 'a1', expr: call('sigmoid', z1) },
  { name: 'z2', expr: add(matmul(W2, a1), b2) },
  { name: 'a2', expr: call('sigmoid', z2) },
  { name: 'delta2', expr: sub(a2, y) },
];
const loss = mul(num(-1), sumAll(add(mul(y, log(a2)), mul(sub(num(1), y), log(sub(num(1), a2))))));
const spec = (wrt: string, expects: Expr[] = []): ProblemSpec => ({ definitions, loss, lossName: 'L', wrt, expects, assumptions: [] });

/** Whether the kernel on this branch replays the contract's matrix steps (after the kernel and rules areas merge). */
function kernelChecksMatrixSteps(): boolean {
  const rules = builtinRules();
  const X = matSym('X', 'r', 'c');
  const start = call('diff', sym('S'), X);
  const chain = vjp(num(1), sumAll(X), X);
  const r = checkProof({
    start, result: chain, lemmas: [], phases: [{ lhs: start, from: start, to: chain }], assumptions: [],
    definitions: [{ name: 'S', expr: sumAll(X) }],
    steps: [{ rule: 'chain.matrix', kind: 'chain', path: [], bindings: {}, before: start, after: chain, conditions: [], phase: 0, derivation: 0 }],
  }, rules.admitted);
  return r.ok && rules.byId.has('m.vjp-matmul');
}

describe('shaped problems are told apart from scalar ones', () => {
  it('a declared matrix anywhere makes a problem shaped; scalar problems stay on their path', () => {
    expect(isShapedProblem(spec('W1'))).toBe(true);
    expect(isShapedProblem({ definitions: [{ name: 'a2', expr: call('sigmoid', sym('z2')) }], loss: log(a2) })).toBe(false);
  });
});

describe.skipIf(!kernelChecksMatrixSteps())('derive() and --all on a shaped problem, replayed by the kernel', () => {
  it('∂L/∂W1 is δ1 xᵀ in the user names, proven, checked by finite differences', () => {
    const o = runProblem(spec('W1', [matmul(mul(matmul(call('transpose', W2), sym('delta2')), a1, sub(num(1), a1)), call('transpose', x))]));
    const j = outcomeToJson(o);
    expect(j.result).toBe('matmul(a1*(1 - a1)*matmul(transpose(mat(W2, n2, n1)), delta2), transpose(mat(x, n0, 1)))');
    expect(j.verdict).toBe('proven');
    expect(j.steps.some((s) => s.rule === 'chain.matrix')).toBe(true);
    expect(j.lemmas.map((l) => l.start)).toEqual(['diff(L, z1)', 'diff(L, a1)', 'diff(L, z2)', 'diff(L, a2)']);
    const p = randomPoint([...definitions, { name: 'L', expr: loss }], { n0: 2, n1: 3, n2: 2 }, 4);
    expectGradient(o.proof.result, o.proof.start, p);
  });
  it('--all: each gradient proven once, W2 is δ2 a1ᵀ', () => {
    const j = allToJson(deriveAll(spec('L'))) as { gradients: Record<string, string> };
    expect(j.gradients.W2).toBe('matmul(delta2, transpose(a1))');
    expect(j.gradients.b2).toBe('delta2');
    expect(toAscii(W2)).toBe('mat(W2, n2, n1)');
  });
});

describe('a shaped proof goes through the JSON writers', () => {
  it('every step and every textbook line prints, in the functional form that parses back', async () => {
    const { MatrixCalculus } = await import('../../src/calculus/matrix.js');
    const { stepToJson } = await import('../../src/api/derive.js');
    const { proofLinesToJson } = await import('../../src/render/lines-json.js');
    const c = new MatrixCalculus([...definitions, { name: 'L', expr: loss }], 'L');
    const d = c.derive(W2);
    const proof = { start: d.start, lemmas: c.recorder.lemmas, steps: c.recorder.steps, phases: c.recorder.phases, result: d.current, definitions: c.defs.list, assumptions: [] };
    const rules = builtinRules();
    const steps = proof.steps.map((s) => stepToJson(s, rules.byId));
    expect(steps[0]).toMatchObject({ rule: 'chain.matrix', kind: 'chain', before: 'diff(L, mat(W2, n2, n1))', after: 'vjp(diff(L, z2), mat(b2, n2, 1) + matmul(mat(W2, n2, n1), a1), mat(W2, n2, n1))' });
    expect(steps.filter((s) => s.kind === 'rule').map((s) => s.rule).slice(0, 4)).toEqual(['m.vjp-add', 'm.vjp-const', 'm.vjp-matmul', 'm.vjp-self']);
    expect(proofLinesToJson(proof, rules.byId, 'en').length).toBeGreaterThan(0);
  });
});

describe('bad shaped input is an error with its reason', () => {
  it('a loss that is not a scalar, and a variable the loss does not use', () => {
    expect(() => runProblem({ definitions, loss: a2, lossName: 'L', wrt: 'W2', expects: [], assumptions: [] })).toThrow('the loss L must be a scalar, not [n2, 1]: write sum(...) to add up its entries');
    expect(() => runProblem(spec('V'))).toThrow('--wrt V: L does not use V');
    expect(() => runProblem({ definitions: [{ name: 'z', expr: add(W1, x) }], loss: sumAll(sym('z')), lossName: 'L', wrt: 'W1', expects: [], assumptions: [] })).toThrow('z: cannot add [n1, n0] and [n0, 1]');
  });
});
