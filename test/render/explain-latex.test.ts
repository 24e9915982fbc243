/**
 * The maths of explanations, marked with backticks in the rule files, is set as maths in a
 * LaTeX document by the LaTeX printer, and shown as written (without the backticks) in text.
 */
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../../src/rules/builtin.js';
import { GradproofError, loadRules } from '../../src/index.js';
import type { Sentence } from '../../src/rules/types.js';
import { mathSpanToLatex, sentenceToLatex } from '../../src/render/explain-latex.js';
import { expectKatex } from './katex.js';

const rules = builtinRules();
const explained = [...rules.byId.values()].filter((r) => r.explain).map((r) => [r.id, r.explain!] as const);

describe('the built-in explanations', () => {
  it('show no backticks as text', () => {
    for (const [id, s] of explained) for (const lang of ['en', 'zh'] as const) expect(s[lang], id).not.toContain('`');
  });

  it.each(explained)('%s: its maths is marked, and every span parses and renders under KaTeX', (_, s) => {
    for (const lang of ['en', 'zh'] as const) {
      const parts = s.math?.[lang] ?? [s[lang]];
      // What is left as text has no ASCII maths that roman type would set wrongly.
      for (const p of parts) if (typeof p === 'string') expect(p).not.toMatch(/[\^<>|=]/);
      for (const p of parts) if (typeof p !== 'string') expectKatex(mathSpanToLatex(p));
    }
  });
});

describe('sentenceToLatex', () => {
  const power = rules.byId.get('d.power')!.explain!;
  const quotient = rules.byId.get('d.quotient')!.explain!;

  it('the power rule: its formula as maths, not (u\\textasciicircum{}n)\'', () => {
    expect(power.en).toBe("By the power rule, (u^n)' = n u^(n-1) u' for a constant exponent n.");
    expect(sentenceToLatex(power, 'en')).toBe("By the power rule, $\\left(u^{n}\\right)' = n u^{n - 1} u'$ for a constant exponent n.");
    expect(sentenceToLatex(power, 'zh')).toBe("由幂函数求导法则，$\\left(u^{n}\\right)' = n u^{n - 1} u'$，其中指数 n 为常数。");
  });

  it('the quotient rule, and relations as LaTeX relations', () => {
    expect(sentenceToLatex(quotient, 'en')).toBe("By the quotient rule, $\\left(\\frac{u}{v}\\right)' = \\frac{u' v - u v'}{v^{2}}$, where v is not zero.");
    expect(sentenceToLatex(rules.byId.get('d.asin')!.explain!, 'en')).toContain('where $\\left|u\\right| < 1$.');
  });

  it('a sentence without maths is text made safe for pdflatex', () => {
    const plain: Sentence = { en: 'Cancel 100% of it_', zh: '约分' };
    expect(sentenceToLatex(plain, 'en')).toBe('Cancel 100\\% of it\\_');
  });
});

describe('maths marked in a rule file of your own', () => {
  const file = (explain: string): string => `derivative d.cube "cube rule" / "立方法则"\n  cube(u) -> 3*u^2\n  explain "${explain}" / "导数为 \`3 u^2\`。"\ndef cube(u) = u^3\n`;

  it('is read when the file loads, and set as maths', () => {
    const rules = loadRules({ name: 'cube.rules', text: file('The derivative of `cube(u)` is `3 u^2`.') });
    const s = rules.byId.get('d.cube')!.explain!;
    expect(s.en).toBe('The derivative of cube(u) is 3 u^2.');
    expect(sentenceToLatex(s, 'en')).toBe('The derivative of $\\operatorname{cube}\\left(u\\right)$ is $3 u^{2}$.');
  });

  it('that does not parse is refused with its place', () => {
    const load = (): unknown => loadRules({ name: 'cube.rules', text: file('The derivative is `3 u^`.') });
    expect(load).toThrow(GradproofError);
    expect(load).toThrow('rule d.cube: unexpected end of input');
    try {
      load();
    } catch (e) {
      expect((e as GradproofError).pos?.line).toBe(3);
    }
  });
});
