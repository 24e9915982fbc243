/**
 * Explanations of a written derivation checked link by link (`gradproof check`, `equal`):
 * a proven link is explained by the sentences of the rules its proof used, as a derived
 * line is; a link that is not proven says so.
 */
import type { Decision } from '../verdict/equality.js';
import type { Rule } from '../rules/types.js';
import { type Sentence, joinSentences, ruleExplanation } from './explain.js';
import type { Lang } from './rule-name.js';

/** What explaining a link needs: its verdict and the rules of its proof. */
export interface ExplainedLink {
  readonly decision: Decision;
  readonly rules: readonly string[];
}

const DIFFER: Sentence = { en: 'The two sides differ.', zh: '两边取值不同。' };
const UNDECIDED: Sentence = { en: 'This step could be neither proven nor refuted.', zh: '这一步既未能证明，也未能否定。' };

/** The sentences of one link, in the order its rules were applied. */
export function linkSentences(link: ExplainedLink, rules: ReadonlyMap<string, Rule>): Sentence[] {
  if (link.decision.verdict === 'refuted') return [DIFFER];
  if (link.decision.verdict === 'unknown') return [UNDECIDED];
  return link.rules.map((id) => ruleExplanation(id, rules));
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
