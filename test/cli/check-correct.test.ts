/** `gradproof check`: a refuted step shows its correct right side in every format; an unknown link is never called wrong. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gradproof } from './run.js';

const WRONG = 'examples/wrong-step.proof';
const dir = mkdtempSync(join(tmpdir(), 'gradproof-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An HTML fragment with each KaTeX formula replaced by its TeX source in `$ $`. */
function withMathAsTex(html: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const start = html.indexOf('<span class="katex">', i);
    if (start < 0) return out + html.slice(i);
    out += html.slice(i, start);
    const tags = /<span\b[^>]*>|<\/span>/g;
    tags.lastIndex = start;
    let depth = 0;
    for (let m = tags.exec(html); m; m = tags.exec(html)) {
      depth += m[0].startsWith('</') ? -1 : 1;
      if (depth === 0) break;
    }
    const tex = /<annotation encoding="application\/x-tex">(.*?)<\/annotation>/s.exec(html.slice(start, tags.lastIndex))![1]!;
    out += `$${tex.replaceAll('&gt;', '>').replaceAll('&lt;', '<').replaceAll('&amp;', '&')}$`;
    i = tags.lastIndex;
  }
}

// Each test runs the command several times: on a busy machine that takes more than the default 5 s.
describe('a refuted step shows the correct right side: the first line, a derivative, worked out', { timeout: 30_000 }, () => {
  it('text', () => {
    const r = gradproof('check', WRONG);
    expect(r.status).toBe(1);
    const out = r.stdout.split('\n');
    const at = out.indexOf('    at a2 = 0.3, y = 2: left -8.09524, right -5.23810');
    expect(out.slice(at - 2, at + 3)).toEqual([
      ' 2. -y/a2 + (1 - y)/(1 - a2) = -y/a2 - (1 - y)/(1 - a2)',
      '    refuted',
      '    at a2 = 0.3, y = 2: left -8.09524, right -5.23810',
      '    The correct right side is -(y - a2)/(a2*(1 - a2)) (the first line, ∂L/∂a2, worked out, where a2',
      '    > 0 and a2 < 1): there it is -8.09524, the written one -5.23810.',
    ]);
  });

  it('JSON: the correct side as fields the playground can show', () => {
    const j = JSON.parse(gradproof('check', WRONG, '--format', 'json').stdout);
    expect(j.links.map((l: { correct: unknown }) => l.correct)).toEqual([
      null,
      {
        source: 'first-line-derived',
        of: 'diff(L, a2)',
        to: '-(y - a2)/(a2*(1 - a2))',
        toLatex: '-\\frac{y - a_{2}}{a_{2} \\left(1 - a_{2}\\right)}',
        conditions: ['a2 > 0', 'a2 < 1'],
        value: expect.closeTo(-8.095238095, 8),
        written: expect.closeTo(-5.238095238, 8),
      },
      null,
    ]);
  });

  const LATEX_EN =
    'The correct right side is $-\\frac{y - a_{2}}{a_{2} \\left(1 - a_{2}\\right)}$ (the first line, $\\frac{\\partial L}{\\partial a_{2}}$, worked out, where $a_{2} > 0$ and $a_{2} < 1$): there it is $-8.09524$, the written one $-5.23810$.';
  const LATEX_ZH =
    '正确的右边应为 $-\\frac{y - a_{2}}{a_{2} \\left(1 - a_{2}\\right)}$（由第一行 $\\frac{\\partial L}{\\partial a_{2}}$ 求导并化简得到，要求 $a_{2} > 0$、$a_{2} < 1$）：在该点处，它等于 $-8.09524$，而写出的右边等于 $-5.23810$。';

  it('Markdown, below the point where the two sides differ, in English and Chinese', () => {
    expect(gradproof('check', WRONG, '--format', 'md').stdout).toContain(
      `The two sides differ: at $a_{2} = 0.3$, $y = 2$, the left side is $-8.09524$, the right side is $-5.23810$. ${LATEX_EN}\n`,
    );
    expect(gradproof('check', WRONG, '--format', 'md', '--lang', 'zh').stdout).toContain(`右边为 $-5.23810$。${LATEX_ZH}\n`);
  });

  it('LaTeX, in the explanation below the step', () => {
    expect(gradproof('check', WRONG, '--format', 'latex').stdout).toContain(`the right side is $-5.23810$. ${LATEX_EN}}\n`);
    expect(gradproof('check', WRONG, '--format', 'latex', '--lang', 'zh').stdout).toContain(`右边为 $-5.23810$。${LATEX_ZH}}\n`);
  });

  it('HTML, below the counterexample, its maths typeset', () => {
    const html = gradproof('check', WRONG, '--format', 'html').stdout;
    const p = [...html.matchAll(/<p class="correct-side">(.*?)<\/p>/gs)].map((m) => withMathAsTex(m[1]!));
    // The numbers are text on the page.
    expect(p).toEqual([LATEX_EN.replace('$-8.09524$', '-8.09524').replace('$-5.23810$', '-5.23810')]);
    expect(html.indexOf('<p class="correct-side">')).toBeGreaterThan(html.indexOf('<div class="counterexample">'));
    const zh = gradproof('check', WRONG, '--format', 'html', '--lang', 'zh').stdout;
    expect([...zh.matchAll(/<p class="correct-side">(.*?)<\/p>/gs)].map((m) => withMathAsTex(m[1]!))).toEqual([LATEX_ZH.replace('$-8.09524$', '-8.09524').replace('$-5.23810$', '-5.23810')]);
  });

  it('a file in the notation dL/dz2 = ...: the seed\'s gradient, a2 - y, in the intermediate\'s name', () => {
    const file = join(dir, 'seed-wrong.proof');
    writeFileSync(file, 'let a2 = sigmoid(z2)\nlet L = -(y*log(a2) + (1 - y)*log(1 - a2))\n\ndL/dz2 = a2*(1 - a2)*(-y/a2 + (1 - y)/(1 - a2))\n       = a2*(1 - y) + y*(1 - a2)\n');
    const r = gradproof('check', file);
    expect(r.status).toBe(1);
    const out = r.stdout.split('\n');
    const at = out.indexOf(' 2. a2*(1 - a2)*(-y/a2 + (1 - y)/(1 - a2)) = a2*(1 - y) + y*(1 - a2)');
    expect(out.slice(at + 1, at + 5)).toEqual([
      '    refuted',
      '    at y = 0.3, z2 = 2: left 0.580797, right 0.652319',
      '    The correct right side is a2 - y (the first line, ∂L/∂z2, worked out): there it is 0.580797, the',
      '    written one 0.652319.',
    ]);
    const zh = gradproof('check', file, '--lang', 'zh').stdout;
    expect(zh).toContain('    正确的右边应为 a2 - y（由第一行 ∂L/∂z2 求导并化简得到）：在该点处，它等于 0.580797，而写出的右边\n    等于 0.652319。\n');
  });

  it('--chain: a derivative written wrong at once is worked out from its left side', () => {
    const r = gradproof('check', '--chain', 'diff(log(sigmoid(z)), z)', 'sigmoid(z)');
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n').slice(1, 5)).toEqual([
      '    refuted',
      '    at z = 0.3: left 0.425557, right 0.574443',
      '    The correct right side is 1 - sigmoid(z) (the left side worked out): there it is 0.425557, the',
      '    written one 0.574443.',
    ]);
  });
});

