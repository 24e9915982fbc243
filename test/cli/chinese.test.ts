/**
 * `--lang zh` in every format of every command: the headings, the verdicts and the
 * explanations are Chinese. One test per command and format that no other file covers
 * (derive's own formats are in derive, markdown, latex, json and html-cli tests; check's
 * JSON and a proof file's text and page are in check.test.ts).
 */
import { cjkLatex } from '../support/system.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { documentMath, expectKatex } from '../render/katex.js';
import { gradproof } from './run.js';

const zh = (...args: string[]) => gradproof(...args, '--lang', 'zh');

/** A document's headings and labels (`\subsection*{…}`, `\textbf{…}`), and its explanations (`\intertext`). */
const latexParts = (doc: string) => ({
  headings: [...doc.matchAll(/\\(?:sub)?section\*\{([^}]*)\}|\\textbf\{([^}]*)\}/g)].map((m) => m[1] ?? m[2]),
  prose: [...doc.matchAll(/^\\intertext\{\\small (.*)\}$/gm)].map((m) => m[1]),
});

/** A page's headings, labels, step numbers, verdicts and footer, and its explanations. */
const htmlParts = (page: string) => ({
  headings: [...page.matchAll(/<(h1|h2|dt|footer)[^>]*>([^<]*)<\/\1>|class="(?:link-number|summary[^"]*|verdict-word)">([^<]*)</g)].map((m) => m[2] ?? m[3]),
  prose: [...page.matchAll(/<p class="(?:explanation|evidence)">([^<]*)<\/p>/g)].map((m) => m[1]),
});

/** Markdown's bold labels (the notes' bold leads left out), and the prose of the notes below the aligned block. */
const mdParts = (md: string) => ({
  headings: [...md.replace(/^- \(\d+\) .*$/gm, '').matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]),
  prose: [...md.matchAll(/^- \(\d+\) (?:\*\*[^*\n]+\*\*[^：\n]*?：)?(.*)$/gm)].map((m) => m[1]!).filter((p) => !p.startsWith('**')),
});

/** Link 1 cites its main rule (the rest folded), so it explains that rule alone. */
const SEED_EXPLAINED = "对数的导数等于真数的导数除以真数：(log u)' = u'/u，要求 u > 0。";

const TANH = ['derive', '(a - y)^2/2', '--let', 'a = tanh(z)', '--all'];

