/**
 * Algebra steps on shaped terms: the entrywise decision first, then both sides lowered to index form. Structural
 * identities hold; a product in the other order, a square W for Wᵀ, (AB)ᵀ = AᵀBᵀ, and a scalar standing for a
 * matrix inside a product are refused, each with its reason.
 */
import { describe, expect, it } from 'vitest';
import { checkProof } from '../../src/kernel/index.js';
import { type Expr, pow, sub } from '../../src/expr/node.js';
import { colsum, ones, bcast } from '../../src/expr/matrix.js';
import { rules, proofOf, add, call, mul, num, sym, matSym, matmul, transpose, sumAll, rowsum } from './matrix-support.js';
import { toAscii } from '../../src/expr/print.js';

/** One algebra step `before → after` (the check an `--expect` gets too). */
const step = (before: Expr, after: Expr, definitions: Array<{ name: string; expr: Expr }> = [], rule = 'alg.rearrange') =>
  checkProof(proofOf(before, [{ rule, kind: 'algebra', path: [], bindings: {}, before, after, conditions: [], phase: 0, derivation: 0 }], after, definitions), rules);
const verdict = (r: ReturnType<typeof step>): string => (r.ok ? 'ok' : `${r.step}: ${r.reason}`);

const [A, B, C] = [matSym('A', 'n', 'k'), matSym('B', 'k', 'p'), matSym('C', 'k', 'p')];
const [S, T] = [matSym('S', 'n', 'n'), matSym('T', 'n', 'n')];
const [a, v] = [matSym('a', 'n', 1), matSym('v', 'n', 1)];
const c = sym('c');

describe('structural identities, decided in index form', () => {
  it.each([
    ['A(B + C) = AB + AC', matmul(A, add(B, C)), add(matmul(A, B), matmul(A, C))],
    ['(AB)ᵀ = BᵀAᵀ', transpose(matmul(A, B)), matmul(transpose(B), transpose(A))],
    ['(AB)D = A(BD)', matmul(matmul(A, B), matSym('D', 'p', 'q')), matmul(A, matmul(B, matSym('D', 'p', 'q')))],
    ['c(AB) = (cA)B', mul(c, matmul(A, B)), matmul(mul(c, A), B)],
    ['rowsum(G + H) = rowsum(G) + rowsum(H)', rowsum(add(A, matSym('H', 'n', 'k'))), add(rowsum(A), rowsum(matSym('H', 'n', 'k')))],
    ['aᵀv = sum(a ⊙ v)', matmul(transpose(a), v), sumAll(mul(a, v))],
    ['colsum(softmax(Z)) = ones', colsum(call('softmax', A)), ones(1, 'k')],
    ['S bcast(a, m) = bcast(S a, m)', matmul(S, bcast(a, 'm')), bcast(matmul(S, a), 'm')],
    ['(Sᵀ)ᵀ = S', transpose(transpose(S)), S],
  ])('%s', (_, lhs, rhs) => {
    expect(verdict(step(lhs, rhs))).toBe('ok');
  });

  it('an expectation written through definitions: δ aᵀ for (a2 - y) aᵀ', () => {
    const [a2, y] = [matSym('a2', 'q', 1), matSym('y', 'q', 1)];
    const derived = matmul(sub(a2, y), transpose(a));
    expect(verdict(step(derived, transpose(matmul(a, transpose(sym('d')))), [{ name: 'd', expr: sub(a2, y) }], 'expect'))).toBe('ok');
  });
});

describe('what is not an identity is refused', () => {
  const refused = (lhs: Expr, rhs: Expr): string => `1: ${toAscii(lhs)} and ${toAscii(rhs)} are not equal by algebra`;
  it.each([
    ['ST = TS', matmul(S, T), matmul(T, S)],
    ['Sᵀv = Sv (a square S for Sᵀ)', matmul(transpose(S), v), matmul(S, v)],
    ['(ST)ᵀ = SᵀTᵀ', transpose(matmul(S, T)), matmul(transpose(S), transpose(T))],
    ['a vᵀ = v aᵀ', matmul(a, transpose(v)), matmul(v, transpose(a))],
  ])('%s', (_, lhs, rhs) => {
    expect(verdict(step(lhs, rhs))).toBe(refused(lhs, rhs));
  });

  it('a scalar does not stand for a matrix of ones inside a product: (S ⊙ S⁻¹)T is not T', () => {
    const ratio = mul(S, pow(S, num(-1)));
    const r = verdict(step(matmul(ratio, T), T));
    expect(r).toBe(refused(matmul(ratio, T), T));
  });

  it('a transpose that changes the shape is refused by shape', () => {
    expect(verdict(step(A, transpose(A)))).toBe('1: it turns [n, k] into [k, n]');
  });

  it('an ill-shaped side is named with both shapes', () => {
    expect(verdict(step(matmul(A, A), matmul(A, A)))).toBe("1: its 'before' is ill-shaped: cannot multiply [n, k] by [n, k]");
  });
});
