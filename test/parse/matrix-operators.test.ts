/**
 * Shaped input (issue 16): with declared shapes, names are the leaves mat(W, r, c), `*` between
 * two matrices is the ordered product, `.*`/`⊙` entrywise, `^T`/`ᵀ` the transpose, a bias is
 * broadcast explicitly, and a mismatch is a positioned error naming both shapes. Trees are
 * compared with terms built by the constructors of src/expr/matrix.ts.
 */
import { describe, expect, it } from 'vitest';
import { type ParseOptions, parse } from '../../src/parse/ascii.js';
import { parseLatex } from '../../src/parse/latex.js';
import { toAscii } from '../../src/expr/print.js';
import { GradproofError } from '../../src/expr/errors.js';
import { type Expr, add, call, mul, neg, num, pow, sym } from '../../src/expr/node.js';
import { bcast, bcastRow, colsum, matSym, matmul, ones, prime, rowsum, shape, sumAll, transpose, vjp } from '../../src/expr/matrix.js';
import { builtinRules } from '../../src/rules/builtin.js';

const W1 = matSym('W1', 'n1', 'n0');
const W2 = matSym('W2', 'n2', 'n1');
const X = matSym('X', 'n0', 'm');
const x = matSym('x', 'n0', 1);
const b1 = matSym('b1', 'n1', 1);
const r = matSym('r', 1, 'm');
const Y = matSym('Y', 'n2', 'm');
const shapes = new Map([
  ['W1', shape('n1', 'n0')], ['W2', shape('n2', 'n1')], ['X', shape('n0', 'm')], ['x', shape('n0', 1)],
  ['b1', shape('n1', 1)], ['r', shape(1, 'm')], ['S', shape('n', 'n')], ['Y', shape('n2', 'm')],
]);
const definedShapes = new Map([['A1', shape('n1', 'm')], ['z1', shape('n1', 1)]]);
const A1 = sym('A1');
const z1 = sym('z1');
const SHAPED: ParseOptions = { source: '--expect', functions: builtinRules().functions, shapes, definedShapes };

/** The formatted error and its code. */
function error(read: () => unknown): string {
  try {
    read();
  } catch (e) {
    if (e instanceof GradproofError) return `${e.code}: ${e.format()}`;
    throw e;
  }
  throw new Error('no error');
}

describe('ASCII operators between shaped terms', () => {
  it.each<[string, Expr]>([
    ['W1*X + b1', add(matmul(W1, X), bcast(b1, 'm'))],
    ['b1 + W1*X', add(bcast(b1, 'm'), matmul(W1, X))],
    ['W1 x + b1', add(matmul(W1, x), b1)],
    ['W2*A1*X^T', matmul(matmul(W2, A1), transpose(X))],
    ['W2*(A1*X^T)', matmul(W2, matmul(A1, transpose(X)))],
    ['2*W1*X', mul(num(2), matmul(W1, X))],
    ['W1*2*X', mul(num(2), matmul(W1, X))],
    ['1/m * A1 * X^T', mul(pow(sym('m'), num(-1)), matmul(A1, transpose(X)))],
    ['A1 * X^T / m', mul(matmul(A1, transpose(X)), pow(sym('m'), num(-1)))],
    ['W1^T * z1', matmul(transpose(W1), z1)],
    ['W1ᵀ z1', matmul(transpose(W1), z1)],
    ['transpose(W1) z1', matmul(transpose(W1), z1)],
    ['(W2^T (Y - W2 A1)) .* A1', mul(matmul(transpose(W2), add(Y, neg(matmul(W2, A1)))), A1)],
    ['A1 ⊙ (1 - A1)', mul(A1, add(num(1), neg(A1)))],
    ['A1 ./ A1', mul(A1, pow(A1, num(-1)))],
    ['A1.^2', pow(A1, num(2))],
    ['x^2', pow(x, num(2))],
    ['r + A1', add(bcastRow(r, 'n1'), A1)],
    ['sum(A1)', sumAll(A1)],
    ['sum(k, 1, K, z[k])', call('sum', sym('k'), num(1), sym('K'), call('at', sym('z'), sym('k')))],
    ['rowsum(A1) + colsum(A1^T)^T', add(rowsum(A1), transpose(colsum(transpose(A1))))],
    ['ones(n1, 1) - z1', add(ones('n1', 1), neg(z1))],
    ["sigmoid'(A1)", prime('sigmoid', A1)],
    ["σ'(W1 x + b1)", prime('sigmoid', add(matmul(W1, x), b1))],
    ["tanh'(z1) .* z1", mul(prime('tanh', z1), z1)],
    ['sigmoid(W1 x)', call('sigmoid', matmul(W1, x))],
    ['softmax(A1) - softmax_rows(A1)', add(call('softmax', A1), neg(call('softmax_rows', A1)))],
    ['x^T x', matmul(transpose(x), x)],
    ['1 ./ (1 + e^(-A1))', pow(add(num(1), call('exp', neg(A1))), num(-1))],
  ])('%s', (text, tree) => {
    expect(parse(text, SHAPED)).toBe(tree);
  });

  it('A*B is never a sorted product: the order written is kept', () => {
    const ab = parse('W2*A1', SHAPED);
    expect(ab.kind).toBe('call');
    expect(parse('A1^T*W2^T', SHAPED)).toBe(matmul(transpose(A1), transpose(W2)));
  });

  it('^T of a scalar stays a power: T is a transpose mark only after a matrix', () => {
    expect(parse('c^T * W1', SHAPED)).toBe(mul(pow(sym('c'), sym('T')), W1));
    expect(parseLatex('c^{T} W_1', { shapes })).toBe(mul(pow(sym('c'), sym('T')), W1));
  });

  it('a name that is not declared is a scalar, and scales', () => {
    expect(parse('lambda*W1', SHAPED)).toBe(mul(sym('lambda'), W1));
    expect(parse('c d', SHAPED)).toBe(mul(sym('c'), sym('d')));
  });
});

