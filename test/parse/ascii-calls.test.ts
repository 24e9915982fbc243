/**
 * Calls versus products, and what the ASCII parser refuses rather than guesses: a name
 * followed by `(` is a call, a call to an unknown function is an error (never a product),
 * except for a name the problem declares; `f'(z)` is the derivative of f at z.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_FUNCTIONS, type ParseOptions, parse } from '../../src/parse/ascii.js';
import { toAscii } from '../../src/expr/print.js';
import { GradproofError } from '../../src/expr/errors.js';
import { builtinRules } from '../../src/rules/builtin.js';

const RULES = { source: '--expect', functions: builtinRules().functions };
const read = (s: string, options: ParseOptions = RULES): string => toAscii(parse(s, options));

/** The formatted error, and its code. */
function error(s: string, options: ParseOptions = RULES): string {
  try {
    parse(s, options);
  } catch (e) {
    if (e instanceof GradproofError) return `${e.code}: ${e.format()}`;
    throw e;
  }
  throw new Error(`no error for ${s}`);
}

describe('a name followed by ( is a call', () => {
  it.each([
    ['sigmod(z)', "unknown-function: --expect:1:1: error: unknown function 'sigmod'; did you mean 'sigmoid'?\n  sigmod(z)\n  ^"],
    ['f(x + y)', "unknown-function: --expect:1:1: error: unknown function 'f'; write f*(x + y) for a product\n  f(x + y)\n  ^"],
    ['f (x + y)', "unknown-function: --expect:1:1: error: unknown function 'f'; write f*(x + y) for a product\n  f (x + y)\n  ^"],
    ['y(1 - a2)', "unknown-function: --expect:1:1: error: unknown function 'y'; write y*(1 - a2) for a product\n  y(1 - a2)\n  ^"],
    ['a2(1 - a2)', "unknown-function: --expect:1:1: error: unknown function 'a2'; write a2*(1 - a2) for a product\n  a2(1 - a2)\n  ^"],
    ['2 e(x)', "unknown-function: --expect:1:3: error: unknown function 'e'; write e*(x) for a product\n  2 e(x)\n    ^"],
    ['z[k](1 - z[k])', "unknown-function: --expect:1:1: error: unknown function 'z[k]'; write z[k]*(1 - z[k]) for a product\n  z[k](1 - z[k])\n  ^"],
    ['g(x', "unknown-function: --expect:1:1: error: unknown function 'g'; write g*(...) for a product\n  g(x\n  ^"],
  ])('%s is refused', (input, message) => {
    expect(error(input)).toBe(message);
  });

  it('log10, log2, log1p, expm1 and mod are calls, never a name times its argument', () => {
    expect(read('log10(x)')).toBe('log10(x)');
    expect(read('log2(8)')).toBe('log2(8)');
    expect(read('2 + log1p(x)')).toBe('2 + log1p(x)');
    expect(read('expm1(x)')).toBe('expm1(x)');
    expect(read('mod(x, 3)')).toBe('mod(x, 3)');
    expect(error('x mod 3')).toContain("'mod' is an operator in mathjs syntax, which gradproof does not read");
  });

  it('a function of the rule set is called, spaced or not', () => {
    expect(read('bce(y, a)')).toBe('bce(y, a)');
    expect(read('sigmoid (z)')).toBe('sigmoid(z)');
    expect(read('2 tanh(x)y')).toBe('2*y*tanh(x)');
  });

  it('without a rule set, a call to a name that is not variable-like stays a call for the rule set to judge', () => {
    expect(read('log10(x)', {})).toBe('log10(x)');
    expect(error('f(x)', {})).toBe("unknown-function: 1:1: error: unknown function 'f'; write f*(x) for a product\n  f(x)\n  ^");
  });
});

describe('a declared name followed by ( is a product, as textbooks write it', () => {
  const declared = { ...RULES, variables: new Set(['a2', 'z']) };
  it.each([
    ['a2(1 - a2)', 'a2*(1 - a2)'],
    ['a2 (1 - a2)', 'a2*(1 - a2)'],
    ['-(a2(1 - a2))', '-a2*(1 - a2)'],
    ['z(1 - z)/2', 'z*(1 - z)/2'],
  ])('%s → %s', (input, expected) => {
    expect(read(input, declared)).toBe(expected);
  });
  it.each([
    ['a2(1 - a2)^2', "syntax: --expect:1:1: error: a2(1 - a2)^2 is ambiguous: write a2*(1 - a2)^2 or (a2*(1 - a2))^2\n  a2(1 - a2)^2\n  ^"],
    ['a2(1 - a2)^(1/2)', "syntax: --expect:1:1: error: a2(1 - a2)^... is ambiguous: write a2*(1 - a2)^... or (a2*(1 - a2))^...\n  a2(1 - a2)^(1/2)\n  ^"],
    ['x^a2(1 - a2)', "syntax: --expect:1:3: error: ^a2(1 - a2) is ambiguous: write ^(a2*(1 - a2)) or ^a2*(1 - a2)\n  x^a2(1 - a2)\n    ^"],
    ['e^-z(1 - z)', "syntax: --expect:1:4: error: ^z(1 - z) is ambiguous: write ^(z*(1 - z)) or ^z*(1 - z)\n  e^-z(1 - z)\n     ^"],
  ])('%s, where a call would group otherwise, is refused with both readings', (input, message) => {
    expect(error(input, declared)).toBe(message);
  });
  it('an undeclared name is still refused, and a declared function name is still a call', () => {
    expect(error('y(1 - a2)', declared)).toBe("unknown-function: --expect:1:1: error: unknown function 'y'; write y*(1 - a2) for a product\n  y(1 - a2)\n  ^");
    expect(read('log(a2)', { ...declared, variables: new Set(['log']) })).toBe('log(a2)');
  });
});

