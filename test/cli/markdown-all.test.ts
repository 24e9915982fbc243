/** `derive --all --format md`: Markdown like derive's, one aligned block with a note per line, then a table of the gradients. */
import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { gradproof } from './run.js';

/** Every `$$ … $$` block and `$ … $` span of a Markdown page. */
function mathOf(md: string): string[] {
  const blocks = [...md.matchAll(/\$\$\n([\s\S]*?)\n\$\$/g)].map((m) => m[1]!);
  const rest = md.replace(/\$\$\n[\s\S]*?\n\$\$/g, '');
  const spans = [...rest.matchAll(/\$([^$\n]+)\$/g)].map((m) => m[1]!);
  return [...blocks, ...spans];
}

describe('derive --all --format md', () => {
  it('tanh and a squared error: the lines, each sentence once, then the gradients as a table', () => {
    const r = gradproof('derive', '(a - y)^2/2', '--let', 'a = tanh(z)', '--all', '--format', 'md');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n\n')).toEqual([
      '**Given** $a = \\tanh z$, $L = \\frac{\\left(a - y\\right)^{2}}{2}$',
      [
        '$$',
        '\\begin{aligned}',
        '\\frac{\\partial L}{\\partial a} &= a - y && (1) \\\\',
        '\\frac{\\partial L}{\\partial y} &= y - a && (2) \\\\',
        '\\frac{\\partial L}{\\partial z} &= \\frac{\\partial L}{\\partial a} \\cdot \\frac{\\partial a}{\\partial z} && (3) \\\\',
        '&= \\left(1 - a^{2}\\right) \\left(a - y\\right) && (4) \\\\',
        '\\frac{\\partial a}{\\partial z} &= 1 - \\left(\\tanh z\\right)^{2} && (5) \\\\',
        '&= 1 - a^{2} && (6)',
        '\\end{aligned}',
        '$$',
      ].join('\n'),
      [
        "- (1) **power rule, and 5 routine steps**: By the power rule, (u^n)' = n u^(n-1) u' for a constant exponent n.",
        '- (2) **power rule, and 7 routine steps**',
        '- (3) **chain rule**: By the chain rule, the derivative through an intermediate is the derivative with respect to the intermediate times the derivative of the intermediate.',
        '- (4) **by the results above**: Substitute the results derived above.',
        '- (5) **tanh derivative, and 2 routine steps**: The derivative of tanh is 1 - tanh(u)^2, times the derivative of its argument.',
        "- (6) **write in the intermediate's name**: Write the result in the intermediate's name again, as the textbook does.",
      ].join('\n'),
      '**Gradients**',
      [
        '| Variable | Gradient | Verdict |',
        '| --- | --- | --- |',
        '| $a$ | $\\frac{\\partial L}{\\partial a} = a - y$ | proven |',
        '| $y$ | $\\frac{\\partial L}{\\partial y} = y - a$ | proven |',
        '| $z$ | $\\frac{\\partial L}{\\partial z} = \\left(a - y\\right) \\left(1 - a^{2}\\right)$ | proven |',
      ].join('\n'),
      '**Premises** given $a = \\tanh z$, $L = \\frac{\\left(a - y\\right)^{2}}{2}$.  \n**Checked** 22 steps replayed by the checker\n',
    ]);
  });

  it('in Chinese, with the conditions, and an absolute value whose bars do not end a table cell', () => {
    const r = gradproof('derive', 'abs(x)*y', '--all', '--format', 'md', '--lang', 'zh');
    expect(r.status, r.stderr).toBe(0);
    const tail = r.stdout.slice(r.stdout.indexOf('**梯度**'));
    expect(tail.split('\n')).toEqual([
      '**梯度**',
      '',
      '| 变量 | 梯度 | 结论 |',
      '| --- | --- | --- |',
      '| $x$ | $\\frac{\\partial L}{\\partial x} = y \\operatorname{sign}\\left(x\\right)$ | 已证明 |',
      '| $y$ | $\\frac{\\partial L}{\\partial y} = \\left\\vert x\\right\\vert $ | 已证明 |',
      '',
      '**条件** $x \\neq 0$  ',
      '**前提** 已知 $L = \\left|x\\right| y$。  ',
      '**检查** 8 步已由检查器复核',
      '',
    ]);
  });

  it.each(['en', 'zh'])('two-layer.grad, --lang %s: an aligned row per line, a row per gradient, every formula parses in KaTeX', (lang) => {
    const r = gradproof('derive', 'examples/two-layer.grad', '--all', '--format', 'md', '--lang', lang);
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(gradproof('derive', 'examples/two-layer.grad', '--all', '--format', 'json').stdout) as { lines: unknown[] };
    expect((r.stdout.match(/^\$\$$/gm) ?? []).length).toBe(2);
    expect((r.stdout.match(/ && \(\d+\)( \\\\)?$/gm) ?? []).length).toBe(json.lines.length);
    expect((r.stdout.match(/^\| \$/gm) ?? []).length).toBe(10);
    for (const m of mathOf(r.stdout)) expect(() => katex.renderToString(m, { throwOnError: true, displayMode: true }), m).not.toThrow();
  });
});
