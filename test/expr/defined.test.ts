/** Where a term is defined, and constructors that never fold that away. */
import { describe, expect, it } from 'vitest';
import { add, call, div, mul, num, pow, replaceArg, sym } from '../../src/expr/node.js';
import { definednessConditions, isDefinedEverywhere, isImpossible, lostDefinedness } from '../../src/expr/defined.js';
import { toAscii } from '../../src/expr/print.js';
import { parse } from '../../src/parse/ascii.js';
import { conditionToLatex, conditionToText } from '../../src/render/conditions.js';

const x = sym('x');
const shown = (e: string): string[] => definednessConditions(parse(e)).map((c) => `${c.kind}(${toAscii(c.expr)})`);

describe('isDefinedEverywhere', () => {
  it.each([
    ['x', true], ['3', true], ['x + y*z', true], ['x^2', true], ['exp(x)', true], ['sigmoid(-x)', true],
    ['relu(x) + abs(x)', true], ['tanh(x)*softplus(x)', true], ['piecewise(x > 0, x, x <= 0, 0)', true],
    ['log(exp(x) + 1)', true], ['sqrt(exp(x))', true], ['diff(sigmoid(x), x)', true],
    ['1/x', false], ['log(x)', false], ['sqrt(x)', false], ['x^(1/3)', false], ['x^y', false],
    ['diff(relu(x), x)', false], ['piecewise(x > 0, 1, x < 0, 0)', false],
  ])('%s: %s', (e, total) => {
    expect(isDefinedEverywhere(parse(e))).toBe(total);
  });

  it('a function it does not know may be undefined somewhere', () => {
    expect(isDefinedEverywhere(call('g', x))).toBe(false);
    expect(toAscii(mul(num(0), call('g', x)))).toBe('0*g(x)');
  });
});

describe('definednessConditions', () => {
  it.each([
    ['1/x + 1/(1 - y)', ['nonzero(x)', 'nonzero(1 - y)']],
    ['log(x - 1)', ['positive(x - 1)']],
    ['sqrt(x)', ['nonnegative(x)']],
    ['x^(3/2)', ['nonnegative(x)']],
    ['x^(-1/2)', ['positive(x)']],
    ['x^(1/3)', []],
    ['x^y', ['positive(x)']],
    ['exp(x)^y', []],
    // (-1)^k is real only for an integer k: dropping it asks that it be defined.
    ['(-1)^k*y[k]', ['defined((-1)^k)']],
    ['log(log(x))', ['positive(log(x))', 'positive(x)']],
    ['piecewise(x > 0, 1, x < 0, -1)', ['nonzero(x)']],
    ['x/2 + log(2) + sqrt(pi)', []],
    ['0/0', ['nonzero(0)']],
    ['log(-1)', ['positive(-1)']],
  ])('%s: %j', (e, conditions) => {
    expect(shown(e)).toEqual(conditions);
  });

  it('a condition on a number that fails marks the term defined nowhere', () => {
    expect(definednessConditions(parse('0/0')).some(isImpossible)).toBe(true);
    expect(definednessConditions(parse('sqrt(-1)')).some(isImpossible)).toBe(true);
    expect(definednessConditions(parse('log(x)/x')).some(isImpossible)).toBe(false);
  });

  it('what a step loses: the conditions of its left side that its right side does not carry', () => {
    expect(lostDefinedness(parse('log(x)/log(x)'), num(1)).map((c) => `${c.kind}(${toAscii(c.expr)})`)).toEqual(['positive(x)', 'nonzero(log(x))']);
    expect(lostDefinedness(parse('0*log(x) + log(x)'), parse('log(x)'))).toEqual([]);
  });
});

describe('constructors keep what may be undefined', () => {
  it('0*u drops only the factors defined everywhere', () => {
    expect(mul(num(0), call('exp', x), x)).toBe(num(0));
    expect(toAscii(mul(num(0), call('log', x), x, call('sigmoid', x)))).toBe('0*log(x)');
    expect(toAscii(div(num(0), x))).toBe('0/x');
    expect(toAscii(div(num(0), num(0)))).toBe('0*0^(-1)');
    expect(toAscii(add(x, div(num(0), num(0))))).toBe('0*0^(-1) + x');
    expect(toAscii(mul(num(2), mul(num(0), call('log', num(-1)))))).toBe('0*log(-1)');
  });

  it('u^0 is 1 only for u defined everywhere; 1^u likewise', () => {
    expect(pow(add(x, num(1)), num(0))).toBe(num(1));
    expect(toAscii(pow(call('log', x), num(0)))).toBe('log(x)^0');
    expect(pow(num(1), x)).toBe(num(1));
    expect(toAscii(pow(num(1), call('log', x)))).toBe('1^log(x)');
  });

  it('powers of powers merge only where both sides are defined alike', () => {
    expect(pow(pow(x, num(2)), num(-1))).toBe(pow(x, num(-2)));
    expect(pow(pow(x, num(-1)), num(2))).toBe(pow(x, num(-2)));
    expect(toAscii(pow(pow(x, num(-1)), num(-1)))).toBe('1/x^(-1)');
    expect(pow(pow(x, num(-1)), num(-1))).toBe(parse('1/x^(-1)'));
    // Two negative powers have one form, (x^-1)^-k, however they were built.
    expect(pow(pow(x, num(-2)), num(-1))).toBe(pow(pow(x, num(-1)), num(-2)));
    expect(pow(pow(x, num(-3)), num(-2))).toBe(pow(pow(x, num(-1)), num(-6)));
    expect(parse(toAscii(parse('(x/pi)^(-2)*z')))).toBe(parse('(x/pi)^(-2)*z'));
    expect(toAscii(parse('(x^(1/2))^2'))).toBe('(x^(1/2))^2');
    expect(toAscii(parse('(x^2)^(1/2)'))).toBe('(x^2)^(1/2)');
  });

  it('replacing a factor of a zero product goes through the same fold', () => {
    const p = mul(num(0), call('log', x), call('log', sym('y')));
    expect(toAscii(p)).toBe('0*log(x)*log(y)');
    expect(toAscii(replaceArg(p, 1, call('exp', x)))).toBe('0*log(y)');
    for (const r of [x, num(3), call('sqrt', x), mul(num(2), call('log', sym('z')))]) {
      for (let i = 0; i < p.args.length; i++) {
        const args = [...p.args];
        args[i] = r;
        expect(replaceArg(p, i, r)).toBe(mul(...args));
      }
    }
  });
});

describe('conditions as people read them', () => {
  it.each([
    ['nonnegative', 'x', 'x >= 0', 'x \\geq 0'],
    ['nonnegative', '1 - x', 'x <= 1', 'x \\leq 1'],
    ['nonnegative', '2*x - 4', 'x >= 2', 'x \\geq 2'],
    ['nonnegative', 'log(x)', 'log(x) >= 0', '\\log x \\geq 0'],
    ['positive', '1 - x', 'x < 1', 'x < 1'],
  ] as const)('%s(%s): %s', (kind, e, text, latex) => {
    const c = { kind, expr: parse(e) };
    expect(conditionToText(c)).toBe(text);
    expect(conditionToLatex(c)).toBe(latex);
  });
});
