/**
 * Index notation in the core: a sum binds its index (free names, capture-free
 * substitution, alpha-equivalence), families of definitions, and numeric values.
 */
import { describe, expect, it } from 'vitest';
import { parse, parseDefinition } from '../../src/parse/ascii.js';
import { toAscii } from '../../src/expr/print.js';
import { alphaCanonical, bindersAbove, freeSymbols, indexNames, substituteFree } from '../../src/expr/indexed.js';
import { Definitions } from '../../src/expr/context.js';
import { unfoldDefinitions } from '../../src/expr/unfold.js';
import { rationallyEqual } from '../../src/expr/poly.js';
import { numericDerivative, valueAt } from '../../src/expr/numeric.js';
import { preciseValue } from '../../src/expr/precise.js';
import { siftedSum } from '../../src/expr/sift.js';

const p = (s: string) => parse(s);
const show = (s: string) => toAscii(p(s));

describe('parsing and printing', () => {
  it.each([
    ['a[k]', 'a[k]'],
    ['z[i] + z[2]', 'z[2] + z[i]'],
    ['sum(k, 1, K, exp(z[k]))', 'sum(k, 1, K, exp(z[k]))'],
    ['delta(k, i)*a[k]', 'a[k]*delta(k, i)'],
    ['-sum(k, 1, K, y[k]*log(a[k]))', '-sum(k, 1, K, y[k]*log(a[k]))'],
    ['diff(a[k], z[i])', 'diff(a[k], z[i])'],
    // A bracket after a space is still a bracket: juxtaposition.
    ['a [k + 1]', 'a*(1 + k)'],
    // delta and sum without arguments are plain names.
    ['delta*2', '2*delta'],
  ])('%s prints as %s, and reads back the same', (input, printed) => {
    expect(show(input)).toBe(printed);
    expect(p(printed)).toBe(p(input));
  });

  it('a family definition: a[k] = ...', () => {
    expect(parseDefinition('a[k] = exp(z[k])/sum(j, 1, K, exp(z[j]))')).toEqual({ name: 'a', index: 'k', expr: p('exp(z[k])/sum(j, 1, K, exp(z[j]))') });
  });

  it.each([
    ['sum(1, 1, K, x)', 'the first argument of sum is the name of its index: sum(k, 1, K, f)'],
    ['sum(k, 1, K)', 'sum takes an index, its limits and a body: sum(k, 1, K, f)'],
    ['delta(k)', 'delta takes two indices: delta(k, i)'],
    ['z[i', "expected ']' to close z[... but found end of input"],
  ])('%s is an error: %s', (input, message) => {
    expect(() => p(input)).toThrow(message);
  });
});

describe('a sum binds its index', () => {
  it('the index is not a free name; the limits are', () => {
    expect([...freeSymbols(p('sum(k, 1, K, w[k]*x)'))].sort()).toEqual(['K', 'w', 'x']);
    expect([...freeSymbols(p('k*sum(k, 1, k, x[k])'))].sort()).toEqual(['k', 'x']);
  });

  it('substitution never reaches a bound index', () => {
    expect(toAscii(substituteFree(p('k + sum(k, 1, K, x[k])'), new Map([['k', p('2')]])))).toBe('2 + sum(k, 1, K, x[k])');
  });

  it('substitution renames an index that would capture a name of the replacement', () => {
    const e = substituteFree(p('sum(k, 1, K, w*x[k])'), new Map([['w', p('y[k]')]]));
    expect(toAscii(e)).toBe('sum(k1, 1, K, x[k1]*y[k])');
  });

  it('a family member is its body at the index, without capture', () => {
    const defs = new Definitions([{ name: 'b', index: 'k', expr: p('sum(j, 1, K, w[k]*x[j])') }]);
    expect(toAscii(defs.member('b', p('j'))!)).toBe('sum(j1, 1, K, w[j]*x[j1])');
    expect(toAscii(unfoldDefinitions(p('sum(j, 1, K, b[j])'), defs))).toBe('sum(j, 1, K, sum(j1, 1, K, w[j]*x[j1]))');
    // A family depends on what its body uses, not on its own index.
    expect([...defs.inputs('b')].sort()).toEqual(['K', 'w', 'x']);
  });

  it('alpha-equivalent sums are one atom', () => {
    expect(alphaCanonical(p('sum(k, 1, K, y[k])'))).toBe(alphaCanonical(p('sum(j, 1, K, y[j])')));
    expect(rationallyEqual(p('2*sum(k, 1, K, y[k]) - sum(j, 1, K, y[j])'), p('sum(i, 1, K, y[i])'))).toBe(true);
    expect(rationallyEqual(p('sum(k, 1, K, y[k])'), p('sum(k, 1, N, y[k])'))).toBe(false);
    expect(rationallyEqual(p('sum(k, 1, K, x[k]*sum(j, 1, K, x[j]))'), p('sum(j, 1, K, x[j]*sum(k, 1, K, x[k]))'))).toBe(true);
  });

  it('the indices a path enters', () => {
    expect(bindersAbove(p('sum(k, 1, K, sum(j, 1, K, x[j]*y[k]))'), [3, 3])).toEqual(['k', 'j']);
  });

  it('names used as subscripts, in a delta or as limits are integers', () => {
    expect([...indexNames([p('z[i] + delta(m, n)*sum(k, 1, K, y[k])')])].sort()).toEqual(['K', 'i', 'm', 'n']);
  });
});

