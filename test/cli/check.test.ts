import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gradproof, expectBadInput } from './run.js';

const lines = (s: string): string[] => s.trimEnd().split('\n');

describe('gradproof check FILE: a written derivation, link by link', () => {
  it("the seed's steps 4 to 6 check as proven, each link explained below its verdict, each sentence once", () => {
    const r = gradproof('check', 'examples/seed-steps-4-6.proof');
    expect(r.status, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual([
      'Formula 8-13, steps 4 to 6: ∂L/∂a2, one fraction, and the cancellation',
      '',
      ' 1. ∂L/∂a2 = -y/a2 + (1 - y)/(1 - a2)',
      '    proven  by logarithm rule, and 11 routine steps  [a2 > 0, a2 < 1]',
      '    The derivative of a logarithm is the derivative of its argument divided by the argument, (log',
      "    u)' = u'/u, which needs u > 0.",
      ' 2. -y/a2 + (1 - y)/(1 - a2) = (-y*(1 - a2) + (1 - y)*a2)/(a2*(1 - a2))',
      '    proven  by algebra',
      '    Rearrange by algebra; both sides are the same rational expression.',
      ' 3. (-y*(1 - a2) + (1 - y)*a2)/(a2*(1 - a2)) = (a2 - y)/(a2*(1 - a2))',
      '    proven  by algebra',
      ' 4. (a2 - y)*a2*(1 - a2)/(a2*(1 - a2)) = a2 - y',
      '    proven  by algebra  [a2 != 0, a2 != 1]',
      '',
      'Premises    given     L = -(y*log(a2) + (1 - y)*log(1 - a2))',
      '',
      'Every step is proven.',
    ]);
  });

  it('a sign error is refuted with a point, and named as the first wrong step', () => {
    const r = gradproof('check', 'examples/wrong-step.proof');
    expect(r.status).toBe(1);
    const out = lines(r.stdout);
    expect(out).toContain('    refuted');
    expect(out.find((l) => l.startsWith('    at '))).toMatch(/^ {4}at a2 = -?[\d.]+, y = -?[\d.]+: left -?[\d.e+-]+, right -?[\d.e+-]+$/);
    expect(out[out.length - 1]).toBe('The first wrong step is 2 (line 7): -y/a2 + (1 - y)/(1 - a2) = -y/a2 - (1 - y)/(1 - a2)');
  });

  it('JSON: every link with its verdict, and the first wrong one', () => {
    const r = gradproof('check', 'examples/wrong-step.proof', '--format', 'json');
    const j = JSON.parse(r.stdout);
    expect(j.firstWrong).toBe(2);
    expect(j.links.map((l: { verdict: string }) => l.verdict)).toEqual(['proven', 'refuted', 'proven']);
    expect(j.links[0].checked).toBe(true);
    expect(j.links[0].rules).toEqual(['def.unfold', 'd.const-multiple', 'd.sum', 'd.log', 'd.self', 'd.const', 'alg.rearrange']);
    expect(Object.keys(j.links[1].counterexample).sort()).toEqual(['a2', 'y']);
    expect(j.links[1].values.left).not.toBeCloseTo(j.links[1].values.right, 3);
    // Each link explained by the rules it cites, as each of derive's lines is; `rules` keeps every rule.
    expect(j.links.map((l: { explanation: string }) => l.explanation)).toEqual([
      "The derivative of a logarithm is the derivative of its argument divided by the argument, (log u)' = u'/u, which needs u > 0.",
      'The two sides differ. The correct right side is -(y - a2)/(a2*(1 - a2)) (the first line, ∂L/∂a2, worked out, where a2 > 0 and a2 < 1): at a2 = 0.3, y = 2 it is -8.09524, the written one -5.23810.',
      'Rearrange by algebra; both sides are the same rational expression.',
    ]);
  });

  it('JSON --lang zh: the explanations in Chinese', () => {
    const j = JSON.parse(gradproof('check', 'examples/wrong-step.proof', '--format', 'json', '--lang', 'zh').stdout);
    expect(j.links.slice(1).map((l: { explanation: string }) => l.explanation)).toEqual([
      '两边取值不同。正确的右边应为 -(y - a2)/(a2*(1 - a2))（由第一行 ∂L/∂a2 求导并化简得到，要求 a2 > 0、a2 < 1）：在 a2 = 0.3，y = 2 处，它等于 -8.09524，而写出的右边等于 -5.23810。',
      '进行代数恒等变形，两边是同一个有理式。',
    ]);
  });

  it('Markdown: the chain as one aligned block numbered by link, a note per link (verdict, rules, why), then the verdict', () => {
    const r = gradproof('check', 'examples/wrong-step.proof', '--format', 'md');
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n\n')).toEqual([
      '## A student&#39;s ∂L/∂a2, with a sign error',
      [
        '$$',
        '\\begin{aligned}',
        '\\frac{\\partial L}{\\partial a_{2}} &= -\\frac{y}{a_{2}} + \\frac{1 - y}{1 - a_{2}} && (1) \\\\',
        '&= -\\frac{y}{a_{2}} - \\frac{1 - y}{1 - a_{2}} && (2) \\\\',
        '&= -\\frac{y \\left(1 - a_{2}\\right) + \\left(1 - y\\right) a_{2}}{a_{2} \\left(1 - a_{2}\\right)} && (3)',
        '\\end{aligned}',
        '$$',
      ].join('\n'),
      [
        '- (1) **proven** by logarithm rule, and 11 routine steps ($a_{2} > 0,\\ a_{2} < 1$): ' +
          "The derivative of a logarithm is the derivative of its argument divided by the argument, (log u)' = u'/u, which needs u \\> 0.",
        '- (2) **refuted**: The two sides differ: at $a_{2} = 0.3$, $y = 2$, the left side is $-8.09524$, the right side is $-5.23810$. ' +
          'The correct right side is $-\\frac{y - a_{2}}{a_{2} \\left(1 - a_{2}\\right)}$ (the first line, $\\frac{\\partial L}{\\partial a_{2}}$, worked out, where $a_{2} > 0$ and $a_{2} < 1$): there it is $-8.09524$, the written one $-5.23810$.',
        '- (3) **proven** by algebra: Rearrange by algebra; both sides are the same rational expression.',
      ].join('\n'),
      '**Premises** given $L = -\\left(y \\log a_{2} + \\left(1 - y\\right) \\log\\left(1 - a_{2}\\right)\\right)$.',
      '**Verdict** The first wrong step is 2 (line 7): $-\\frac{y}{a_{2}} + \\frac{1 - y}{1 - a_{2}} = -\\frac{y}{a_{2}} - \\frac{1 - y}{1 - a_{2}}$.\n',
    ]);
  });

  it('--chain E1 E2 E3, in Chinese', () => {
    const r = gradproof('check', '--chain', 'diff(log(sigmoid(z)), z)', '1 - sigmoid(z)', 'sigmoid(-z)', '--lang', 'zh');
    expect(r.status, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual([
      ' 1. ∂/∂z [log(sigmoid(z))] = 1 - sigmoid(z)',
      '    已证明  依据 对数求导法则、代数恒等变形，及另外 2 个步骤',
      "    对数的导数等于真数的导数除以真数：(log u)' = u'/u，要求 u > 0。进行代数恒等变形，两边是同一个有",
      '    理式。',
      ' 2. 1 - sigmoid(z) = sigmoid(-z)',
      '    已证明  依据 sigmoid 的对称性，及另外 1 个常规步骤',
      '    sigmoid 函数的对称性：sigmoid(-x) = 1 - sigmoid(x)。',
      '',
      '每一步都已证明。',
    ]);
  });

  it('--chain with a stated equation uses it', () => {
    const r = gradproof('check', '--chain', 'a*(y1 + y2 + y3) - y1', 'a - y1', '--assume', 'y1 + y2 + y3 = 1');
    expect(r.status, r.stdout).toBe(0);
    expect(lines(r.stdout).slice(1, 3)).toEqual(['    proven  by use the assumption', '    Use the stated assumption to simplify.']);
  });

  it('needs two expressions', () => {
    expect(expectBadInput(gradproof('check', '--chain', 'x'))[0]).toBe('error: check --chain needs at least two expressions: E1 E2 ...');
  });

  it('a derivation file with a syntax error points at it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradproof-'));
    writeFileSync(join(dir, 'bad.proof'), '  diff(x^2, x)\n= 2*x +\n');
    const err = expectBadInput(gradproof('check', join(dir, 'bad.proof')));
    expect(err[0]).toBe(`${join(dir, 'bad.proof')}:2:8: error: unexpected end of input`);
  });
});

