/** Checking a derivation someone wrote, link by link, as JSON: what `checkChain()` returns and `check --format json` prints. */
import { GradproofError } from '../expr/errors.js';
import { toAscii, toAsciiAsWritten } from '../expr/print.js';
import { parseAny, parseAnyDefinition, parseAnyRelation } from '../parse/auto.js';
import { parseDerivation } from '../parse/derivation.js';
import { declaredNames } from '../parse/declared.js';
import type { RuleSet } from '../rules/types.js';
import { conditionToText } from '../render/conditions.js';
import { correctSideText, linkExplanation } from '../render/explain-link.js';
import { toLatex } from '../render/latex.js';
import type { Lang } from '../render/rule-name.js';
import { checkDerivation, type ChainOutcome, withWritten } from './check-chain.js';
import type { EquivalentResult } from './equivalent.js';
import { type Lets, letLines, listOf, parseOptions, rulesOf } from './inputs.js';
import { type PremisesJson, chainPremises, premisesToJson } from './premises.js';

/** One link `from = to` of a written derivation, decided. */
/** A link is decided as `equivalent()` decides a pair: the same verdict, proof and evidence fields. */
export interface LinkJson extends EquivalentResult {
  /** 1-based, counted across all chains. */
  readonly number: number;
  /** The line of a derivation file, or null. */
  readonly line: number | null;
  readonly from: string;
  readonly to: string;
  /** Why the link holds (the sentences of the rules its proof used), or that it does not, in the chosen language; a refuted link says what its right side should have been. */
  readonly explanation: string;
  /** For a refuted link, the right side it should have had (the kernel replayed `of = to`), when one is found; else null. */
  readonly correct: CorrectSideJson | null;
}

/** A refuted link's correct right side: what was worked out, the result, and both values at the counterexample point. */
export interface CorrectSideJson {
  /** How it was found: the chain's first line (a derivative) worked out, or the link's left side worked out or simplified. */
  readonly source: 'first-line-derived' | 'left-side-derived' | 'left-side-simplified';
  /** What was worked out. */
  readonly of: string;
  readonly to: string;
  readonly toLatex: string;
  /** What `of = to` needs, as the link's own conditions are written. */
  readonly conditions: readonly string[];
  /** At the counterexample point: the correct right side's value, and the written one's. */
  readonly value: number;
  readonly written: number;
}

/** What `checkChain()` returns: every link, the first refuted one, and the first unknown one. */
export interface ChainResult {
  readonly title: string | null;
  /** The number of the first refuted link, or null when none is. */
  readonly firstWrong: number | null;
  /** The number of the first link neither proven nor refuted, or null: unknown is not wrong. */
  readonly firstUnknown: number | null;
  /** Whether every link is proven. */
  readonly proven: boolean;
  readonly links: readonly LinkJson[];
  /** What the proven links rest on, taken together (each link has its own); null when no link is proven. */
  readonly premises: PremisesJson | null;
}

/** The JSON of a chain check, its explanations in `lang`. */
export function chainToJson(o: ChainOutcome, lang: Lang = 'en'): ChainResult {
  const premises = chainPremises(o);
  return {
    title: o.title ?? null,
    firstWrong: o.firstWrong,
    firstUnknown: o.firstUnknown,
    proven: o.links.every((l) => l.decision.verdict === 'proven'),
    links: o.links.map((l) => ({
      number: l.number,
      line: l.line ?? null,
      from: toAsciiAsWritten(l.from, l.fromWritten),
      to: toAsciiAsWritten(l.to, l.toWritten),
      verdict: l.decision.verdict,
      checked: l.proof !== undefined,
      replayed: l.proof?.replayed ?? 0,
      rules: l.rules,
      conditions: [...new Set(l.conditions.map(conditionToText))],
      counterexample: l.decision.counterexample?.point ?? null,
      values: l.decision.counterexample && !Number.isNaN(l.decision.counterexample.left) ? { left: l.decision.counterexample.left, right: l.decision.counterexample.right } : null,
      evidence: l.decision.evidence ?? null,
      explanation: [linkExplanation(l, o.rules.byId, lang), l.correct && l.decision.counterexample ? correctSideText(l.correct, lang, l.decision.counterexample.point) : ''].filter(Boolean).join(lang === 'zh' ? '' : ' '),
      correct: l.correct ? { source: l.correct.source, of: toAscii(l.correct.of), to: toAscii(l.correct.expr), toLatex: toLatex(l.correct.expr), conditions: [...new Set(l.correct.conditions.map(conditionToText))], value: l.correct.value, written: l.correct.written } : null,
      premises: l.proof ? premisesToJson(l.proof.theorem.premises) : null,
    })),
    premises: premises ? premisesToJson(premises) : null,
  };
}

/** The context of a written derivation: named intermediates, facts, and the rules. */
export interface ChainOptions {
  /** Named intermediates: `{ a2: 'sigmoid(z2)' }`. */
  readonly let?: Lets;
  /** Facts: `'y1 + y2 + y3 = 1'`, `'0 < a2 < 1'`. */
  readonly assume?: string | readonly string[];
  readonly rules?: RuleSet;
  /** The language of the explanations (default `en`). */
  readonly lang?: Lang;
}

/**
 * Checks a derivation someone wrote (its expressions in order, or the text of a `.proof` file) link by link; `firstWrong` names the first refuted step (an unknown one is `firstUnknown`, not wrong).
 * @example
 * const r = checkChain(['diff(log(sigmoid(z)), z)', 'sigmoid(z)*(1 - sigmoid(z))/sigmoid(z)', '1 + sigmoid(z)']);
 * [r.firstWrong, r.links.map((l) => l.verdict)]; // [2, ['proven', 'refuted']]
 */
export function checkChain(chain: readonly string[] | string, options: ChainOptions = {}): ChainResult {
  const rules = rulesOf(options);
  const lets = letLines(options.let);
  // The let names are declared: `a2(1 - a2)` is a product for them.
  const variables = declaredNames(lets);
  const opts = (source: string) => ({ ...parseOptions(rules, source), variables });
  const definitions = lets.map((l) => parseAnyDefinition(l, opts('let')));
  const assumptions = listOf(options.assume).map((a) => parseAnyRelation(a, opts('assume')));
  if (typeof chain === 'string') {
    // A derivation file states its own definitions and facts; the options' come first.
    const spec = parseDerivation(chain, 'derivation', { functions: rules.functions, variables });
    return chainToJson(checkDerivation({ ...spec, definitions: [...definitions, ...spec.definitions], assumptions: [...assumptions, ...spec.assumptions] }, rules), options.lang);
  }
  if (chain.length < 2) throw new GradproofError('usage', `a chain needs at least two expressions to link, not ${chain.length}`);
  const exprs = chain.map((e, i) => withWritten(parseAny(e, opts(`expression ${i + 1}`))));
  return chainToJson(checkDerivation({ definitions, assumptions, chains: [exprs] }, rules), options.lang);
}
