/**
 * Each elementary function of rules/elementary.rules alone, `derive({ loss: 'f(x)', wrt: 'x' })`:
 * the exact result and the conditions under which it holds, checked against central finite
 * differences inside the domain; its LaTeX and the result's, rendered by KaTeX; and the
 * textbook's form proven equal to the result where the engine's differs.
 */
import { describe, expect, it } from 'vitest';
import { derive } from '../../src/api/derive.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { parse } from '../../src/parse/ascii.js';
import { toLatex } from '../../src/render/latex.js';
import { expectMatchesFiniteDifferences } from '../support/fd.js';
import { expectKatex } from '../render/katex.js';

interface Row {
  readonly loss: string;
  /** What the engine derives, exactly as printed. */
  readonly derived: string;
  /** The conditions the result holds under. */
  readonly conditions: readonly string[];
  /** How the function prints in LaTeX. */
  readonly latex: string;
  /** Where x is sampled for finite differences (inside the domain). */
  readonly range?: readonly [number, number];
}

const UNIT: readonly [number, number] = [-0.95, 0.95];
const BEYOND_ONE: readonly [number, number] = [1.05, 4];
const POSITIVE: readonly [number, number] = [0.05, 5];

const TABLE: readonly Row[] = [
  { loss: 'tan(x)', derived: 'sec(x)^2', conditions: ['cos(x) != 0'], latex: '\\tan x' },
  { loss: 'sec(x)', derived: 'sec(x)*tan(x)', conditions: ['cos(x) != 0'], latex: '\\sec x' },
  { loss: 'csc(x)', derived: '-cot(x)*csc(x)', conditions: ['sin(x) != 0'], latex: '\\csc x' },
  { loss: 'cot(x)', derived: '-csc(x)^2', conditions: ['sin(x) != 0'], latex: '\\cot x' },
  { loss: 'asin(x)', derived: '1/sqrt(1 - x^2)', conditions: ['1 - x^2 > 0'], latex: '\\arcsin x', range: UNIT },
  { loss: 'acos(x)', derived: '-1/sqrt(1 - x^2)', conditions: ['1 - x^2 > 0'], latex: '\\arccos x', range: UNIT },
  { loss: 'atan(x)', derived: '1/(1 + x^2)', conditions: [], latex: '\\arctan x', range: [-5, 5] },
  { loss: 'atan2(x, 2)', derived: '2/(4 + x^2)', conditions: ['2 + sqrt(4 + x^2) > 0'], latex: '\\operatorname{atan2}\\left(x, 2\\right)', range: [-5, 5] },
  { loss: 'atan2(1, x)', derived: '-1/(1 + x^2)', conditions: ['x + sqrt(1 + x^2) > 0'], latex: '\\operatorname{atan2}\\left(1, x\\right)', range: [-5, 5] },
  { loss: 'acot(x)', derived: '-1/(1 + x^2)', conditions: ['x != 0'], latex: '\\operatorname{arccot} x', range: [-5, 5] },
  { loss: 'asec(x)', derived: '1/(abs(x)*sqrt(x^2 - 1))', conditions: ['x^2 - 1 > 0'], latex: '\\operatorname{arcsec} x', range: BEYOND_ONE },
  { loss: 'acsc(x)', derived: '-1/(abs(x)*sqrt(x^2 - 1))', conditions: ['x^2 - 1 > 0'], latex: '\\operatorname{arccsc} x', range: BEYOND_ONE },
  { loss: 'sech(x)', derived: '-sech(x)*tanh(x)', conditions: [], latex: '\\operatorname{sech} x' },
  { loss: 'csch(x)', derived: '-coth(x)*csch(x)', conditions: ['x != 0'], latex: '\\operatorname{csch} x' },
  { loss: 'coth(x)', derived: '-csch(x)^2', conditions: ['x != 0'], latex: '\\coth x' },
  { loss: 'asech(x)', derived: '-1/(x*sqrt(1 - x^2))', conditions: ['x > 0', '1 - x^2 > 0'], latex: '\\operatorname{arsech} x', range: [0.05, 0.95] },
  { loss: 'acsch(x)', derived: '-1/(abs(x)*sqrt(1 + x^2))', conditions: ['x != 0'], latex: '\\operatorname{arcsch} x' },
  { loss: 'asinh(x)', derived: '1/sqrt(1 + x^2)', conditions: [], latex: '\\operatorname{arsinh} x', range: [-5, 5] },
  { loss: 'acosh(x)', derived: '1/sqrt(x^2 - 1)', conditions: ['x > 1'], latex: '\\operatorname{arcosh} x', range: BEYOND_ONE },
  { loss: 'atanh(x)', derived: '1/(1 - x^2)', conditions: ['1 - x^2 > 0'], latex: '\\operatorname{artanh} x', range: UNIT },
  { loss: 'acoth(x)', derived: '1/(1 - x^2)', conditions: ['x^2 - 1 > 0'], latex: '\\operatorname{arcoth} x', range: BEYOND_ONE },
  { loss: 'log(x, 2)', derived: '1/(x*log(2))', conditions: ['x > 0'], latex: '\\log_{2}\\left(x\\right)', range: POSITIVE },
  {
    loss: 'log(2*x, 3*x)',
    derived: '(log(3*x) - log(2*x))/(x*log(3*x)^2)',
    conditions: ['x > 0', 'x > 0', 'x != 1/3', 'log(3*x) != 0', 'x != 0'],
    latex: '\\log_{3 x}\\left(2 x\\right)',
    range: [0.4, 5],
  },
  { loss: 'log10(x)', derived: '1/(x*log(10))', conditions: ['x > 0'], latex: '\\log_{10} x', range: POSITIVE },
  { loss: 'log2(x)', derived: '1/(x*log(2))', conditions: ['x > 0'], latex: '\\log_{2} x', range: POSITIVE },
  { loss: 'log1p(x)', derived: '1/(1 + x)', conditions: ['x > -1'], latex: '\\operatorname{log1p}\\left(x\\right)', range: [-0.9, 4] },
  { loss: 'expm1(x)', derived: 'exp(x)', conditions: [], latex: '\\operatorname{expm1}\\left(x\\right)' },
  { loss: 'exp2(x)', derived: 'exp2(x)*log(2)', conditions: [], latex: '2^{x}' },
  { loss: 'erfc(x)', derived: '-2*exp(-x^2)/sqrt(pi)', conditions: [], latex: '\\operatorname{erfc} x' },
  { loss: 'sinc(x)', derived: '(cos(x) - sinc(x))/x', conditions: ['x != 0'], latex: '\\operatorname{sinc}\\left(x\\right)', range: [-6, 6] },
  { loss: 'cbrt(x)', derived: '1/(3*cbrt(x)^2)', conditions: ['x != 0'], latex: '\\sqrt[3]{x}', range: [-4, 4] },
  { loss: 'nthRoot(x, 3)', derived: 'nthRoot(x, 3)/(3*x)', conditions: ['x > 0'], latex: '\\operatorname{nthRoot}\\left(x, 3\\right)', range: POSITIVE },
  { loss: 'nthRoot(6*x)', derived: '3/sqrt(6*x)', conditions: ['x > 0'], latex: '\\operatorname{nthRoot}\\left(6 x\\right)', range: POSITIVE },
  { loss: 'nthRoot(2, x)', derived: '-2^(1/x)*log(2)/x^2', conditions: ['x != 0'], latex: '\\operatorname{nthRoot}\\left(2, x\\right)', range: [0.3, 4] },
  { loss: 'pow(x, 3)', derived: '3*x^2', conditions: [], latex: '\\operatorname{pow}\\left(x, 3\\right)' },
  { loss: 'floor(x)', derived: '0', conditions: ['x - floor(x) != 0'], latex: '\\left\\lfloor x\\right\\rfloor', range: [-4, 4] },
  { loss: 'ceil(x)', derived: '0', conditions: ['x - floor(x) != 0'], latex: '\\left\\lceil x\\right\\rceil', range: [-4, 4] },
  { loss: 'round(x)', derived: '0', conditions: ['x - 1/2 - floor(x) != 0'], latex: '\\operatorname{round}\\left(x\\right)', range: [-4, 4] },
  { loss: 'mod(x, 3)', derived: '1', conditions: ['x/3 - floor(x/3) != 0'], latex: '\\operatorname{mod}\\left(x, 3\\right)', range: [-7, 7] },
  { loss: 'mod(5, x)', derived: '-floor(5/x)', conditions: ['5/x - floor(5/x) != 0', 'x != 0'], latex: '\\operatorname{mod}\\left(5, x\\right)', range: POSITIVE },
];

