/**
 * The textbook layout of a proof, shared by every printer: one line per phase
 * (`lhs = to`, with the line's main rule, the rest folded, and the conditions they need),
 * the left side left blank where a line continues the one above; empty phases are skipped.
 */
import type { Expr } from '../expr/node.js';
import type { Condition, Phase, Proof, Step } from '../proof/types.js';
import type { Rule } from '../rules/types.js';
import { citeSteps, citedNames } from './citation.js';
import { conditionToText } from './conditions.js';
import { type Sentence, ruleExplanation, stepExplanation } from './explain.js';
import { type Lang, ruleName } from './rule-name.js';

/** One displayed line: `lhs = rhs`, justified by rule names, needing conditions. */
export interface ProofLine {
  /** Undefined when the line continues the quantity of the line above (`&= ...`). */
  readonly lhs: Expr | undefined;
  readonly rhs: Expr;
  /**
   * What the line cites (see `citeSteps`): its main rule and the rules that brought its
   * conditions, the other steps folded into the last (`logarithm rule, and 6 routine steps`).
   */
  readonly names: readonly string[];
  /** Distinct rule names of all the line's steps, in the order they were applied. */
  readonly allNames: readonly string[];
  /** Distinct rule ids of all the line's steps, in the order they were applied. */
  readonly rules: readonly string[];
  /** The sentences explaining the cited rules, each once, in both languages (see `explainLine`). */
  readonly explanations: readonly Sentence[];
  /** Conditions the line's steps need, each once. */
  readonly conditions: readonly Condition[];
}

/**
 * The lines of `proof`, phase by phase. A phase that starts from a form other than its own
 * left side and the previous phase's result first gets a line `lhs = from`. A proof with
 * steps but no phases is one phase from `start` to `result`; a step whose phase index is
 * out of range joins the nearest phase, so no step goes unshown.
 */
export function proofLines(proof: Proof, rules: ReadonlyMap<string, Rule>, lang: Lang): ProofLine[] {
  const phases: readonly Phase[] = proof.phases.length
    ? proof.phases
    : proof.steps.length
      ? [{ lhs: proof.start, from: proof.start, to: proof.result }]
      : [];
  const stepsOf: Step[][] = phases.map(() => []);
  for (const s of proof.steps) stepsOf[Math.min(Math.max(s.phase, 0), phases.length - 1)]?.push(s);

  const out: ProofLine[] = [];
  // A phase in which nothing happened (a simplification that found nothing to do) is no line.
  const shown = phases.map((p, i) => ({ p, i })).filter(({ i }) => stepsOf[i]!.length > 0 || phases.length === 1);
  shown.forEach(({ p: phase, i }, k) => {
    const previous = shown[k - 1]?.p;
    const steps = stepsOf[i]!;
    // Conditions are stated on every line that needs them (a cancellation names what it
    // divides by), once per line.
    const seen = new Set<string>();
    const allNames = [...new Set(steps.map((s) => ruleName(s.rule, rules, lang)))];
    const ids = [...new Set(steps.map((s) => s.rule))];
    const citation = citeSteps(steps);
    const names = citedNames(citation, rules, lang);
    const explainCited = citation.cited.map((id) => (rules.has(id) ? ruleExplanation(id, rules) : stepExplanation(steps.find((s) => s.rule === id)!, rules)));
    const explanations = [...new Map(explainCited.map((e) => [e.en, e])).values()];
    const conditions: Condition[] = [];
    for (const c of steps.flatMap((s) => s.conditions)) {
      const key = conditionToText(c);
      if (seen.has(key)) continue;
      seen.add(key);
      conditions.push(c);
    }
    let lhs: Expr | undefined = previous?.lhs === phase.lhs ? undefined : phase.lhs;
    if (phase.from !== phase.lhs && phase.from !== previous?.to) {
      out.push({ lhs, rhs: phase.from, names: [], allNames: [], rules: [], explanations: [], conditions: [] });
      lhs = undefined;
    }
    out.push({ lhs, rhs: phase.to, names, allNames, rules: ids, explanations, conditions });
  });
  return out;
}
