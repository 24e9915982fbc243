/** Interning and canonical order: structurally equal trees are one object, whatever order they were built in. */
import { describe, expect, it } from 'vitest';
import { add, call, diff, div, internedCount, mul, neg, num, pow, sub, sym } from '../../src/expr/node.js';
import { rat } from '../../src/expr/rational.js';
import { compareNames } from '../../src/expr/order.js';
import { toAscii } from '../../src/expr/print.js';
import { parse } from '../../src/parse/ascii.js';

const [a, b, c, x, y] = ['a', 'b', 'c', 'x', 'y'].map(sym) as [ReturnType<typeof sym>, ReturnType<typeof sym>, ReturnType<typeof sym>, ReturnType<typeof sym>, ReturnType<typeof sym>];

describe('interning', () => {
  it('structurally equal trees are the same object', () => {
    const one = () => sub(sym('a2'), y);
    expect(one()).toBe(one());
    expect(call('sigmoid', sym('z2'))).toBe(call('sigmoid', sym('z2')));
    expect(num(rat(2, 4))).toBe(num(rat(1, 2)));
    expect(num(3)).toBe(num(3n));
    expect(parse('-(y*log(a2) + (1-y)*log(1-a2))')).toBe(parse('-[y log(a2) + (1 - y) log(1 − a2)]'));
    expect(diff(sym('L'), sym('z2'))).toBe(parse('diff(L, z2)'));
  });

  it('different trees are different objects', () => {
    expect(sub(x, y)).not.toBe(sub(y, x));
    expect(pow(x, num(2))).not.toBe(pow(num(2), x));
    expect(call('exp', x)).not.toBe(call('log', x));
    expect(sym('a2')).not.toBe(sym('a20'));
  });

  it('building a tree again creates no node', () => {
    const build = () => parse('a1*w2*x*(1 - a1)*(a2 - y) + exp(-z)/(1 + exp(-z))^2');
    const first = build();
    const before = internedCount();
    expect(build()).toBe(first);
    expect(internedCount()).toBe(before);
  });

  it('nodes are frozen, and every kind has the same fields in the same order', () => {
    const e = add(a, b);
    expect(Object.isFrozen(e)).toBe(true);
    expect(() => {
      (e as { kind: string }).kind = 'mul';
    }).toThrow(TypeError);
    // One shape for V8: the same keys, in order, on a number, a name, a call, a sum, a power.
    const keys = [num(2), a, call('exp', a), e, pow(a, b)].map((n) => Object.keys(n).join(','));
    expect(new Set(keys)).toEqual(new Set(['kind,id,fn,name,value,args,size,depth,hash,hasDiff']));
  });

  it('size counts nodes and depth the height', () => {
    const e = parse('(a2 - y)/(a2*(1 - a2))');
    expect([x.size, x.depth]).toEqual([1, 1]);
    // (a2 + (-1)*y) * a2^(-1) * (1 + (-1)*a2)^(-1): 1 + 5 + 3 + 7 nodes, five levels.
    expect([e.size, e.depth]).toEqual([16, 5]);
    expect(add(a, b).size).toBe(3);
    expect(mul(add(a, b), c).depth).toBe(3);
  });
});

describe('the light canonical form of the constructors', () => {
  it.each([
    ['a + b + c', () => add(c, add(b, a))],
    ['a*b*c', () => mul(c, mul(b, a))],
    ['1 + x', () => add(x, num(1))],
    ['3*x', () => mul(x, num(3))],
    ['x', () => pow(x, num(1))],
    ['1', () => pow(x, num(0))],
    ['1', () => pow(num(1), x)],
    ['0', () => mul(x, num(0), y)],
    ['x', () => add(x, num(0))],
    ['0', () => add()],
    ['1', () => mul()],
    ['1/8', () => pow(num(2), num(-3))],
    ['x', () => neg(neg(x))],
    ['x - y', () => sub(x, y)],
    ['x/y', () => div(x, y)],
    ['5/6', () => add(num(rat(1, 2)), num(rat(1, 3)))],
    ['2*x + 3*x', () => add(mul(num(2), x), mul(x, num(3)))],
    ['x*x', () => mul(x, x)],
  ])('%s', (printed, build) => {
    expect(toAscii(build())).toBe(printed);
  });

  it('like terms and equal factors are left alone: collecting is a step, not a constructor', () => {
    expect(add(x, x).args).toEqual([x, x]);
    expect(mul(x, x).args).toEqual([x, x]);
    expect(mul(x, pow(x, num(-1))).kind).toBe('mul');
  });
});

describe('canonical order', () => {
  const sums = [
    ['a2 - y', '-y + a2'],
    ['y*log(a2) + (1 - y)*log(1 - a2)', '(1 - y)*log(1 - a2) + y*log(a2)'],
    ['(1 - y)/(1 - a2) - y/a2', '-y/a2 + (1 - y)/(1 - a2)'],
    ['1 + x + x^2', 'x^2 + x + 1'],
    ['a1 + a2 + a10', 'a10 + a1 + a2'],
  ];
  it.each(sums)('a sum prints as %s in any order', (printed, other) => {
    expect(toAscii(parse(printed))).toBe(printed);
    expect(toAscii(parse(other))).toBe(printed);
    expect(parse(other)).toBe(parse(printed));
  });

  const products = [
    ['a1*w2*x*(1 - a1)*(a2 - y)', '(a2 - y)*w2*a1*(1 - a1)*x'],
    ['sigmoid(z)*(1 - sigmoid(z))', '(1 - sigmoid(z))*sigmoid(z)'],
    ['3*x*y*z', 'z*y*x*3'],
    ['a2*(1 - a2)*(a2 - y)', '(a2 - y)*a2*(1 - a2)'],
    ['x*y/(w*z)', 'y*x/(z*w)'],
  ];
  it.each(products)('a product prints as %s in any order', (printed, other) => {
    expect(toAscii(parse(other))).toBe(printed);
  });

  it('every permutation of a sum and of a product is one node', () => {
    const terms = [a, mul(num(-2), b), call('log', c), pow(x, num(2)), num(5)];
    const perms = (xs: typeof terms): (typeof terms)[] =>
      xs.length <= 1 ? [xs] : xs.flatMap((t, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [t, ...p]));
    const all = perms(terms);
    expect(all).toHaveLength(120);
    expect(new Set(all.map((p) => add(...p))).size).toBe(1);
    expect(new Set(all.map((p) => mul(...p))).size).toBe(1);
    expect(toAscii(add(...terms))).toBe('5 + a - 2*b + x^2 + log(c)');
    expect(toAscii(mul(...terms))).toBe('-10*a*b*x^2*log(c)');
  });

  it('names compare with their digits as numbers', () => {
    const names = ['a10', 'b', 'a2', 'a1', 'w_11', 'w_2', 'z'];
    expect([...names].sort(compareNames)).toEqual(['a1', 'a2', 'a10', 'b', 'w_2', 'w_11', 'z']);
  });
});
