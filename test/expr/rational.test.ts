/** Exact rationals: bigint numerator and denominator, always in lowest terms. */
import { describe, expect, it } from 'vitest';
import {
  rat, ratAdd, ratSub, ratMul, ratInv, ratPowInt, ratNeg, ratCompare, ratFromDecimal, ratToString, ratToNumber,
} from '../../src/expr/rational.js';
import { toAscii } from '../../src/expr/print.js';
import { parse } from '../../src/parse/ascii.js';

describe('exact rational arithmetic', () => {
  it.each([
    ['1/3 + 1/6', ratToString(ratAdd(rat(1, 3), rat(1, 6))), '1/2'],
    ['1/2 - 1/3', ratToString(ratSub(rat(1, 2), rat(1, 3))), '1/6'],
    ['2/3 * 9/4', ratToString(ratMul(rat(2, 3), rat(9, 4))), '3/2'],
    ['1/(-3/4)', ratToString(ratInv(rat(-3, 4))), '-4/3'],
    ['(2/3)^-2', ratToString(ratPowInt(rat(2, 3), -2n)), '9/4'],
    ['-(5/10)', ratToString(ratNeg(rat(5, 10))), '-1/2'],
    ['6/-4', ratToString(rat(6, -4)), '-3/2'],
    ['0/7', ratToString(rat(0, 7)), '0'],
    ['2^100 / 2^99', ratToString(rat(2n ** 100n, 2n ** 99n)), '2'],
  ])('%s = %s', (_, got, want) => {
    expect(got).toBe(want);
  });

  it('is exact where floating point is not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(ratAdd(ratFromDecimal('0.1'), ratFromDecimal('0.2'))).toEqual(ratFromDecimal('0.3'));
    expect(ratToString(ratFromDecimal('1e-3'))).toBe('1/1000');
    expect(ratToString(ratFromDecimal('2.50'))).toBe('5/2');
    expect(ratToString(ratFromDecimal('1.5e2'))).toBe('150');
  });

  it('keeps lowest terms with a positive denominator', () => {
    expect(rat(-6, -8)).toEqual({ n: 3n, d: 4n });
    expect(rat(6, -8)).toEqual({ n: -3n, d: 4n });
    expect(() => rat(1, 0)).toThrow('rational with zero denominator');
    expect(() => ratInv(rat(0))).toThrow('rational with zero denominator');
  });

  it('compares and converts', () => {
    expect([ratCompare(rat(1, 3), rat(1, 2)), ratCompare(rat(2, 4), rat(1, 2)), ratCompare(rat(-1, 2), rat(-2, 3))]).toEqual([-1, 0, 1]);
    expect(ratToNumber(rat(1, 4))).toBe(0.25);
  });
});

describe('numbers in expressions are exact', () => {
  it.each([
    ['1/3 + 1/6', '1/2'],
    ['0.1 + 0.2', '3/10'],
    ['2/4', '1/2'],
    ['-6/4', '-3/2'],
    ['(2/3)^2', '4/9'],
    ['(2/3)^-2', '9/4'],
    ['2^-1', '1/2'],
    ['1/2*2', '1'],
    ['x/3 + x/6', 'x/6 + x/3'],
    ['0.25*x', 'x/4'],
  ])('%s → %s', (input, printed) => {
    expect(toAscii(parse(input))).toBe(printed);
  });
});
