/**
 * Tampered matrix proofs, hand-built: each edit a forger could make to a backprop proof, each rejected by the kernel
 * with its exact reason (a dropped transpose, a wrong dimension, a rule's shape, a scalar rule used as a Jacobian or
 * on matrix products, a chain step with a path missing or added, a fact used under a derivative, a name opened inside
 * a vjp, a change to the variable of a derivative).
 */
import { describe, expect, it } from 'vitest';
import { checkProof } from '../../src/kernel/index.js';
import { type Expr, diff } from '../../src/expr/node.js';
import type { Assumption } from '../../src/proof/types.js';
import { backprop, definitions } from './matrix-backprop.js';
import { rules, walk, proofOf, operand, type Change, add, call, mul, num, sym, matSym, matmul, transpose, sumAll, vjp, bcast, rowsum } from './matrix-support.js';

const verdict = (r: ReturnType<typeof checkProof>): string => (r.ok ? 'ok' : `${r.step}: ${r.reason}`);
const [W, x, y] = [matSym('W', 'n', 'm'), matSym('x', 'm', 1), matSym('y', 'n', 1)];
const [S, T] = [matSym('S', 'n', 'n'), matSym('T', 'n', 'n')];

/** A proof of one derivation from `start` by `changes`. */
const single = (start: Expr, changes: Change[], definitions: Array<{ name: string; expr: Expr }> = [], assumptions: Assumption[] = []) => {
  const w = walk(start, 0, changes);
  return verdict(checkProof(proofOf(start, w.steps, w.result, definitions, [], assumptions), rules));
};