describe('gradproof check p.json: a proof travels', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradproof-'));
  const file = join(dir, 'p.json');
  const derived = gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'json', '-o', file);

  it('re-verifies with the kernel alone', () => {
    expect(derived.status).toBe(0);
    const r = gradproof('check', file);
    expect(r.status, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual([
      'checked: 25 steps replayed',
      'diff(L, z2) = a2 - y',
      'Premises    given     a2 = sigmoid(z2)',
      '                      L = -(y*log(a2) + (1 - y)*log(1 - a2))',
    ]);
  });

  it('a tampered file is rejected, naming the step', () => {
    const j = JSON.parse(readFileSync(file, 'utf8'));
    const i = j.steps.findIndex((s: { rule: string }) => s.rule === 'd.log');
    j.steps[i].bindings.u = 'y';
    const bad = join(dir, 'tampered.json');
    writeFileSync(bad, JSON.stringify(j));
    const r = gradproof('check', bad);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('rejected: step 6 (d.log): d.log with these bindings does not match diff(log(a2), a2)\n');
  });

  it('--lang zh: the verdict in Chinese', () => {
    const r = gradproof('check', file, '--lang', 'zh');
    expect(r.status, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual([
      '检查通过：25 步已由检查器复核',
      'diff(L, z2) = a2 - y',
      '前提        已知  a2 = sigmoid(z2)',
      '                  L = -(y*log(a2) + (1 - y)*log(1 - a2))',
    ]);
  });

  // The proof shown as derive shows it, the kernel's replay in place of the expectations (a proof file proves no expectation).
  it('--format latex: the document derive writes', () => {
    const r = gradproof('check', file, '--format', 'latex');
    expect(r.status, r.stderr).toBe(0);
    const derivedDocument = gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'latex').stdout;
    expect(r.stdout).toBe(derivedDocument.replace('\\textbf{Expected:} $a_{2} - y$ --- proven.', '\\textbf{Checked:} 25 steps replayed by the checker.'));
  });

  it('--format md: the Markdown derive writes', () => {
    const r = gradproof('check', file, '--format', 'md');
    expect(r.status, r.stderr).toBe(0);
    const derivedMarkdown = gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'md').stdout;
    expect(r.stdout).toBe(derivedMarkdown.replace('**Expected** $a_{2} - y$: proven  \n', '**Checked** 25 steps replayed by the checker\n'));
  });

  it('--format html: the page derive writes', () => {
    const r = gradproof('check', file, '--format', 'html', '--lang', 'zh');
    expect(r.status, r.stderr).toBe(0);
    const derivedPage = gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'html', '--lang', 'zh').stdout;
    expect(r.stdout).toBe(derivedPage.replace(/<section class="expectations">.*?<\/section>/s, ''));
  });

  it('a tampered file in every format names the step, in the chosen language', () => {
    const bad = join(dir, 'tampered.json');
    const zh = gradproof('check', bad, '--lang', 'zh');
    expect([zh.status, zh.stdout]).toEqual([1, '未通过：第 6 步（d.log）：d.log with these bindings does not match diff(log(a2), a2)\n']);
    const md = gradproof('check', bad, '--format', 'md');
    expect([md.status, md.stdout]).toEqual([
      1,
      '## Formula 8-13: ∂L/∂z2 for binary cross-entropy on a sigmoid output\n\n$$\n\\frac{\\partial L}{\\partial z_{2}} = a_{2} - y\n$$\n\n' +
        '**Verdict** rejected: step 6 \\(d.log\\): d.log with these bindings does not match diff\\(log\\(a2\\), a2\\)\n',
    ]);
    const latex = gradproof('check', bad, '--format', 'latex', '--lang', 'zh');
    expect(latex.status).toBe(1);
    expect(lines(latex.stdout).slice(-6)).toEqual(['\\subsection*{结论}', '', '未通过：第 6 步（d.log）：d.log with these bindings does not match diff(log(a2), a2)', '', '\\end{CJK}', '\\end{document}']);
    const html = gradproof('check', bad, '--format', 'html');
    expect(html.status).toBe(1);
    expect(html.stdout).toContain('<p class="summary verdict-refuted">rejected: step 6 (d.log): d.log with these bindings does not match diff(log(a2), a2)</p>');
  });

  it('a file that is not JSON is bad input', () => {
    const bad = join(dir, 'broken.json');
    writeFileSync(bad, '{ "steps": [');
    expect(expectBadInput(gradproof('check', bad))[0]).toMatch(/^error: .*broken\.json is not valid JSON: /);
  });
});

