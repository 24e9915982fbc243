import { describe, it, expect } from 'vitest';
import { matSym, matmul, transpose, vjp, sumAll, shapeOf, showShape, bcast, rowsum, ones, prime } from '../../src/expr/matrix.js';
import { evaluateShaped, matrix, type Matrix } from '../../src/expr/matrix-eval.js';
import { call, mul, num, sym, add } from '../../src/expr/node.js';

const W = matSym('W', 'n1', 'n0');
const x = matSym('x', 'n0', 1);
const b = matSym('b', 'n1', 1);
const z = add(matmul(W, x), b);
const dims = new Map([['n1', 2], ['n0', 3], ['m', 4]]);
let seed = 7;
const r = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
const values = new Map<string, number | Matrix>([['W', matrix(2, 3, r)], ['x', matrix(3, 1, r)], ['b', matrix(2, 1, r)], ['X', matrix(3, 4, r)]]);
const close = (a: Matrix, c: Matrix): void => {
  expect([a.rows, a.cols]).toEqual([c.rows, c.cols]);
  a.data.forEach((v, i) => expect(v).toBeCloseTo(c.data[i]!, 6));
};

describe('shapes', () => {
  it('a product, a sum and their transposes', () => {
    expect(showShape(shapeOf(z))).toBe('[n1, 1]');
    expect(showShape(shapeOf(transpose(z)))).toBe('[1, n1]');
    expect(showShape(shapeOf(sumAll(z)))).toBe('scalar');
    expect(showShape(shapeOf(mul(num(2), call('sigmoid', z))))).toBe('[n1, 1]');
  });
  it('mismatches name both shapes', () => {
    expect(() => shapeOf(matmul(x, W))).toThrow('cannot multiply [n0, 1] by [n1, n0]: 1 columns against n1 rows');
    expect(() => shapeOf(add(x, b))).toThrow(/cannot add \[n[01], 1\] and \[n[01], 1\]/);
    expect(() => shapeOf(mul(x, b))).toThrow(/cannot multiply entrywise \(⊙\) \[n[01], 1\] and \[n[01], 1\]/);
    expect(() => shapeOf(bcast(matmul(x, transpose(x)), 'm'))).toThrow('cannot broadcast [n0, n0] as a column');
    expect(() => shapeOf(call('diff', z, W))).toThrow('a derivative by [n1, n0] is of a scalar, not of [n1, 1]');
  });
  it('a broadcast bias over a batch, and its row sums', () => {
    const Z = add(matmul(W, matSym('X', 'n0', 'm')), bcast(b, 'm'));
    expect(showShape(shapeOf(Z))).toBe('[n1, m]');
    expect(showShape(shapeOf(rowsum(Z)))).toBe('[n1, 1]');
    expect(showShape(shapeOf(ones(sym('m'), num(1))))).toBe('[m, 1]');
  });
});

describe('values', () => {
  it('the gradient of sum(sigmoid(Wx + b)) by W is (σ′(z)) xᵀ, by central differences', () => {
    const g = evaluateShaped(call('diff', sumAll(call('sigmoid', z)), W), { dims, values }) as Matrix;
    close(g, evaluateShaped(matmul(prime('sigmoid', z), transpose(x)), { dims, values }) as Matrix);
  });
  it('vjp through a product by its right factor is Wᵀ G', () => {
    const G = matSym('G', 'n1', 1);
    const vs = new Map(values).set('G', matrix(2, 1, r));
    close(evaluateShaped(vjp(G, matmul(W, x), x), { dims, values: vs }) as Matrix, evaluateShaped(matmul(transpose(W), G), { dims, values: vs }) as Matrix);
  });
  it('a broadcast adds b to every column', () => {
    const B = evaluateShaped(bcast(b, 'm'), { dims, values }) as Matrix;
    expect(B.data[0]).toBe(B.data[3]);
    expect(B.data[4]).toBe(B.data[7]);
  });
});