describe('each elementary function alone: the exact result, its conditions, finite differences, LaTeX', () => {
  it.each(TABLE.map((r) => [r.loss, r] as const))('d/dx %s', (loss, row) => {
    const r = derive({ loss, wrt: 'x' });
    expect([r.result, r.conditions]).toEqual([row.derived, row.conditions]);
    expect(r.verdict).toBeNull();
    expect(r.checked).toBe(true);
    expectMatchesFiniteDifferences(r, row.range ? { range: row.range } : {});
    const latex = toLatex(parse(loss));
    expect(latex).toBe(row.latex);
    expectKatex(latex);
    expectKatex(r.resultLatex);
  });

  it('derives through the chain rule: d/dx asin(2x) and log10(x^2 + 1)', () => {
    const a = derive({ loss: 'asin(2*x)', wrt: 'x' });
    expect([a.result, a.conditions]).toEqual(['2/sqrt(1 - 4*x^2)', ['1 - 4*x^2 > 0']]);
    expectMatchesFiniteDifferences(a, { range: [-0.45, 0.45] });
    const b = derive({ loss: 'log10(x^2 + 1)', wrt: 'x' });
    expect(b.result).toBe('2*x/(log(10)*(1 + x^2))');
    expectMatchesFiniteDifferences(b);
  });
});

