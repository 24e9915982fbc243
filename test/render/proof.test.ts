import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/ascii.js';
import type { Proof } from '../../src/proof/types.js';
import { proofToAlign, proofToAligned, proofToLatex, stepToLatex } from '../../src/render/proof-latex.js';
import { proofToText, stepsToText } from '../../src/render/text.js';
import { bceSigmoid, polynomial, rules } from './proofs.js';
import { expectKatex } from './katex.js';

/** The text layout without the explanations, to see the columns alone. */
const NO_PROSE = { width: 100, maxExpression: 56, gap: 4, explain: false } as const;

describe('a proof as LaTeX', () => {
  it('reads like the textbook, one line per phase', () => {
    expect(proofToAlign(bceSigmoid, rules)).toMatchInlineSnapshot(`
      "\\begin{align*}
      \\frac{\\partial L}{\\partial z_{2}} &= \\frac{\\partial L}{\\partial a_{2}} \\cdot \\frac{\\partial a_{2}}{\\partial z_{2}} && \\text{chain rule} \\\\
      \\frac{\\partial L}{\\partial a_{2}} &= \\frac{1 - y}{1 - a_{2}} - \\frac{y}{a_{2}} && \\text{logarithm rule, and 4 routine steps} \\quad (a_{2} \\neq 0,\\ a_{2} \\neq 1) \\\\
      &= \\frac{a_{2} - y}{a_{2} \\left(1 - a_{2}\\right)} && \\text{combine into one fraction, and 2 routine steps} \\quad (a_{2} \\neq 0,\\ a_{2} \\neq 1) \\\\
      \\frac{\\partial a_{2}}{\\partial z_{2}} &= a_{2} \\left(1 - a_{2}\\right) && \\text{sigmoid derivative, and 2 routine steps} \\\\
      \\frac{\\partial L}{\\partial z_{2}} &= \\frac{\\partial L}{\\partial a_{2}} \\cdot \\frac{\\partial a_{2}}{\\partial z_{2}} \\\\
      &= \\frac{a_{2} \\left(1 - a_{2}\\right) \\left(a_{2} - y\\right)}{a_{2} \\left(1 - a_{2}\\right)} && \\text{use the result above} \\\\
      &= a_{2} - y && \\text{cancel common factors} \\quad (a_{2} \\neq 0,\\ a_{2} \\neq 1)
      \\end{align*}"
    `);
  });

  it('in Chinese', () => {
    expect(proofToAligned(bceSigmoid, rules, 'zh')).toMatchInlineSnapshot(`
      "\\begin{aligned}
      \\frac{\\partial L}{\\partial z_{2}} &= \\frac{\\partial L}{\\partial a_{2}} \\cdot \\frac{\\partial a_{2}}{\\partial z_{2}} && \\text{链式法则} \\\\
      \\frac{\\partial L}{\\partial a_{2}} &= \\frac{1 - y}{1 - a_{2}} - \\frac{y}{a_{2}} && \\text{对数求导法则，及另外 4 个常规步骤} \\quad (a_{2} \\neq 0,\\ a_{2} \\neq 1) \\\\
      &= \\frac{a_{2} - y}{a_{2} \\left(1 - a_{2}\\right)} && \\text{通分，及另外 2 个常规步骤} \\quad (a_{2} \\neq 0,\\ a_{2} \\neq 1) \\\\
      \\frac{\\partial a_{2}}{\\partial z_{2}} &= a_{2} \\left(1 - a_{2}\\right) && \\text{sigmoid 导数，及另外 2 个常规步骤} \\\\
      \\frac{\\partial L}{\\partial z_{2}} &= \\frac{\\partial L}{\\partial a_{2}} \\cdot \\frac{\\partial a_{2}}{\\partial z_{2}} \\\\
      &= \\frac{a_{2} \\left(1 - a_{2}\\right) \\left(a_{2} - y\\right)}{a_{2} \\left(1 - a_{2}\\right)} && \\text{代入上面的结果} \\\\
      &= a_{2} - y && \\text{约去公因子} \\quad (a_{2} \\neq 0,\\ a_{2} \\neq 1)
      \\end{aligned}"
    `);
  });

  it('parses under KaTeX, as align* and as aligned, in both languages', () => {
    for (const lang of ['en', 'zh'] as const) {
      expectKatex(proofToAlign(bceSigmoid, rules, lang));
      expectKatex(proofToAligned(bceSigmoid, rules, lang));
      expectKatex(proofToAligned(polynomial, rules, lang));
    }
  });

  it('one step', () => {
    const s = stepToLatex(bceSigmoid.steps[7]!, rules);
    expect(s).toMatchInlineSnapshot(`"\\frac{1 - y}{1 - a_{2}} - \\frac{y}{a_{2}} &= \\frac{a_{2} \\left(1 - y\\right) - y \\left(1 - a_{2}\\right)}{a_{2} \\left(1 - a_{2}\\right)} && \\text{combine into one fraction} \\quad (a_{2} \\neq 0,\\ a_{2} \\neq 1)"`);
    expectKatex(`\\begin{aligned}${s}\\end{aligned}`);
  });

  it('an unknown rule shows its id, and rule names are escaped', () => {
    const s = proofToLatex({ ...polynomial, steps: polynomial.steps.map((st, i) => (i === 1 ? { ...st, rule: 'x.new_rule' } : st)) }, rules);
    expect(s).toMatchInlineSnapshot(`"\\frac{\\partial}{\\partial x}\\left[3 x + x^{2}\\right] &= 3 + 2 x && \\text{x.new\\_rule, and 3 more steps}"`);
    expectKatex(`\\begin{aligned}${s}\\end{aligned}`);
    // d.var is the line's main rule here: the first that is not routine.
    const odd = new Map(rules);
    odd.set('d.var', { ...rules.get('d.var')!, name: { en: 'var_rule & 100% {ok} #1 ~ ^ \\', zh: '自变量' } });
    const t = proofToLatex(polynomial, odd);
    expect(t).toMatchInlineSnapshot(`"\\frac{\\partial}{\\partial x}\\left[3 x + x^{2}\\right] &= 3 + 2 x && \\text{var\\_rule \\& 100\\% \\{ok\\} \\#1 \\textasciitilde{} \\textasciicircum{} \\textbackslash{}, and 3 more steps}"`);
    expectKatex(`\\begin{aligned}${t}\\end{aligned}`);
  });

  it('a proof with no steps is its start', () => {
    const e = parse('a2 - y');
    const empty: Proof = { start: e, lemmas: [], steps: [], phases: [], result: e, definitions: [], assumptions: [] };
    expect(proofToLatex(empty, rules)).toBe('a_{2} - y');
  });
});

