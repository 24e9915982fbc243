/**
 * What the kernel on this branch already replays of a matrix derivation: each entrywise
 * algebra, definition and assumption step alone (structural calls are atoms to it). The
 * chain.matrix, matrix-rule and lemma steps need the kernel's and the rules' matrix work.
 */
import { describe, it, expect } from 'vitest';
import { type Expr, add, call, mul, num, pow, sub, sym } from '../../src/expr/node.js';
import { matSym, matmul, sumAll } from '../../src/expr/matrix.js';
import { toAscii } from '../../src/expr/print.js';
import { MatrixCalculus } from '../../src/calculus/matrix.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { checkProof } from '../../src/kernel/index.js';
import type { Assumption } from '../../src/proof/types.js';

const [x, W1, b1, W2, b2, y] = [matSym('x', 'n0', 1), matSym('W1', 'n1', 'n0'), matSym('b1', 'n1', 1), matSym('W2', 'n2', 'n1'), matSym('b2', 'n2', 1), matSym('y', 'n2', 1)];
const [a1, a2, z1] = ['a1', 'a2', 'z1'].map(sym) as [Expr, Expr, Expr];

const bce = [
  { name: 'z1', expr: add(matmul(W1, x), b1) },
  { name: 'a1', expr: call('sigmoid', z1) },
  { name: 'z2', expr: add(matmul(W2, a1), b2) },
  { name: 'a2', expr: call('softmax', sym('z2')) },
  { name: 'L', expr: mul(num(-1), sumAll(mul(y, call('log', a2)))) },
  { name: 'delta2', expr: sub(a2, y) },
];
const facts: Assumption[] = [{ lhs: sumAll(y), op: '=', rhs: num(1) }];

const [X, Y, m, lambda] = [matSym('X', 'n0', 'm'), matSym('Y', 'n2', 'm'), sym('m'), sym('lambda')];
/** A batch with tanh, squared error averaged over m and an L2 penalty. */
const batch = [
  { name: 'Z1', expr: add(matmul(W1, X), call('bcast', b1, m)) },
  { name: 'A1', expr: call('tanh', sym('Z1')) },
  { name: 'Z2', expr: add(matmul(W2, sym('A1')), call('bcast', b2, m)) },
  { name: 'L', expr: add(mul(pow(mul(num(2), m), num(-1)), sumAll(pow(sub(sym('Z2'), Y), num(2)))), mul(lambda, pow(num(2), num(-1)), sumAll(mul(W1, W1)))) },
];

describe('the entrywise steps of a matrix derivation replay in the kernel one by one', () => {
  for (const [what, defs, given, wrt] of [
    ['softmax with cross-entropy, ∂L/∂W1', bce, facts, W1],
    ['a batch with 1/m and + λW, ∂L/∂W1', batch, [], W1],
    ['a batch with 1/m and + λW, ∂L/∂b1', batch, [], b1],
  ] as const) it(`every algebra, definition and assumption step: ${what}`, () => {
    const c = new MatrixCalculus(defs, 'L', undefined, undefined, given);
    c.derive(wrt);
    const rules = builtinRules();
    const kinds = new Set(['algebra', 'definition', 'assumption']);
    const alone = c.recorder.steps.filter((s) => kinds.has(s.kind));
    expect(alone.length).toBeGreaterThan(0);
    const rejected = alone.flatMap((s) => {
      const r = checkProof({ start: s.before, result: s.after, lemmas: [], phases: [{ lhs: s.before, from: s.before, to: s.after }], definitions: c.defs.list, assumptions: [...given], steps: [{ ...s, phase: 0, derivation: 0 }] }, rules.admitted);
      return r.ok ? [] : [`${s.rule} ${toAscii(s.before)} -> ${toAscii(s.after)}: ${r.reason}`];
    });
    expect(rejected).toEqual([]);
  });
});
