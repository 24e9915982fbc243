/**
 * Declaring shapes: `shape W1 [n1, n0]` lines in a problem file, `--shape` texts inline
 * (problemFromInput), LaTeX's `W_1 \in \mathbb{R}^{n_1 \times n_0}`; defined names take
 * their definition's shape, in order; facts on shaped names; errors positioned.
 */
import { describe, expect, it } from 'vitest';
import { parseProblem } from '../../src/parse/problem.js';
import { definitionShapes, parseShapes } from '../../src/parse/shapes.js';
import { problemFromInput } from '../../src/api/derive.js';
import { toAscii } from '../../src/expr/print.js';
import { GradproofError } from '../../src/expr/errors.js';
import { add, call, mul, num, pow, sym } from '../../src/expr/node.js';
import { bcast, colsum, matSym, matmul, prime, shape, showShape, sumAll, transpose } from '../../src/expr/matrix.js';

function error(read: () => unknown): string {
  try {
    read();
  } catch (e) {
    if (e instanceof GradproofError) return `${e.code}: ${e.format()}`;
    throw e;
  }
  throw new Error('no error');
}

const shown = (decls: ReturnType<typeof parseShapes>): string => decls.map((d) => `${d.name} ${showShape(d.shape)}`).join('; ');

describe('shape declarations', () => {
  it.each([
    ['W1 [n1, n0]', 'W1 [n1, n0]'],
    ['W1 [n1, n0], b1 [n1, 1]', 'W1 [n1, n0]; b1 [n1, 1]'],
    ['  x[3,1] ', 'x [3, 1]'],
    ['W_1 \\in \\mathbb{R}^{n_1 \\times n_0}', 'W1 [n1, n0]'],
    ['x \\in \\mathbb{R}^{n_0}, b_1 \\in \\mathbb{R}^{n_1 \\times 1}', 'x [n0, 1]; b1 [n1, 1]'],
  ])('%s', (text, expected) => {
    expect(shown(parseShapes(text))).toBe(expected);
  });
  it.each([
    ['W1 [n1, 0]', "syntax: --shape:1:9: error: a dimension is a name or a positive integer, not '0'\n  W1 [n1, 0]\n          ^"],
    ['W1 [n1, 2.5]', "syntax: --shape:1:9: error: a dimension is a name or a positive integer, not '2.5'\n  W1 [n1, 2.5]\n          ^"],
    ['W1 n1, n0', 'syntax: --shape:1:1: error: a shape is declared as a name and [rows, columns]: W1 [n1, n0]\n  W1 n1, n0\n  ^'],
    ['sigmoid [n, 1]', "syntax: --shape:1:1: error: cannot declare a shape for 'sigmoid', which is a function or a constant\n  sigmoid [n, 1]\n  ^"],
    ['x [n, 1], x [m, 1]', 'syntax: --shape:1:11: error: x has two shapes\n  x [n, 1], x [m, 1]\n            ^'],
  ])('%s is refused', (text, message) => {
    expect(error(() => parseShapes(text, { source: '--shape' }))).toBe(message);
  });
});

const W1 = matSym('W1', 'n1', 'n0');
const W2 = matSym('W2', 'n2', 'n1');
const X = matSym('X', 'n0', 'm');
const b1 = matSym('b1', 'n1', 1);
const Y = matSym('Y', 'n2', 'm');

const NETWORK = `title a two-layer network, column-major batch (Ng)
shape W1 [n1, n0], b1 [n1, 1]
shape W2 [n2, n1]
shape X [n0, m], Y [n2, m]
let Z1 = W1*X + b1
let A1 = sigmoid(Z1)
let A2 = softmax(W2 A1)
loss L = -sum(Y .* log(A2))/m
wrt W1
expect (W2^T (A2 - Y) ⊙ σ'(Z1)) X^T / m
assume colsum(Y) = 1
assume Y in {0, 1}
assume lambda > 0
`;

