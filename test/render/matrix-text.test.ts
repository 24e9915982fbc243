import { describe, expect, it } from 'vitest';
import { bcast, bcastRow, colsum, matSym, matmul, ones, prime, rowsum, sumAll, transpose, vjp } from '../../src/expr/matrix.js';
import { add, call, diff, mul, neg, num, pow, sym } from '../../src/expr/node.js';
import { toAscii } from '../../src/expr/print.js';
import { toDisplayAscii, toResultAscii } from '../../src/render/display-ascii.js';
import { withShapesOf } from '../../src/render/matrix-shapes.js';
import { A1, BATCH, D1, D2, DEFINITIONS, L, W1, W2, X, a1, a2, b1, d2, x, y, z1, z2 } from './matrix-problems.js';

const show = (e: Parameters<typeof toDisplayAscii>[0], defs = DEFINITIONS): string => withShapesOf(defs, () => toDisplayAscii(e));
const m = sym('m');

describe('shaped terms as text', () => {
  it('a declared matrix is its name; a product is juxtaposed, a transpose a superscript', () => {
    expect(show(W2)).toBe('W2');
    expect(show(matmul(transpose(W2), d2))).toBe('W2ᵀ δ2');
    expect(show(matmul(d2, transpose(a1)))).toBe('δ2 a1ᵀ');
    expect(show(transpose(matmul(W2, a1)))).toBe('(W2 a1)ᵀ');
    // The matrix product is associative: no parentheses inside a chain of products.
    expect(show(matmul(W2, matmul(W1, x)))).toBe('W2 W1 x');
  });

  it('a sum inside a product is parenthesised', () => {
    expect(show(matmul(transpose(W2), add(a2, neg(y))))).toBe('W2ᵀ (a2 - y)');
  });

  it('an entrywise product of matrices is ⊙, the signal flowing back first', () => {
    expect(show(mul(matmul(transpose(W2), d2), a1, add(num(1), neg(a1))))).toBe('(W2ᵀ δ2) ⊙ a1 ⊙ (1 - a1)');
    expect(show(mul(matmul(transpose(W2), d2), prime('sigmoid', z1)))).toBe('(W2ᵀ δ2) ⊙ σ′(z1)');
    expect(show(mul(D2, A1), BATCH)).toBe('A1 ⊙ D2');
  });

  it('a scalar factor goes in front', () => {
    expect(show(mul(pow(m, num(-1)), matmul(D1, transpose(X))), BATCH)).toBe('(1/m) D1 Xᵀ');
    expect(show(neg(mul(pow(m, num(-1)), matmul(D1, transpose(X)))), BATCH)).toBe('-(1/m) D1 Xᵀ');
    expect(show(mul(sym('lambda'), W1))).toBe('lambda W1');
    expect(show(mul(num(2), sym('lambda'), W1))).toBe('(2*lambda) W1');
    expect(show(add(matmul(d2, transpose(a1)), mul(sym('lambda'), W2)))).toBe('lambda W2 + δ2 a1ᵀ');
  });

  it('an entrywise quotient by a matrix is ⊘', () => {
    expect(show(mul(y, pow(a2, num(-1))))).toBe('y ⊘ a2');
  });

  it('σ′, sums, broadcasts and ones', () => {
    expect(show(prime('sigmoid', z1))).toBe('σ′(z1)');
    expect(show(prime('tanh', z1))).toBe('tanh′(z1)');
    expect(show(sumAll(W1))).toBe('sum(W1)');
    expect(show(rowsum(D2), BATCH)).toBe('rowsum(D2)');
    expect(show(colsum(D2), BATCH)).toBe('colsum(D2)');
    expect(show(bcast(b1, 'm'))).toBe('b1');
    expect(show(bcastRow(matSym('c', 1, 'n'), 'm'))).toBe('c');
    expect(show(ones('m', 1))).toBe('ones(m, 1)');
  });

  it('derivatives by matrices, and the backprop of G through E', () => {
    expect(show(diff(L, W2))).toBe('∂L/∂W2');
    expect(show(vjp(diff(L, z2), DEFINITIONS[2]!.expr, W2))).toBe('∂⟨∂L/∂z2, b2 + W2 a1⟩/∂W2');
    // A derivative by a matrix is a matrix: ⊙, not a scalar product.
    expect(show(mul(diff(L, a1), prime('sigmoid', z1)))).toBe('∂L/∂a1 ⊙ σ′(z1)');
  });

  it('the ASCII of JSON stays the functional form, re-parsable', () => {
    expect(withShapesOf(DEFINITIONS, () => toAscii(add(matmul(W1, x), bcast(b1, 'm'))))).toBe('bcast(mat(b1, n1, 1), m) + matmul(mat(W1, n1, n0), mat(x, n0, 1))');
    expect(withShapesOf(DEFINITIONS, () => toAscii(mul(a1, add(num(1), neg(a1)))))).toBe('a1*(1 - a1)');
  });

  it('a result line shows matrices too', () => {
    expect(withShapesOf(DEFINITIONS, () => toResultAscii(mul(matmul(transpose(W2), d2), a1, add(num(1), neg(a1)))))).toBe('(W2ᵀ δ2) ⊙ a1 ⊙ (1 - a1)');
  });

  it('scalar terms print as before, with or without shapes in force', () => {
    const scalar = mul(a1, add(num(1), neg(a1)));
    expect(toDisplayAscii(scalar)).toBe('a1*(1 - a1)');
    expect(withShapesOf([{ name: 'a1', expr: call('sigmoid', sym('z1')) }], () => toDisplayAscii(scalar))).toBe('a1*(1 - a1)');
    expect(toDisplayAscii(mul(diff(L, a1), diff(a1, sym('z1'))))).toBe('∂L/∂a1 · ∂a1/∂z1');
  });

  it('a name is a matrix only where its definition says so', () => {
    // Without the definitions a1 is a scalar name: a product of numbers.
    expect(toDisplayAscii(mul(a1, add(num(1), neg(a1))))).toBe('a1*(1 - a1)');
    expect(show(mul(a1, add(num(1), neg(a1))))).toBe('a1 ⊙ (1 - a1)');
  });
});
