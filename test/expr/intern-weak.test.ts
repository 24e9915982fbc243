/**
 * The intern tables hold nodes weakly: a node nobody holds is collected and its entry
 * removed, while a node still held is always the one found, so `===` stays structural
 * equality (a structure is never interned twice while a node of it is alive). V8 keeps what
 * a weak reference was made or read for alive until the task ends: each check collects
 * after a macrotask.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { type Add, type Expr, type Mul, add, call, internHash, internTableSize, internedCount, mul, num, pow, replaceArg, sym } from '../../src/expr/node.js';
import { parse } from '../../src/parse/ascii.js';
import { toAscii } from '../../src/expr/print.js';
import { collidingPairs } from '../support/collisions.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Full collections, with the finalizers that remove dead entries run in between. */
async function collect(): Promise<void> {
  for (let k = 0; k < 3; k++) {
    await sleep(1);
    gc();
  }
  await sleep(1);
}

/** `count` distinct trees nobody keeps: names, numbers and compounds of every kind. */
function litter(tag: string, count: number): string {
  let last = '';
  for (let i = 0; i < count; i++) {
    const x = sym(`${tag}${i}`);
    last = toAscii(add(mul(num(1000 + i), pow(x, num(i + 2))), call('exp', x), parse(`${tag}${i}*q - 1/${tag}${i}`)));
  }
  return last;
}

describe('the intern tables forget what nobody holds', () => {
  it('entries of collected nodes are removed, so the tables stay bounded', async () => {
    await collect();
    const before = internTableSize();
    litter('gone', 3000);
    expect(internTableSize()).toBeGreaterThan(before + 3000 * 5);
    await collect();
    // What is left: the small integers, kept for good in a table of their own (at most 129).
    expect(internTableSize()).toBeLessThan(before + 130);
  });

  it('a node still held is the one found again, after collections', async () => {
    const build = (): Expr => add(mul(sym('a1'), sym('w2'), add(num(1), mul(num(-1), sym('a1')))), call('exp', pow(sym('z'), num(-2))), num(3));
    const held = build();
    const leaf = sym('held_only_here');
    const id = held.id;
    litter('noise', 500);
    await collect();
    const made = internedCount();
    expect(build()).toBe(held);
    expect(sym('held_only_here')).toBe(leaf);
    expect(internedCount()).toBe(made);
    expect(held.id).toBe(id);
  });

  it('a structure built again after its node was collected is equal in every way but its id', async () => {
    const text = toAscii(parse('rebuilt_a*rebuilt_b + 7/3'));
    const firstId = ((): number => parse('rebuilt_a*rebuilt_b + 7/3').id)();
    await collect();
    const again = parse('rebuilt_a*rebuilt_b + 7/3');
    expect(toAscii(again)).toBe(text);
    expect(again.id).not.toBe(firstId);
    expect(parse('rebuilt_a*rebuilt_b + 7/3')).toBe(again);
  });

  it('in a slot shared by colliding nodes, the collected one goes and the live one is still found', async () => {
    const [a, b, c, d] = collidingPairs();
    const rest = Array.from({ length: 9 }, (_, k) => sym(`slot_r${k}`));
    for (const make of [add, mul]) {
      const hash = ((): number => internHash(make(...rest, a, b) as Add | Mul))();
      const kept = make(...rest, c, d) as Add | Mul;
      expect(internHash(kept)).toBe(hash);
      await collect();
      expect(make(...rest, c, d)).toBe(kept);
      const remade = make(...rest, a, b) as Add | Mul;
      expect(remade).not.toBe(kept);
      expect(internHash(remade)).toBe(hash);
      // replaceArg's merge finds the live node in the slot, and makes the collected one anew.
      const x = sym('slot_x');
      const withX = make(...rest, c, x) as Add | Mul;
      expect(replaceArg(withX, withX.args.indexOf(x), d)).toBe(kept);
      const other = make(...rest, a, x) as Add | Mul;
      expect(replaceArg(other, other.args.indexOf(x), b)).toBe(remade);
    }
  });

  it('whether a tree holds diff is known from its node, however it was built', () => {
    const d = parse('diff(a*x, x)');
    expect([d.hasDiff, parse('2*a*x + y').hasDiff, parse('2*diff(a*x, x) + y').hasDiff]).toEqual([true, false, true]);
    // By replaceArg's merge too (a product of more than eight factors), both ways.
    const long = mul(...Array.from({ length: 12 }, (_, k) => sym(`f${k}`))) as Mul;
    const withDiff = replaceArg(long, 3, d);
    expect([long.hasDiff, withDiff.hasDiff, replaceArg(withDiff, withDiff.args.indexOf(d), sym('f3')).hasDiff]).toEqual([false, true, false]);
  });
});