describe('an unknown link is not called wrong, in any format or language; the exit code stays 1', { timeout: 30_000 }, () => {
  const file = join(dir, 'unknown.proof');
  writeFileSync(file, '  log(1 + y^2)\n= log((1 + y^2)^2)/2\n');
  const run = (...args: string[]) => {
    const r = gradproof('check', file, ...args);
    expect(r.status, r.stderr).toBe(1);
    // JSON's field names aside (`firstWrong: null`), no word calls it wrong.
    expect(r.stdout.replace('"firstWrong"', '')).not.toMatch(/wrong|error|错误/i);
    return r.stdout;
  };
  const CLAIM = '$\\log\\left(1 + y^{2}\\right) = \\frac{\\log\\left(\\left(1 + y^{2}\\right)^{2}\\right)}{2}$';

  it('JSON: no first wrong step; the first unknown one, and not proven', () => {
    const j = JSON.parse(run('--format', 'json'));
    expect([j.firstWrong, j.firstUnknown, j.proven]).toEqual([null, 1, false]);
    expect(j.links.map((l: { verdict: string; explanation: string; correct: unknown }) => [l.verdict, l.explanation, l.correct])).toEqual([
      ['unknown', 'This step could be neither proven nor refuted.', null],
    ]);
    expect(JSON.parse(run('--format', 'json', '--lang', 'zh')).links[0].explanation).toBe('这一步既未能证明，也未能否定。');
  });

  it('text', () => {
    expect(run().trimEnd().split('\n').at(-1)).toBe('Step 1 (line 2) could be neither proven nor refuted: log(1 + y^2) = log((1 + y^2)^2)/2');
    expect(run('--lang', 'zh').trimEnd().split('\n').at(-1)).toBe('第 1 步（第 2 行）既未能证明，也未能否定：log(1 + y^2) = log((1 + y^2)^2)/2');
  });

  it('Markdown and LaTeX: marked unknown, the verdict says undecided', () => {
    const md = run('--format', 'md');
    expect(md).toContain('- (1) **unknown**: This step could be neither proven nor refuted: the two sides agree at 24 sample points, but no algebraic proof was found.');
    expect(md.trimEnd().split('\n').at(-1)).toBe(`**Verdict** Step 1 (line 2) could be neither proven nor refuted: ${CLAIM}.`);
    expect(run('--format', 'md', '--lang', 'zh').trimEnd().split('\n').at(-1)).toBe(`**结论** 第 1 步（第 2 行）既未能证明，也未能否定：${CLAIM}。`);
    const latex = run('--format', 'latex');
    expect(latex).toContain('\\textbf{(1) unknown}');
    expect(latex).toContain(`\\subsection*{Verdict}\n\nStep 1 (line 2) could be neither proven nor refuted: ${CLAIM}.\n`);
  });

  it('HTML: the unknown class (not the refuted colour), and an undecided summary', () => {
    const html = run('--format', 'html');
    expect([...html.matchAll(/<div class="verdict (verdict-\w+) link" data-verdict="(\w+)">/g)].map((m) => [m[1], m[2]])).toEqual([['verdict-unknown', 'unknown']]);
    expect(html).toContain('.verdict-unknown .verdict-word { color: var(--warn); }');
    expect(html).toContain('<p class="summary">Step 1 could be neither proven nor refuted.</p>');
    expect(run('--format', 'html', '--lang', 'zh')).toContain('<p class="summary">第 1 步既未能证明，也未能否定。</p>');
  });
});
