/** The ASCII printer writes the way people write, and what it prints parses back to the same node. */
import { describe, expect, it } from 'vitest';
import { toAscii } from '../../src/expr/print.js';
import { add, call, mul, num, pow, sym } from '../../src/expr/node.js';
import { rat } from '../../src/expr/rational.js';
import { parse } from '../../src/parse/ascii.js';

const table: ReadonlyArray<readonly [input: string, printed: string]> = [
  // The seed's lines.
  ['a2 - y', 'a2 - y'],
  ['(1 - y)/(1 - a2)', '(1 - y)/(1 - a2)'],
  ['-y/a2', '-y/a2'],
  ['(1-y)/(1-a2) - y/a2', '(1 - y)/(1 - a2) - y/a2'],
  ['(a2 - y)/(a2*(1 - a2))', '(a2 - y)/(a2*(1 - a2))'],
  ['a2*(1 - a2)', 'a2*(1 - a2)'],
  ['-(y*log(a2) + (1 - y)*log(1 - a2))', '-(y*log(a2) + (1 - y)*log(1 - a2))'],
  ['diff(L, a2)*diff(a2, z2)', 'diff(L, a2)*diff(a2, z2)'],
  // Powers.
  ['x^2', 'x^2'],
  ['x^(1/2)', 'x^(1/2)'],
  ['x^(a + b)', 'x^(a + b)'],
  ['(a + b)^2', '(a + b)^2'],
  ['(a*b)^2', 'a^2*b^2'],
  ['(x^2)^3', 'x^6'],
  ['(a^b)^c', '(a^b)^c'],
  ['a^b^c', 'a^(b^c)'],
  ['-x^2', '-x^2'],
  ['(-x)^2', 'x^2'],
  ['sigmoid(z)^2', 'sigmoid(z)^2'],
  ['(2*x)^(1/2)', '(2*x)^(1/2)'],
  // Negative exponents are written as denominators.
  ['x^-1', '1/x'],
  ['x^-2', '1/x^2'],
  ['x^(-1/2)', 'x^(-1/2)'],
  ['1/x^(1/2)', '1/x^(1/2)'],
  ['3*x^(-1/2)/y', '3*x^(-1/2)/y'],
  ['2*x^(-1)*y', '2*y/x'],
  ['-2*x^-3', '-2/x^3'],
  ['(1 + x)^-2', '1/(1 + x)^2'],
  ['(a*b)^-1', '1/(a*b)'],
  ['x^-1*y^-1*z', 'z/(x*y)'],
  // Numbers and signs.
  ['3*x/4', '3*x/4'],
  ['-3/4*x', '-3*x/4'],
  ['x/2 - y/3', 'x/2 - y/3'],
  ['-2', '-2'],
  ['-1/2', '-1/2'],
  ['x - 2', 'x - 2'],
  ['-x - y', '-x - y'],
  ['x - -y', 'x + y'],
  ['-(-x)', 'x'],
  ['2 - x + x', '2 - x + x'],
  // Functions.
  ['exp(-z)', 'exp(-z)'],
  ['e^(-z)', 'exp(-z)'],
  ['σ(z)', 'sigmoid(z)'],
  ['ln(x)', 'log(x)'],
  ['exp(z)/(1 + exp(z))', 'exp(z)/(1 + exp(z))'],
  ['1 - tanh(z)^2', '1 - tanh(z)^2'],
];

describe('the ASCII printer', () => {
  it.each(table)('%s → %s', (input, printed) => {
    const e = parse(input);
    expect(toAscii(e)).toBe(printed);
    expect(parse(printed)).toBe(e);
  });

  it('prints trees no parser built: a leading negative term moves after a positive one', () => {
    expect(toAscii(add(mul(num(-1), sym('y')), sym('a2')))).toBe('a2 - y');
    expect(toAscii(add(mul(num(-1), sym('x')), mul(num(-1), sym('y'))))).toBe('-x - y');
    expect(toAscii(mul(num(rat(-3, 4)), pow(sym('x'), num(-1))))).toBe('-3/(4*x)');
    expect(toAscii(call('f', sym('x'), sym('y')))).toBe('f(x, y)');
    expect(toAscii(pow(num(2), sym('x')))).toBe('2^x');
    expect(toAscii(pow(num(rat(1, 2)), sym('x')))).toBe('(1/2)^x');
    expect(toAscii(pow(num(-2), sym('x')))).toBe('(-2)^x');
  });
});
