/**
 * Refuting wrong matrix expectations: by shape (naming both shapes, or the malformed product),
 * or by value at random small matrices (naming the sizes, the entry and both values, with
 * every input's entries as the point). The classic backprop mistakes, each refuted; a right
 * expectation is never refuted, and never proven here either.
 */
import { describe, expect, it } from 'vitest';
import { type Expr, add, call, div, mul, num, pow, sub, sym } from '../../src/expr/node.js';
import { toAscii } from '../../src/expr/print.js';
import { matSym, matmul, transpose, vjp } from '../../src/expr/matrix.js';
import { evaluateShaped, isMatrix, matrix, type Value } from '../../src/expr/matrix-eval.js';
import { refuteShapedExpectation } from '../../src/verdict/matrix.js';
import type { Assumption } from '../../src/proof/types.js';
import { labelSetFact } from '../../src/proof/label-sets.js';
import { batchNetwork, network, textbookGradients } from '../support/networks.js';

const n = network();
const g = textbookGradients(n);
const facts = [n.targetsSumToOne];
const decide = (result: Expr, expected: Expr, assumptions: readonly Assumption[] = facts, net = n) =>
  refuteShapedExpectation(result, expected, { definitions: net.definitions, assumptions, domain: [net.loss] });

/** The value of `e` at a refutation's flat point (`W2[i,j]` entries, sizes by name). */
function valueAtPoint(e: Expr, point: Readonly<Record<string, number>>, definitions = n.definitions): Value {
  const dims = new Map<string, number>();
  const entries = new Map<string, Map<string, number>>();
  const values = new Map<string, Value>();
  for (const [k, v] of Object.entries(point)) {
    const m = /^(\w+)\[(\d+),(\d+)\]$/.exec(k);
    if (m) entries.set(m[1]!, (entries.get(m[1]!) ?? new Map()).set(`${m[2]},${m[3]}`, v));
    else if (/^n\d*$|^m$/.test(k)) (dims.set(k, v), values.set(k, v));
    else values.set(k, v);
  }
  for (const [name, es] of entries) {
    const keys = [...es.keys()].map((k) => k.split(',').map(Number) as [number, number]);
    const rows = Math.max(...keys.map((k) => k[0]));
    const cols = Math.max(...keys.map((k) => k[1]));
    values.set(name, matrix(rows, cols, (i, j) => es.get(`${i + 1},${j + 1}`)!));
  }
  return evaluateShaped(e, { dims, values, defs: new Map(definitions.map((d) => [d.name, d.expr])) });
}

describe('right expectations are not refuted (and not proven: numbers only refute)', () => {
  it.each([
    ['∂L/∂W2 = δ2 a1ᵀ', call('diff', n.loss, n.m.W2!), g.W2!],
    ['∂L/∂W1 = δ1 xᵀ', call('diff', n.loss, n.m.W1!), g.W1!],
    ['δ2 = a2 − y', call('diff', n.loss, sym('z2')), g.d2!],
    ['δ1 = (W2ᵀ δ2) ⊙ a1 ⊙ (1 − a1)', g.d1!, mul(matmul(transpose(n.m.W2!), g.d2!), call('prime', sym('sigmoid'), sym('z1')))],
  ])('%s', (_, result, expected) => {
    expect(decide(result, expected)).toEqual({ verdict: 'unknown', evidence: 'no difference found at 15 random points of 5 sizes (random matrices refute, never prove)' });
  });
});

describe('terms that still hold derivatives (the engine\'s steps of the chain)', () => {
  const z2def = n.definitions.find((d) => d.name === 'z2')!.expr;
  const step = vjp(call('diff', n.loss, sym('z2')), z2def, n.m.W2!);
  it('the chain step vjp(∂L/∂z2, W2 a1 + b2, W2) is δ2 a1ᵀ, and not δ2 z1ᵀ', () => {
    expect(decide(step, g.W2!).verdict).toBe('unknown');
    expect(decide(step, matmul(g.d2!, transpose(sym('z1')))).verdict).toBe('refuted');
  });
  it('a derivative of a derivative is never refuted by its rough numeric value', () => {
    expect(decide(call('diff', call('diff', n.loss, sym('z2')), n.m.b2!), g.d2!)).toEqual({
      verdict: 'unknown',
      evidence: 'a derivative of a derivative has no numeric value precise enough to refute anything',
    });
  });
});

