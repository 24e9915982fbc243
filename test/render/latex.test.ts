import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/ascii.js';
import { sym } from '../../src/expr/node.js';
import { toLatex } from '../../src/render/latex.js';
import { expectKatex } from './katex.js';

const latex = (s: string): string => toLatex(parse(s));

describe('expressions in textbook LaTeX', () => {
  it.each([
    ['(a2 - y)/(a2*(1 - a2))', String.raw`\frac{a_{2} - y}{a_{2} \left(1 - a_{2}\right)}`],
    ['-(y*log(a2) + (1-y)*log(1-a2))', String.raw`-\left(y \log a_{2} + \left(1 - y\right) \log\left(1 - a_{2}\right)\right)`],
    ['-y/a2 + (1-y)/(1-a2)', String.raw`\frac{1 - y}{1 - a_{2}} - \frac{y}{a_{2}}`],
    ['-y/a2', String.raw`-\frac{y}{a_{2}}`],
    ['a2 - y', String.raw`a_{2} - y`],
    ['sigmoid(z2)*(1 - sigmoid(z2))', String.raw`\sigma\left(z_{2}\right) \left(1 - \sigma\left(z_{2}\right)\right)`],
    ['exp(-z)', String.raw`e^{-z}`],
    ['1/(1 + exp(-z))', String.raw`\frac{1}{1 + e^{-z}}`],
    ['exp(u)^2', String.raw`\left(e^{u}\right)^{2}`],
    ['x^2/2', String.raw`\frac{x^{2}}{2}`],
    ['-3*x/4', String.raw`-\frac{3 x}{4}`],
    ['2/(3*x)', String.raw`\frac{2}{3 x}`],
    ['3/4', String.raw`\frac{3}{4}`],
    ['-1/2', String.raw`-\frac{1}{2}`],
    ['x^-2', String.raw`\frac{1}{x^{2}}`],
    ['x^(1/2)', String.raw`x^{\frac{1}{2}}`],
    ['(1/2)^x', String.raw`\left(\frac{1}{2}\right)^{x}`],
    ['(-x)^3', String.raw`-x^{3}`],
    ['(-x)^(1/2)', String.raw`\left(-x\right)^{\frac{1}{2}}`],
    ['(a + b)^2*(c + d)', String.raw`\left(a + b\right)^{2} \left(c + d\right)`],
    ['-(a + b)', String.raw`-\left(a + b\right)`],
    ['2*3^x', String.raw`2 \cdot 3^{x}`],
    ['a*b*c', 'a b c'],
  ])('%s  →  %s', (input, expected) => {
    expect(latex(input)).toBe(expected);
    expectKatex(expected);
  });
});

describe('functions', () => {
  it.each([
    ['log(a2)', String.raw`\log a_{2}`],
    ['log(2)', String.raw`\log 2`],
    ['log(1 - a2)', String.raw`\log\left(1 - a_{2}\right)`],
    ['y*log(a2)', String.raw`y \log a_{2}`],
    // An operator whose argument is not closed off never runs into the next factor.
    ['log(a2)*sigmoid(z)', String.raw`\log\left(a_{2}\right) \sigma\left(z\right)`],
    ['tanh(u)^2', String.raw`\left(\tanh u\right)^{2}`],
    ['sin(x) + cos(2*x) + sinh(x) + cosh(x)', String.raw`\cosh x + \sin x + \sinh x + \cos\left(2 x\right)`],
    ['sqrt(1 - x)', String.raw`\sqrt{1 - x}`],
    ['abs(x)', String.raw`\left|x\right|`],
    ['softplus(z)', String.raw`\operatorname{softplus}\left(z\right)`],
    ['relu(w1*x + b1)', String.raw`\operatorname{relu}\left(b_{1} + w_{1} x\right)`],
  ])('%s  →  %s', (input, expected) => {
    expect(latex(input)).toBe(expected);
    expectKatex(expected);
  });
});

describe('derivatives', () => {
  it.each([
    ['diff(L, z2)', String.raw`\frac{\partial L}{\partial z_{2}}`],
    ['diff(L, a2)*diff(a2, z2)', String.raw`\frac{\partial L}{\partial a_{2}} \cdot \frac{\partial a_{2}}{\partial z_{2}}`],
    // A derivative leads its product and is set off by a dot.
    ['y*diff(L, a2)*(1 - a2)', String.raw`\frac{\partial L}{\partial a_{2}} \cdot y \left(1 - a_{2}\right)`],
    ['diff(x^2, x)', String.raw`\frac{\partial}{\partial x}\left[x^{2}\right]`],
    ['diff(log(1 - a2), a2)', String.raw`\frac{\partial}{\partial a_{2}}\left[\log\left(1 - a_{2}\right)\right]`],
    ['diff(L, a2)^2', String.raw`\left(\frac{\partial L}{\partial a_{2}}\right)^{2}`],
    ['-diff(L, a2)', String.raw`-\frac{\partial L}{\partial a_{2}}`],
  ])('%s  →  %s', (input, expected) => {
    expect(latex(input)).toBe(expected);
    expectKatex(expected);
  });
});

describe('names', () => {
  it.each([
    ['a2', 'a_{2}'],
    ['z_2', 'z_{2}'],
    ['w11', 'w_{11}'],
    ['y', 'y'],
    ['L', 'L'],
    ['delta', String.raw`\delta`],
    ['alpha', String.raw`\alpha`],
    ['sigma', String.raw`\sigma`],
    ['lambda', String.raw`\lambda`],
    ['gamma', String.raw`\gamma`],
    ['Delta', String.raw`\Delta`],
    ['delta2', String.raw`\delta_{2}`],
    ['θ2', String.raw`\theta_{2}`],
    ['x_i', 'x_{i}'],
    ['x_max', String.raw`x_{\mathrm{max}}`],
    ['lr', String.raw`\mathrm{lr}`],
    ['lr2', String.raw`\mathrm{lr}_{2}`],
    ["x'", "x'"],
    ["a2'", "a_{2}'"],
  ])('%s  →  %s', (name, expected) => {
    expect(toLatex(sym(name))).toBe(expected);
    expectKatex(expected);
    expectKatex(`${expected}^{2}`);
  });

  it('a name in a product is set apart from its neighbours', () => {
    const s = latex('lr*w11*delta2');
    expect(s).toBe(String.raw`\delta_{2} \mathrm{lr} w_{11}`);
    expectKatex(s);
  });
});
