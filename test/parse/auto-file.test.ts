import { describe, expect, it } from 'vitest';
import { fileSyntax } from '../../src/parse/auto.js';
import { parseProblem } from '../../src/parse/problem.js';
import { parseDerivation } from '../../src/parse/derivation.js';
import { toAscii } from '../../src/expr/print.js';

describe('fileSyntax: the lines of mathematics decide, not the title or comments', () => {
  it.each([
    ['title  The \\sigma derivative\nloss   L = log(sigmoid(z))\nwrt    z\n', 'ascii'],
    ['  title \\frac{1}{2} of it\n  x^2\n= 2*x\n', 'ascii'],
    ['loss L = x^2   # \\frac{x^2}{1}\nwrt x\n', 'ascii'],
    // The same with CRLF line ends: the comment still ends at its line's end.
    ['loss L = x^2   # \\frac{x^2}{1}\r\nwrt x\r\n', 'ascii'],
    ['title  The \\sigma derivative\nloss   L = \\log \\sigma(z)\nwrt    z\n', 'latex'],
    ['title  plain\nlet    a_2 = \\sigma(z_2)\n', 'latex'],
    // A name that merely starts with "title" is mathematics.
    ['  titles\\cdot x\n= x titles\n', 'latex'],
  ])('%j is %s', (text, syntax) => {
    expect(fileSyntax(text)).toBe(syntax);
  });

  it('a problem file whose title has a backslash reads its ASCII lines as ASCII, and keeps the title as typed', () => {
    const spec = parseProblem('title  The \\sigma derivative, a_{2}\nlet    a2 = sigmoid(z2)\nloss   L = y*log(a2)\nwrt    z2\nexpect y*(1 - a2)\n', 'p.grad');
    expect([spec.title, spec.definitions.map((d) => `${d.name} = ${toAscii(d.expr)}`), toAscii(spec.loss), spec.expects.map((e) => toAscii(e))]).toEqual([
      'The \\sigma derivative, a_{2}',
      ['a2 = sigmoid(z2)'],
      'y*log(a2)',
      ['y*(1 - a2)'],
    ]);
  });

  it('so does a derivation file', () => {
    const spec = parseDerivation('title  \\sigma\' from its definition\n  diff(sigmoid(z), z)\n= sigmoid(z)*(1 - sigmoid(z))\n', 'd.proof');
    expect([spec.title, spec.chains.map((c) => c.map((s) => toAscii(s.expr)))]).toEqual(["\\sigma' from its definition", [['diff(sigmoid(z), z)', 'sigmoid(z)*(1 - sigmoid(z))']]]);
  });
});