describe('textbook forms proven equal to the results', () => {
  it.each([
    ['tan(x)', '1/cos(x)^2'],
    ['asinh(x)', '(x^2 + 1)^(-1/2)'],
    ['sech(x)', '-sinh(x)/cosh(x)^2'],
    ['log10(x)', '1/(x*log(10))'],
    ['exp2(x)', 'log(2)*2^x'],
    ['cot(x)', '-1/sin(x)^2'],
  ])('d/dx %s = %s', (loss, textbook) => {
    const r = derive({ loss, wrt: 'x', expect: textbook });
    expect(r.verdict).toBe('proven');
  });
});

describe('rules/elementary.rules', () => {
  it('loads, with a derivative rule for every function it defines or takes as a primitive', () => {
    const rs = builtinRules();
    const elementary = rs.rules.filter((r) => r.file === 'rules/elementary.rules' && r.kind === 'derivative').map((r) => r.outer!.fn);
    expect(new Set(elementary)).toEqual(
      new Set(['tan', 'sec', 'csc', 'cot', 'asin', 'acos', 'atan', 'acot', 'asec', 'acsc', 'sech', 'csch', 'coth', 'asinh', 'acosh', 'atanh', 'acoth', 'asech', 'acsch', 'log10', 'log2', 'log1p', 'expm1', 'exp2', 'erfc', 'sinc', 'cbrt', 'nthRoot', 'floor', 'ceil', 'round']),
    );
    // atan2 and log(u, b) are differentiated by rewrite rules, in each argument.
    expect(rs.rules.filter((r) => r.file === 'rules/elementary.rules' && r.kind === 'rewrite').map((r) => r.id)).toEqual(['d.atan2', 'd.log-base']);
    for (const f of ['tan', 'sec', 'csc', 'cot', 'acot', 'asec', 'acsc', 'sech', 'csch', 'coth', 'asinh', 'acosh', 'atanh', 'acoth', 'asech', 'acsch', 'log10', 'log2', 'log1p', 'expm1', 'exp2', 'erfc', 'sinc', 'cbrt', 'nthRoot', 'pow', 'mod']) {
      expect(rs.defs.get(f)?.file, f).toBe('rules/elementary.rules');
    }
  });
});
