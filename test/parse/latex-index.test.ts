import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/ascii.js';
import { parseLatex, parseLatexDefinition } from '../../src/parse/latex.js';
import { parseProblem } from '../../src/parse/problem.js';
import { toLatex } from '../../src/render/latex.js';
import { toAscii } from '../../src/expr/print.js';
import { indexNames } from '../../src/expr/indexed.js';
import { GradproofError } from '../../src/expr/errors.js';

const ik = new Set(['i', 'k']);

describe('index notation in textbook LaTeX reads to the ASCII nodes', () => {
  it.each([
    // Sums bind their index over the product after them; limits in either form and order.
    [String.raw`\sum_{k=1}^{K} e^{z_k}`, 'sum(k, 1, K, exp(z[k]))'],
    [String.raw`\sum_{k=1}^K e^{z_{k}}`, 'sum(k, 1, K, exp(z[k]))'],
    [String.raw`\sum^{K}_{j=1} e^{z_j}`, 'sum(j, 1, K, exp(z[j]))'],
    [String.raw`-\sum_{k=1}^{K} y_k \log a_k`, '-sum(k, 1, K, y[k]*log(a[k]))'],
    [String.raw`\sum_{k=1}^{K} y_k \log a_k + 1`, 'sum(k, 1, K, y[k]*log(a[k])) + 1'],
    [String.raw`a_i \sum_{k=1}^{K} y_k - y_i`, 'a[i]*sum(k, 1, K, y[k]) - y[i]'],
    [String.raw`\frac{e^{z_k}}{\sum_{j=1}^{K} e^{z_j}}`, 'exp(z[k])/sum(j, 1, K, exp(z[j]))'],
    [String.raw`\left(\sum_{j=1}^{K} e^{z_j}\right)^{2}`, 'sum(j, 1, K, exp(z[j]))^2'],
    [String.raw`\sum_{k=1}^{K} \left(u_k + v_k\right)`, 'sum(k, 1, K, u[k] + v[k])'],
    [String.raw`\sum_{j=1}^{K} \sum_{k=1}^{j} w_k`, 'sum(j, 1, K, sum(k, 1, j, w[k]))'],
    // Members: an index subscript, an index expression, the explicit a_{[e]}.
    [String.raw`a_i - y_i`, 'a[i] - y[i]'],
    [String.raw`a_{k+1}`, 'a[k + 1]'],
    [String.raw`a_{[2]}`, 'a[2]'],
    [String.raw`\frac{\partial L}{\partial z_i}`, 'diff(L, z[i])'],
    [String.raw`\frac{\partial a_k}{\partial z_i}`, 'diff(a[k], z[i])'],
    // The Kronecker delta.
    [String.raw`a_k (\delta_{ki} - a_i)`, 'a[k]*(delta(k, i) - a[i])'],
    [String.raw`\delta_{k, i + 1}`, 'delta(k, i + 1)'],
    [String.raw`\delta_{k1}`, 'delta(k, 1)'],
    // Digit subscripts, products of letters and non-indices stay names.
    [String.raw`a_2 - y`, 'a2 - y'],
    [String.raw`w_{ij} x_j`, 'wij*xj'],
    [String.raw`z_{12}`, 'z12'],
    [String.raw`\delta_2`, 'delta2'],
  ])('%s  →  %s', (latex, ascii) => {
    expect(parseLatex(latex, { indices: ik })).toBe(parse(ascii));
  });

  it('a subscript is an index only where the index is declared or bound', () => {
    expect(parseLatex(String.raw`a_i - y_i`)).toBe(parse('ai - yi'));
    expect(parseLatex(String.raw`a_j + \sum_{j=1}^{K} a_j`)).toBe(parse('aj + sum(j, 1, K, a[j])'));
  });

  it('a family is defined at a declared index, which is bound in its body', () => {
    const d = parseLatexDefinition(String.raw`a_k = \frac{e^{z_k}}{\sum_{j=1}^{K} e^{z_j}}`, { indices: ik });
    expect(d).toEqual({ name: 'a', index: 'k', expr: parse('exp(z[k])/sum(j, 1, K, exp(z[j]))') });
    expect(parseLatexDefinition(String.raw`a_2 = \sigma(z_2)`, { indices: ik })).toEqual({ name: 'a2', expr: parse('sigmoid(z2)') });
  });

  it('a problem file in textbook LaTeX declares its indices', () => {
    const text = [
      'index  i, k',
      String.raw`let    a_k = \frac{e^{z_k}}{\sum_{j=1}^{K} e^{z_j}}`,
      String.raw`loss   L = -\sum_{k=1}^{K} y_k \log a_k`,
      'wrt    z_i',
      String.raw`assume \sum_{k=1}^{K} y_k = 1`,
      'expect a_i - y_i',
    ].join('\n');
    const p = parseProblem(text, 'softmax.grad');
    expect(p.definitions).toEqual([{ name: 'a', index: 'k', expr: parse('exp(z[k])/sum(j, 1, K, exp(z[j]))') }]);
    expect(p.loss).toBe(parse('-sum(k, 1, K, y[k]*log(a[k]))'));
    expect(p.wrt).toBe('z[i]');
    expect(p.expects).toEqual([parse('a[i] - y[i]')]);
  });

  it.each([
    [String.raw`\sum y_k`, 'a sum needs its index and limits: \\sum_{k=1}^{K}', 0],
    [String.raw`\sum_{k=1} y_k`, 'a sum needs its index and limits: \\sum_{k=1}^{K}', 0],
    [String.raw`\sum_{k=1}^{K}`, 'the sum needs a body after its limits', 0],
    [String.raw`\sum_{2=1}^{K} y`, "expected the index of the sum but found '2'", 6],
    [String.raw`\sum_{k=1^{K} y`, "missing '}' to match the '{' at column 6", 5],
    [String.raw`a_{k+1} = x`, 'a family is defined with one index name: a_k = ...', 0],
  ])('%s is refused: %s', (latex, message, column) => {
    const read = (): unknown => (latex.includes(' = ') ? parseLatexDefinition(latex, { indices: ik }) : parseLatex(latex, { indices: ik }));
    expect(read).toThrow(GradproofError);
    try {
      read();
    } catch (err) {
      expect((err as GradproofError).message).toBe(message);
      expect((err as GradproofError).pos?.offset).toBe(column);
    }
  });
});

