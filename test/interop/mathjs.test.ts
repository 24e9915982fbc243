/** fromMathjs and toMathjs: mathjs trees in and out, tables of input → gradproof's text. */
import { describe, expect, it } from 'vitest';
import { create, all, type MathNode } from 'mathjs';
import { toAscii } from '../../src/expr/print.js';
import { parse } from '../../src/parse/ascii.js';
import { GradproofError } from '../../src/expr/errors.js';
import { fromMathjs, toMathjs } from '../../src/interop/mathjs.js';

const math = create(all!);

describe('fromMathjs reads mathjs trees', () => {
  it.each([
    ['-(y*log(a2) + (1-y)*log(1-a2))', '-(y*log(a2) + (1 - y)*log(1 - a2))'],
    ['a2 - y', 'a2 - y'],
    ['2x + 3', '3 + 2*x'],
    ['x / (y * z)', 'x/(y*z)'],
    ['x^-2', '1/x^2'],
    ['+x', 'x'],
    ['(x + 1)^(1/2)', '(1 + x)^(1/2)'],
    ['0.1 * x', 'x/10'],
    ['1.5e-3', '3/2000'],
    ['exp(x) + e^x + e', 'exp(1) + exp(x) + exp(x)'],
    ['pi * r^2', 'pi*r^2'],
    ['sech(x)^2', 'sech(x)^2'],
    ['tan(x)', 'tan(x)'],
    ['log(x, 2)', 'log(x, 2)'],
    ['log10(x)', 'log10(x)'],
    ['log1p(x)', 'log1p(x)'],
    ['atan2(y, x) + floor(x) + mod(x, 3)', 'atan2(y, x) + floor(x) + mod(x, 3)'],
    ['square(x) + cube(y)', 'x^2 + y^3'],
    ['sigmoid(z) * tanh(z)', 'sigmoid(z)*tanh(z)'],
    ['x > 0 ? x : 0', 'piecewise(x > 0, x, x <= 0, 0)'],
    ['add(x, multiply(2, y))', 'x + 2*y'],
  ])('%s → %s', (text, expected) => {
    expect(toAscii(fromMathjs(math.parse(text)))).toBe(expected);
  });

  it('reads what mathjs derivative returns', () => {
    expect(toAscii(fromMathjs(math.derivative('x^2*log(x)', 'x')))).toBe('x*(1 + 2*log(x))');
    expect(toAscii(fromMathjs(math.derivative('tanh(x)', 'x')))).toBe('sech(x)^2');
  });

  it('keeps a rule set\'s functions as calls, and refuses other names', () => {
    expect(toAscii(fromMathjs(math.parse('myact(z)'), { functions: new Set(['myact']) }))).toBe('myact(z)');
    expect(() => fromMathjs(math.parse('myact(z)'))).toThrow(GradproofError);
    // The registry's functions are known without a rule set; a rule set without them gets mathjs's in its own functions.
    expect(toAscii(fromMathjs(math.parse('swish(z)')))).toBe('swish(z)');
    const bare = { functions: new Set(['sin', 'cos', 'cosh', 'log']) };
    expect(toAscii(fromMathjs(math.parse('tan(x) + sech(x) + log(x, 2) + log10(x)'), bare))).toBe('sin(x)/cos(x) + 1/cosh(x) + log(x)/log(10) + log(x, 2)');
  });

  it.each([
    ['x!', "mathjs operator '!' has no gradproof counterpart"],
    ['[1, 2]', 'a mathjs ArrayNode has no gradproof counterpart'],
    ['"text"', 'a mathjs constant "text" is not a number'],
    ['gamma(x)', "mathjs function 'gamma' (with 1 argument) has no gradproof counterpart"],
    ['log(x, 2, 3)', "mathjs function 'log' (with 3 arguments) has no gradproof counterpart"],
    ['x and y ? 1 : 0', "mathjs operator 'and' has no gradproof counterpart"],
    ['f(x) = x^2', 'a mathjs FunctionAssignmentNode has no gradproof counterpart'],
  ])('%s is refused: %s', (text, message) => {
    const run = () => fromMathjs(math.parse(text));
    expect(run).toThrow(GradproofError);
    expect(run).toThrow(message);
  });
});

describe('toMathjs writes mathjs trees', () => {
  it('builds a real mathjs node that mathjs evaluates', () => {
    const node: MathNode = toMathjs('a2*(1 - a2)', math);
    expect(node.type).toBe('OperatorNode');
    expect(node.evaluate({ a2: 0.25 })).toBe(0.1875);
  });

  it.each([
    '-(y*log(a2) + (1 - y)*log(1 - a2))',
    '(a2 - y)/(a2*(1 - a2))',
    'x^(1/2) - 1/x^2 + exp(-z^2/2)/sqrt(2*pi)',
    '-x^2',
    '2^(-x)',
    'x - (y + z)',
    'piecewise(x > 0, 1, x <= 0, 0)',
  ])('%s round-trips through mathjs to the same node', (text) => {
    const e = parse(text);
    expect(fromMathjs(toMathjs(e, math))).toBe(e);
  });

  it('agrees with gradproof on the value at a point', () => {
    const text = '(a2 - y)/(a2*(1 - a2)) + exp(-z^2/2)/sqrt(2*pi)';
    expect(toMathjs(text, math).evaluate({ a2: 0.3, y: 0.8, z: 0.4 })).toBeCloseTo(-2.380952380952381 + Math.exp(-0.08) / Math.sqrt(2 * Math.PI), 14);
  });
});
