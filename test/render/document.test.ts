/** Standalone LaTeX documents: their exact structure, their escaping, and KaTeX on their mathematics. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/expr/node.js';
import { parse } from '../../src/parse/ascii.js';
import { parseRuleFile } from '../../src/rules/parse-file.js';
import { type Decision, decideEquality } from '../../src/verdict/equality.js';
import { Definitions } from '../../src/expr/context.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { checkProof } from '../../src/kernel/index.js';
import type { Condition, Proof } from '../../src/proof/types.js';
import { type DerivationReport, derivationToDocument, gradientsToDocument } from '../../src/render/document-derivation.js';
import { type ChainReport, chainToDocument } from '../../src/render/document-check.js';
import { documentText, latexDocument, numberToLatex } from '../../src/render/document-latex.js';
import { documentMath, expectKatex } from './katex.js';
import { bceSigmoid } from './proofs.js';

const RULES_DIR = join(import.meta.dirname, '../../rules');
const rules = new Map(
  readdirSync(RULES_DIR)
    .filter((f) => f.endsWith('.rules'))
    .flatMap((f) => parseRuleFile({ name: f, text: readFileSync(join(RULES_DIR, f), 'utf8') }).rules)
    .map((r) => [r.id, r]),
);
const p = parse;
const positive = (s: string): Condition => ({ kind: 'positive', expr: p(s) });
const nonzero = (s: string): Condition => ({ kind: 'nonzero', expr: p(s) });
// A proven decision carries a kernel theorem: this one is of `x = x`.
const proven: Decision = decideEquality(p('x'), p('x'), new Definitions([]), { replay: (proof) => checkProof(proof, builtinRules().admitted) });
const refuted: Decision = { verdict: 'refuted', counterexample: { point: { y: 0.3, z2: 2 }, left: 0.5807970779778823, right: 1.1807970779778824 } };

const seed: DerivationReport = {
  title: 'Formula 8-13: ∂L/∂z2',
  proof: bceSigmoid,
  rules,
  expectations: [{ expected: p('a2 - y'), decision: proven }],
  conditions: [positive('a2'), positive('1 - a2')],
  discharged: [],
};

/** The lines of `doc` from the one equal to `from` up to (not including) the next section or the end of the document. */
function section(doc: string, from: string): string[] {
  const lines = doc.split('\n');
  const i = lines.indexOf(from);
  expect(i, from).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, k) => k > i && (l.startsWith('\\subsection') || l === '\\end{CJK}' || l === '\\end{document}'));
  return lines.slice(i, end);
}

describe('the frame of a document', () => {
  it('English: article and amsmath, no CJK', () => {
    expect(latexDocument('A title', ['Body.'], 'en')).toBe(
      [
        '\\documentclass{article}',
        '\\usepackage{amsmath}',
        '\\usepackage[a4paper,margin=2.5cm]{geometry}',
        '\\setlength{\\parindent}{0pt}',
        '\\setlength{\\parskip}{0.5em}',
        '\\raggedright',
        '\\allowdisplaybreaks',
        '\\begin{document}',
        '\\section*{A title}',
        '',
        'Body.',
        '\\end{document}',
        '',
      ].join('\n'),
    );
  });

  it('Chinese: CJKutf8, and the body inside the CJK environment with the gbsn font', () => {
    expect(latexDocument(undefined, ['正文。'], 'zh').split('\n')).toEqual([
      '\\documentclass{article}',
      '\\usepackage{amsmath}',
      '\\usepackage[a4paper,margin=2.5cm]{geometry}',
      '\\usepackage{CJKutf8}',
      '\\setlength{\\parindent}{0pt}',
      '\\setlength{\\parskip}{0.5em}',
      '\\raggedright',
      '\\allowdisplaybreaks',
      '\\begin{document}',
      '\\begin{CJK}{UTF8}{gbsn}',
      '正文。',
      '\\end{CJK}',
      '\\end{document}',
      '',
    ]);
  });

  it('an English document with a Chinese title gets the CJK environment too', () => {
    expect(latexDocument('公式 8-13', [], 'en')).toContain('\\begin{CJK}{UTF8}{gbsn}\n\\section*{公式 8-13}');
  });
});