describe('a proof as terminal text', () => {
  it('rule names in a column, conditions at the end', () => {
    expect(proofToText(bceSigmoid, rules, 'en', NO_PROSE)).toMatchInlineSnapshot(`
      "∂L/∂z2  = ∂L/∂a2 · ∂a2/∂z2                      chain rule
      ∂L/∂a2  = (1 - y)/(1 - a2) - y/a2               logarithm rule, and 4 routine steps
                                                      [a2 != 0, a2 != 1]
              = (a2 - y)/(a2*(1 - a2))                combine into one fraction, and 2 routine steps
                                                      [a2 != 0, a2 != 1]
      ∂a2/∂z2 = a2*(1 - a2)                           sigmoid derivative, and 2 routine steps
      ∂L/∂z2  = ∂L/∂a2 · ∂a2/∂z2
              = a2*(1 - a2)*(a2 - y)/(a2*(1 - a2))    use the result above
              = a2 - y                                cancel common factors  [a2 != 0, a2 != 1]"
    `);
  });

  it('in Chinese', () => {
    expect(proofToText(bceSigmoid, rules, 'zh', NO_PROSE)).toMatchInlineSnapshot(`
      "∂L/∂z2  = ∂L/∂a2 · ∂a2/∂z2                      链式法则
      ∂L/∂a2  = (1 - y)/(1 - a2) - y/a2               对数求导法则，及另外 4 个常规步骤
                                                      [a2 != 0, a2 != 1]
              = (a2 - y)/(a2*(1 - a2))                通分，及另外 2 个常规步骤  [a2 != 0, a2 != 1]
      ∂a2/∂z2 = a2*(1 - a2)                           sigmoid 导数，及另外 2 个常规步骤
      ∂L/∂z2  = ∂L/∂a2 · ∂a2/∂z2
              = a2*(1 - a2)*(a2 - y)/(a2*(1 - a2))    代入上面的结果
              = a2 - y                                约去公因子  [a2 != 0, a2 != 1]"
    `);
  });

  it('every step of a proof with lemmas, marked with its lemma', () => {
    expect(stepsToText(bceSigmoid, rules)).toMatchInlineSnapshot(`
      " 1. diff(L, z2)  →  diff(L, a2)*diff(a2, z2)   chain (chain rule)  at root
       2. diff(L, a2)  →  diff(-(y*log(a2) + (1 - y)*log(1 - a2)), a2)   def.unfold (substitute the definition)  at root of lemma 1
       3. diff(-(y*log(a2) + (1 - y)*log(1 - a2)), a2)  →  -diff(y*log(a2) + (1 - y)*log(1 - a2), a2)   d.const-multiple (constant multiple rule)  at root of lemma 1
       4. -diff(y*log(a2) + (1 - y)*log(1 - a2), a2)  →  -(diff(y*log(a2), a2) + diff((1 - y)*log(1 - a2), a2))   d.sum (sum rule)  at root of lemma 1
       5. -(diff(y*log(a2), a2) + diff((1 - y)*log(1 - a2), a2))  →  -(y/a2 + diff((1 - y)*log(1 - a2), a2))   d.log (logarithm rule)  at root of lemma 1  [a2 != 0]
       6. -(y/a2 + diff((1 - y)*log(1 - a2), a2))  →  -(y/a2 - (1 - y)/(1 - a2))   d.log (logarithm rule)  at root of lemma 1  [a2 != 1]
       7. -(y/a2 - (1 - y)/(1 - a2))  →  (1 - y)/(1 - a2) - y/a2   alg.distribute (distribute)  at root of lemma 1
       8. (1 - y)/(1 - a2) - y/a2  →  (a2*(1 - y) - y*(1 - a2))/(a2*(1 - a2))   alg.combine-fractions (combine into one fraction)  at root of lemma 1  [a2 != 0, a2 != 1]
       9. (a2*(1 - y) - y*(1 - a2))/(a2*(1 - a2))  →  (a2 - a2*y + a2*y - y)/(a2*(1 - a2))   alg.expand (expand)  at root of lemma 1
      10. (a2 - a2*y + a2*y - y)/(a2*(1 - a2))  →  (a2 - y)/(a2*(1 - a2))   alg.collect (collect like terms)  at root of lemma 1
      11. diff(a2, z2)  →  diff(sigmoid(z2), z2)   def.unfold (substitute the definition)  at root of lemma 2
      12. diff(sigmoid(z2), z2)  →  sigmoid(z2)*(1 - sigmoid(z2))   d.sigmoid (sigmoid derivative)  at root of lemma 2
      13. sigmoid(z2)*(1 - sigmoid(z2))  →  a2*(1 - a2)   def.fold (write in the defined names)  at root of lemma 2
      14. diff(L, a2)*diff(a2, z2)  →  diff(a2, z2)*(a2 - y)/(a2*(1 - a2))   lemma (use the result above)  at root, using lemma 1
      15. diff(a2, z2)*(a2 - y)/(a2*(1 - a2))  →  a2*(1 - a2)*(a2 - y)/(a2*(1 - a2))   lemma (use the result above)  at root, using lemma 2
      16. a2*(1 - a2)*(a2 - y)/(a2*(1 - a2))  →  a2 - y   alg.cancel-common-factor (cancel common factors)  at root  [a2 != 0, a2 != 1]"
    `);
  });

  it('every step, numbered, with its path', () => {
    expect(stepsToText(polynomial, rules)).toMatchInlineSnapshot(`
      "1. diff(3*x + x^2, x)  →  diff(3*x, x) + diff(x^2, x)   d.sum (sum rule)  at root
      2. diff(3*x, x) + diff(x^2, x)  →  3*diff(x, x) + diff(x^2, x)   d.const-multiple (constant multiple rule)  at 0
      3. 3*diff(x, x) + diff(x^2, x)  →  3 + diff(x^2, x)   d.var (derivative of the variable)  at 0.1
      4. 3 + diff(x^2, x)  →  3 + 2*x   d.power (power rule)  at 1"
    `);
  });
});
