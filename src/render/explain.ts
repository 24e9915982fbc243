/**
 * Sentences that explain a derivation to a reader, in English and Chinese, modelled on the
 * wording of the textbook the project started from ("根据链式法则…", "通分", "约分"). The
 * sentences are data: each rule's `explain` line in `rules/*.rules`. What is here is only
 * how they are put together, and what to say for a rule that has none.
 */
import type { Step, StepKind } from '../proof/types.js';
import type { Rule, Sentence } from '../rules/types.js';
import type { ProofLine } from './lines.js';
import type { Lang } from './rule-name.js';

/** One sentence in both languages (with its maths read, when it marks any). */
export type { Sentence } from '../rules/types.js';

/** For a step whose rule is not in the rule set: what its kind of step does. */
const BY_KIND: Readonly<Record<StepKind, Sentence>> = {
  rule: { en: 'Apply a rule of differentiation.', zh: '应用求导法则。' },
  algebra: { en: 'Simplify by algebra.', zh: '进行代数化简。' },
  definition: { en: 'Substitute a definition.', zh: '代入定义。' },
  assumption: { en: 'Use a stated assumption.', zh: '利用已知条件。' },
  chain: { en: 'Apply the chain rule.', zh: '应用链式法则。' },
  lemma: { en: 'Substitute a result derived above.', zh: '代入上面求出的结果。' },
  index: { en: 'Sum a Kronecker delta over its index.', zh: '对克罗内克 δ 求和。' },
};

/** A line with no step of its own restates an expression from above to go on from it. */
const RESTATE: Sentence = { en: 'Take up the expression from above and go on.', zh: '接着上面的式子继续推导。' };

/** The sentence of a rule by id: its `explain` line, else one made from its name (or id). */
export function ruleExplanation(id: string, rules: ReadonlyMap<string, Rule>): Sentence {
  const r = rules.get(id);
  if (r?.explain) return r.explain;
  const name = r?.name ?? { en: id, zh: id };
  return { en: `Rule used: ${name.en}.`, zh: `所用法则：${name.zh}。` };
}

/** The sentence of one step: its rule's, or its kind's when the rule is unknown. */
export function stepExplanation(step: Step, rules: ReadonlyMap<string, Rule>): Sentence {
  return rules.has(step.rule) ? ruleExplanation(step.rule, rules) : BY_KIND[step.kind];
}

/** Sentences, each once, as one paragraph: separated by a space in English, run on in Chinese. */
export function joinSentences(sentences: readonly Sentence[], lang: Lang): string {
  return [...new Set(sentences.map((s) => s[lang]))].join(lang === 'zh' ? '' : ' ');
}

/** The explanation of the rules `ids` used together (a checked link of a written derivation). */
export function explainRules(ids: readonly string[], rules: ReadonlyMap<string, Rule>, lang: Lang): string {
  return joinSentences(ids.map((id) => ruleExplanation(id, rules)), lang);
}

/**
 * The explanations of consecutive lines for one reader, each sentence said once: a line gets
 * only the sentences not given above it, and `''` when it has none new (its rules still
 * name themselves beside it). A derivation that uses the chain rule ten times explains it once.
 * `write` sets each sentence (a document sets its maths as maths).
 */
export function explainOnce(lines: readonly ProofLine[], lang: Lang, write: (s: Sentence) => string = (s) => s[lang]): string[] {
  const said = new Set<string>();
  return lines.map((line) => {
    const sentences = (line.explanations.length ? line.explanations : [RESTATE]).filter((s) => !said.has(s[lang]));
    sentences.forEach((s) => said.add(s[lang]));
    return sentences.map(write).join(lang === 'zh' ? '' : ' ');
  });
}

/**
 * Why `line` holds, in `lang`: the sentences of its rules in the order they were applied,
 * each once (`By the chain rule, …` / `根据链式法则，…`). It does not depend on the language
 * `proofLines` was called with: a line carries its sentences in both.
 */
export function explainLine(line: ProofLine, lang: Lang): string {
  return line.explanations.length ? joinSentences(line.explanations, lang) : RESTATE[lang];
}
