/** Kinks as textbooks print them, and only where the short form has the piecewise's values. */
import { describe, expect, it } from 'vitest';
import { Definitions } from '../../src/expr/context.js';
import { valueAt } from '../../src/expr/numeric.js';
import { parse } from '../../src/parse/ascii.js';
import { toDisplayAscii, toDisplayAsciiAsWritten, toResultAscii } from '../../src/render/display-ascii.js';
import { kinkOf } from '../../src/render/kinks.js';
import { toLatex, toLatexAsWritten } from '../../src/render/latex.js';
import { gradproof } from '../cli/run.js';

describe('a two-case piecewise with a textbook reading', () => {
  it.each([
    ['piecewise(z > 0, 1, z < 0, 0)', '1[z > 0]', '\\mathbf{1}[z > 0]'],
    ['piecewise(z < 0, 0, z > 0, 1)', '1[z > 0]', '\\mathbf{1}[z > 0]'],
    ['piecewise(z >= 1, 1, z < 1, 0)', '1[z >= 1]', '\\mathbf{1}[z \\geq 1]'],
    ['piecewise(a > b, 0, a <= b, 1)', '1[a <= b]', '\\mathbf{1}[a \\leq b]'],
    ['piecewise(a - y > 0, 1, a - y < 0, -1)', 'sign(a - y)', '\\operatorname{sign}\\left(a - y\\right)'],
    ['piecewise(u < 0, -1, u > 0, 1)', 'sign(u)', '\\operatorname{sign}\\left(u\\right)'],
    ['d*piecewise(a - y > 0, 1, a - y < 0, -1)', 'd*sign(a - y)', 'd \\operatorname{sign}\\left(a - y\\right)'],
  ])('%s is %s', (input, ascii, latex) => {
    const e = parse(input);
    expect(toDisplayAscii(e)).toBe(ascii);
    expect(toResultAscii(e)).toBe(ascii);
    expect(toLatex(e)).toBe(latex);
  });

  it.each([
    // sign(0) = 0 but these are 1 at 0, or have a value at 0 the short form does not.
    'piecewise(z >= 0, 1, z < 0, -1)',
    'piecewise(z > 0, 1, z <= 0, -1)',
    // Other sides, overlapping cases, other values, more cases.
    'piecewise(z > 0, 1, z < 1, 0)',
    'piecewise(z > 0, 1, z > 1, 0)',
    'piecewise(z > 0, 2, z < 0, 0)',
    'piecewise(z > 1, 1, z < 1, -1)',
    'piecewise(z < -1, 0, z > 1, 0, z > -1, 1)',
  ])('%s keeps its cases', (input) => {
    expect(kinkOf(parse(input))).toBeUndefined();
    expect(toDisplayAscii(parse(input))).toBe(input);
  });

  it('the short form has the values of the piecewise wherever the piecewise has one', () => {
    const defs = new Definitions([]);
    const cases = ['piecewise(z > 0, 1, z < 0, 0)', 'piecewise(z >= 1, 1, z < 1, 0)', 'piecewise(z < 0, 0, z > 0, 1)', 'piecewise(z - 1 > 0, 1, z - 1 < 0, -1)', 'piecewise(z < 0, -1, z > 0, 1)'];
    for (const input of cases) {
      const e = parse(input);
      const kink = kinkOf(e)!;
      // A comparison as a value is 1 where it holds, else 0: the indicator.
      const short = kink.kind === 'indicator' ? kink.condition : kink.sign;
      for (const z of [-2, -0.5, 0, 0.25, 1, 1.5]) {
        const value = valueAt(e, { z }, defs);
        if (!Number.isNaN(value)) expect(valueAt(short, { z }, defs), `${input} at z = ${z}`).toBe(value);
      }
    }
  });

  it('an expression as the user wrote it keeps its cases', () => {
    const e = parse('piecewise(z > 0, 1, z < 0, 0)');
    expect(toDisplayAsciiAsWritten(e)).toBe('piecewise(z > 0, 1, z < 0, 0)');
    expect(toLatexAsWritten(e)).toBe('\\begin{cases} 1 & z > 0 \\\\ 0 & z < 0 \\end{cases}');
  });
});

describe('derived kinks in the CLI', () => {
  it('relu: 1[z > 0], the condition z != 0 still printed, in English and Chinese', () => {
    const en = gradproof('derive', 'relu(z)', '--wrt', 'z').stdout.split('\n');
    expect(en[2]).toBe('∂L/∂z = 1[z > 0]    ReLU derivative, and 2 routine steps  [z != 0]');
    expect(en.slice(5, 7)).toEqual(['Result      ∂L/∂z = 1[z > 0]', 'Conditions  z != 0']);
    const zh = gradproof('derive', 'relu(z)', '--wrt', 'z', '--lang', 'zh').stdout.split('\n');
    expect(zh.slice(5, 7)).toEqual(['结果        ∂L/∂z = 1[z > 0]', '条件        z != 0']);
  });

  it('huber written out: the slope outside delta is d*sign(a - y)', () => {
    const out = gradproof('derive', 'piecewise(abs(a - y) <= d, (a - y)^2/2, abs(a - y) > d, d*(abs(a - y) - d/2))', '--wrt', 'a').stdout;
    expect(out).toContain('Result      ∂L/∂a = piecewise(abs(a - y) < d, a - y, abs(a - y) > d, d*sign(a - y))\nConditions  abs(a - y) - d != 0, a - y != 0\n');
  });

  it('huber by name has no kink: the error clipped, under d > 0 alone', () => {
    const out = gradproof('derive', 'huber(y, a, d)', '--wrt', 'a').stdout;
    expect(out).toContain('Result      ∂L/∂a = clip(a - y, -d, d)\nConditions  d > 0\n');
  });

  it('JSON keeps the input syntax, which parses back', () => {
    const json = JSON.parse(gradproof('derive', 'relu(z)', '--wrt', 'z', '--format', 'json').stdout) as { result: string; resultLatex: string };
    expect(json.result).toBe('piecewise(z > 0, 1, z < 0, 0)');
    expect(json.resultLatex).toBe('\\mathbf{1}[z > 0]');
  });
});