describe('refuted by shape', () => {
  it('a product in the wrong order names both shapes', () => {
    const d = decide(g.W2!, matmul(sym('a1'), transpose(g.d2!)));
    expect(d.verdict).toBe('refuted');
    expect(d.evidence).toBe('the result is [n2, n1], the expectation [n1, n2]');
    expect(d.counterexample!.point).toEqual({ n0: 2, n1: 3, n2: 4 });
  });
  it('a number is that number in every entry: compared by value, not refuted by shape', () => {
    const W = matSym('W', 'r', 'c');
    const defs = [{ name: 'L', expr: call('sum_all', mul(sym('lambda'), W)) }];
    const options = { definitions: defs, assumptions: [], domain: [sym('L')] };
    expect(refuteShapedExpectation(call('diff', sym('L'), W), sym('lambda'), options).verdict).toBe('unknown');
    const d = refuteShapedExpectation(call('diff', sym('L'), W), num(0), options);
    expect(d.evidence).toMatch(/^at c = 2, r = 3 with the entries shown: entry \(1, 1\) of the result is -?[\d.]+, of the expectation 0$/);
  });
  it('a malformed expectation: the ShapeError, after the expectation', () => {
    const wrong = matmul(g.d2!, sym('a1'));
    const d = decide(g.W2!, wrong);
    expect(d.evidence).toBe(`${toAscii(wrong)}: cannot multiply [n2, 1] by [n1, 1]: 1 columns against n1 rows`);
  });
  it('⊙ written for an outer product', () => {
    expect(decide(g.W2!, mul(g.d2!, sym('a1'))).evidence).toMatch(/: cannot multiply entrywise \(⊙\) \[n[12], 1\] and \[n[12], 1\]$/);
  });
  it('a square W2 for W2ᵀ is malformed when n1 ≠ n2', () => {
    expect(decide(g.d1!, mul(matmul(n.m.W2!, g.d2!), sym('a1'), sub(num(1), sym('a1')))).evidence).toMatch(/cannot multiply \[n2, n1\] by \[n2, 1\]: n1 columns against n2 rows$/);
  });
});

