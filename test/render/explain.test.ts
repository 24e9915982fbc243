/** Explanations: every rule has its sentence in both languages, and lines are explained from them. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRuleFile } from '../../src/rules/parse-file.js';
import type { Step, StepKind } from '../../src/proof/types.js';
import { parse } from '../../src/parse/ascii.js';
import { explainLine, explainOnce, explainRules, stepExplanation } from '../../src/render/explain.js';
import { proofLines } from '../../src/render/lines.js';
import { proofToText } from '../../src/render/text.js';
import { escapeMarkdown, proofToMarkdown } from '../../src/render/markdown.js';
import { wrapText } from '../../src/render/wrap.js';
import { bceSigmoid, rules as namesOnly } from './proofs.js';

const RULES_DIR = join(import.meta.dirname, '../../rules');
/** Every rule of rules/*.rules, read from the files themselves (not the embedded copy). */
const fileRules = readdirSync(RULES_DIR)
  .filter((f) => f.endsWith('.rules'))
  .flatMap((f) => parseRuleFile({ name: `rules/${f}`, text: readFileSync(join(RULES_DIR, f), 'utf8') }).rules);
/** The rules by id, as the loader gives them (without its numeric validation, which test/rules does). */
const builtin = new Map(fileRules.map((r) => [r.id, r]));