describe('documentText: prose that pdflatex sets as written', () => {
  it.each([
    ['Formula 8-13: ∂L/∂z2', 'Formula 8-13: $\\partial$L/$\\partial$z2'],
    ['u > 0, v < 1, |u|', 'u \\textgreater{} 0, v \\textless{} 1, \\textbar{}u\\textbar{}'],
    ['100% of $x_1 & #2 {ok} ~ ^ \\', '100\\% of \\$x\\_1 \\& \\#2 \\{ok\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}'],
    ['σ(z) · α', '$\\sigma$(z) $\\cdot$ $\\alpha$'],
    ['café naïve', "caf\\'{e} na\\\"{i}ve"],
    ['链式法则（通分）', '链式法则（通分）'],
    ['a ☃ b', 'a \\texttt{U+2603} b'],
    ['two\n lines', 'two lines'],
  ])('%s', (input, output) => {
    expect(documentText(input)).toBe(output);
  });

  it.each([
    [0.263292, undefined, '0.263292'],
    [1.18079707, 6, '1.18080'],
    [-5.238095238, 6, '-5.23810'],
    [1.5e21, 6, '1.50000 \\times 10^{21}'],
    [2e-7, undefined, '2 \\times 10^{-7}'],
    [Infinity, undefined, '\\infty'],
    [NaN, undefined, '\\text{NaN}'],
  ])('numberToLatex(%s, %s) = %s', (n, digits, latex) => {
    expect(numberToLatex(n, digits)).toBe(latex);
    expectKatex(latex);
  });
});