describe('a problem file with shapes', () => {
  const spec = parseProblem(NETWORK, 'net.grad');
  it('declared names are leaves; defined names stay names, with their definitions\' shapes', () => {
    expect(spec.definitions.map((d) => [d.name, d.expr])).toEqual([
      ['Z1', add(matmul(W1, X), bcast(b1, 'm'))],
      ['A1', call('sigmoid', sym('Z1'))],
      ['A2', call('softmax', matmul(W2, sym('A1')))],
    ]);
    expect(spec.loss).toBe(mul(num(-1), sumAll(mul(Y, call('log', sym('A2')))), pow(sym('m'), num(-1))));
    expect(spec.wrt).toBe('W1');
    expect(spec.expects).toEqual([mul(matmul(mul(matmul(transpose(W2), add(sym('A2'), mul(num(-1), Y))), prime('sigmoid', sym('Z1'))), transpose(X)), pow(sym('m'), num(-1)))]);
    expect([...spec.shapes!].map(([n, s]) => `${n} ${showShape(s)}`)).toEqual(['W1 [n1, n0]', 'b1 [n1, 1]', 'W2 [n2, n1]', 'X [n0, m]', 'Y [n2, m]']);
    expect([...definitionShapes(spec.definitions)].map(([n, s]) => `${n} ${showShape(s)}`)).toEqual(['Z1 [n1, m]', 'A1 [n1, m]', 'A2 [n2, m]']);
  });
  it('facts on shaped names', () => {
    expect(spec.assumptions.map((a) => [a.operands.map((e) => toAscii(e)), a.ops, a.among?.map((e) => toAscii(e))])).toEqual([
      [['colsum(mat(Y, n2, m))', '1'], ['='], undefined],
      [['mat(Y, n2, m)'], [], ['0', '1']],
      [['lambda', '0'], ['>'], undefined],
    ]);
    expect(spec.assumptions[0]!.operands[0]).toBe(colsum(Y));
  });
  it('a file without shape lines reads as before', () => {
    const plain = parseProblem('let a2 = sigmoid(z2)\nloss L = -(y*log(a2) + (1 - y)*log(1 - a2))\nwrt z2\n', 'bce.grad');
    expect(plain.shapes).toBeUndefined();
    expect(toAscii(plain.definitions[0]!.expr)).toBe('sigmoid(z2)');
  });
  it.each([
    ['shape a [K, 1], x [M, 1]\nlet d = a * x\nloss L = sum(d)\nwrt a\n', 'shape: q.grad:2:11: error: cannot multiply [K, 1] by [M, 1]: 1 columns against M rows\n  let d = a * x\n            ^'],
    ['shape a [K, 1]\nloss L = a\nwrt a\n', 'shape: q.grad:2:6: error: a loss is a scalar, not [K, 1]: sum its entries with sum(...)\n  loss L = a\n       ^'],
    ['shape a [K, 1]\nlet b = 2*c\nlet c = a\nloss L = sum(b)\nwrt a\n', "syntax: q.grad:2:5: error: c is used before its definition: with shapes, define each name before the lines that use it (its shape is its definition's)\n  let b = 2*c\n      ^"],
    ['shape a [K, 1]\nlet a = 2\nloss L = a\nwrt a\n', "syntax: q.grad:2:5: error: a has a declared shape and a definition: a defined name takes its definition's shape\n  let a = 2\n      ^"],
    ['shape a [K, 0]\nloss L = sum(a)\nwrt a\n', "syntax: q.grad:1:13: error: a dimension is a name or a positive integer, not '0'\n  shape a [K, 0]\n              ^"],
    ['shape a [K, 1]\nshape a [M, 1]\nloss L = sum(a)\nwrt a\n', 'syntax: q.grad:2:7: error: a has two shapes\n  shape a [M, 1]\n        ^'],
  ])('refused: %j', (file, message) => {
    expect(error(() => parseProblem(file, 'q.grad'))).toBe(message);
  });
});