describe('every rule in rules/ explains itself', () => {
  it('has rules to look at', () => {
    expect(fileRules.length).toBeGreaterThan(50);
  });

  it('in English and in Chinese (an `explain` line under each rule)', () => {
    const missing = fileRules.filter((r) => !r.explain?.en || !r.explain.zh).map((r) => `${r.file}:${r.line} ${r.id}`);
    expect(missing).toEqual([]);
  });

  it('as sentences: English in plain ASCII ending with a full stop, Chinese with Chinese characters ending with 。', () => {
    const bad = fileRules.filter((r) => !/^[A-Z(][ -~]*\.$/.test(r.explain?.en ?? '') || !/^[^\n]*[\u4e00-\u9fff][^\n]*。$/.test(r.explain?.zh ?? ''));
    expect(bad.map((r) => r.id)).toEqual([]);
  });

  it('the parsed rules carry them', () => {
    expect(builtin.get('alg.cancel-common-factor')?.explain).toEqual({
      en: 'Cancel the factor common to numerator and denominator, which must not be zero.',
      zh: '约分，约去分子和分母的公因子，公因子不能为零。',
    });
    expect(builtin.get('chain')?.explain?.zh).toBe('根据链式法则，经过中间变量的导数等于对中间变量的导数乘以中间变量对自变量的导数。');
  });
});

describe('explainLine: the sentences of the rules a line cites, each once, in the order they applied', () => {
  const lines = proofLines(bceSigmoid, builtin, 'en');

  it('formula 8-13, in English', () => {
    expect(lines.map((l) => explainLine(l, 'en'))).toEqual([
      'By the chain rule, the derivative through an intermediate is the derivative with respect to the intermediate times the derivative of the intermediate.',
      "The derivative of a logarithm is the derivative of its argument divided by the argument, (log u)' = u'/u, which needs u > 0.",
      'Combine the fractions into one over a common denominator, which must not be zero.',
      'The derivative of the sigmoid is sigmoid(u)(1 - sigmoid(u)), times the derivative of its argument.',
      'Take up the expression from above and go on.',
      'Substitute the results derived above.',
      'Cancel the factor common to numerator and denominator, which must not be zero.',
    ]);
  });

  it('formula 8-13, in Chinese, whatever language the lines were laid out in', () => {
    expect(lines.map((l) => explainLine(l, 'zh'))).toEqual([
      '根据链式法则，经过中间变量的导数等于对中间变量的导数乘以中间变量对自变量的导数。',
      "对数的导数等于真数的导数除以真数：(log u)' = u'/u，要求 u > 0。",
      '通分，把几个分数合并成一个分数，公分母不能为零。',
      'sigmoid 函数的导数为 sigmoid(u)(1 - sigmoid(u))，再乘以内层函数的导数。',
      '接着上面的式子继续推导。',
      '代入上面已经求出的结果。',
      '约分，约去分子和分母的公因子，公因子不能为零。',
    ]);
  });

  it('explainOnce: for a reader of the whole derivation, each sentence where it is first needed', () => {
    // Each line of formula 8-13 cites rules of its own, so each says its sentence.
    expect(explainOnce(lines, 'en')).toEqual(lines.map((l) => explainLine(l, 'en')));
    const twice = explainOnce([...lines, ...lines], 'zh');
    expect(twice.slice(lines.length)).toEqual(lines.map(() => ''));
  });

  it('a line names its main rule and folds the rest; its ids and names list every rule', () => {
    expect(lines.map((l) => l.names)).toEqual([
      ['chain rule'],
      ['logarithm rule, and 4 routine steps'],
      ['combine into one fraction, and 2 routine steps'],
      ['sigmoid derivative, and 2 routine steps'],
      [],
      ['by the results above'],
      ['cancel the common factor'],
    ]);
    expect(lines[1]!.allNames).toEqual(['substitute the definition', 'constant multiple rule', 'sum rule', 'logarithm rule', 'distribute the sign']);
    expect(lines.map((l) => l.rules)).toEqual([
      ['chain'],
      ['def.unfold', 'd.const-multiple', 'd.sum', 'd.log', 'alg.distribute'],
      ['alg.combine-fractions', 'alg.expand', 'alg.collect'],
      ['def.unfold', 'd.sigmoid', 'def.fold'],
      [],
      ['lemma'],
      ['alg.cancel-common-factor'],
    ]);
  });
});

describe('what a step says when its rule has no sentence', () => {
  const step = (rule: string, kind: StepKind): Step => ({ rule, kind, path: [], bindings: {}, before: parse('x'), after: parse('x'), conditions: [], phase: 0, derivation: 0 });

  it.each([
    ['rule', 'Apply a rule of differentiation.', '应用求导法则。'],
    ['algebra', 'Simplify by algebra.', '进行代数化简。'],
    ['definition', 'Substitute a definition.', '代入定义。'],
    ['assumption', 'Use a stated assumption.', '利用已知条件。'],
    ['chain', 'Apply the chain rule.', '应用链式法则。'],
    ['lemma', 'Substitute a result derived above.', '代入上面求出的结果。'],
  ] as const)('an unknown rule of kind %s: what that kind of step does', (kind, en, zh) => {
    expect(stepExplanation(step('x.unknown', kind), builtin)).toEqual({ en, zh });
  });

  it('a known rule without an explain line: its name', () => {
    expect(stepExplanation(step('d.log', 'rule'), namesOnly)).toEqual({ en: 'Rule used: logarithm rule.', zh: '所用法则：对数求导法则。' });
    expect(explainRules(['d.sum', 'x.new'], namesOnly, 'zh')).toBe('所用法则：求和法则。所用法则：x.new。');
  });
});

describe('explanations in the text and Markdown renderings', () => {
  it('text: each line, then its explanation from the column of the right side, wrapped', () => {
    expect(proofToText(bceSigmoid, builtin).split('\n').slice(0, 4)).toEqual([
      '∂L/∂z2  = ∂L/∂a2 · ∂a2/∂z2                      chain rule',
      '          By the chain rule, the derivative through an intermediate is the derivative with respect',
      '          to the intermediate times the derivative of the intermediate.',
      '∂L/∂a2  = (1 - y)/(1 - a2) - y/a2               logarithm rule, and 4 routine steps',
    ]);
    expect(proofToText(bceSigmoid, builtin, 'zh').split('\n').slice(-2)).toEqual([
      '        = a2 - y                                约分  [a2 != 0, a2 != 1]',
      '          约分，约去分子和分母的公因子，公因子不能为零。',
    ]);
  });

  it('Markdown: one aligned block, then a note per line keyed by its number', () => {
    const md = proofToMarkdown(bceSigmoid, builtin, 'zh').split('\n\n');
    expect(md).toHaveLength(2);
    expect(md[0]!.split('\n').slice(0, 3)).toEqual([
      '$$',
      '\\begin{aligned}',
      '\\frac{\\partial L}{\\partial z_{2}} &= \\frac{\\partial L}{\\partial a_{2}} \\cdot \\frac{\\partial a_{2}}{\\partial z_{2}} && (1) \\\\',
    ]);
    const notes = md[1]!.split('\n');
    expect(notes[0]).toBe('- (1) **链式法则**：根据链式法则，经过中间变量的导数等于对中间变量的导数乘以中间变量对自变量的导数。');
    expect(notes).toHaveLength(7);
  });

  it.each([
    ['a*b_c', 'a\\*b\\_c'],
    ['`x` $y$ [z] <b> |u| #1', '\\`x\\` \\$y\\$ \\[z\\] \\<b\\> \\|u\\| \\#1'],
    ['back\\slash', 'back\\\\slash'],
  ])('escapeMarkdown(%s) = %s', (input, output) => {
    expect(escapeMarkdown(input)).toBe(output);
  });
});

describe('wrapText: prose in rows of a given width', () => {
  it.each([
    ['English at spaces', 'the derivative of a sum is the sum', 12, ['the', 'derivative', 'of a sum is', 'the sum']],
    ['a word longer than the width keeps its row', 'a supercalifragilistic b', 5, ['a', 'supercalifragilistic', 'b']],
    ['Chinese between characters, two columns each', '常数的导数为零。', 6, ['常数的', '导数为', '零。']],
    ['punctuation never starts a row', '通分，约分。', 4, ['通', '分，', '约', '分。']],
    ['mixed', '要求 u > 0。', 6, ['要求 u', '> 0。']],
  ] as const)('%s', (_, text, width, rows) => {
    expect(wrapText(text, width)).toEqual(rows);
  });
});