describe('gradproof equal A B', () => {
  it.each([
    ['x*(1 + x)', 'x + x^2', 0, '    proven  by algebra'],
    ['log(sigmoid(z))', '-softplus(-z)', 0, '    proven  by log-sigmoid'],
    ['x*(1 + x)', 'x + x^3', 1, '    refuted'],
    ['sin(2*x)', '2*sin(x)*cos(x)', 1, '    unknown'],
    ['sin(x)^2 + cos(x)^2', '1', 0, '    proven  by Pythagorean identity, and 1 routine step'],
  ])('%s = %s', (a, b, status, verdict) => {
    const r = gradproof('equal', a, b);
    expect(r.status, r.stderr).toBe(status);
    expect(lines(r.stdout)[1]).toBe(verdict);
  });
});

describe('LaTeX as the textbook prints it', () => {
  it("the seed's steps 4 to 6 pasted as LaTeX check as proven", () => {
    const r = gradproof('check', 'examples/seed-steps-latex.proof');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(lines(r.stdout).at(-1)).toBe('Every step is proven.');
  });

  it('inline LaTeX with --input latex derives formula 8-13', () => {
    const r = gradproof('derive', '-[y \\log a_2 + (1 - y) \\log(1 - a_2)]', '--let', 'a_2 = \\sigma(z_2)', '--wrt', 'z_2', '--expect', 'a_2 - y', '--input', 'latex');
    expect(r.status, r.stderr).toBe(0);
    expect(lines(r.stdout).at(-1)).toBe('Expected    a2 - y: proven');
  });

  it('a LaTeX error points into the LaTeX', () => {
    const err = expectBadInput(gradproof('derive', '\\frac{1}{1 + e^{-z}', '--wrt', 'z'));
    expect(err[0]).toMatch(/^loss:1:\d+: error: missing '\}'/);
  });
});
