/**
 * A scalar for a matrix of it (`ones(r, c) = 1`, `bcast(s, m) = s`): the kernel lets such a rule step stand only where
 * every node above it is entrywise up to one whose shape it keeps; and a scalar fact on a matrix (`rowsum(Y) = 1`)
 * speaks of each entry. Each tampered use is rejected with its reason; a wrong rule of this kind refuses to load.
 */
import { describe, expect, it } from 'vitest';
import { checkProof } from '../../src/kernel/index.js';
import { type Expr, add, call, mul, num, sym } from '../../src/expr/node.js';
import { matSym, matmul, ones, sumAll, vjp, bcastRow, rowsum } from '../../src/expr/matrix.js';
import { loadRules } from '../../src/rules/load.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { GradproofError } from '../../src/expr/errors.js';
import type { Assumption } from '../../src/proof/types.js';
import { rules, walk, proofOf, type Change } from './matrix-support.js';

const verdict = (r: ReturnType<typeof checkProof>): string => (r.ok ? 'ok' : `${r.step}: ${r.reason}`);
const single = (start: Expr, changes: Change[], assumptions: Assumption[] = []) => {
  const w = walk(start, 0, changes);
  return verdict(checkProof(proofOf(start, w.steps, w.result, [], [], assumptions), rules));
};
/** The path of the first occurrence of `part` in `e`. */
const pathTo = (e: Expr, part: Expr): number[] => {
  if (e === part) return [];
  for (let i = 0; i < e.args.length; i++) {
    const p = pathTo(e.args[i]!, part);
    if (p[0] !== -1) return [i, ...p];
  }
  return [-1];
};
const [W, y] = [matSym('W', 'n', 'm'), matSym('y', 'n', 1)];
const one = ones('n', 'm');
const onesStep = (start: Expr): string => single(start, [{ rule: 'm.ones-scalar', kind: 'rule', path: pathTo(start, one), to: num(1), bindings: { r: sym('n'), c: sym('m') } }]);

describe('a matrix of ones written 1', () => {
  it('stands beside a matrix of its shape, entry by entry', () => {
    expect(onesStep(add(W, one))).toBe('ok');
    expect(onesStep(mul(W, call('sigmoid', add(W, one))))).toBe('ok');
  });

  it('not alone, where the whole would change shape', () => {
    expect(onesStep(one)).toBe("1: it turns [n, m] into scalar");
  });

  it('not inside a sum of entries, a product, or an upstream gradient', () => {
    expect(onesStep(sumAll(one))).toBe('1: it replaces ones(n, m), [n, m], by 1, scalar');
    expect(onesStep(sumAll(call('sigmoid', one)))).toBe('1: it replaces ones(n, m), [n, m], by 1, scalar');
    // J A is not A, though both are square: a product is not entrywise.
    const sq = ones('n', 'n');
    const prod = add(matSym('B', 'n', 'n'), matmul(sq, matSym('A', 'n', 'n')));
    expect(single(prod, [{ rule: 'm.ones-scalar', kind: 'rule', path: pathTo(prod, sq), to: num(1), bindings: { r: sym('n'), c: sym('n') } }])).toBe('1: it replaces ones(n, n), [n, n], by 1, scalar');
    expect(onesStep(vjp(one, W, W))).toBe('1: it replaces ones(n, m), [n, m], by 1, scalar');
  });

  it('its dimensions are dimensions', () => {
    const start = add(W, one);
    expect(single(start, [{ rule: 'm.ones-scalar', kind: 'rule', path: pathTo(start, one), to: num(1), bindings: { r: sym('n'), c: sym('q') } }])).toBe('1: m.ones-scalar with these bindings does not match ones(n, m)');
    const odd = add(matSym('A', 'n', 'n'), ones('n', 'n'));
    expect(single(odd, [{ rule: 'm.ones-scalar', kind: 'rule', path: pathTo(odd, ones('n', 'n')), to: num(1), bindings: { r: sym('n'), c: W } }])).toBe('1: m.ones-scalar needs c a dimension, and mat(W, n, m) is not one');
  });
});

describe('a broadcast scalar written as the scalar', () => {
  it('beside a column of its shape (softmax’s G − bcast_row(colsum(S ⊙ G), r))', () => {
    const b = bcastRow(sym('s'), 'n');
    const start = add(y, mul(num(-1), b));
    expect(single(start, [{ rule: 'm.bcast-row-scalar', kind: 'rule', path: pathTo(start, b), to: sym('s'), bindings: { s: sym('s'), r: sym('n') } }])).toBe('ok');
    // Without a declared matrix the broadcast alone makes the proof shaped: n·s is not s.
    const inside = sumAll(b);
    expect(single(inside, [{ rule: 'm.bcast-row-scalar', kind: 'rule', path: [0], to: sym('s'), bindings: { s: sym('s'), r: sym('n') } }])).toBe('1: it replaces bcast_row(s, n), [n, 1], by s, scalar');
  });
});

describe('a scalar fact on a matrix is a fact on each entry', () => {
  const Y = matSym('Y', 'n', 'm');
  const fact: Assumption[] = [{ lhs: rowsum(Y), op: '=', rhs: num(1) }];
  const use = (to: Expr, start = sumAll(mul(y, rowsum(Y)))) => single(start, [{ rule: 'assume', kind: 'assumption', path: pathTo(start, rowsum(Y)), to }], fact);

  it('rowsum(Y) = 1 makes rowsum(Y) the column of ones', () => {
    expect(use(ones('n', 1))).toBe('ok');
  });

  it('not twice the ones, nor the scalar 1 inside a sum of entries', () => {
    expect(use(mul(num(2), ones('n', 1)), sumAll(add(y, rowsum(Y))))).toBe('1: no stated equation turns rowsum(mat(Y, n, m)) into 2*ones(n, 1)');
    expect(use(num(1), sumAll(call('sigmoid', rowsum(Y))))).toBe('1: it replaces rowsum(mat(Y, n, m)), [n, 1], by 1, scalar');
  });
});

describe('a rule of a scalar for a matrix is checked at load, entry by entry', () => {
  const loadError = (text: string): string => {
    try {
      loadRules([{ name: 'my.rules', text }], builtinRules());
    } catch (e) {
      if (e instanceof GradproofError) return e.format().split('\n')[0]!;
      throw e;
    }
    return 'loaded';
  };
  it('a wrong scalar refuses to load; the right one loads', () => {
    expect(loadError('rule m.x "x" / "x"\n  shapes s scalar, m dim\n  bcast(s, m) = 2*s\n')).toMatch(/^my\.rules:1:1: error: rule m\.x does not hold at random values of shapes s scalar: entry \(1, 1\) of the left side is .*, of the right side .*$/);
    expect(loadError('rule m.x "x" / "x"\n  shapes r dim, c dim\n  ones(r, c) = 2\n')).toMatch(/^my\.rules:1:1: error: rule m\.x does not hold at random values of shapes : /);
    expect(loadError('rule m.x "x" / "x"\n  shapes s scalar, m dim\n  bcast(s, m) = s\n')).toBe('loaded');
  });
});