describe('derive --all --lang zh', () => {
  it('text', () => {
    const r = zh(...TANH);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      '已知        a = tanh(z)',
      '            L = (a - y)^2/2',
      '',
      '∂L/∂a = a - y                幂函数求导法则，及另外 5 个常规步骤',
      "        由幂函数求导法则，(u^n)' = n u^(n-1) u'，其中指数 n 为常数。",
      '∂L/∂y = y - a                幂函数求导法则，及另外 7 个常规步骤',
      '∂L/∂z = ∂L/∂a · ∂a/∂z        链式法则',
      '        根据链式法则，经过中间变量的导数等于对中间变量的导数乘以中间变量对自变量的导数。',
      '      = (1 - a^2)*(a - y)    代入上面的结果',
      '        代入上面已经求出的结果。',
      '∂a/∂z = 1 - tanh(z)^2        tanh 导数，及另外 2 个常规步骤',
      '        tanh 函数的导数为 1 - tanh(u)^2，再乘以内层函数的导数。',
      '      = 1 - a^2              用中间变量表示',
      '        用中间变量表示，把结果写回中间变量的名称。',
      '',
      '梯度        ∂L/∂a = a - y              已证明',
      '            ∂L/∂y = y - a              已证明',
      '            ∂L/∂z = (a - y)*(1 - a^2)  已证明',
      '前提        已知  a = tanh(z)',
      '                  L = (a - y)^2/2',
      '检查        22 步已由检查器复核',
      '',
    ]);
  });

  it('latex', () => {
    const r = zh(...TANH, '--format', 'latex');
    expect(r.status, r.stderr).toBe(0);
    expect(latexParts(r.stdout)).toEqual({
      headings: ['问题', '已知', '损失函数', '推导', '梯度', '结论：', '前提：', '检查：'],
      prose: [
        "由幂函数求导法则，$\\left(u^{n}\\right)' = n u^{n - 1} u'$，其中指数 n 为常数。",
        '根据链式法则，经过中间变量的导数等于对中间变量的导数乘以中间变量对自变量的导数。',
        '代入上面已经求出的结果。',
        'tanh 函数的导数为 $1 - \\left(\\tanh u\\right)^{2}$，再乘以内层函数的导数。',
        '用中间变量表示，把结果写回中间变量的名称。',
      ],
    });
    expect(r.stdout).toContain('求损失函数 $L$ 对它所依赖的每个变量的导数。');
    expect(r.stdout).toContain('\\textbf{前提：} 已知 $a = \\tanh z$，$L = \\frac{\\left(a - y\\right)^{2}}{2}$。\n\n\\textbf{检查：}');
  });

  it('html', () => {
    const r = zh(...TANH, '--format', 'html');
    expect(r.status, r.stderr).toBe(0);
    expect(htmlParts(r.stdout)).toEqual({
      headings: ['问题', '已知', '损失函数', '假设', '推导', '梯度', '已证明', '已证明', '已证明', '前提', '22 步已由检查器复核。生成工具 gradproof。'],
      prose: [
        '由幂函数求导法则，(u^n)&#39; = n u^(n-1) u&#39;，其中指数 n 为常数。',
        '由幂函数求导法则，(u^n)&#39; = n u^(n-1) u&#39;，其中指数 n 为常数。',
        '根据链式法则，经过中间变量的导数等于对中间变量的导数乘以中间变量对自变量的导数。',
        '代入上面已经求出的结果。',
        'tanh 函数的导数为 1 - tanh(u)^2，再乘以内层函数的导数。',
        '用中间变量表示，把结果写回中间变量的名称。',
      ],
    });
  });
});

describe('derive --steps --lang zh', () => {
  it('text: where each step applied, in Chinese', () => {
    const r = zh('derive', 'x^2*y', '--wrt', 'x', '--steps');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n').slice(2, 6)).toEqual([
      '1. diff(L, x)  →  diff(x^2*y, x)   def.unfold (代入定义)  位置 0',
      '2. diff(x^2*y, x)  →  y*diff(x^2, x)   d.const-multiple (常数倍法则)  位置 整个式子',
      '3. y*diff(x^2, x)  →  2*x*y*diff(x, x)   d.power (幂函数求导法则)  位置 1',
      '4. 2*x*y*diff(x, x)  →  2*x*y   d.self (自变量的导数为一)  位置 3',
    ]);
    const seed = zh('derive', 'examples/bce-sigmoid.grad', '--steps').stdout.split('\n');
    expect(seed.find((l) => l.startsWith(' 2. '))).toBe(' 2. diff(L, a2)  →  diff(-(y*log(a2) + (1 - y)*log(1 - a2)), a2)   def.unfold (代入定义)  位置 0，属于引理 1');
  });
});