describe('printing then parsing gives back the same node, in LaTeX and in ASCII', () => {
  it.each([
    'sum(k, 1, K, exp(z[k]))',
    '-sum(k, 1, K, y[k]*log(a[k]))',
    'a[i]*sum(k, 1, K, y[k]) - y[i]',
    'sum(k, 1, K, y[k])*b',
    'sum(k, 1, K, y[k])*sum(j, 1, K, exp(z[j]))',
    'exp(z[k])/sum(j, 1, K, exp(z[j]))',
    'x/(2*sum(j, 1, K, exp(z[j])))',
    'sum(j, 1, K, exp(z[j]))^2',
    'sum(k, 1, K, -y[k])',
    'sum(k, 1, K, u[k] + v[k])',
    'sum(k, 1, K - 1, k*w[k + 1])',
    'sum(j, 1, K, sum(k, 1, j, w[k]*delta(j, k)))',
    'sum(k1, 1, K, a[k1])',
    'log(sum(k, 1, K, exp(z[k])))',
    'a[k]*(delta(k, i) - a[i])',
    'delta(k, i + 1) + delta(k, 2)',
    'a[2] + a[k - 1] + w1[k]',
    'diff(a[k], z[i])*diff(L, a[k])',
    'diff(sum(k, 1, K, y[k]*log(a[k])), z[i])',
  ])('%s', (ascii) => {
    const e = parse(ascii);
    expect(parse(toAscii(e))).toBe(e);
    expect(parseLatex(toLatex(e), { indices: indexNames([e]) }), toLatex(e)).toBe(e);
  });
});
