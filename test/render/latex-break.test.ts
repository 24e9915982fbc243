/** Long displayed lines broken by their typeset width, at the terms of a sum, every row balanced. */
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/ascii.js';
import { latexPieces, toLatex } from '../../src/render/latex.js';
import { alignedRows, breakPieces, displayEquation, pieceText } from '../../src/render/latex-break.js';
import { latexWidth } from '../../src/render/latex-width.js';
import { expectKatex } from './katex.js';

const pieces = (s: string) => latexPieces(parse(s));
const balanced = (row: string): boolean => (row.match(/\\left/g) ?? []).length === (row.match(/\\right/g) ?? []).length;

describe('latexWidth: the typeset width, in em, from the glyphs', () => {
  it('a fraction is as wide as its wider part; scripts are smaller than the base', () => {
    expect(latexWidth(String.raw`\frac{a}{b + c}`)).toBeCloseTo(latexWidth('b + c') + 0.3, 6);
    expect(latexWidth('a_{2}')).toBeLessThan(latexWidth('a2'));
    expect(latexWidth(String.raw`\frac{\partial L}{\partial a_{10}}`)).toBeGreaterThan(latexWidth('y'));
  });

  it('ten terms of one glyph are narrower than three fractions of derivatives', () => {
    const short = pieces('x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10').map(pieceText).join(' ');
    expect(latexWidth(short)).toBeGreaterThan(15);
    expect(latexWidth(short)).toBeLessThan(25);
  });
});

describe('latexPieces: where a line may break, the same LaTeX as toLatex', () => {
  it.each([
    'a2 - y',
    '-(y*log(a2) + (1-y)*log(1-a2))',
    'a*(1 - a)*(-y*((1 - a)^g/a - g*log(a)*(1 - a)^(g - 1)) - (1 - y)*(a^(g - 1)*g*log(1 - a) - a^g/(1 - a)))',
    '-y*(a - b) + 2*x*(c + d) - (e + f)',
    'x*(a - y) + (a - y)*x',
    '(1 + tanh(u))/2 + u*(1 - tanh(u)^2)*(1 + 3*u^2)',
    'log(a)*(b + c)',
  ])('%s', (s) => {
    expect(pieces(s).map(pieceText).join(' ')).toBe(toLatex(parse(s)));
  });

  it('a sum breaks at its terms; a product ending in a sum opens at that sum', () => {
    expect(pieces('a - b*(c + d) + w')).toEqual(['a', { open: '- b \\left(', inner: ['c', '+ d'], close: '\\right)' }, '+ w']);
    expect(pieces('-(c + d)*log(x)')).toEqual([{ open: '-\\log\\left(x\\right) \\left(', inner: ['c', '+ d'], close: '\\right)' }]);
  });
});

describe('breakPieces: rows by measured width', () => {
  it('a row takes as many terms as fit, whatever their number', () => {
    const narrow = breakPieces(pieces('x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10'), 12, 11);
    const wide = breakPieces(pieces('diff(L, a1)*diff(a1, z1) + diff(L, a2)*diff(a2, z1) + diff(L, a3)*diff(a3, z1) + diff(L, a4)*diff(a4, z1)'), 13, 13);
    expect(narrow.map((r) => (r.match(/x_/g) ?? []).length)).toEqual([6, 4]);
    expect(wide.map((r) => (r.match(/\\cdot/g) ?? []).length)).toEqual([2, 2]);
    for (const r of [...narrow, ...wide]) expect(latexWidth(r)).toBeLessThanOrEqual(13);
  });

  it('a break inside parentheses closes the row with \\right. and opens the next with \\left.', () => {
    const rows = breakPieces(pieces('a*(1 - a)*(-y*((1 - a)^g/a - g*log(a)*(1 - a)^(g - 1)) - (1 - y)*(a^(g - 1)*g*log(1 - a) - a^g/(1 - a)))'), 20, 19);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows[0]!.startsWith('a \\left(1 - a\\right) \\left(')).toBe(true);
    expect(rows[0]!.endsWith(' \\right.')).toBe(true);
    expect(rows[1]!.startsWith('\\left. ')).toBe(true);
    for (const r of rows) expect(balanced(r), r).toBe(true);
    expectKatex(`\\begin{align*}\nL &= ${rows.join(' \\\\\n&\\quad ')}\n\\end{align*}`);
  });

  it('a piece wider than the row on its own gets a row of its own', () => {
    const rows = breakPieces(pieces('x + (a1 + a2 + a3 + a4 + a5 + a6)/(b1 + b2 + b3 + b4 + b5 + b6) + y'), 8, 7);
    expect(rows).toEqual(['x + y', '+ \\frac{a_{1} + a_{2} + a_{3} + a_{4} + a_{5} + a_{6}}{b_{1} + b_{2} + b_{3} + b_{4} + b_{5} + b_{6}}']);
  });
});

describe('alignedRows and displayEquation', () => {
  it('the first row has the left side, the rest continue under the right side with a \\quad', () => {
    expect(alignedRows('L', pieces('x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10'), 14.5, 1, ' && R')).toEqual([
      'L &= x_{1} + x_{2} + x_{3} + x_{4} + x_{5} + x_{6} && R',
      '&\\quad + x_{7} + x_{8} + x_{9} + x_{10}',
    ]);
  });

  it('a line that fits stays one \\[ \\]; a longer one becomes an align*', () => {
    expect(displayEquation('L', pieces('a2 - y'), 40)).toEqual(['\\[ L = a_{2} - y \\]']);
    expect(displayEquation('L', pieces('x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10'), 14.5)).toEqual([
      '\\begin{align*}',
      'L &= x_{1} + x_{2} + x_{3} + x_{4} + x_{5} + x_{6} \\\\\n&\\quad + x_{7} + x_{8} + x_{9} + x_{10}',
      '\\end{align*}',
    ]);
  });
});