describe('inline problems with --shape (problemFromInput)', () => {
  it('the shapes make the names matrices; lets take their shapes in order', () => {
    const spec = problemFromInput({ loss: 'L = sum((a2 - y).^2)/2', let: ['z2 = W2*a1 + b2', 'a2 = sigmoid(z2)'], shape: ['W2 [K, H], a1 [H, 1]', 'b2 [K, 1], y [K, 1]'], wrt: 'W2', expect: 'δ2 * a1^T' });
    expect(spec.definitions[0]!.expr).toBe(add(matmul(matSym('W2', 'K', 'H'), matSym('a1', 'H', 1)), matSym('b2', 'K', 1)));
    expect(toAscii(spec.loss)).toBe('sum_all((a2 - mat(y, K, 1))^2)/2');
    expect(spec.expects[0]).toBe(mul(sym('δ2'), transpose(matSym('a1', 'H', 1))));
    expect(spec.shapes?.get('W2')).toEqual(shape('K', 'H'));
  });
  it('a mismatch names both shapes', () => {
    expect(error(() => problemFromInput({ loss: 'sum(d)', let: ['d = a * x'], shape: ['a [K, 1]', 'x [M, 1]'], wrt: 'a' }))).toBe(
      'shape: --let:1:7: error: cannot multiply [K, 1] by [M, 1]: 1 columns against M rows\n  d = a * x\n        ^',
    );
  });
  it('without --shape nothing changes', () => {
    expect(problemFromInput({ loss: 'a*b^T', wrt: 'a' }).loss).toBe(mul(sym('a'), pow(sym('b'), sym('T'))));
  });
});

describe('a LaTeX problem file with shapes', () => {
  const file = [
    'shape W_1 \\in \\mathbb{R}^{n_1 \\times n_0}, x \\in \\mathbb{R}^{n_0}, b_1 \\in \\mathbb{R}^{n_1}, y \\in \\mathbb{R}^{n_1}',
    'let z_1 = W_1 x + b_1',
    'let a_1 = \\sigma(z_1)',
    'loss L = \\frac{1}{2} \\operatorname{sum}((a_1 - y) \\odot (a_1 - y))',
    'wrt W_1',
    "expect \\left((a_1 - y) \\odot \\sigma'(z_1)\\right) x^{\\top}",
  ].join('\n');
  it('reads to the same terms as ASCII', () => {
    const spec = parseProblem(file, 'l.grad');
    const x = matSym('x', 'n0', 1);
    const y = matSym('y', 'n1', 1);
    expect(spec.definitions[0]!.expr).toBe(add(matmul(W1, x), b1));
    expect(toAscii(spec.loss)).toBe('sum_all((a1 - mat(y, n1, 1))*(a1 - mat(y, n1, 1)))/2');
    expect(spec.wrt).toBe('W1');
    expect(spec.expects[0]).toBe(matmul(mul(add(sym('a1'), mul(num(-1), y)), prime('sigmoid', sym('z1'))), transpose(x)));
  });
});

describe('the prime sign ′', () => {
  it('σ′(z) is σ′ entrywise of a shaped z, and the derivative of a scalar one', async () => {
    const { parse } = await import('../../src/parse/ascii.js');
    const { parseLatex } = await import('../../src/parse/latex.js');
    const z = matSym('z', 'n', 1);
    const shapes = new Map([['z', shape('n', 1)]]);
    expect(parse('σ′(z)', { shapes })).toBe(prime('sigmoid', z));
    expect(parseLatex('\\sigma′(z)', { shapes })).toBe(prime('sigmoid', z));
    expect(parse('σ′(z)')).toBe(parse("sigmoid'(z)"));
    expect(parseLatex('\\operatorname{softmax}(z)', { shapes })).toBe(call('softmax', z));
  });
});

describe('facts on shaped names', () => {
  it('sum(y) = 1 is a fact on sum_all; rowsum(Y) = 1 on rowsum', () => {
    const spec = parseProblem('shape y [K, 1], Y [K, m], a [K, 1]\nloss L = -sum(y .* log(a))\nwrt a\nassume sum(y) = 1\nassume rowsum(Y) = 1\n', 's.grad');
    expect(spec.assumptions.map((a) => a.operands[0])).toEqual([sumAll(matSym('y', 'K', 1)), call('rowsum', matSym('Y', 'K', 'm'))]);
    expect(spec.assumptions.map((a) => a.ops)).toEqual([['='], ['=']]);
  });
});