describe('check FILE --lang zh (a written derivation)', () => {
  const FILE = ['check', 'examples/wrong-step.proof'];

  it('text', () => {
    const r = zh(...FILE);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      "A student's ∂L/∂a2, with a sign error",
      '',
      ' 1. ∂L/∂a2 = -y/a2 + (1 - y)/(1 - a2)',
      '    已证明  依据 对数求导法则，及另外 11 个常规步骤  [a2 > 0, a2 < 1]',
      "    对数的导数等于真数的导数除以真数：(log u)' = u'/u，要求 u > 0。",
      ' 2. -y/a2 + (1 - y)/(1 - a2) = -y/a2 - (1 - y)/(1 - a2)',
      '    不成立',
      '    反例 a2 = 0.3，y = 2：左边 -8.09524，右边 -5.23810',
      '    正确的右边应为 -(y - a2)/(a2*(1 - a2))（由第一行 ∂L/∂a2 求导并化简得到，要求 a2 > 0、a2 < 1）：',
      '    在该点处，它等于 -8.09524，而写出的右边等于 -5.23810。',
      ' 3. -y/a2 - (1 - y)/(1 - a2) = -(y*(1 - a2) + (1 - y)*a2)/(a2*(1 - a2))',
      '    已证明  依据 代数恒等变形',
      '    进行代数恒等变形，两边是同一个有理式。',
      '',
      '前提        已知  L = -(y*log(a2) + (1 - y)*log(1 - a2))',
      '',
      '第一个错误的步骤是第 2 步（第 7 行）：-y/a2 + (1 - y)/(1 - a2) = -y/a2 - (1 - y)/(1 - a2)',
      '',
    ]);
  });

  it('md', () => {
    const r = zh(...FILE, '--format', 'md');
    expect(r.status).toBe(1);
    expect(mdParts(r.stdout)).toEqual({
      headings: ['前提', '结论'],
      prose: [
        SEED_EXPLAINED.replace('u > 0', 'u \\> 0'),
        '两边取值不同：在 $a_{2} = 0.3$，$y = 2$ 处，左边为 $-8.09524$，右边为 $-5.23810$。' +
          '正确的右边应为 $-\\frac{y - a_{2}}{a_{2} \\left(1 - a_{2}\\right)}$（由第一行 $\\frac{\\partial L}{\\partial a_{2}}$ 求导并化简得到，要求 $a_{2} > 0$、$a_{2} < 1$）：在该点处，它等于 $-8.09524$，而写出的右边等于 $-5.23810$。',
        '进行代数恒等变形，两边是同一个有理式。',
      ],
    });
    expect(r.stdout).toContain('&= -\\frac{y}{a_{2}} - \\frac{1 - y}{1 - a_{2}} && (2) \\\\\n');
    expect(r.stdout).toContain('\n- (2) **不成立**：两边取值不同：');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(
      '**结论** 第一个错误的步骤是第 2 步（第 7 行）：$-\\frac{y}{a_{2}} + \\frac{1 - y}{1 - a_{2}} = -\\frac{y}{a_{2}} - \\frac{1 - y}{1 - a_{2}}$。',
    );
  });

  it('latex', () => {
    const r = zh(...FILE, '--format', 'latex');
    expect(r.status).toBe(1);
    expect(latexParts(r.stdout)).toEqual({
      headings: ["A student's $\\partial$L/$\\partial$a2, with a sign error", '待检查的推导', '(1) 已证明', '(2) 不成立', '(3) 已证明', '结论', '前提：'],
      prose: [
        // The maths of the explanation as maths.
        SEED_EXPLAINED.replace("(log u)' = u'/u，要求 u > 0", "$\\left(\\log u\\right)' = \\frac{u'}{u}$，要求 $u > 0$"),
        '两边取值不同：在 $a_{2} = 0.3$，$y = 2$ 处，左边为 $-8.09524$，右边为 $-5.23810$。' +
          '正确的右边应为 $-\\frac{y - a_{2}}{a_{2} \\left(1 - a_{2}\\right)}$（由第一行 $\\frac{\\partial L}{\\partial a_{2}}$ 求导并化简得到，要求 $a_{2} > 0$、$a_{2} < 1$）：在该点处，它等于 $-8.09524$，而写出的右边等于 $-5.23810$。',
        '进行代数恒等变形，两边是同一个有理式。',
      ],
    });
  });

  it('html', () => {
    const r = zh(...FILE, '--format', 'html');
    expect(r.status).toBe(1);
    expect(htmlParts(r.stdout)).toEqual({
      headings: [
        'A student&#39;s ∂L/∂a2, with a sign error',
        '所写的推导',
        '第 1 步（第 6 行）',
        '已证明',
        '第 2 步（第 7 行）',
        '不成立',
        '第 3 步（第 8 行）',
        '已证明',
        '前提',
        '第一个错误的步骤是第 2 步。',
        '生成工具 gradproof。',
      ],
      prose: [SEED_EXPLAINED.replace(/'/g, '&#39;').replace('>', '&gt;'), '进行代数恒等变形，两边是同一个有理式。'],
    });
    expect(r.stdout).toContain('<div class="counterexample">反例：<table');
  });
});

