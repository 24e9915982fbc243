/** Shaped problems in every format: the proof's lines, the premises with the declared shapes, Markdown, LaTeX and HTML pages, in English and Chinese. */
import { describe, expect, it } from 'vitest';
import { matmul, transpose } from '../../src/expr/matrix.js';
import type { FunctionTable } from '../../src/expr/eval.js';
import type { CheckedProof } from '../../src/kernel/index.js';
import { proofShapedLeaves, shapedLeaves } from '../../src/render/matrix-shapes.js';
import { shapedLeafLatex, shapedLeafText } from '../../src/render/matrix-given.js';
import { premisesToLatex, premisesToMarkdown, premisesToText } from '../../src/render/premises.js';
import { proofToText } from '../../src/render/text.js';
import { proofToMarkdown } from '../../src/render/markdown.js';
import { proofToLatex } from '../../src/render/proof-latex.js';
import { derivationToDocument } from '../../src/render/document-derivation.js';
import { derivationToHtml } from '../../src/render/html-page.js';
import { gradientsToMarkdown } from '../../src/render/markdown-pages.js';
import { documentMath, expectKatex } from './katex.js';
import { a1, d2, proofOfW2 } from './matrix-problems.js';
import { matSym } from '../../src/expr/matrix.js';
import { parse } from '../../src/parse/ascii.js';
import { givenRowsText, readingText } from '../../src/render/given-text.js';
import { withShapesOf } from '../../src/render/matrix-shapes.js';
import type { Outcome } from '../../src/api/derive.js';
import { viewOf } from '../../web/view.js';
import { add, diff, mul, neg, num } from '../../src/expr/node.js';
import { chainToMarkdown } from '../../src/render/markdown-chain.js';
import type { CheckedLink } from '../../src/render/document-check.js';
import { L } from './matrix-problems.js';
import { proofLinesToJson } from '../../src/render/lines-json.js';

const proof = proofOfW2();
const rules = new Map();
const premises = { definitions: proof.definitions, assumptions: proof.assumptions, ruleFiles: [] };

describe('the declared shapes of a proof', () => {
  it('in first-use order, each once: the definitions in their order, then the start and the facts', () => {
    expect(proofShapedLeaves(proof).map((l) => l.name)).toEqual(['W1', 'x', 'b1', 'W2', 'b2', 'y']);
    expect(shapedLeaves([matmul(matSym('A', 2, 3), matSym('B', 3, 1)), matSym('A', 2, 3)]).map((l) => l.name)).toEqual(['A', 'B']);
  });

  it('as text and LaTeX: a column vector as ℝ^{n}, a row and a matrix with both dimensions', () => {
    const [W1, x] = proofShapedLeaves(proof);
    expect(shapedLeafText(W1!)).toBe('W1 ∈ ℝ^{n1×n0}');
    expect(shapedLeafText(x!)).toBe('x ∈ ℝ^{n0}');
    expect(shapedLeafLatex(W1!)).toBe('W_{1} \\in \\mathbb{R}^{n_{1} \\times n_{0}}');
    expect(shapedLeafLatex(x!)).toBe('x \\in \\mathbb{R}^{n_{0}}');
    const [row, square] = shapedLeaves([matSym('r', 1, 'K'), matSym('S', 3, 3)]);
    expect(shapedLeafText(row!)).toBe('r ∈ ℝ^{1×K}');
    expect(shapedLeafLatex(square!)).toBe('S \\in \\mathbb{R}^{3 \\times 3}');
    for (const l of proofShapedLeaves(proof)) expectKatex(shapedLeafLatex(l));
  });
});