describe('derivationToDocument: problem, derivation, result', () => {
  const doc = derivationToDocument(seed, 'en');

  it('the title, then the problem: the givens, the loss, what to find', () => {
    expect(section(doc, '\\section*{Formula 8-13: $\\partial$L/$\\partial$z2}')).toEqual(['\\section*{Formula 8-13: $\\partial$L/$\\partial$z2}', '']);
    expect(section(doc, '\\subsection*{Problem}')).toEqual([
      '\\subsection*{Problem}',
      '',
      '\\textbf{Given}',
      '\\begin{align*}',
      'a_{2} &= \\sigma\\left(z_{2}\\right)',
      '\\end{align*}',
      '',
      '\\textbf{The loss}',
      '\\[ L = -\\left(y \\log a_{2} + \\left(1 - y\\right) \\log\\left(1 - a_{2}\\right)\\right) \\]',
      '',
      'Find $\\frac{\\partial L}{\\partial z_{2}}$, the derivative of $L$ with respect to $z_{2}$.',
      '',
    ]);
  });

  it('each line in one align*, the rules and conditions beside it, its explanation below', () => {
    const d = section(doc, '\\subsection*{Derivation}');
    expect(d.slice(0, 5)).toEqual([
      '\\subsection*{Derivation}',
      '',
      '\\begin{align*}',
      '\\frac{\\partial L}{\\partial z_{2}} &= \\frac{\\partial L}{\\partial a_{2}} \\cdot \\frac{\\partial a_{2}}{\\partial z_{2}} && \\parbox[t]{0.3\\linewidth}{\\raggedright\\small chain rule} \\\\',
      '\\intertext{\\small By the chain rule, the derivative through an intermediate is the derivative with respect to the intermediate times the derivative of the intermediate.}',
    ]);
    expect(d.slice(-5)).toEqual([
      '\\intertext{\\small Substitute the results derived above.}',
      '&= a_{2} - y && \\parbox[t]{0.3\\linewidth}{\\raggedright\\small cancel the common factor ($a_{2} \\neq 0$, $a_{2} \\neq 1$)} \\\\',
      '\\intertext{\\small Cancel the factor common to numerator and denominator, which must not be zero.}',
      '\\end{align*}',
      '',
    ]);
    expect(d.filter((l) => l.startsWith('\\intertext{'))).toHaveLength(7);
  });

  it('the result, its conditions and the verdict', () => {
    expect(section(doc, '\\subsection*{Result}')).toEqual([
      '\\subsection*{Result}',
      '',
      '\\[ \\frac{\\partial L}{\\partial z_{2}} = a_{2} - y \\]',
      '',
      '\\textbf{Conditions:} $a_{2} > 0$, $a_{2} < 1$.',
      '',
      '\\textbf{Expected:} $a_{2} - y$ --- proven.',
      '',
    ]);
    expect(doc.endsWith('\\end{document}\n')).toBe(true);
  });

  it('a refuted expectation with its counterexample; an unknown one with its evidence', () => {
    const unknown: Decision = { verdict: 'unknown', evidence: 'agreed at 20 of 20 points' };
    const d = derivationToDocument({ ...seed, expectations: [{ expected: p('a2 + y'), decision: refuted }, { expected: p('a2'), decision: unknown }] }, 'en');
    expect(section(d, '\\subsection*{Result}').slice(6)).toEqual([
      '\\textbf{Expected:} $a_{2} + y$ --- refuted.',
      '\\textbf{Counterexample:} at $y = 0.3$, $z_{2} = 2$, the result is $0.580797$, the expected form is $1.18080$.',
      '',
      '\\textbf{Expected:} $a_{2}$ --- unknown.',
      'agreed at 20 of 20 points',
      '',
    ]);
  });

  it('in Chinese: the headings, the sentences, the verdict', () => {
    const zh = derivationToDocument({ ...seed, expectations: [{ expected: p('a2 + y'), decision: refuted }] }, 'zh');
    expect(zh.split('\n').filter((l) => l.startsWith('\\subsection*') || l.startsWith('\\textbf') || l.startsWith('求 '))).toEqual([
      '\\subsection*{问题}',
      '\\textbf{已知}',
      '\\textbf{损失函数}',
      '求 $L$ 对 $z_{2}$ 的导数 $\\frac{\\partial L}{\\partial z_{2}}$。',
      '\\subsection*{推导}',
      '\\subsection*{结果}',
      '\\textbf{条件：} $a_{2} > 0$，$a_{2} < 1$。',
      '\\textbf{验证：} $a_{2} + y$：不成立。',
      '\\textbf{反例：} 在 $y = 0.3$，$z_{2} = 2$处，结果为 $0.580797$，预期为 $1.18080$。',
    ]);
    expect(zh).toContain('\\intertext{\\small 约分，约去分子和分母的公因子，公因子不能为零。}');
    expect(zh).toContain('\\begin{CJK}{UTF8}{gbsn}');
  });

  it('the assumptions in the problem, and what they give in the result', () => {
    const proof: Proof = { ...bceSigmoid, assumptions: [{ lhs: p('a2'), op: '>', rhs: p('0') }, { lhs: p('y1 + y2'), op: '=', rhs: p('1') }] };
    const d = derivationToDocument({ ...seed, proof, conditions: [], discharged: [nonzero('a2')] }, 'en');
    expect(d).toContain('\n\\textbf{Assumptions:} $a_{2} > 0$, $y_{1} + y_{2} = 1$.\n');
    expect(d).toContain('\n\\textbf{The assumptions give:} $a_{2} \\neq 0$.\n');
  });

  it('with every step: one row per step, its rule beside it and its sentence below the first step that needs it', () => {
    const d = section(derivationToDocument(seed, 'en', true), '\\subsection*{Derivation}');
    // Each step's whole expression before it on a row of its own, then `= after` with its rule.
    expect(d.filter((l) => l.startsWith('&= '))).toHaveLength(bceSigmoid.steps.length);
    expect(d.filter((l) => l.startsWith('\\intertext{'))).toHaveLength(new Set(bceSigmoid.steps.map((s) => s.rule)).size);
    expect(d.slice(3, 5)).toEqual([
      '&\\hphantom{{}={}}\\frac{\\partial L}{\\partial z_{2}} \\\\',
      '&= \\frac{\\partial L}{\\partial a_{2}} \\cdot \\frac{\\partial a_{2}}{\\partial z_{2}} && \\parbox[t]{0.3\\linewidth}{\\raggedright\\small chain rule} \\\\',
    ]);
  });

  it('a proof with no steps shows its start', () => {
    const e = p('diff(L, z2)');
    const empty: Proof = { ...bceSigmoid, start: e, lemmas: [], steps: [], phases: [], result: e };
    expect(section(derivationToDocument({ ...seed, proof: empty }, 'en'), '\\subsection*{Derivation}')).toEqual([
      '\\subsection*{Derivation}',
      '',
      '\\[ \\frac{\\partial L}{\\partial z_{2}} \\]',
      '',
    ]);
  });
});