describe('a backprop proof, tampered', () => {
  const edited = (i: number, f: (c: Change) => Change) => verdict(checkProof(backprop((cs) => cs.map((c, j) => (j === i ? f(c) : c))), rules));

  it('a dropped transpose (y x for y xᵀ) is ill-shaped', () => {
    const mm = (g: Expr) => add(vjp(g, W, W), vjp(matmul(transpose(W), y), x, W));
    expect(edited(4, (c) => ({ ...c, to: mm(matmul(y, x)) }))).toBe("5: its 'after' is ill-shaped: cannot multiply [n, 1] by [m, 1]");
  });

  it('a dimension bound otherwise than the shapes say', () => {
    expect(edited(4, (c) => ({ ...c, bindings: { ...c.bindings, k: sym('n') } }))).toBe('5: m.vjp-matmul binds the dimension k to m, not n');
  });

  it('a chain step with a path left out, or one added', () => {
    expect(single(diff(sym('L'), W), [{ rule: 'chain.matrix', kind: 'chain', path: [], to: num(0) }], definitions)).toMatch(/^1: replacing diff\(L, mat\(W, n, m\)\) by vjp\(diff\(L, z\), .* does not give its 'after'$/);
    const [u, v] = [sym('u'), sym('v')];
    const defs = [{ name: 'u', expr: matmul(W, x) }, { name: 'v', expr: mul(num(2), matmul(W, x)) }, { name: 'L', expr: sumAll(mul(y, add(u, v))) }];
    const both = add(vjp(diff(sym('L'), u), matmul(W, x), W), vjp(diff(sym('L'), v), mul(num(2), matmul(W, x)), W));
    expect(single(diff(sym('L'), W), [{ rule: 'chain.matrix', kind: 'chain', path: [], to: both }], defs)).toBe('ok');
    const oneOnly = single(diff(sym('L'), W), [{ rule: 'chain.matrix', kind: 'chain', path: [], to: vjp(diff(sym('L'), u), matmul(W, x), W) }], defs);
    expect(oneOnly).toMatch(/^1: replacing diff\(L, mat\(W, n, m\)\) by .*vjp\(diff\(L, v\).* does not give its 'after'$/);
    const extra = add(both, vjp(num(1), defs[2]!.expr, W));
    expect(single(diff(sym('L'), W), [{ rule: 'chain.matrix', kind: 'chain', path: [], to: extra }], defs)).toMatch(/does not give its 'after'$/);
  });

  it('a chain step through names that do not lead to the variable', () => {
    expect(single(diff(sym('L'), W), [{ rule: 'chain.matrix', kind: 'chain', path: [], to: num(0) }], [{ name: 'L', expr: sumAll(y) }])).toBe('1: L does not depend on W');
  });
});

describe('rules and shapes', () => {
  it('a rule for a scalar upstream gradient applied to a matrix one', () => {
    const g = matSym('G', 'n', 'm');
    const start = vjp(g, sumAll(W), W);
    expect(single(start, [{ rule: 'm.vjp-sum-all', kind: 'rule', path: [], to: vjp(g, W, W), bindings: { G: g, A: W, X: W } }])).toBe('1: m.vjp-sum-all needs G scalar, and mat(G, n, m) is [n, m]');
  });

  it('a broadcast: its dimension bound by the shapes, given or not, and only as they say', () => {
    const [g, b] = [matSym('G', 'n', 'p'), matSym('b', 'n', 1)];
    const back = (bindings: Record<string, Expr>) => single(vjp(g, bcast(b, 'p'), b), [{ rule: 'm.vjp-bcast', kind: 'rule', path: [], to: vjp(rowsum(g), b, b), bindings }]);
    expect(back({ G: g, B: b, X: b, r: sym('n'), m: sym('p') })).toBe('ok');
    expect(back({ G: g, B: b, X: b })).toBe('ok');
    expect(back({ G: g, B: b, X: b, m: sym('q') })).toBe('1: m.vjp-bcast binds the dimension m to p, not q');
  });

  it('a scalar upstream gradient through a product: the rule\'s dimensions say why it does not apply', () => {
    const [a, c] = [matSym('A', 'n', 'k'), matSym('B', 'k', 'p')];
    const to = vjp(num(1), a, a);
    expect(single(vjp(num(1), matmul(a, c), a), [{ rule: 'm.vjp-matmul', kind: 'rule', path: [], to, bindings: { G: num(1), A: a, B: c, X: a } }]))
      .toBe('1: m.vjp-matmul needs A of shape [r, k], r = 1, and mat(A, n, k) is [n, k]');
  });

  it('a dimension the shapes fix as 1', () => {
    const [col, wide] = [matSym('v', 'n', 1), matSym('A', 'n', 'k')];
    expect(single(call('colsum', col), [{ rule: 'm.colsum-column', kind: 'rule', path: [], to: sumAll(col), bindings: { A: col } }])).toBe('ok');
    expect(single(sumAll(call('colsum', wide)), [{ rule: 'm.colsum-column', kind: 'rule', path: [0], to: sumAll(wide), bindings: { A: wide } }])).toBe('1: m.colsum-column needs A of shape [r, 1], and mat(A, n, k) is [n, k]');
  });

  it('a 0 for a zero matrix, but not under a sum of entries', () => {
    const b = matSym('b', 'n', 1);
    const zeroed = (outer: (e: Expr) => Expr, path: number[]) =>
      single(outer(vjp(y, b, W)), [{ rule: 'm.vjp-const', kind: 'rule', path, to: num(0), bindings: { G: y, A: b, X: W } }]);
    expect(zeroed((e) => add(e, W), [operand(add(vjp(y, b, W), W), vjp(y, b, W))])).toBe('ok');
    expect(zeroed((e) => sumAll(call('sigmoid', e)), [0, 0])).toBe('1: it turns sigmoid(vjp(mat(y, n, 1), mat(b, n, 1), mat(W, n, m))), [n, m], into sigmoid(0), scalar, in sum_all');
    expect(zeroed((e) => sumAll(add(e, W)), [0, operand(add(vjp(y, b, W), W), vjp(y, b, W))])).toBe('ok');
  });

  it('a sum of entries whose operand collapses to a scalar as it is rebuilt', () => {
    const [b, v] = [matSym('b', 'n', 1), vjp(y, matSym('b', 'n', 1), W)];
    const twice = mul(num(2), v);
    const inner = add(twice, num(1));
    const r = single(sumAll(inner), [{ rule: 'm.vjp-const', kind: 'rule', path: [0, operand(inner, twice), operand(twice, v)], to: num(0), bindings: { G: y, A: b, X: W } }]);
    expect(r).toBe('1: it turns 1 + 2*vjp(mat(y, n, 1), mat(b, n, 1), mat(W, n, m)), [n, m], into 1, scalar, in sum_all');
  });

  it('a scalar derivative rule used as a Jacobian', () => {
    const z = sym('z');
    const start = diff(mul(y, z), W);
    const to = add(mul(diff(y, W), z), mul(y, diff(z, W)));
    expect(single(start, [{ rule: 'd.product', kind: 'rule', path: [], to, bindings: { u: y, v: z, x: W } }], [{ name: 'z', expr: matmul(W, x) }]))
      .toBe("1: its 'before' is ill-shaped: a derivative by [n, m] is of a scalar, not of [n, 1]");
  });

  it('the scalar chain rule through a matrix', () => {
    const t = sym('t');
    const defs = [{ name: 'z', expr: mul(t, matmul(W, x)) }, { name: 'L', expr: sumAll(mul(y, sym('z'))) }];
    const to = mul(diff(sym('L'), sym('z')), diff(sym('z'), t));
    expect(single(diff(sym('L'), t), [{ rule: 'chain', kind: 'chain', path: [], to }], defs)).toBe('1: it turns scalar into [n, 1]');
  });

  it('a rule without declared shapes about matrix products, on matrices', () => {
    expect(single(matmul(S, T), [{ rule: 'x.matmul-commutes', kind: 'rule', path: [], to: matmul(T, S), bindings: { A: S, B: T } }]))
      .toBe('1: x.matmul-commutes has no declared shapes and cannot bind the matrix mat(S, n, n), [n, n]');
  });
});

describe('what a vjp holds fixed, and facts under derivatives', () => {
  const z = sym('z');
  const defs = [{ name: 'z', expr: matmul(W, x) }];

  it('a name opened inside a vjp by what it depends on', () => {
    expect(single(vjp(y, z, W), [{ rule: 'def.unfold', kind: 'definition', path: [1], to: matmul(W, x) }], defs)).toBe('1: z is opened or folded inside a vjp by W, where names are held fixed');
  });

  it('a stated fact on y used inside a derivative, or a vjp, by y', () => {
    const fact: Assumption = { lhs: sumAll(y), op: '=', rhs: num(1) };
    const inDiff = single(diff(mul(sumAll(y), sym('c')), y), [{ rule: 'assume', kind: 'assumption', path: [0], to: sym('c') }], [], [fact]);
    expect(inDiff).toBe('1: it uses a stated fact on y inside a derivative by y');
    const inVjp = single(vjp(num(1), mul(sumAll(y), sym('c')), y), [{ rule: 'assume', kind: 'assumption', path: [1], to: sym('c') }], [], [fact]);
    expect(inVjp).toBe('1: it uses a stated fact on y inside a derivative by y');
  });

  it('a step that changes the variable of a vjp', () => {
    expect(single(vjp(y, z, W), [{ rule: 'alg.rearrange', kind: 'algebra', path: [2], to: transpose(transpose(W)) }], defs)).toBe('1: it changes the variable of a derivative');
  });
});