describe('check proof.json --lang zh (a proof from derive --format json)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradproof-zh-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'p.json');
  gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'json', '-o', file);

  it('md', () => {
    const r = zh('check', file, '--format', 'md');
    expect(r.status, r.stderr).toBe(0);
    expect(mdParts(r.stdout)).toEqual({
      headings: ['已知', '结果', '前提', '检查'],
      prose: [
        '根据链式法则，经过中间变量的导数等于对中间变量的导数乘以中间变量对自变量的导数。',
        "对数的导数等于真数的导数除以真数：(log u)' = u'/u，要求 u \\> 0。",
        '通分，把几个分数合并成一个分数，公分母不能为零。',
        'sigmoid 函数的导数为 sigmoid(u)(1 - sigmoid(u))，再乘以内层函数的导数。',
        '用中间变量表示，把结果写回中间变量的名称。',
        '接着上面的式子继续推导。',
        '代入上面已经求出的结果。',
        '约分，约去分子和分母的公因子，公因子不能为零。',
      ],
    });
    // 0 < a2 < 1 holds by a2 = sigmoid(z2): the kernel discharges it, and no conditions are listed.
    expect(r.stdout.split('\n').slice(-4)).toEqual([
      '**结果** $\\frac{\\partial L}{\\partial z_{2}} = a_{2} - y$  ',
      '**前提** 已知 $a_{2} = \\sigma\\left(z_{2}\\right)$，$L = -\\left(y \\log a_{2} + \\left(1 - y\\right) \\log\\left(1 - a_{2}\\right)\\right)$。  ',
      '**检查** 25 步已由检查器复核',
      '',
    ]);
  });

  it.skipIf(cjkLatex.skip)(cjkLatex.named('latex: a document pdflatex compiles'), () => {
    const r = zh('check', file, '--format', 'latex');
    expect(r.status, r.stderr).toBe(0);
    expect(latexParts(r.stdout).headings).toEqual([
      'Formula 8-13: $\\partial$L/$\\partial$z2 for binary cross-entropy on a sigmoid output',
      '问题',
      '已知',
      '损失函数',
      '推导',
      '结果',
      '前提：',
      '检查：',
    ]);
    expect(r.stdout).toContain('\\textbf{检查：} 25 步已由检查器复核。');
    for (const m of documentMath(r.stdout)) expectKatex(m);
    writeFileSync(join(dir, 'replay.tex'), r.stdout);
    const tex = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'replay.tex'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(tex.status, tex.stdout.split('\n').filter((l) => l.startsWith('!')).join('\n')).toBe(0);
    expect(existsSync(join(dir, 'replay.pdf'))).toBe(true);
    expect(readFileSync(join(dir, 'replay.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('json: the object check() returns, which has no words to translate', () => {
    const r = zh('check', file, '--format', 'json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      checked: true,
      replayed: 25,
      claim: 'diff(L, z2) = a2 - y',
      conditions: [],
      premises: { assumptions: [], definitions: ['a2 = sigmoid(z2)', 'L = -(y*log(a2) + (1 - y)*log(1 - a2))'], ruleFiles: [] },
    });
  });
});