describe('gradientsToDocument: every gradient of a loss', () => {
  const doc = gradientsToDocument(
    { title: 'Two gradients', proof: bceSigmoid, rules, lossName: 'L', gradients: [{ wrt: 'z2', result: p('a2 - y') }, { wrt: 'a2', result: p('(a2 - y)/(a2*(1 - a2))') }], conditions: [nonzero('a2')], replayed: 16 },
    'en',
  );

  it('asks for every gradient, then lists them, with the conditions and the number of steps replayed', () => {
    expect(doc).toContain('\nFind the derivative of the loss $L$ with respect to every name it depends on.\n');
    expect(section(doc, '\\subsection*{Gradients}')).toEqual([
      '\\subsection*{Gradients}',
      '',
      '\\begin{align*}',
      '\\frac{\\partial L}{\\partial z_{2}} &= a_{2} - y \\\\',
      '\\frac{\\partial L}{\\partial a_{2}} &= \\frac{a_{2} - y}{a_{2} \\left(1 - a_{2}\\right)}',
      '\\end{align*}',
      '',
      '\\textbf{Verdict:} $\\frac{\\partial L}{\\partial z_{2}}$ proven, $\\frac{\\partial L}{\\partial a_{2}}$ proven.',
      '',
      '\\textbf{Conditions:} $a_{2} \\neq 0$.',
      '',
      '\\textbf{Checked:} 16 steps replayed by the checker.',
      '',
    ]);
  });

  it('in Chinese', () => {
    const zh = gradientsToDocument({ title: '梯度', proof: bceSigmoid, rules, lossName: 'L', gradients: [{ wrt: 'z2', result: p('a2 - y') }], conditions: [], replayed: 16 }, 'zh');
    expect(zh).toContain('\n求损失函数 $L$ 对它所依赖的每个变量的导数。\n');
    expect(zh).toContain('\n\\textbf{检查：} 16 步已由检查器复核。\n');
  });
});

