/** Index notation as a textbook prints it: LaTeX that KaTeX accepts, and the terminal's display. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/ascii.js';
import { parseProblem } from '../../src/parse/problem.js';
import { runProblem } from '../../src/api/derive.js';
import { outcomeToMarkdown } from '../../src/api/render.js';
import { toLatex } from '../../src/render/latex.js';
import { toDisplayAscii } from '../../src/render/display-ascii.js';
import { derivationToDocument } from '../../src/render/document-derivation.js';
import { documentMath, expectKatex } from './katex.js';
import { ROOT } from '../support/source.js';

describe('index notation in LaTeX', () => {
  it.each([
    ['z[i]', 'z_{i}'],
    ['a[k + 1]', 'a_{1 + k}'],
    ['a[2]', 'a_{[2]}'],
    ['w1[k]', '{w_{1}}_{k}'],
    ['a[k1]', 'a_{k_{1}}'],
    ['delta(k, i)', String.raw`\delta_{ki}`],
    ['delta(k, 2)', String.raw`\delta_{k, 2}`],
    ['a[k]*(delta(k, i) - a[i])', String.raw`a_{k} \left(\delta_{ki} - a_{i}\right)`],
    ['sum(k, 1, K, exp(z[k]))', String.raw`\sum_{k=1}^{K} e^{z_{k}}`],
    ['-sum(k, 1, K, y[k]*log(a[k]))', String.raw`-\sum_{k=1}^{K} y_{k} \log a_{k}`],
    ['exp(z[k])/sum(j, 1, K, exp(z[j]))', String.raw`\frac{e^{z_{k}}}{\sum_{j=1}^{K} e^{z_{j}}}`],
    // A sum reaches to the end of its product: written last, closed off where anything follows.
    ['a[i]*sum(k, 1, K, y[k]) - y[i]', String.raw`a_{i} \sum_{k=1}^{K} y_{k} - y_{i}`],
    ['sum(k, 1, K, y[k])*sum(j, 1, K, x[j])', String.raw`\left(\sum_{j=1}^{K} x_{j}\right) \sum_{k=1}^{K} y_{k}`],
    ['sum(j, 1, K, exp(z[j]))^2', String.raw`\left(\sum_{j=1}^{K} e^{z_{j}}\right)^{2}`],
    ['log(sum(k, 1, K, exp(z[k])))', String.raw`\log\left(\sum_{k=1}^{K} e^{z_{k}}\right)`],
    ['sum(k, 1, K, u[k] + v[k])', String.raw`\sum_{k=1}^{K} \left(u_{k} + v_{k}\right)`],
    ['sum(k, 1, K, -y[k])', String.raw`\sum_{k=1}^{K} \left(-y_{k}\right)`],
    ['diff(L, z[i])', String.raw`\frac{\partial L}{\partial z_{i}}`],
    ['diff(a[k], z[i])*y[k]', String.raw`\frac{\partial a_{k}}{\partial z_{i}} \cdot y_{k}`],
  ])('%s  →  %s', (ascii, latex) => {
    expect(toLatex(parse(ascii))).toBe(latex);
    expectKatex(latex);
  });
});

describe('index notation in the terminal display', () => {
  it.each([
    ['z[i]', 'z_i'],
    ['a[k + 1]', 'a_(1 + k)'],
    ['a[2]', 'a_2'],
    ['delta(k, i)', 'δ_ki'],
    ['delta(k, i + 1)', 'δ_(k,1 + i)'],
    ['sum(k, 1, K, exp(z[k]))', 'Σ_{k=1}^{K} exp(z_k)'],
    ['-sum(k, 1, K, y[k]*log(a[k]))', '-Σ_{k=1}^{K} y_k*log(a_k)'],
    ['a[i]*sum(k, 1, K, y[k]) - y[i]', 'a_i*Σ_{k=1}^{K} y_k - y_i'],
    ['sum(k, 1, K, y[k])/a', '(Σ_{k=1}^{K} y_k)/a'],
    ['exp(z[k])/sum(j, 1, K, exp(z[j]))', 'exp(z_k)/Σ_{j=1}^{K} exp(z_j)'],
    ['sum(j, 1, K, exp(z[j]))^2', '(Σ_{j=1}^{K} exp(z_j))^2'],
    ['sum(k, 1, K, u[k] + v[k])', 'Σ_{k=1}^{K} (u_k + v_k)'],
    ['diff(L, z[i])', '∂L/∂z_i'],
    ['-sum(k, 1, K, diff(a[k], z[i])*y[k]/a[k])', '-Σ_{k=1}^{K} ∂a_k/∂z_i · y_k/a_k'],
    ['diff(sum(k, 1, K, y[k]), z[i])', '∂/∂z_i [Σ_{k=1}^{K} y_k]'],
  ])('%s  →  %s', (ascii, shown) => {
    expect(toDisplayAscii(parse(ascii))).toBe(shown);
  });
});

describe('softmax over K classes in every LaTeX output', () => {
  for (const file of ['softmax-cce-K.grad', 'softmax-cce-K-latex.grad']) {
    const spec = parseProblem(readFileSync(join(ROOT, 'examples', file), 'utf8'), `examples/${file}`);
    const o = runProblem(spec);

    it(`${file}: the document states the family with its index, and KaTeX reads all of it`, () => {
      const doc = derivationToDocument({ ...o, proof: o.checked.proof, rules: o.rules.byId }, 'en', false);
      expect(doc).toContain(String.raw`a_{k} &= \frac{e^{z_{k}}}{\sum_{j=1}^{K} e^{z_{j}}}`);
      expect(doc).toContain(String.raw`\[ L = -\sum_{k=1}^{K} y_{k} \log a_{k} \]`);
      expect(doc).toContain(String.raw`\[ \frac{\partial L}{\partial z_{i}} = a_{i} - y_{i} \]`);
      const math = documentMath(doc);
      expect(math.length).toBeGreaterThan(5);
      for (const m of math) expectKatex(m);
    });

    it(`${file}: Markdown gives the family with its index`, () => {
      const md = outcomeToMarkdown(o, 'en');
      expect(md.split('\n')[2]).toBe(String.raw`**Given** $a_{k} = \frac{e^{z_{k}}}{\sum_{j=1}^{K} e^{z_{j}}}$, $L = -\sum_{k=1}^{K} y_{k} \log a_{k}$`);
      for (const m of md.matchAll(/\$\$([^$]+)\$\$|\$([^$]+)\$/g)) expectKatex(m[1] ?? m[2]!);
    });
  }
});
