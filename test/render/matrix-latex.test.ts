import { describe, expect, it } from 'vitest';
import { bcast, colsum, matmul, ones, prime, rowsum, sumAll, transpose, vjp } from '../../src/expr/matrix.js';
import { type Expr, add, diff, mul, neg, num, pow, sym } from '../../src/expr/node.js';
import { toLatex } from '../../src/render/latex.js';
import { withShapesOf } from '../../src/render/matrix-shapes.js';
import { expectKatex } from './katex.js';
import { BATCH, D1, D2, DEFINITIONS, L, W1, W2, X, a1, a2, b1, d2, y, z1, z2 } from './matrix-problems.js';

/** The LaTeX of `e` with the definitions' shapes in force; every string must set under KaTeX. */
function latex(e: Expr, defs = DEFINITIONS): string {
  const out = withShapesOf(defs, () => toLatex(e));
  expectKatex(out);
  return out;
}
const m = sym('m');

describe('shaped terms in LaTeX', () => {
  it('transposes, products and sums', () => {
    expect(latex(W2)).toBe('W_{2}');
    expect(latex(matmul(transpose(W2), d2))).toBe('W_{2}^{\\top} \\delta_{2}');
    expect(latex(matmul(transpose(W2), add(a2, neg(y))))).toBe('W_{2}^{\\top} \\left(a_{2} - y\\right)');
    expect(latex(transpose(matmul(W2, a1)))).toBe('\\left(W_{2} a_{1}\\right)^{\\top}');
    expect(latex(bcast(b1, 'm'))).toBe('b_{1}');
  });

  it('⊙ between matrices, σ′, a scalar in front, ⊘ for a quotient', () => {
    expect(latex(mul(matmul(transpose(W2), d2), a1, add(num(1), neg(a1))))).toBe('\\left(W_{2}^{\\top} \\delta_{2}\\right) \\odot a_{1} \\odot \\left(1 - a_{1}\\right)');
    expect(latex(mul(matmul(transpose(W2), d2), prime('sigmoid', z1)))).toBe("\\left(W_{2}^{\\top} \\delta_{2}\\right) \\odot \\sigma'\\left(z_{1}\\right)");
    expect(latex(prime('tanh', z1))).toBe("\\tanh'\\left(z_{1}\\right)");
    expect(latex(prime('relu', z1))).toBe("\\operatorname{relu}'\\left(z_{1}\\right)");
    expect(latex(mul(pow(m, num(-1)), matmul(D1, transpose(X))), BATCH)).toBe('\\frac{1}{m} D_{1} X^{\\top}');
    expect(latex(neg(mul(num(2), sym('lambda'), W1)))).toBe('-2 \\lambda W_{1}');
    expect(latex(mul(y, pow(a2, num(-1))))).toBe('y \\oslash a_{2}');
  });

  it('a layer name keeps its superscript, and a transpose braces it', () => {
    const defs = [{ name: 'a__1', expr: mul(num(2), W1) }];
    expect(latex(transpose(sym('a__1')), defs)).toBe('{a^{(1)}}^{\\top}');
    // δ names as the user wrote them: `delta__2` is δ^(2), `δ2` is δ_2.
    const deltas = [...DEFINITIONS, { name: 'delta__2', expr: add(a2, neg(y)) }];
    expect(latex(matmul(transpose(W2), sym('delta__2')), deltas)).toBe('W_{2}^{\\top} \\delta^{(2)}');
    expect(latex(matmul(sym('delta__2'), transpose(a1)), deltas)).toBe('\\delta^{(2)} a_{1}^{\\top}');
    expect(latex(mul(sym('a__1'), sym('b__1')), [...defs, { name: 'b__1', expr: W1 }])).toBe('a^{(1)} \\odot b^{(1)}');
  });

  it('sums, ones, derivatives and the backprop of G through E', () => {
    expect(latex(sumAll(W1))).toBe('\\operatorname{sum}\\left(W_{1}\\right)');
    expect(latex(rowsum(D2), BATCH)).toBe('\\operatorname{rowsum}\\left(D_{2}\\right)');
    expect(latex(colsum(D2), BATCH)).toBe('\\operatorname{colsum}\\left(D_{2}\\right)');
    expect(latex(ones('m', 1))).toBe('\\mathbf{1}_{m \\times 1}');
    expect(latex(diff(L, W2))).toBe('\\frac{\\partial L}{\\partial W_{2}}');
    expect(latex(vjp(diff(L, z2), DEFINITIONS[2]!.expr, W2))).toBe(
      '\\frac{\\partial \\left\\langle \\frac{\\partial L}{\\partial z_{2}}, b_{2} + W_{2} a_{1} \\right\\rangle}{\\partial W_{2}}',
    );
    expect(latex(mul(diff(L, a1), prime('sigmoid', z1)))).toBe("\\frac{\\partial L}{\\partial a_{1}} \\odot \\sigma'\\left(z_{1}\\right)");
  });

  it('scalar products print as before', () => {
    expect(toLatex(mul(a1, add(num(1), neg(a1))))).toBe('a_{1} \\left(1 - a_{1}\\right)');
    expect(toLatex(mul(pow(m, num(-1)), sym('q')))).toBe('\\frac{q}{m}');
  });
});