describe('chainToDocument: a written derivation as check judged it', () => {
  const [a, b, c, d] = ['diff(L, a2)', '(1 - y)/(1 - a2) - y/a2', '-y/a2 - (1 - y)/(1 - a2)', '-(y*(1 - a2) + (1 - y)*a2)/(a2*(1 - a2))'].map((s) => p(s)) as [Expr, Expr, Expr, Expr];
  const report: ChainReport = {
    title: "A student's ∂L/∂a2",
    rules,
    links: [
      { number: 1, from: a, to: b, line: 6, decision: proven, rules: ['def.unfold', 'd.log'], conditions: [positive('a2'), positive('a2')] },
      { number: 2, from: b, to: c, line: 7, decision: { verdict: 'refuted', counterexample: { point: { a2: 0.3, y: 2 }, left: -8.095238, right: -5.238095 } }, rules: [], conditions: [] },
      { number: 3, from: c, to: d, line: 8, decision: proven, rules: ['alg.rearrange'], conditions: [] },
    ],
    firstWrong: 2,
  };

  it('each link with its verdict and rules beside it, its explanation or counterexample below, then the first wrong step', () => {
    expect(chainToDocument(report, 'en').split('\n').slice(8)).toEqual([
      "\\section*{A student's $\\partial$L/$\\partial$a2}",
      '',
      '\\subsection*{The derivation as written}',
      '',
      '\\begin{align*}',
      '\\frac{\\partial L}{\\partial a_{2}} &= \\frac{1 - y}{1 - a_{2}} - \\frac{y}{a_{2}} && \\parbox[t]{0.3\\linewidth}{\\raggedright\\small \\textbf{(1) proven}: substitute the definition, logarithm rule ($a_{2} > 0$)} \\\\',
      "\\intertext{\\small Substitute the intermediate's definition, so that it can be differentiated. The derivative of a logarithm is the derivative of its argument divided by the argument, $\\left(\\log u\\right)' = \\frac{u'}{u}$, which needs $u > 0$.}",
      '&= -\\frac{y}{a_{2}} - \\frac{1 - y}{1 - a_{2}} && \\parbox[t]{0.3\\linewidth}{\\raggedright\\small \\textbf{(2) refuted}} \\\\',
      '\\intertext{\\small The two sides differ: at $a_{2} = 0.3$, $y = 2$, the left side is $-8.09524$, the right side is $-5.23810$.}',
      '&= -\\frac{y \\left(1 - a_{2}\\right) + \\left(1 - y\\right) a_{2}}{a_{2} \\left(1 - a_{2}\\right)} && \\parbox[t]{0.3\\linewidth}{\\raggedright\\small \\textbf{(3) proven}: algebra} \\\\',
      '\\intertext{\\small Rearrange by algebra; both sides are the same rational expression.}',
      '\\end{align*}',
      '',
      '\\subsection*{Verdict}',
      '',
      'The first wrong step is 2 (line 7): $\\frac{1 - y}{1 - a_{2}} - \\frac{y}{a_{2}} = -\\frac{y}{a_{2}} - \\frac{1 - y}{1 - a_{2}}$.',
      '',
      '\\end{document}',
      '',
    ]);
  });

  it('in Chinese, and when every step is proven', () => {
    const zh = chainToDocument(report, 'zh');
    expect(zh).toContain('\\intertext{\\small 两边取值不同：在 $a_{2} = 0.3$，$y = 2$ 处，左边为 $-8.09524$，右边为 $-5.23810$。}');
    expect(zh).toContain('\n第一个错误的步骤是第 2 步（第 7 行）：$\\frac{1 - y}{1 - a_{2}} - \\frac{y}{a_{2}} = -\\frac{y}{a_{2}} - \\frac{1 - y}{1 - a_{2}}$。\n');
    const ok = chainToDocument({ ...report, links: [report.links[0]!], firstWrong: null }, 'en');
    expect(section(ok, '\\subsection*{Verdict}')).toEqual(['\\subsection*{Verdict}', '', 'Every step is proven.', '']);
  });
});

describe('the mathematics of every document parses under KaTeX', () => {
  it.each(['en', 'zh'] as const)('%s', (lang) => {
    const docs = [
      derivationToDocument({ ...seed, expectations: [{ expected: p('a2 + y'), decision: refuted }] }, lang),
      derivationToDocument(seed, lang, true),
      gradientsToDocument({ proof: bceSigmoid, rules, lossName: 'L', gradients: [{ wrt: 'z2', result: p('a2 - y') }], conditions: [nonzero('a2')], replayed: 16 }, lang),
    ];
    for (const doc of docs) {
      const math = documentMath(doc);
      expect(math.length).toBeGreaterThan(5);
      for (const m of math) expectKatex(m);
    }
  });
});
