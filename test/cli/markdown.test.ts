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

describe('--format md: $$ blocks per line, for notes and READMEs', () => {
  it('the seed: one block per textbook line, then result, conditions and verdict', () => {
    const r = gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'md');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('## Formula 8-13: ∂L/∂z2 for binary cross-entropy on a sigmoid output');
    expect((r.stdout.match(/^\$\$$/gm) ?? []).length).toBe(2 * 8);
    expect(r.stdout).toContain('**Result** $\\frac{\\partial L}{\\partial z_{2}} = a_{2} - y$');
    expect(r.stdout).toContain('**Expected** $a_{2} - y$: proven');
  });

  it('each block is followed by the sentence that explains it, in the chosen language', () => {
    const en = gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'md').stdout;
    expect(en).toContain('\\frac{\\partial a_{2}}{\\partial z_{2}} \\qquad \\text{chain rule}\n$$\n\nBy the chain rule, the derivative through an intermediate');
    expect(en).toContain('\n$$\n\nCancel the factor common to numerator and denominator, which must not be zero.\n');
    const zh = gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'md', '--lang', 'zh').stdout;
    expect(zh).toContain('\\text{通分，及另外 2 个常规步骤} \\quad (a_{2} \\neq 0,\\ a_{2} \\neq 1)\n$$\n\n通分，把几个分数合并成一个分数，公分母不能为零。\n');
  });

  it.each(readdirSync('examples').filter((f) => f.endsWith('.grad')))('%s: every formula parses in KaTeX, in both languages', (file) => {
    for (const lang of ['en', 'zh']) {
      const r = gradproof('derive', `examples/${file}`, '--format', 'md', '--lang', lang);
      expect(r.status, r.stderr).toBe(0);
      const math = mathOf(r.stdout);
      expect(math.length).toBeGreaterThan(2);
      for (const m of math) expect(() => katex.renderToString(m, { throwOnError: true, displayMode: true }), m).not.toThrow();
    }
  });
});