describe('premises list the shapes', () => {
  it('text, shaped definitions as books write them', () => {
    expect(premisesToText(premises, 'en')).toEqual([
      'Premises    given     W1 ∈ ℝ^{n1×n0}, x ∈ ℝ^{n0}, b1 ∈ ℝ^{n1}, W2 ∈ ℝ^{n2×n1}, b2 ∈ ℝ^{n2}, y ∈ ℝ^{n2}',
      '                      z1 = W1 x + b1',
      '                      a1 = sigmoid(z1)',
      '                      z2 = W2 a1 + b2',
      '                      a2 = softmax(z2)',
      '                      δ2 = a2 - y',
      '                      δ1 = (W2ᵀ δ2) ⊙ σ′(z1)',
      '                      L = -sum(log(a2) ⊙ y)',
      '            assuming  sum(y) = 1',
    ]);
  });

  it('zh', () => {
    const rows = premisesToText(premises, 'zh');
    expect(rows[0]).toBe('前提        已知  W1 ∈ ℝ^{n1×n0}，x ∈ ℝ^{n0}，b1 ∈ ℝ^{n1}，W2 ∈ ℝ^{n2×n1}，b2 ∈ ℝ^{n2}，y ∈ ℝ^{n2}');
    expect(premisesToLatex(premises, 'zh')).toMatch(/^\\textbf\{前提：\} 已知 \$W_\{1\} \\in \\mathbb\{R\}\^\{n_\{1\} \\times n_\{0\}\}\$，\$x \\in/);
  });

  it('LaTeX and Markdown, every piece of math set by KaTeX', () => {
    const latex = premisesToLatex(premises, 'en');
    expect(latex).toContain("given $W_{1} \\in \\mathbb{R}^{n_{1} \\times n_{0}}$, $x \\in \\mathbb{R}^{n_{0}}$");
    expect(latex).toContain("$\\delta_{1} = \\left(W_{2}^{\\top} \\delta_{2}\\right) \\odot \\sigma'\\left(z_{1}\\right)$");
    const md = premisesToMarkdown(premises, 'en');
    expect(md).toContain('$b_{2} \\in \\mathbb{R}^{n_{2}}$');
    for (const m of md.matchAll(/\$([^$]+)\$/g)) expectKatex(m[1]!);
  });
});

describe('a "Given" block for the terminal', () => {
  it('the shapes on one row, then the definitions; an expression about matrices as books write it', () => {
    const rows = withShapesOf(proof.definitions, () => givenRowsText(proof, 'en'));
    expect(rows.slice(0, 3)).toEqual(['W1 ∈ ℝ^{n1×n0}, x ∈ ℝ^{n0}, b1 ∈ ℝ^{n1}, W2 ∈ ℝ^{n2×n1}, b2 ∈ ℝ^{n2}, y ∈ ℝ^{n2}', 'z1 = W1 x + b1', 'a1 = sigmoid(z1)']);
    expect(withShapesOf(proof.definitions, () => readingText(matmul(d2, transpose(a1))))).toBe('δ2 a1ᵀ');
    // A scalar problem's givens are as typed, and there is no row of shapes.
    expect(givenRowsText({ definitions: [{ name: 'a', expr: parse('sigmoid(z)') }], assumptions: [] }, 'en')).toEqual(['a = sigmoid(z)']);
  });
});

