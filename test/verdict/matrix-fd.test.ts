/**
 * The finite-difference harness other areas use: the textbook's backprop passes at every
 * size, and a wrong gradient fails it (a harness that cannot fail checks nothing).
 */
import { describe, expect, it } from 'vitest';
import { mul, num, pow, sub, sym } from '../../src/expr/node.js';
import { matmul, rowsum, transpose } from '../../src/expr/matrix.js';
import { checkGradientFD, gradientFdReport } from '../support/matrix-fd.js';
import { batchNetwork, network, textbookGradients } from '../support/networks.js';

describe('checkGradientFD on a column network (sigmoid, softmax, cross-entropy)', () => {
  const n = network();
  const g = textbookGradients(n);
  const facts = { assumptions: [n.targetsSumToOne] };
  it.each([
    ['W2', n.m.W2!, g.W2!],
    ['b2', n.m.b2!, g.b2!],
    ['W1', n.m.W1!, g.W1!],
    ['b1', n.m.b1!, g.b1!],
    ['z2 (δ2)', sym('z2'), g.d2!],
    ['z1 (δ1)', sym('z1'), g.d1!],
  ])('∂L/∂%s is the textbook form at five sizes', (_, X, result) => {
    const r = gradientFdReport(n.loss, n.definitions, X, result, facts);
    expect(r.checked).toBe(10);
    expect(r.worst).toBeLessThan(1e-6);
  });
  it('fails a forgotten target, a missing σ′ and δ2 = a2 − y without sum(y) = 1', () => {
    expect(checkGradientFD(n.loss, n.definitions, n.m.W2!, matmul(sym('a2'), transpose(sym('a1'))), facts)).toBeGreaterThan(0.01);
    expect(checkGradientFD(n.loss, n.definitions, n.m.W1!, matmul(matmul(transpose(n.m.W2!), g.d2!), transpose(n.m.x!)), facts)).toBeGreaterThan(0.01);
    expect(checkGradientFD(n.loss, n.definitions, sym('z2'), g.d2!)).toBeGreaterThan(0.01);
  });
  it('takes explicit sizes', () => {
    const r = gradientFdReport(n.loss, n.definitions, n.m.W1!, g.W1!, { ...facts, sizes: [{ n0: 4, n1: 3, n2: 2 }], points: 3 });
    expect(r.checked).toBe(3);
    expect(r.worst).toBeLessThan(1e-6);
  });
});

describe('checkGradientFD on a batch (Ng: tanh, broadcast biases, 1/m)', () => {
  const n = batchNetwork();
  const inv = pow(sym('m'), num(-1));
  const dZ2 = sub(sym('A2'), n.m.Y!);
  const dZ1 = mul(matmul(transpose(n.m.W2!), dZ2), sub(num(1), pow(sym('A1'), num(2))));
  const facts = { assumptions: [n.targetsSumToOne] };
  it.each([
    ['W2', n.m.W2!, mul(inv, matmul(dZ2, transpose(sym('A1'))))],
    ['b2', n.m.b2!, mul(inv, rowsum(dZ2))],
    ['W1', n.m.W1!, mul(inv, matmul(dZ1, transpose(n.m.X!)))],
    ['b1', n.m.b1!, mul(inv, rowsum(dZ1))],
  ])('∂J/∂%s', (_, X, result) => {
    expect(checkGradientFD(n.loss, n.definitions, X, result, facts)).toBeLessThan(1e-6);
  });
  it('fails the bias gradient without the sum over the batch', () => {
    expect(() => checkGradientFD(n.loss, n.definitions, n.m.b2!, mul(inv, dZ2), facts)).toThrow(/the result has \d+ entries, X has \d+/);
  });
});