describe('equal A B --lang zh', () => {
  const EQUAL = ['equal', 'x*(1+x)', 'x+x^3'];

  it('text', () => {
    const r = zh(...EQUAL);
    expect([r.status, r.stdout]).toEqual([1, ' 1. x*(1 + x) = x + x^3\n    不成立\n    反例 x = 0.3：左边 0.390000，右边 0.327000\n\n第一个错误的步骤是第 1 步：x*(1 + x) = x + x^3\n']);
  });

  it('text, undecided: the evidence in Chinese', () => {
    const r = zh('equal', 'sin(2*x)', '2*sin(x)*cos(x)');
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([' 1. sin(2*x) = 2*sin(x)*cos(x)', '    未能判定', '    两边在 24 个采样点上取值一致，但没有找到代数证明']);
  });

  it('md', () => {
    const r = zh(...EQUAL, '--format', 'md');
    expect([r.status, r.stdout]).toEqual([
      1,
      '$$\n\\begin{aligned}\nx \\left(1 + x\\right) &= x + x^{3} && (1)\n\\end{aligned}\n$$\n\n' +
        '- (1) **不成立**：两边取值不同：在 $x = 0.3$ 处，左边为 $0.390000$，右边为 $0.327000$。\n\n' +
        '**结论** 第一个错误的步骤是第 1 步：$x \\left(1 + x\\right) = x + x^{3}$。\n',
    ]);
  });

  it('latex', () => {
    const r = zh(...EQUAL, '--format', 'latex');
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n').slice(10)).toEqual([
      '\\subsection*{待检查的推导}',
      '',
      '\\begin{align*}',
      'x \\left(1 + x\\right) &= x + x^{3} && \\parbox[t]{0.3\\linewidth}{\\raggedright\\small \\textbf{(1) 不成立}} \\\\',
      '\\intertext{\\small 两边取值不同：在 $x = 0.3$ 处，左边为 $0.390000$，右边为 $0.327000$。}',
      '\\end{align*}',
      '',
      '\\subsection*{结论}',
      '',
      '第一个错误的步骤是第 1 步：$x \\left(1 + x\\right) = x + x^{3}$。',
      '',
      '\\end{CJK}',
      '\\end{document}',
      '',
    ]);
  });

  it('json', () => {
    const r = zh(...EQUAL, '--format', 'json');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      title: null,
      firstWrong: 1,
      firstUnknown: null,
      proven: false,
      links: [
        {
          number: 1,
          line: null,
          from: 'x*(1 + x)',
          to: 'x + x^3',
          verdict: 'refuted',
          checked: false,
          replayed: 0,
          rules: [],
          conditions: [],
          counterexample: { x: 0.3 },
          // The values at 120 digits: x + x^3 at x = 0.3 is 0.327 exactly (0.32699999999999996 in doubles).
          values: { left: 0.39, right: 0.327 },
          evidence: null,
          explanation: '两边取值不同。',
          // x*(1 + x) does not simplify: no correct side beyond its value, shown above.
          correct: null,
          premises: null,
        },
      ],
      premises: null,
    });
  });

  it('html', () => {
    const r = zh(...EQUAL, '--format', 'html');
    expect(r.status).toBe(1);
    expect(htmlParts(r.stdout)).toEqual({ headings: ['所写的推导', '第 1 步', '不成立', '第一个错误的步骤是第 1 步。', '生成工具 gradproof。'], prose: [] });
    expect(r.stdout).toContain('<div class="counterexample">反例：<table class="point"><tbody>');
  });

  it('html, proven: the link explained', () => {
    const r = zh('equal', 'x*(1+x)', 'x+x^2', '--format', 'html');
    expect(r.status).toBe(0);
    expect(htmlParts(r.stdout)).toEqual({ headings: ['所写的推导', '第 1 步', '已证明', '每一步都已证明。', '生成工具 gradproof。'], prose: ['进行代数恒等变形，两边是同一个有理式。'] });
  });
});
