/**
 * replaceArg, the fast path of replaceAt for sums and products, gives the very node that
 * rebuilding through the canonical constructors gives: on tables of textbook cases, and on
 * random trees.
 */
import { describe, expect, it } from 'vitest';
import { type Expr, add, call, mul, num, pow, rebuild, replaceArg, sym } from '../../src/expr/node.js';
import { rat } from '../../src/expr/rational.js';
import { replaceAt } from '../../src/expr/traverse.js';
import { toAscii } from '../../src/expr/print.js';
import { parse } from '../../src/parse/ascii.js';
import { seededRandom } from '../../src/expr/random.js';

const viaRebuild = (e: Expr, i: number, r: Expr): Expr => {
  const args = e.args.slice();
  args[i] = r;
  return rebuild(e, args);
};

describe('replaceArg', () => {
  it.each([
    // [expression, operand index, replacement, result]
    ['a1*w2*x*(1 - a1)*(a2 - y)', 0, 'a2*(1 - a2)', 'a2*w2*x*(1 - a1)*(1 - a2)*(a2 - y)'],
    ['2*x*y', 0, '1/2', 'x*y/2'],
    ['2*x*y', 0, '1', 'x*y'],
    ['2*x*y', 1, '0', '0'],
    ['2*x*y', 1, '3', '6*y'],
    ['x*y', 0, 'y', 'y*y'],
    ['x*y', 1, 'x', 'x*x'],
    ['1 + x + y', 0, '-1', 'x - 1 + y'],
    ['1 + x + y', 0, '0', 'x + y'],
    ['1 + x + y', 1, 'z + 2', '3 + y + z'],
    ['x + y', 1, '-x', 'x - x'],
    ['x*y', 1, '1/x', 'x/x'],
  ] as const)('%s, operand %i → %s: %s', (e, i, r, shown) => {
    const [pe, pr] = [parse(e), parse(r)];
    const out = replaceArg(pe, i, pr);
    expect(out).toBe(viaRebuild(pe, i, pr));
    expect(toAscii(out)).toBe(shown);
  });

  it('agrees with rebuilding on 3000 random sums and products', () => {
    const rnd = seededRandom(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const leaf = (): Expr => (rnd() < 0.3 ? num(rat(Math.floor(rnd() * 7) - 3, pick([1, 2]))) : sym(pick(['a1', 'a2', 'a10', 'w', 'x', 'y'])));
    const tree = (depth: number): Expr => {
      if (depth === 0 || rnd() < 0.3) return leaf();
      const kids = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => tree(depth - 1));
      const k = pick(['add', 'mul', 'pow', 'call'] as const);
      if (k === 'add') return add(...kids);
      if (k === 'mul') return mul(...kids);
      if (k === 'pow') return pow(kids[0]!, num(pick([-1, 2, -2])));
      return call(pick(['sigmoid', 'log']), kids[0]!);
    };
    let tried = 0;
    while (tried < 3000) {
      const e = tree(3);
      if (e.kind !== 'add' && e.kind !== 'mul') continue;
      const i = Math.floor(rnd() * e.args.length);
      const r = tree(2);
      expect(replaceArg(e, i, r), `${toAscii(e)} [${i}] := ${toAscii(r)}`).toBe(viaRebuild(e, i, r));
      expect(replaceAt(e, [i], r)).toBe(viaRebuild(e, i, r));
      tried++;
    }
  });

  it('agrees with rebuilding on 2000 long sums and products, built first either way', () => {
    // More than 8 operands take the one-pass merge; a node made first by rebuilding is found
    // by comparing in place, one made first by the merge is then found by rebuilding.
    const rnd = seededRandom(11);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const names = Array.from({ length: 30 }, (_, k) => sym(`v${k}`));
    const operand = (): Expr =>
      rnd() < 0.15 ? num(rat(Math.floor(rnd() * 5) - 2, pick([1, 3]))) : rnd() < 0.7 ? pick(names) : call('log', add(pick(names), num(1)));
    for (let tried = 0; tried < 2000; tried++) {
      const kind = pick(['add', 'mul'] as const);
      const e = (kind === 'add' ? add : mul)(...Array.from({ length: 9 + Math.floor(rnd() * 30) }, operand));
      if (e.kind !== kind || e.args.length <= 8) continue;
      const i = Math.floor(rnd() * e.args.length);
      const parts = Array.from({ length: Math.floor(rnd() * 4) }, operand);
      // One operand, a number, or a sum or product of several (their operands go in one by one).
      const r = parts.length === 0 ? num(pick([0, 1, -1, 2])) : parts.length === 1 ? parts[0]! : (kind === 'add' ? add : mul)(...parts);
      const label = `${toAscii(e)} [${i}] := ${toAscii(r)}`;
      if (rnd() < 0.5) {
        const expected = viaRebuild(e, i, r);
        expect(replaceArg(e, i, r), label).toBe(expected);
      } else {
        const got = replaceArg(e, i, r);
        expect(viaRebuild(e, i, r), label).toBe(got);
      }
    }
  });
});
