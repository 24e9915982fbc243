/**
 * Square roots of positive rationals in the rational-function algebra (src/expr/roots.ts,
 * src/expr/poly.ts): one canonical form, so `sqrt(2)^2 = 2` and `1/sqrt(2) = sqrt(2)/2`
 * are decided, while nothing is assumed of a root whose radicand is not a positive number.
 */
import { describe, expect, it } from 'vitest';
import { AtomTable, normalize, rationallyEqual } from '../../src/expr/poly.js';
import { toAscii } from '../../src/expr/print.js';
import { rat } from '../../src/expr/rational.js';
import { squareRoot } from '../../src/expr/roots.js';
import { parse } from '../../src/parse/ascii.js';

const equal = (a: string, b: string): boolean => rationallyEqual(parse(a), parse(b));

describe('squareRoot: a rational coefficient times roots of distinct primes', () => {
  it.each([
    [rat(8), '2', ['2']],
    [rat(12), '2', ['3']],
    [rat(6), '1', ['2', '3']],
    [rat(9), '3', []],
    [rat(1, 2), '1/2', ['2']],
    [rat(9, 4), '3/2', []],
    [rat(10_007 * 10_007 * 3), '10007', ['3']],
  ] as const)('sqrt(%o)', (q, coefficient, roots) => {
    const r = squareRoot(q);
    expect(`${r.coefficient.n}${r.coefficient.d === 1n ? '' : `/${r.coefficient.d}`}`).toBe(coefficient);
    expect(r.roots.map(String)).toEqual(roots);
  });
});

describe('equalities of numeric roots, decided by algebra', () => {
  it.each([
    ['sqrt(2)*sqrt(2)', '2'],
    ['sqrt(2)^2', '2'],
    ['2^(1/2)', 'sqrt(2)'],
    ['2^(-3/2)', 'sqrt(2)/4'],
    ['1/sqrt(2)', 'sqrt(2)/2'],
    ['sqrt(1/2)', 'sqrt(2)/2'],
    ['sqrt(8)', '2*sqrt(2)'],
    ['sqrt(6)', 'sqrt(2)*sqrt(3)'],
    ['sqrt(9/4)', '3/2'],
    ['sqrt(2*pi)', 'sqrt(2)*sqrt(pi)'],
    ['exp(-z^2/sqrt(2)^2)', 'exp(-z^2/2)'],
    ['erf(z/sqrt(2))', 'erf(sqrt(2)*z/2)'],
    ['(1 + sqrt(2))*(sqrt(2) - 1)', '1'],
  ])('%s = %s', (a, b) => {
    expect(equal(a, b)).toBe(true);
  });

  it.each([
    ['sqrt(2)', '3/2'],
    ['sqrt(2)*sqrt(3)', 'sqrt(5)'],
    ['sqrt(x)^2', 'x'],
    ['sqrt(x)*sqrt(x)', 'x'],
    ['sqrt(-2)^2', '-2'],
    ['sqrt(-2*y)', 'sqrt(2)*sqrt(-1)*sqrt(y)'],
    ['1/(sqrt(2)^2 - 2)', '5/(sqrt(2)^2 - 2)'],
  ])('%s is not decided equal to %s', (a, b) => {
    expect(equal(a, b)).toBe(false);
  });

  it('normalizes an atom argument to one form: the root in the numerator', () => {
    expect(toAscii(normalize(parse('z/sqrt(2)'), new AtomTable()))).toBe(toAscii(normalize(parse('sqrt(2)*z/2'), new AtomTable())));
  });
});
