/** `--format html`: the pure page builders of src/render, given KaTeX and the numeric functions. */
import type { Outcome } from '../api/derive.js';
import type { AllOutcome } from '../api/all.js';
import type { ChainOutcome } from '../api/check-chain.js';
import { inDecimals } from '../expr/decimals.js';
import { functionTable } from '../rules/load.js';
import type { RuleSet } from '../rules/types.js';
import { type HtmlOptions, allToHtml, chainToHtml, derivationToHtml } from '../render/html-page.js';
import type { Lang } from '../render/rule-name.js';
import { katexCss, katexMath } from './html-assets.js';
import { chainPremises, outcomePremises } from '../api/premises.js';

function options(rules: RuleSet, lang: Lang, allSteps = false): HtmlOptions {
  return { lang, math: katexMath(), css: katexCss(), fns: functionTable(rules.defs), allSteps, generator: 'gradproof' };
}

/** The page of one derivation; decimals where the user wrote them. */
export const outcomeToHtml = (o: Outcome, lang: Lang, allSteps = false): string =>
  inDecimals(o.decimals === true, () => derivationToHtml({ ...o, premises: outcomePremises(o) }, options(o.rules, lang, allSteps)));

/** The page of every gradient. */
export const allOutcomeToHtml = (o: AllOutcome, lang: Lang): string => allToHtml(o, options(o.rules, lang));

/** The page of a written derivation, checked link by link. */
export const chainOutcomeToHtml = (o: ChainOutcome, lang: Lang): string => chainToHtml({ ...o, premises: chainPremises(o) }, options(o.rules, lang));
