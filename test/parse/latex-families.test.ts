/**
 * In a family (a name written with an index somewhere in the input) `z_1` is the member
 * z[1]; elsewhere the name z1. `--wrt` and the other values are read in the input's syntax.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/ascii.js';
import { latexFamilies, parseLatex, parseLatexVariable } from '../../src/parse/latex.js';
import { parseProblem } from '../../src/parse/problem.js';
import { problemFromInput } from '../../src/api/derive.js';
import { GradproofError } from '../../src/expr/errors.js';

describe('a number subscript in a family is a member', () => {
  it.each([
    [String.raw`\sum_{k=1}^{3} z_k - z_1`, 'sum(k, 1, 3, z[k]) - z[1]'],
    [String.raw`z_{2} + \sum_{k=1}^{3} z_k`, 'z[2] + sum(k, 1, 3, z[k])'],
    [String.raw`\sum_{k=1}^{3} z_k + a_1`, 'sum(k, 1, 3, z[k]) + a1'],
    [String.raw`z_1 + z_2`, 'z1 + z2'],
    [String.raw`z_{[2]} + z_1`, 'z[2] + z[1]'],
    [String.raw`w_{k+1} w_3`, 'w[k + 1]*w[3]'],
  ])('%s', (latex, ascii) => {
    expect(parseLatex(latex, { indices: new Set(['k']) })).toBe(parse(ascii));
  });

  it('families come from other lines through the options', () => {
    expect(latexFamilies([String.raw`\sum_{j=1}^{K} e^{z_j}`, 'a_i - y_i', 'x_{2'], new Set(['i']))).toEqual(new Set(['z', 'a', 'y']));
    expect(parseLatex('z_1 + y_2', { families: new Set(['z']) })).toBe(parse('z[1] + y2'));
  });

  it('a problem file reads z_1 as a member when another line indexes z', () => {
    const text = ['index k', String.raw`loss L = \sum_{k=1}^{3} z_k^2`, 'wrt z_1', 'expect 2 z_1'].join('\n');
    const p = parseProblem(text, 'p.grad');
    expect(p.wrt).toBe('z[1]');
    expect(p.expects).toEqual([parse('2*z[1]')]);
  });
});

describe('--wrt in the syntax of the input', () => {
  it.each([
    ['z_2', {}, 'z2'],
    ['z_{2}', {}, 'z2'],
    ['z2', {}, 'z2'],
    ['z[i]', {}, 'z[i]'],
    ['z_i', { indices: new Set(['i']) }, 'z[i]'],
    ['z_1', { families: new Set(['z']) }, 'z[1]'],
    ['a^{(2)}', {}, 'a__2'],
    ['W^{[l]}', {}, 'W__l'],
    ['\\theta', {}, 'theta'],
    ['a__2', {}, 'a__2'],
  ])('%s is %s', (text, options, name) => {
    expect(parseLatexVariable(text, options)).toBe(name);
  });

  it.each(['x + y', '2', '\\pi', 'z_{[k + 1]}'])('%s is no variable', (text) => {
    expect(parseLatexVariable(text, { indices: new Set(['k']) })).toBeUndefined();
  });

  it('a LaTeX loss makes --wrt, --let and --expect LaTeX', () => {
    const p = problemFromInput({ loss: String.raw`-[y \log a_2 + (1 - y)\log(1 - a_2)]`, let: ['a_2 = \\sigma(z_2)'], wrt: 'z_2', expect: 'a_2 - y' });
    expect(p.wrt).toBe('z2');
    expect(p.expects).toEqual([parse('a2 - y')]);
    const ascii = problemFromInput({ loss: 'x_1^2', wrt: 'x_1', expect: '2*x_1' });
    expect([ascii.wrt, ascii.expects]).toEqual(['x_1', [parse('2*x_1')]]);
    const sum = problemFromInput({ loss: String.raw`\sum_{k=1}^{3} z_k^2`, wrt: 'z_1' });
    expect(sum.wrt).toBe('z[1]');
  });

  it('anything else is refused', () => {
    const read = (): unknown => problemFromInput({ loss: '\\sigma(z_2)', wrt: 'z_2 + 1' });
    expect(read).toThrow(GradproofError);
    expect(read).toThrow("--wrt takes one variable name, not 'z_2 + 1'");
  });
});
