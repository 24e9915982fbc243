/**
 * Issue 15, "decimals stay decimals": numbers are exact rationals inside, and a problem whose
 * input writes a number as a decimal prints its results in decimals (every non-integer with a
 * finite decimal expansion); a problem written in fractions prints fractions, as before.
 */
import { describe, expect, it } from 'vitest';
import { derive } from '../../src/api/derive.js';
import { exactDecimal, inDecimals } from '../../src/expr/decimals.js';
import { toAscii } from '../../src/expr/print.js';
import { parse } from '../../src/parse/ascii.js';
import { rat } from '../../src/expr/rational.js';
import { toLatex } from '../../src/render/latex.js';
import { gradproof } from '../cli/run.js';
import { expectMatchesFiniteDifferences } from '../support/fd.js';

describe('exactDecimal', () => {
  it.each([
    [26829n, 200000n, '0.134145'],
    [8943n, 200000n, '0.044715'],
    [1n, 2n, '0.5'],
    [-5n, 2n, '-2.5'],
    [1n, 1024n, '0.0009765625'],
    [123n, 10n, '12.3'],
  ])('%s/%s is %s', (n, d, text) => {
    expect(exactDecimal(rat(n, d))).toBe(text);
  });
  it.each([[1n, 3n], [5n, 6n], [7n, 1n]])('%s/%s has no finite decimal (or is an integer)', (n, d) => {
    expect(exactDecimal(rat(n, d))).toBeUndefined();
  });
});

describe('the printers in decimals', () => {
  it('print a coefficient as one number, in ASCII and LaTeX, and only inside inDecimals', () => {
    const e = parse('26829*x^2/200000 - y/3');
    expect(inDecimals(true, () => [toAscii(e), toLatex(e)])).toEqual(['0.134145*x^2 - y/3', '0.134145 x^{2} - \\frac{y}{3}']);
    expect([toAscii(e), toLatex(e)]).toEqual(['26829*x^2/200000 - y/3', '\\frac{26829 x^{2}}{200000} - \\frac{y}{3}']);
  });
  it('parse back to the same exact number', () => {
    const e = parse('x^(1/4) - 5/8');
    const text = inDecimals(true, () => toAscii(e));
    expect(text).toBe('x^0.25 - 0.625');
    expect(parse(text)).toBe(e);
  });
});

describe('derive: decimals in, decimals out', () => {
  it('0.044715*x^3 (the GELU constant) gives 0.134145*x^2', () => {
    const out = derive({ loss: '0.044715*x^3', wrt: 'x', expect: '0.134145*x^2' });
    expect([out.result, out.resultLatex, out.verdict]).toEqual(['0.134145*x^2', '0.134145 x^{2}', 'proven']);
    expect(out.definitions).toEqual([{ name: 'L', expr: '0.044715*x^3' }]);
    expectMatchesFiniteDifferences(out);
  });
  it('0.5 prints 0.5, 1/2 written as 1/2 prints 1/2 (the same tree, each as its problem wrote it)', () => {
    const decimal = derive({ loss: '0.5*x^3', wrt: 'x' });
    const fraction = derive({ loss: 'x^3/2', wrt: 'x' });
    expect([decimal.result, fraction.result]).toEqual(['1.5*x^2', '3*x^2/2']);
    expect([decimal.definitions[0]!.expr, fraction.definitions[0]!.expr]).toEqual(['0.5*x^3', 'x^3/2']);
    expectMatchesFiniteDifferences(decimal);
    expectMatchesFiniteDifferences(fraction);
  });
  it('a decimal in a definition counts; a rational with no finite decimal stays a fraction', () => {
    const out = derive({ loss: 'a^2', let: { a: '0.25*z' }, wrt: 'z' });
    expect(out.result).toBe('0.5*a');
    const thirds = derive({ loss: 'a^2/3', let: { a: '0.25*z' }, wrt: 'z' });
    expect(thirds.result).toBe('a/6');
    expectMatchesFiniteDifferences(thirds);
    const halves = derive({ loss: '(a - y)^2', let: { a: '1.5*z' }, wrt: 'z' });
    expect(halves.result).toBe('3*(a - y)');
    expectMatchesFiniteDifferences(out);
    expectMatchesFiniteDifferences(halves);
  });
  it('LaTeX input with a decimal', () => {
    const out = derive({ loss: '0.5 x^{3}', wrt: 'x' });
    expect(out.result).toBe('1.5*x^2');
    expectMatchesFiniteDifferences(out);
  });
});

describe('gradproof derive in decimals', () => {
  it('the Given line and the result', () => {
    const r = gradproof('derive', '0.044715*x^3', '--wrt', 'x');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => /^(Given|Result)/.test(l))).toEqual(['Given       L = 0.044715*x^3', 'Result      ∂L/∂x = 0.134145*x^2']);
  });
  it('--all: every gradient', () => {
    const r = gradproof('derive', '0.044715*x^3 + 0.5*y^2', '--all');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Gradients   ∂L/∂x = 0.134145*x^2  proven\n            ∂L/∂y = y             proven\n');
    expect(r.stdout).toContain('Given       L = 0.044715*x^3 + 0.5*y^2\n');
  });
  it('a problem written in fractions keeps them', () => {
    const r = gradproof('derive', 'x^3/2', '--wrt', 'x');
    expect(r.stdout).toContain('Result      ∂L/∂x = 3*x^2/2\n');
  });
});