describe('shape errors: positioned at the operator, naming both shapes', () => {
  it.each([
    ['W1*z1', "shape: --expect:1:3: error: cannot multiply [n1, n0] by [n1, 1]: n0 columns against n1 rows\n  W1*z1\n    ^"],
    ['z1 x', 'shape: --expect:1:4: error: cannot multiply [n1, 1] by [n0, 1]: 1 columns against n0 rows\n  z1 x\n     ^'],
    ['x + z1', 'shape: --expect:1:3: error: cannot add [n0, 1] and [n1, 1]\n  x + z1\n    ^'],
    ['z1 + r', 'shape: --expect:1:4: error: cannot add [n1, 1] and [1, m]\n  z1 + r\n     ^'],
    ['x .* z1', 'shape: --expect:1:3: error: cannot multiply entrywise (⊙) [n0, 1] and [n1, 1]\n  x .* z1\n    ^'],
    ['A1 / z1', 'shape: --expect:1:4: error: cannot divide by the matrix [n1, 1]: write ./ to divide entrywise\n  A1 / z1\n     ^'],
    ['S^2', 'shape: --expect:1:2: error: ^ of the square matrix [n, n] is ambiguous: write .^ for an entrywise power, or a product for a matrix power\n  S^2\n   ^'],
    ['rowsum(c)', 'shape: --expect:1:1: error: rowsum takes a matrix, not a scalar\n  rowsum(c)\n  ^'],
    ['mat(W1, n1, 3)', 'shape: --expect:1:1: error: W1 is declared [n1, n0], not [n1, 3]\n  mat(W1, n1, 3)\n  ^'],
  ])('%s', (text, message) => {
    expect(error(() => parse(text, SHAPED))).toBe(message);
  });
});

describe('functional forms parse back to the same terms (a proof JSON replays)', () => {
  const terms: Expr[] = [
    add(matmul(W1, X), bcast(b1, 'm')),
    vjp(mul(A1, prime('sigmoid', A1)), add(matmul(W1, X), bcast(b1, 'm')), W1),
    call('diff', sym('L'), W1),
    sumAll(mul(Y, call('log', call('softmax', A1)))),
    add(bcastRow(r, 'n1'), transpose(colsum(A1)), rowsum(A1), ones('n1', 'm')),
    mul(W2, W2, pow(matSym('W2', 'n2', 'n1'), num(-1))),
  ];
  it.each(terms.map((t) => [toAscii(t), t] as const))('%s', (text, term) => {
    expect(parse(text, { functions: builtinRules().functions })).toBe(term);
    expect(parse(text)).toBe(term);
  });
  it('mat(W1, n1, n0) names W1 itself where W1 is declared shaped', () => {
    expect(parse('mat(W1, n1, n0)', SHAPED)).toBe(W1);
  });
});

describe('without shapes, scalar input reads as before', () => {
  it.each([
    ['a*b^T', mul(sym('a'), pow(sym('b'), sym('T')))],
    ['x .* y', mul(sym('x'), sym('y'))],
    ['x.^2', pow(sym('x'), num(2))],
  ])('%s', (text, tree) => {
    expect(parse(text)).toBe(tree);
  });
  it('a transpose mark needs shapes', () => {
    expect(error(() => parse('xᵀ'))).toBe("syntax: 1:2: error: 'ᵀ' (the transpose) goes with shaped names: declare their shapes (shape W [n, m])\n  xᵀ\n   ^");
  });
});

describe('LaTeX input with shapes', () => {
  const latexShapes = new Map([['W1', shape('n1', 'n0')], ['x', shape('n0', 1)], ['b1', shape('n1', 1)], ['W2', shape('n2', 'n1')]]);
  const L: ParseOptions = { shapes: latexShapes, definedShapes: new Map([['z1', shape('n1', 1)], ['delta2', shape('n2', 1)]]) };
  it.each<[string, Expr]>([
    ['W_1 x + b_1', add(matmul(W1, x), b1)],
    ['W_2^{\\top} \\delta_2', matmul(transpose(W2), sym('delta2'))],
    ['W_2^\\top \\delta_2', matmul(transpose(W2), sym('delta2'))],
    ['W_2^{T} \\delta_2', matmul(transpose(W2), sym('delta2'))],
    ['W_2^T \\delta_2', matmul(transpose(W2), sym('delta2'))],
    ["\\left(W_2^{\\top} \\delta_2\\right) \\odot \\sigma'(z_1)", mul(matmul(transpose(W2), sym('delta2')), prime('sigmoid', sym('z1')))],
    ['\\delta_2 x^{\\top}', matmul(sym('delta2'), transpose(x))],
  ])('%s', (text, tree) => {
    expect(parseLatex(text, L)).toBe(tree);
  });
  it('a mismatch is positioned in LaTeX too', () => {
    expect(error(() => parseLatex('W_1 W_2', L))).toBe('shape: 1:5: error: cannot multiply [n1, n0] by [n2, n1]: n0 columns against n2 rows\n  W_1 W_2\n      ^');
  });
});
