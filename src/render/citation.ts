/**
 * What a textbook line cites: one idea per line. The line's main rule (its first rule that is
 * not routine bookkeeping, else its first rule) and every rule that brought one of the line's
 * conditions are named; the other steps are folded into a count ("logarithm rule, and 6
 * routine steps"). `--steps` and JSON keep every rule.
 */
import type { Step } from '../proof/types.js';
import type { Rule } from '../rules/types.js';
import { conditionToText } from './conditions.js';
import { type Lang, ruleName } from './rule-name.js';

/**
 * Rules a textbook applies without naming them: term by term, constants out, substituting
 * and folding names, rearranging by algebra, using results above. A rule not listed here
 * (every rule of a user's rule file too) is never folded into "routine".
 */
export const ROUTINE_RULES: ReadonlySet<string> = new Set([
  'd.sum', 'd.const-multiple', 'd.const', 'd.self',
  'alg.distribute', 'alg.expand', 'alg.collect', 'alg.rearrange', 'alg.multiply-powers', 'alg.fold-name',
  'def.unfold', 'def.function', 'def.fold', 'lemma',
]);

/** The rules a line names, in the order they were first applied, and how many of its steps are folded. */
export interface Citation {
  /** Rule ids named beside the line. */
  readonly cited: readonly string[];
  /** Steps whose rule is not named. */
  readonly folded: number;
  /** Whether every folded step is routine (`and 6 routine steps`) or not (`and 3 more steps`). */
  readonly routine: boolean;
}

/** The main rule of `steps`, the rules that brought their conditions, and the rest counted. */
export function citeSteps(steps: readonly Step[]): Citation {
  if (!steps.length) return { cited: [], folded: 0, routine: true };
  const main = steps.find((s) => !ROUTINE_RULES.has(s.rule)) ?? steps[0]!;
  const named = new Set([main.rule]);
  // The first step that needs a condition is its reason: its rule is named, so that every
  // printed condition has its sentence.
  const reasons = new Set<string>();
  for (const s of steps) {
    for (const c of s.conditions) {
      const key = conditionToText(c);
      if (reasons.has(key)) continue;
      reasons.add(key);
      named.add(s.rule);
    }
  }
  const cited = [...new Set(steps.map((s) => s.rule))].filter((id) => named.has(id));
  const rest = steps.filter((s) => !named.has(s.rule));
  return { cited, folded: rest.length, routine: rest.every((s) => ROUTINE_RULES.has(s.rule)) };
}

/** `and 6 routine steps` / `及另外 6 个常规步骤`; `and 3 more steps` when some are not routine. */
export function foldedText(n: number, routine: boolean, lang: Lang): string {
  if (lang === 'zh') return `及另外 ${n} 个${routine ? '常规' : ''}步骤`;
  return `and ${n} ${routine ? 'routine' : 'more'} step${n === 1 ? '' : 's'}`;
}

/**
 * The names a line shows: its cited rules' names, the last followed by the folded count
 * (`logarithm rule, and 6 routine steps`; `对数求导法则，及另外 6 个常规步骤`).
 */
export function citedNames(c: Citation, rules: ReadonlyMap<string, Rule>, lang: Lang): string[] {
  const names = [...new Set(c.cited.map((id) => ruleName(id, rules, lang)))];
  if (!c.folded || !names.length) return names;
  const last = names.pop()!;
  return [...names, `${last}${lang === 'zh' ? '，' : ', '}${foldedText(c.folded, c.routine, lang)}`];
}
