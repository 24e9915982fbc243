/** `--format latex`: an `align*` block that KaTeX renders with `throwOnError`. */
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { gradproof } from './run.js';

/** KaTeX renders `latex` in display mode, where `align*` is allowed, without error. */
function expectKatex(latex: string): void {
  expect(() => katex.renderToString(latex, { throwOnError: true, displayMode: true, strict: 'error' }), latex).not.toThrow();
}

describe('gradproof derive examples/bce-sigmoid.grad --format latex', () => {
  const r = gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'latex');

  it('exits 0 and prints one align* block', () => {
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith('\\begin{align*}\n')).toBe(true);
    expect(r.stdout.endsWith('\\end{align*}\n')).toBe(true);
    expect(r.stdout.match(/\\begin\{/g)).toHaveLength(1);
  });

  it('parses under KaTeX', () => {
    expectKatex(r.stdout);
  });

  it('names the rule beside the lines and ends at a2 - y, then the conditions and the verdict', () => {
    const all = r.stdout.split('\n').slice(1, -2);
    expect(all.slice(-2)).toEqual([
      '&\\quad \\text{Conditions: } a_{2} > 0,\\ a_{2} < 1 \\\\',
      '&\\quad \\text{Expected: } a_{2} - y \\quad \\text{(proven)}',
    ]);
    const rows = all.slice(0, -2);
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) expect(row).toMatch(/&= /);
    expect(rows.filter((row) => /&= .* && \\text\{[^}]+\}/.test(row)).length).toBeGreaterThan(rows.length / 2);
    expect(rows[0]).toContain('\\text{chain rule}');
    expect(rows.at(-1)).toMatch(/&= a_\{2\} - y && \\text\{cancel the common factor\}/);
  });

  it('in Chinese, too', () => {
    const zh = gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'latex', '--lang', 'zh');
    expect(zh.status).toBe(0);
    expect(zh.stdout).toContain('\\text{链式法则}');
    expectKatex(zh.stdout);
  });
});

describe('the LaTeX inside --format json', () => {
  const r = gradproof('derive', 'examples/two-layer.grad', '--format', 'json');
  const out = JSON.parse(r.stdout) as { resultLatex: string; steps: Array<{ latex: string }> };

  it('resultLatex parses under KaTeX', () => {
    expectKatex(out.resultLatex);
  });

  it('every step line parses under KaTeX inside an align* block', () => {
    for (const s of out.steps) expectKatex(`\\begin{align*}\n${s.latex}\n\\end{align*}`);
  });
});
