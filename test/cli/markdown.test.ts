import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { readdirSync } from 'node:fs';
import { gradproof } from './run.js';

/** Every `$$ … $$` block and `$ … $` span of a Markdown page. */
function mathOf(md: string): string[] {
  const blocks = [...md.matchAll(/\$\$\n([\s\S]*?)\n\$\$/g)].map((m) => m[1]!);
  const rest = md.replace(/\$\$\n[\s\S]*?\n\$\$/g, '');
  const spans = [...rest.matchAll(/\$([^$\n]+)\$/g)].map((m) => m[1]!);
  return [...blocks, ...spans];
}

/**
 * Commands and environments GitHub's MathJax knows (its TeX input with the AMS packages), of
 * those a derivation could use: the pages keep to these, which KaTeX knows too.
 */
const MATHJAX_COMMANDS = new Set(
  ('frac partial left right cdot neq leq geq sigma log exp ln sqrt sum prod tanh sinh cosh sin cos tan cot ' +
    'operatorname text begin end quad qquad delta pi gamma alpha beta mu lambda epsilon theta infty vert lvert rvert mathrm ' +
    'lfloor rfloor lceil rceil max min arctan mid in notin cup cap times pm mp le ge ne').split(' '),
);
const MATHJAX_ENVIRONMENTS = new Set(['aligned', 'cases']);

/** The aligned block of a page: its rows, each `lhs &= rhs && (n)`. */
function alignedRows(md: string): string[] {
  const m = /\n\$\$\n\\begin\{aligned\}\n([\s\S]*?)\n\\end\{aligned\}\n\$\$\n/.exec(md);
  return m ? m[1]!.split(' \\\\\n') : [];
}

/** The notes below the block: `- (n) …` lines. */
const notesOf = (md: string): string[] => md.split('\n').filter((l) => /^- \(\d+\) /.test(l));

describe('--format md: one aligned block per derivation, the words below it keyed by line', () => {
  it('the seed: one aligned block of 8 rows numbered at the right, 8 notes, then result, conditions and verdict', () => {
    const r = gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'md');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('## Formula 8-13: ∂L/∂z2 for binary cross-entropy on a sigmoid output');
    // One display block, not one per line.
    expect((r.stdout.match(/^\$\$$/gm) ?? []).length).toBe(2);
    expect(r.stdout).not.toContain('\\qquad');
    expect(r.stdout).not.toMatch(/\\text\{/);
    const rows = alignedRows(r.stdout);
    expect(rows).toHaveLength(8);
    expect(rows[0]).toBe('\\frac{\\partial L}{\\partial z_{2}} &= \\frac{\\partial L}{\\partial a_{2}} \\cdot \\frac{\\partial a_{2}}{\\partial z_{2}} && (1)');
    expect(rows[2]).toBe('&= \\frac{a_{2} - y}{a_{2} \\left(1 - a_{2}\\right)} && (3)');
    expect(rows[7]).toBe('&= a_{2} - y && (8)');
    expect(rows.every((row, i) => row.endsWith(` && (${i + 1})`) && row.includes('&= '))).toBe(true);
    expect(notesOf(r.stdout).map((n) => /^- \((\d+)\)/.exec(n)![1])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(r.stdout).toContain('**Result** $\\frac{\\partial L}{\\partial z_{2}} = a_{2} - y$');
    expect(r.stdout).toContain('**Expected** $a_{2} - y$: proven');
  });

  it('each note names the rules, the conditions as math and the sentence that explains the line, in the chosen language', () => {
    const en = notesOf(gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'md').stdout);
    expect(en[0]).toBe(
      '- (1) **chain rule**: By the chain rule, the derivative through an intermediate is the derivative with respect to the intermediate times the derivative of the intermediate.',
    );
    expect(en[2]).toBe(
      '- (3) **combine into one fraction, and 2 routine steps** ($a_{2} \\neq 0,\\ a_{2} \\neq 1$): Combine the fractions into one over a common denominator, which must not be zero.',
    );
    expect(en[5]).toBe('- (6) Take up the expression from above and go on.');
    const zh = notesOf(gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'md', '--lang', 'zh').stdout);
    expect(zh[2]).toBe('- (3) **通分，及另外 2 个常规步骤**（$a_{2} \\neq 0,\\ a_{2} \\neq 1$）：通分，把几个分数合并成一个分数，公分母不能为零。');
    expect(zh[7]).toBe('- (8) **约分**（$a_{2} \\neq 0,\\ a_{2} \\neq 1$）：约分，约去分子和分母的公因子，公因子不能为零。');
  });

  it.each(readdirSync('examples').filter((f) => f.endsWith('.grad')))('%s: one aligned block, and every formula parses in KaTeX, in both languages', (file) => {
    for (const lang of ['en', 'zh']) {
      const r = gradproof('derive', `examples/${file}`, '--format', 'md', '--lang', lang);
      expect(r.status, r.stderr).toBe(0);
      expect((r.stdout.match(/^\$\$$/gm) ?? []).length).toBe(2);
      const rows = alignedRows(r.stdout);
      expect(rows.length).toBeGreaterThan(0);
      expect(notesOf(r.stdout).length).toBeLessThanOrEqual(rows.length);
      const math = mathOf(r.stdout);
      expect(math.length).toBeGreaterThan(2);
      for (const m of math) {
        for (const [, c] of m.matchAll(/\\([A-Za-z]+)/g)) expect(MATHJAX_COMMANDS.has(c!), `\\${c} in ${m}`).toBe(true);
        for (const [, e] of m.matchAll(/\\begin\{(\w+)\}/g)) expect(MATHJAX_ENVIRONMENTS.has(e!), e).toBe(true);
      }
      // strict: KaTeX refuses what it only tolerates, so the maths keeps to what MathJax also knows.
      for (const m of math) expect(() => katex.renderToString(m, { throwOnError: true, displayMode: true, strict: 'error' }), m).not.toThrow();
    }
  });
});
