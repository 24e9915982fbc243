/**
 * LaTeX as textbooks write it (issue 14): a function without parentheses takes constants
 * and one factor, powers and inverses of functions, primes as derivatives, function names in
 * any letter case, layer superscripts as names; what could be read two ways is refused.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/ascii.js';
import { parseLatex, parseLatexDefinition } from '../../src/parse/latex.js';
import { BUILTIN_FUNCTIONS } from '../../src/parse/parser-base.js';
import { call, diff, mul, num, pow, sym } from '../../src/expr/node.js';
import { toLatex } from '../../src/render/latex.js';
import { errorOf } from '../support/error-of.js';

const x = sym('x');
const z = sym('z');


describe('a function without parentheses takes constants and one factor', () => {
  it.each([
    ['\\sin 2x', call('sin', mul(num(2), x))],
    ['\\log 2x', call('log', mul(num(2), x))],
    ['\\exp 2x', call('exp', mul(num(2), x))],
    ['\\tanh 2z', call('tanh', mul(num(2), z))],
    ['\\cos 3t', call('cos', mul(num(3), sym('t')))],
    ['\\sin 2\\pi t', call('sin', mul(num(2), sym('pi'), sym('t')))],
    ['\\log x^2', call('log', pow(x, num(2)))],
    ['\\log \\frac{a}{b}', call('log', mul(sym('a'), pow(sym('b'), num(-1))))],
    // The argument ends at a command that is not a name: the usual reading of \sin x \cos x.
    ['\\sin x \\cos x', mul(call('sin', x), call('cos', x))],
    ['\\log a_2 \\cdot y', mul(call('log', sym('a2')), sym('y'))],
    ['\\log 2x + y', parse('log(2*x) + y')],
    ['\\log(x) y', mul(call('log', x), sym('y'))],
    ['y \\log a_2', mul(sym('y'), call('log', sym('a2')))],
  ])('%s', (latex, tree) => {
    expect(parseLatex(latex)).toBe(tree);
  });

  it.each([
    ['\\log xy', 'ambiguous: \\log xy could be log(x*y) or log(x)*y; write it with parentheses (\\log(...))'],
    ['\\sin x y', 'ambiguous: \\sin x y could be sin(x*y) or sin(x)*y; write it with parentheses (\\sin(...))'],
    ['\\sin 2x y', 'ambiguous: \\sin 2x y could be sin(2*x*y) or sin(2*x)*y; write it with parentheses (\\sin(...))'],
    ['\\log x (1 - x)', 'ambiguous: \\log x (1 - x) could be log(x*(1 - x)) or log(x)*(1 - x); write it with parentheses (\\log(...))'],
    ['a + \\log x^2 y', 'ambiguous: \\log x^2 y could be log(x^2*y) or log(x^2)*y; write it with parentheses (\\log(...))'],
  ])('%s is refused with both readings', (latex, message) => {
    const err = errorOf(() => parseLatex(latex));
    expect([err.code, err.message, err.pos?.offset]).toEqual(['syntax', message, latex.indexOf('\\', latex.startsWith('a') ? 1 : 0)]);
  });

  it('what the printer writes without parentheses reads back', () => {
    for (const ascii of ['log(2*x)', 'x*log(2)', 'sin(x)*cos(x)', 'y*log(a2)', 'log(x)*y']) {
      expect(parseLatex(toLatex(parse(ascii))), toLatex(parse(ascii))).toBe(parse(ascii));
    }
  });
});

describe('powers, inverses and derivatives of functions', () => {
  it.each([
    ['\\tanh^2 z', pow(call('tanh', z), num(2))],
    ['\\tanh^2(z)', pow(call('tanh', z), num(2))],
    ['\\tanh^{2}\\left(z\\right)', pow(call('tanh', z), num(2))],
    ['\\sin^2 x', pow(call('sin', x), num(2))],
    ['\\log^2 x', pow(call('log', x), num(2))],
    ['\\sigma^2(z)', pow(call('sigmoid', z), num(2))],
    ["\\sigma'(z)", diff(call('sigmoid', z), z)],
    ["σ'(z)", diff(call('sigmoid', z), z)],
    ["\\tanh'(z)", diff(call('tanh', z), z)],
    ["\\sigma''(z)", diff(diff(call('sigmoid', z), z), z)],
    ["\\operatorname{softplus}'(z)", diff(call('softplus', z), z)],
    ["\\sigma'(z_{[2]})", diff(call('sigmoid', call('at', z, num(2))), call('at', z, num(2)))],
    // Without a call after it, \sigma is a name; \sigma^{-1} x is the name's reciprocal times x.
    ["\\sigma'", sym("sigma'")],
    ['\\sigma^{-1} x', mul(pow(sym('sigma'), num(-1)), x)],
  ])('%s', (latex, tree) => {
    expect(parseLatex(latex)).toBe(tree);
  });

  it('f^{-1} is the inverse function when it is known', () => {
    const functions = new Set([...BUILTIN_FUNCTIONS, 'asin', 'atanh']);
    expect(parseLatex('\\sin^{-1} x', { functions })).toBe(call('asin', x));
    expect(parseLatex('\\tanh^{-1}(z)', { functions })).toBe(call('atanh', z));
    expect(parseLatex('\\arcsin x', { functions })).toBe(call('asin', x));
    // With the built-in functions, which know asin and tan.
    expect(parseLatex('\\sin^{-1} x', { functions: BUILTIN_FUNCTIONS })).toBe(call('asin', x));
    expect(parseLatex('\\operatorname{Tan}(x)', { functions: BUILTIN_FUNCTIONS })).toBe(call('tan', x));
  });

  it.each([
    ['\\sigma^{-1}(z)', 'syntax', '\\sigma^{-1} could be the inverse of sigmoid or the reciprocal 1/sigmoid: write \\operatorname{logit}(z) for the inverse, \\frac{1}{...} for the reciprocal', 0],
    ['\\log^{-1} x', 'syntax', '\\log^{-1} could be the inverse of log or the reciprocal 1/log: write \\frac{1}{...} for the reciprocal', 0],
    ['\\sin^{1/2} x', 'syntax', '\\sin^{...} is read only as a whole power (\\sin^2 x) or the inverse (\\sin^{-1}); write \\left(\\sin x\\right)^{...}', 4],
    ["\\sigma'(2z)", 'syntax', "\\sigma'(u) is read at a name: name the argument (let u = ...) and write \\sigma'(u)", 0],
    ['\\operatorname{Tanx}(x)', 'unknown-function', "unknown function 'Tanx'; did you mean 'tanh'?", 0],
  ])('%s is refused, never a reciprocal', (latex, code, message, offset) => {
    const err = errorOf(() => parseLatex(latex));
    expect([err.code, err.message, err.pos?.offset]).toEqual([code, message, offset]);
  });
});

describe('function names in \\operatorname and \\mathrm', () => {
  it.each([
    ['\\operatorname{ReLU}(z)', 'relu(z)'],
    ['\\operatorname{relu}(z)', 'relu(z)'],
    ['\\mathrm{ReLU}(z)', 'relu(z)'],
    ['\\operatorname{Softplus} x', 'softplus(x)'],
    ['\\operatorname{softplus}(x)', 'softplus(x)'],
    ['\\operatorname{Sigmoid}(z)', 'sigmoid(z)'],
    ['\\operatorname{ln}(x)', 'log(x)'],
    ['\\mathrm{lr}(1 - y)', 'lr*(1 - y)'],
  ])('%s', (latex, ascii) => {
    expect(parseLatex(latex)).toBe(parse(ascii));
  });

  it.each([
    ['\\operatorname{foo}(x)', "unknown function 'foo'"],
    ['\\operatorname{relux}(x)', "unknown function 'relux'; did you mean 'relu'?"],
    ['\\mathrm{sigmod}(x)', "unknown function 'sigmod'; did you mean 'sigmoid'?"],
  ])('%s is an unknown function', (latex, message) => {
    const err = errorOf(() => parseLatex(latex));
    expect([err.code, err.message, err.pos?.offset]).toEqual(['unknown-function', message, 0]);
  });
});

describe('layer superscripts are names', () => {
  it.each([
    ['a^{(2)}', sym('a__2')],
    ['a^{[2]}', sym('a__2')],
    ['W^{[l]} x', mul(sym('W__l'), x)],
    ['a^{(\\ell)}', sym('a__l')],
    ['z^{(2)} + a_2', parse('z__2 + a2')],
    ['a_j^{(l)}', sym('aj__l')],
    ['\\sigma(z^{(2)})', call('sigmoid', sym('z__2'))],
    ['\\frac{\\partial L}{\\partial z^{(2)}}', diff(sym('L'), sym('z__2'))],
    ['e^{(x)}', call('exp', x)],
  ])('%s', (latex, tree) => {
    expect(parseLatex(latex)).toBe(tree);
  });

  it('a definition names a layer', () => {
    expect(parseLatexDefinition('a^{[2]} = \\sigma(z^{[2]})')).toEqual({ name: 'a__2', expr: call('sigmoid', sym('z__2')) });
  });

  it.each([
    ['a^{(l-1)}', 'a superscript in brackets is a layer, a number or a one-letter name (a^{(2)}, W^{[l]}); write a power as x^{n - 1}', 1],
    ['(a + b)^{(2)}', 'a layer superscript goes right after a name: a^{(2)}, W^{[l]}', 7],
  ])('%s is refused', (latex, message, offset) => {
    const err = errorOf(() => parseLatex(latex));
    expect([err.message, err.pos?.offset]).toEqual([message, offset]);
  });

  it('prints back as a layer superscript', () => {
    for (const ascii of ['a__2', 'W__l*x', 'a__2^2', 'sigmoid(z__2)', 'diff(L, z__2)']) {
      expect(parseLatex(toLatex(parse(ascii))), toLatex(parse(ascii))).toBe(parse(ascii));
    }
    expect(toLatex(parse('a__2^2'))).toBe('{a^{(2)}}^{2}');
  });
});

describe("a function's name typed as letters is the function, never a product of its letters", () => {
  const rules = { functions: BUILTIN_FUNCTIONS };
  it.each([
    ['softplus(z)', call('softplus', z)],
    ['tanh(z) + \\sin x', parse('tanh(z) + sin(x)')],
    ['ln(x)', call('log', x)],
    ['xy + \\cos x', parse('x*y + cos(x)')],
    ['s o f t', parse('s*o*f*t')],
  ])('%s', (text, expected) => {
    expect(parseLatex(text, rules)).toBe(expected);
  });

  it.each([
    ['sin x', "'sin' is a function: write \\sin x or sin(x), or put spaces between letters meant as a product"],
    ['softplus z', "'softplus' is a function: write \\operatorname{softplus} x or softplus(x), or put spaces between letters meant as a product"],
    ['sinx + 1', "'sinx' starts with the function sin: write \\sin x, or put spaces between letters meant as a product"],
    ['cost', "'cost' starts with the function cos: write \\cos t, or put spaces between letters meant as a product"],
  ])('%s is refused', (text, message) => {
    expect(errorOf(() => parseLatex(text, rules)).message).toContain(message);
  });
});
