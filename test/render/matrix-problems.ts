/** Hand-built shaped problems for the renderer tests: a two-layer network, per example and over a batch. */
import { bcast, matSym, matmul, prime, sumAll, transpose, vjp } from '../../src/expr/matrix.js';
import { type Expr, add, call, diff, mul, neg, num, pow, sym } from '../../src/expr/node.js';
import { parse } from '../../src/parse/ascii.js';
import type { Proof, Step } from '../../src/proof/types.js';

export const W1 = matSym('W1', 'n1', 'n0');
export const x = matSym('x', 'n0', 1);
export const b1 = matSym('b1', 'n1', 1);
export const W2 = matSym('W2', 'n2', 'n1');
export const b2 = matSym('b2', 'n2', 1);
export const y = matSym('y', 'n2', 1);
export const [z1, a1, z2, a2, L, d2, d1] = ['z1', 'a1', 'z2', 'a2', 'L', 'δ2', 'δ1'].map(sym) as [Expr, Expr, Expr, Expr, Expr, Expr, Expr];

/** z1 = W1 x + b1, a1 = σ(z1), z2 = W2 a1 + b2, a2 = softmax(z2), δ2 = a2 − y, δ1 = (W2ᵀ δ2) ⊙ σ′(z1), L = −sum(y ⊙ log a2). */
export const DEFINITIONS = [
  // Read from text, so that they are written as the user wrote them (`W1 x + b1`).
  { name: 'z1', expr: parse('matmul(mat(W1, n1, n0), mat(x, n0, 1)) + mat(b1, n1, 1)') },
  { name: 'a1', expr: call('sigmoid', z1) },
  { name: 'z2', expr: parse('matmul(mat(W2, n2, n1), a1) + mat(b2, n2, 1)') },
  { name: 'a2', expr: call('softmax', z2) },
  { name: 'δ2', expr: add(a2, neg(y)) },
  { name: 'δ1', expr: mul(matmul(transpose(W2), d2), prime('sigmoid', z1)) },
  { name: 'L', expr: neg(sumAll(mul(y, call('log', a2)))) },
];

/** The same network over a batch X [n0, m], the biases broadcast, the loss averaged. */
export const X = matSym('X', 'n0', 'm');
export const Y = matSym('Y', 'n2', 'm');
export const [Z1, A1, Z2, A2, D2, D1] = ['Z1', 'A1', 'Z2', 'A2', 'D2', 'D1'].map(sym) as [Expr, Expr, Expr, Expr, Expr, Expr];
export const BATCH = [
  { name: 'Z1', expr: add(matmul(W1, X), bcast(b1, 'm')) },
  { name: 'A1', expr: call('sigmoid', Z1) },
  { name: 'Z2', expr: add(matmul(W2, A1), bcast(b2, 'm')) },
  { name: 'A2', expr: call('softmax', Z2) },
  { name: 'D2', expr: add(A2, neg(Y)) },
  { name: 'D1', expr: mul(matmul(transpose(W2), D2), A1, add(num(1), neg(A1))) },
  { name: 'L', expr: mul(neg(pow(sym('m'), num(-1))), sumAll(mul(Y, call('log', A2)))) },
];

const step = (rule: string, kind: Step['kind'], before: Expr, after: Expr, phase: number): Step => ({ rule, kind, path: [], bindings: {}, before, after, conditions: [], phase, derivation: 0 });

/** ∂L/∂W2 by the chain step and the product rule: `∂⟨∂L/∂z2, W2 a1 + b2⟩/∂W2`, then `δ2 a1ᵀ`. */
export function proofOfW2(): Proof {
  const start = diff(L, W2);
  const chained = vjp(diff(L, z2), DEFINITIONS[2]!.expr, W2);
  const result = matmul(d2, transpose(a1));
  return {
    start,
    lemmas: [],
    steps: [step('chain.matrix', 'chain', start, chained, 0), step('m.vjp-matmul', 'rule', chained, result, 1)],
    phases: [
      { lhs: start, from: start, to: chained },
      { lhs: start, from: chained, to: result },
    ],
    result,
    definitions: DEFINITIONS,
    assumptions: [{ lhs: sumAll(y), op: '=', rhs: num(1) }],
  };
}