describe('a shaped proof in every format', () => {
  it('text: the chain step through z2 and its result', () => {
    expect(proofToText(proof, rules, 'en', { width: 100, maxExpression: 56, gap: 4, explain: false })).toBe(
      ['∂L/∂W2 = ∂⟨∂L/∂z2, b2 + W2 a1⟩/∂W2    chain.matrix', '       = δ2 a1ᵀ                       m.vjp-matmul'].join('\n'),
    );
  });

  it('LaTeX lines', () => {
    const latex = proofToLatex(proof, rules, 'en');
    expect(latex.split(' \\\\\n')[1]).toBe('&= \\delta_{2} a_{1}^{\\top} && \\text{m.vjp-matmul}');
    expectKatex(`\\begin{aligned}${latex}\\end{aligned}`);
  });

  it('Markdown: the aligned block, and the gradient table of --all', () => {
    const md = proofToMarkdown(proof, rules, 'zh');
    expect(md).toContain('\\frac{\\partial L}{\\partial W_{2}} &= \\frac{\\partial \\left\\langle \\frac{\\partial L}{\\partial z_{2}}, b_{2} + W_{2} a_{1} \\right\\rangle}{\\partial W_{2}} && (1)');
    const all = gradientsToMarkdown({ proof, rules, lossName: 'L', gradients: [{ wrt: 'W2', result: matmul(d2, transpose(a1)) }], conditions: [], replayed: 2, premises }, 'en');
    expect(all).toContain('| $W_{2}$ | $\\frac{\\partial L}{\\partial W_{2}} = \\delta_{2} a_{1}^{\\top}$ | proven |');
    expect(all).toContain('$W_{2} \\in \\mathbb{R}^{n_{2} \\times n_{1}}$');
    for (const m of all.matchAll(/\$([^$]+)\$/g)) expectKatex(m[1]!);
  });

  it('a LaTeX document: the shapes given first, every piece of math valid', () => {
    const doc = derivationToDocument({ proof, rules, expectations: [], conditions: [], discharged: [], premises }, 'en');
    expect(doc).toContain('\\textbf{Given}\n$W_{1} \\in \\mathbb{R}^{n_{1} \\times n_{0}}$, $x \\in \\mathbb{R}^{n_{0}}$');
    expect(doc).toContain('\\frac{\\partial L}{\\partial W_{2}} = \\delta_{2} a_{1}^{\\top}');
    for (const m of documentMath(doc)) expectKatex(m);
  });

  it('an HTML page, in Chinese: the shapes among the givens, the lines, no plot', () => {
    const seen: string[] = [];
    const math = (latex: string): string => (seen.push(latex), `<m>${latex}</m>`);
    const checked = { proof, replayed: 2, theorem: { premises } } as unknown as CheckedProof;
    const page = derivationToHtml(
      { checked, wrt: 'W2', expectations: [], conditions: [], discharged: [], rules: { byId: rules } },
      { lang: 'zh', math, css: '', fns: {} as FunctionTable },
    );
    expect(page).toContain('<dd class="givens"><ul class="math-list"><li><m>W_{1} \\in \\mathbb{R}^{n_{1} \\times n_{0}}</m></li>');
    expect(page).toContain('<m>= \\delta_{2} a_{1}^{\\top}</m>');
    expect(page).toContain('<m>z_{1} = W_{1} x + b_{1}</m>');
    expect(page).toContain('含矩阵的问题不绘图');
    expect(page).toContain('<title>∂L/∂W2 = δ2 a1ᵀ</title>');
    expect(seen.length).toBeGreaterThan(10);
    for (const latex of seen) expectKatex(latex);
  });

  it("the playground's view: the shapes among the givens, ⊙ and ᵀ in the lines", () => {
    const outcome = { checked: { proof, replayed: 2 }, rules: { byId: rules }, conditions: [], expectations: [] } as unknown as Outcome;
    const v = viewOf(outcome, 'en');
    expect(v.definitions.slice(0, 2)).toEqual(['W_{1} \\in \\mathbb{R}^{n_{1} \\times n_{0}}', 'x \\in \\mathbb{R}^{n_{0}}']);
    expect(v.definitions).toContain("\\delta_{1} = \\left(W_{2}^{\\top} \\delta_{2}\\right) \\odot \\sigma'\\left(z_{1}\\right)");
    expect(v.result).toBe('\\frac{\\partial L}{\\partial W_{2}} = \\delta_{2} a_{1}^{\\top}');
    for (const latex of [...v.definitions, v.result, ...v.lines.map((l) => l.rhs)]) expectKatex(latex);
  });

  it('a written derivation checked link by link: its definitions say which names are matrices', () => {
    const link = { number: 1, from: diff(L, a1), to: mul(a1, add(num(1), neg(a1))), decision: { verdict: 'unknown' }, rules: [], conditions: [] } as unknown as CheckedLink;
    const md = chainToMarkdown({ rules, links: [link], firstWrong: null, definitions: proof.definitions }, 'en');
    expect(md).toContain('\\frac{\\partial L}{\\partial a_{1}} &= a_{1} \\odot \\left(1 - a_{1}\\right) && (1)');
    // Without them, a1 is a number.
    expect(chainToMarkdown({ rules, links: [link], firstWrong: null }, 'en')).toContain('&= a_{1} \\left(1 - a_{1}\\right) && (1)');
  });

  it('JSON lines: the functional ASCII, which parses back, beside the LaTeX', () => {
    const [first, second] = proofLinesToJson(proof, rules, 'en');
    expect(first!.rhs).toBe('vjp(diff(L, z2), mat(b2, n2, 1) + matmul(mat(W2, n2, n1), a1), mat(W2, n2, n1))');
    expect(parse(second!.rhs)).toBe(proof.result);
    expect(second!.latex).toBe('&= \\delta_{2} a_{1}^{\\top} && \\text{m.vjp-matmul}');
  });
});