describe('numeric values', () => {
  const point = { K: 3, i: 2, 'z[1]': 0.5, 'z[2]': -1, 'z[3]': 2, 'y[1]': 0.2, 'y[2]': 0.3, 'y[3]': 0.5 };
  const softmax = new Definitions([{ name: 'a', index: 'k', expr: p('exp(z[k])/sum(j, 1, K, exp(z[j]))') }]);
  const total = Math.exp(0.5) + Math.exp(-1) + Math.exp(2);

  it('a sum adds its body over the integers from lo to hi', () => {
    expect(valueAt(p('sum(k, 1, K, k^2)'), point)).toBe(14);
    expect(valueAt(p('sum(k, 2, 1, x)'), { x: 1 })).toBe(0);
    expect(valueAt(p('sum(k, 1, K, delta(k, i)*y[k])'), point)).toBe(0.3);
  });

  it('a family member is computed from its definition; perturbing z[i] moves every a[k]', () => {
    expect(valueAt(p('a[i]'), point, softmax)).toBeCloseTo(Math.exp(-1) / total, 14);
    expect(valueAt(p('sum(k, 1, K, a[k])'), point, softmax)).toBeCloseTo(1, 14);
    const a1 = Math.exp(0.5) / total;
    const a2 = Math.exp(-1) / total;
    expect(numericDerivative(p('a[1]'), 'z[2]', point, softmax)).toBeCloseTo(-a1 * a2, 8);
    expect(valueAt(p('diff(a[1], z[i])'), point, softmax)).toBeCloseTo(-a1 * a2, 8);
  });

  it('the precise evaluator agrees', () => {
    expect(Number(preciseValue(p('sum(k, 1, K, a[k]*y[k])'), point, softmax, 30))).toBeCloseTo(valueAt(p('sum(k, 1, K, a[k]*y[k])'), point, softmax), 12);
  });
});

describe('the sum of a Kronecker delta', () => {
  const facts = [
    { lhs: p('1'), op: '<=' as const, rhs: p('i') },
    { lhs: p('i'), op: '<=' as const, rhs: p('K') },
  ];
  const indices = new Set(['i', 'K']);
  it('keeps the term at the index, when the facts put it in range', () => {
    const s = siftedSum(p('sum(k, 1, K, y[k]*log(a[k])*delta(k, i))'), facts, indices);
    expect(s.ok && toAscii(s.result)).toBe('y[i]*log(a[i])');
  });
  it.each([
    ['sum(k, 1, K, y[k]*delta(k, i))', [], 'no stated fact gives 1 <= i'],
    ['sum(k, 1, K, y[k]*delta(k, x))', null, 'x is not an index (a name used as a subscript, or an integer)'],
    ['sum(k, 1, K, y[k])', null, 'the body of sum(k, 1, K, y[k]) has no factor delta(k, i) with i free of k'],
    ['sum(k, 0, K, y[k]*delta(k, i))', null, 'no stated fact gives 0 <= i'],
  ])('%s is not sifted: %s', (e, given, reason) => {
    const s = siftedSum(p(e), given ?? facts, indices);
    expect(s).toEqual({ ok: false, reason });
  });
});