describe("f'(z) is the derivative of f at z", () => {
  it.each([
    ["sigmoid'(z)", 'diff(sigmoid(z), z)'],
    ["σ'(z2)", 'diff(sigmoid(z2), z2)'],
    ["tanh'(z)", 'diff(tanh(z), z)'],
    ["tanh''(z)", 'diff(diff(tanh(z), z), z)'],
    ["softplus'(z[i])", 'diff(softplus(z[i]), z[i])'],
    ["2 sigmoid'(z) y", '2*y*diff(sigmoid(z), z)'],
  ])('%s → %s', (input, expected) => {
    expect(read(input)).toBe(expected);
  });
  it.each([
    ["g'(z)", "unknown-function: --expect:1:1: error: unknown function 'g' in g'(...)\n  g'(z)\n  ^"],
    ["sigmoid'(2*x)", "syntax: --expect:1:1: error: sigmoid'(u) is read at a name: name the argument (let u = ...) and write sigmoid'(u)\n  sigmoid'(2*x)\n  ^"],
    ["sigmoid' z", "syntax: --expect:1:10: error: sigmoid' needs its argument in parentheses: sigmoid'(z)\n  sigmoid' z\n           ^"],
  ])('%s is refused', (input, message) => {
    expect(error(input)).toBe(message);
  });
  it("a name with a prime that is no function's stays a name", () => {
    expect(read("x' + 1")).toBe("1 + x'");
  });
});

describe('what mathjs reads and gradproof refuses rather than misread', () => {
  it.each([
    ['x mod y', "syntax: --expect:1:3: error: 'mod' is an operator in mathjs syntax, which gradproof does not read\n  x mod y\n    ^"],
    ['(x + 1) to y', "syntax: --expect:1:9: error: 'to' is an operator in mathjs syntax, which gradproof does not read\n  (x + 1) to y\n          ^"],
    ['2*(x mod 3)', "syntax: --expect:1:6: error: 'mod' is an operator in mathjs syntax, which gradproof does not read\n  2*(x mod 3)\n       ^"],
    ['not x', "syntax: --expect:1:1: error: 'not' is an operator in mathjs syntax, which gradproof does not read\n  not x\n  ^"],
    ["(x)'", "syntax: --expect:1:4: error: ' (a prime) goes right after a function's name, as in sigmoid'(z)\n  (x)'\n     ^"],
    ['x!', "syntax: --expect:1:2: error: '!' (factorial) is not supported\n  x!\n   ^"],
    ['5 % 3', "syntax: --expect:1:3: error: '%' (mathjs's modulus or percentage) is not supported\n  5 % 3\n    ^"],
    ['z**2', "syntax: --expect:1:2: error: '**' is not mathjs syntax: write ^ for a power (x^2)\n  z**2\n   ^"],
    ['x 2', 'syntax: --expect:1:3: error: missing operator before number 2\n  x 2\n    ^'],
    ['sin x', "syntax: --expect:1:5: error: function 'sin' needs its arguments in parentheses\n  sin x\n      ^"],
  ])('%s', (input, message) => {
    expect(error(input)).toBe(message);
  });
  it('`**` is a power where the caller allows it (derivation files)', () => {
    expect(read('z**2 + 2**-x', { ...RULES, starPower: true })).toBe('2^(-x) + z^2');
  });
  it('the built-in names come from one place', () => {
    expect(read('erf(x)', { functions: BUILTIN_FUNCTIONS })).toBe('erf(x)');
  });
});

describe('the public API declares the let names it is given', () => {
  it('simplify, equivalent and checkChain read a2(1 - a2) as a product when a2 is let', async () => {
    const { simplify, equivalent, checkChain } = await import('../../src/index.js');
    const lets = { a2: 'sigmoid(z2)' };
    expect(simplify('a2(1 - a2)(a2 - y)/(a2(1 - a2))', { let: lets }).result).toBe('a2 - y');
    expect(equivalent('a2(1 - a2)', 'a2 - a2^2', { let: lets }).verdict).toBe('proven');
    expect(checkChain(['a2(1 - a2)', 'a2 - a2^2'], { let: lets }).firstWrong).toBe(null);
    expect(() => simplify('a2(1 - a2)')).toThrow("unknown function 'a2'; write a2*(1 - a2) for a product");
  });
});