describe('refuted by value at random matrices', () => {
  it('a square W2 for W2ᵀ, well-shaped when every size is n: the entry, both values and the point', () => {
    const sq = network(true);
    const sg = textbookGradients(sq);
    const wrong = mul(matmul(sq.m.W2!, sg.d2!), sym('a1'), sub(num(1), sym('a1')));
    const d = decide(sg.d1!, wrong, [sq.targetsSumToOne], sq);
    expect(d.verdict).toBe('refuted');
    expect(d.evidence).toMatch(/^at n = 2 with the entries shown: entry \([12], 1\) of the result is -?[\d.e-]+, of the expectation -?[\d.e-]+$/);
    const ce = d.counterexample!;
    expect(Object.keys(ce.point)).toEqual(['n', 'b1[1,1]', 'b1[2,1]', 'b2[1,1]', 'b2[2,1]', 'W1[1,1]', 'W1[1,2]', 'W1[2,1]', 'W1[2,2]', 'W2[1,1]', 'W2[1,2]', 'W2[2,1]', 'W2[2,2]', 'x[1,1]', 'x[2,1]', 'y[1,1]', 'y[2,1]']);
    // The point is real: both sides recomputed there give the values reported, at the entry named.
    const i = Number(/entry \((\d)/.exec(d.evidence!)![1]) - 1;
    const [r, e] = [valueAtPoint(sg.d1!, ce.point, sq.definitions), valueAtPoint(wrong, ce.point, sq.definitions)];
    expect(isMatrix(r) && isMatrix(e)).toBe(true);
    expect((r as { data: Float64Array }).data[i]).toBeCloseTo(ce.left, 12);
    expect((e as { data: Float64Array }).data[i]).toBeCloseTo(ce.right, 12);
    expect(Math.abs(ce.left - ce.right)).toBeGreaterThan(1e-6);
    expect(ce.point['y[1,1]']! + ce.point['y[2,1]']!).toBeCloseTo(1, 14);
  });
  it('a row-major formula (CS231n: dW1 = Xᵀ dZ1) in a column-major batch: by shape, and by value when every size is equal', () => {
    const b = batchNetwork();
    const inv = pow(sym('m'), num(-1));
    const dZ1 = mul(matmul(transpose(b.m.W2!), sub(sym('A2'), b.m.Y!)), sub(num(1), pow(sym('A1'), num(2))));
    const right = mul(inv, matmul(dZ1, transpose(b.m.X!)));
    const rowMajor = mul(inv, matmul(transpose(b.m.X!), dZ1));
    const options = { definitions: b.definitions, assumptions: [b.targetsSumToOne], domain: [b.loss] };
    expect(refuteShapedExpectation(right, rowMajor, options).evidence).toBe(`${toAscii(rowMajor)}: cannot multiply [m, n0] by [n1, m]: n0 columns against n1 rows`);
    expect(refuteShapedExpectation(call('diff', b.loss, b.m.W1!), right, options).verdict).toBe('unknown');
    // The row-major gradient transposed is the column-major one: right in value, wrong in layout.
    expect(refuteShapedExpectation(right, transpose(mul(inv, matmul(b.m.X!, transpose(dZ1)))), options).verdict).toBe('unknown');
    const square = batchNetwork(true);
    const sq = { definitions: square.definitions, assumptions: [square.targetsSumToOne], domain: [square.loss] };
    const sqdZ1 = mul(matmul(transpose(square.m.W2!), sub(sym('A2'), square.m.Y!)), sub(num(1), pow(sym('A1'), num(2))));
    const invN = pow(sym('n'), num(-1));
    const d = refuteShapedExpectation(mul(invN, matmul(sqdZ1, transpose(square.m.X!))), mul(invN, matmul(transpose(square.m.X!), sqdZ1)), sq);
    expect(d.verdict).toBe('refuted');
    expect(d.evidence).toMatch(/^at n = 2 with the entries shown: entry \(\d, \d\) of the result is/);
  });
  it('a missing σ′ factor', () => {
    const d = decide(g.d1!, matmul(transpose(n.m.W2!), g.d2!));
    expect(d.verdict).toBe('refuted');
    expect(d.evidence).toMatch(/^at n0 = 2, n1 = 3, n2 = 4 with the entries shown: entry \(\d, 1\) of the result/);
  });
  it('the cross-entropy δ used with the quadratic cost', () => {
    const defs = [...n.definitions.slice(0, 4), { name: 'L', expr: call('sum_all', mul(div(num(1), num(2)), sub(sym('a2'), n.m.y!), sub(sym('a2'), n.m.y!))) }];
    const quad = { ...n, definitions: defs };
    const d = decide(call('diff', sym('L'), sym('z2')), g.d2!, facts, quad);
    expect(d.verdict).toBe('refuted');
  });
  it('softmax δ = a2 − y is refuted when the targets need not sum to 1, not when they do', () => {
    const delta2 = call('diff', n.loss, sym('z2'));
    expect(decide(delta2, g.d2!, []).verdict).toBe('refuted');
    expect(decide(delta2, g.d2!, facts).verdict).toBe('unknown');
  });
  it('targets in {0, 1} are drawn from the set: a − y² is δ of the binary cross-entropy only there', () => {
    const y = matSym('y', 'k', 1);
    const z = matSym('z', 'k', 1);
    const bce = [
      { name: 'a', expr: call('sigmoid', z) },
      { name: 'L', expr: mul(num(-1), call('sum_all', add(mul(y, call('log', sym('a'))), mul(sub(num(1), y), call('log', sub(num(1), sym('a'))))))) },
    ];
    const fact = labelSetFact(y, [num(0), num(1)]);
    const options = (assumptions: Assumption[]) => ({ definitions: bce, assumptions, domain: [sym('L')] });
    const expected = sub(sym('a'), mul(y, y));
    expect(refuteShapedExpectation(call('diff', sym('L'), z), expected, options([fact])).verdict).toBe('unknown');
    const wrong = refuteShapedExpectation(call('diff', sym('L'), z), expected, options([]));
    expect(wrong.verdict).toBe('refuted');
    const binary = refuteShapedExpectation(call('diff', sym('L'), z), sym('a'), options([fact]));
    expect(binary.verdict).toBe('refuted');
    expect(Object.entries(binary.counterexample!.point).filter(([k]) => k.startsWith('y')).every(([, v]) => v === 0 || v === 1)).toBe(true);
  });
  it('lambda > 0: an L2 term drawn with a positive lambda', () => {
    const W = matSym('W', 'r', 'c');
    const defs = [{ name: 'L', expr: mul(div(num(1), num(2)), sym('lambda'), call('sum_all', mul(W, W))) }];
    const fact: Assumption = { lhs: sym('lambda'), op: '>', rhs: num(0) };
    const d = refuteShapedExpectation(call('diff', sym('L'), W), W, { definitions: defs, assumptions: [fact], domain: [sym('L')] });
    expect(d.verdict).toBe('refuted');
    expect(d.counterexample!.point.lambda).toBeGreaterThan(0);
  });
});
