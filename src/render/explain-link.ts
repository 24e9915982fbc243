/**
 * Explanations of a written derivation checked link by link (`gradproof check`, `equal`):
 * a proven link is explained by the sentences of the rules its proof used, as a derived
 * line is; a link that is not proven says so.
 */
import type { Expr } from '../expr/node.js';
import { toAscii } from '../expr/print.js';
import type { Decision } from '../verdict/equality.js';
import type { Rule } from '../rules/types.js';
import { type Sentence, joinSentences, ruleExplanation } from './explain.js';
import type { Lang } from './rule-name.js';
import { toDisplayAscii } from './display-ascii.js';
import { conditionInText } from './conditions.js';
import type { Condition } from '../proof/types.js';
import { type Citation, citeSteps, citedNames } from './citation.js';

/** What explaining a link needs: its verdict and the rules of its proof. */
export interface ExplainedLink {
  readonly decision: Decision;
  readonly rules: readonly string[];
}

const DIFFER: Sentence = { en: 'The two sides differ.', zh: '两边取值不同。' };
const UNDECIDED: Sentence = { en: 'This step could be neither proven nor refuted.', zh: '这一步既未能证明，也未能否定。' };

/** What a proven link cites, as a derived line does: its main rule and those that brought conditions, the rest folded. */
export function linkCitation(link: ExplainedLink): Citation {
  const steps = link.decision.verdict === 'proven' ? link.decision.proof.proof.steps : [];
  return steps.length ? citeSteps(steps) : { cited: link.rules, folded: 0, routine: true };
}

/** The rule names a link shows (`logarithm rule, and 11 routine steps`); JSON keeps every rule. */
export const linkNames = (link: ExplainedLink, rules: ReadonlyMap<string, Rule>, lang: Lang): string[] => citedNames(linkCitation(link), rules, lang);

/** The sentences of one link: of the rules it cites, in the order they were applied. */
export function linkSentences(link: ExplainedLink, rules: ReadonlyMap<string, Rule>): Sentence[] {
  if (link.decision.verdict === 'refuted') return [DIFFER];
  if (link.decision.verdict === 'unknown') return [UNDECIDED];
  return linkCitation(link).cited.map((id) => ruleExplanation(id, rules));
}

/** Why one link holds, or that it does not, in `lang`, each sentence once (`''` for a link with no steps). */
export function linkExplanation(link: ExplainedLink, rules: ReadonlyMap<string, Rule>, lang: Lang): string {
  return joinSentences(linkSentences(link, rules), lang);
}

/**
 * The explanations of the proven links for one reader, each sentence said once: a link gets
 * only the sentences not given above it. A link that is not proven gets `''`: its verdict
 * and counterexample are shown in its place.
 */
export function explainProvenLinksOnce(links: readonly ExplainedLink[], rules: ReadonlyMap<string, Rule>, lang: Lang): string[] {
  const said = new Set<string>();
  return links.map((link) => {
    if (link.decision.verdict !== 'proven') return '';
    const fresh = [...new Set(linkSentences(link, rules).map((s) => s[lang]))].filter((s) => !said.has(s));
    fresh.forEach((s) => said.add(s));
    return fresh.join(lang === 'zh' ? '' : ' ');
  });
}

/** A refuted link's right side as it should have been (api/check-correct.ts finds it; the kernel replayed `of = expr`). */
export interface CorrectSideShown {
  /** The chain's first line (a derivative) worked out, or the link's left side worked out or simplified. */
  readonly source: 'first-line-derived' | 'left-side-derived' | 'left-side-simplified';
  readonly of: Expr;
  readonly expr: Expr;
  /** What `of = expr` needs. */
  readonly conditions: readonly Condition[];
  /** Its value and the written right side's at the counterexample point. */
  readonly value: number;
  readonly written: number;
}

/** The pieces of the sentence, already written in the output's notation (ASCII, or LaTeX in `$ $`). */
export interface CorrectSideParts {
  readonly expr: string;
  readonly of: string;
  /** What it needs, each written out (`a2 > 0`); none: say nothing. */
  readonly conditions: readonly string[];
  /** The counterexample point; left out where it is shown just above ("there"). */
  readonly point?: string;
  readonly value: string;
  readonly written: string;
}

/** "The correct right side is a2 - y (the first line, ∂L/∂z2, worked out): at z2 = 1, y = 0 it is 0.731059, the written one 0.268941." */
export function correctSideSentence(source: CorrectSideShown['source'], p: CorrectSideParts, lang: Lang): string {
  if (lang === 'zh') {
    const how = { 'first-line-derived': `由第一行 ${p.of} 求导并化简得到`, 'left-side-derived': '由左边求导并化简得到', 'left-side-simplified': '由左边化简得到' }[source];
    const needs = p.conditions.length ? `，要求 ${p.conditions.join('、')}` : '';
    return `正确的右边应为 ${p.expr}（${how}${needs}）：在${p.point === undefined ? '该点' : ` ${p.point} `}处，它等于 ${p.value}，而写出的右边等于 ${p.written}。`;
  }
  const how = { 'first-line-derived': `the first line, ${p.of}, worked out`, 'left-side-derived': 'the left side worked out', 'left-side-simplified': 'the left side simplified' }[source];
  const needs = p.conditions.length ? `, where ${p.conditions.join(' and ')}` : '';
  return `The correct right side is ${p.expr} (${how}${needs}): ${p.point === undefined ? 'there' : `at ${p.point}`} it is ${p.value}, the written one ${p.written}.`;
}

/** The sentence in plain text: expressions in ASCII, numbers to six digits; with `point`, it says where (JSON's explanation stands alone). */
export function correctSideText(c: CorrectSideShown, lang: Lang, point?: Readonly<Record<string, number>>): string {
  const at = point && Object.entries(point).map(([k, v]) => `${k} = ${v}`).join(lang === 'zh' ? '，' : ', ');
  const conditions = [...new Set(c.conditions.map(conditionInText(lang)))];
  return correctSideSentence(c.source, { expr: toAscii(c.expr), of: toDisplayAscii(c.of), conditions, ...(at ? { point: at } : {}), value: c.value.toPrecision(6), written: c.written.toPrecision(6) }, lang);
}
