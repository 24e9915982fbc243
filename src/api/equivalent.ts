/** `equivalent(a, b)`: is `a = b`? Proven (replayed by the kernel), refuted with a point, or unknown. */
import { declaredNames } from '../parse/declared.js';
import { parseAny as parse, parseAnyDefinition as parseDefinition, parseAnyRelation as parseRelation } from '../parse/auto.js';

import type { RuleSet } from '../rules/types.js';
import type { Verdict } from '../verdict/equality.js';
import { conditionToText } from '../render/conditions.js';
import { checkDerivation } from './check-chain.js';
import { type Lets, letLines, rulesOf } from './inputs.js';
import { type PremisesJson, premisesToJson } from './premises.js';

/** The context of an equality: named intermediates, facts, and the rules. */
export interface EquivalentOptions {
  /** Named intermediates: `{ a2: 'sigmoid(z2)' }`, pairs, or lines `['a2 = sigmoid(z2)']`. */
  readonly let?: Lets;
  /** Facts: `'y1 + y2 + y3 = 1'`, `'0 < a2 < 1'`. */
  readonly assume?: string | readonly string[];
  readonly rules?: RuleSet;
}

/** What `equivalent()` returns: the verdict, and the proof's rules or the counterexample. */
export interface EquivalentResult {
  readonly verdict: Verdict;
  /** Whether the kernel replayed the proof (only for `proven`). */
  readonly checked: boolean;
  readonly replayed: number;
  /** Rule ids the proof used. */
  readonly rules: readonly string[];
  readonly conditions: readonly string[];
  readonly counterexample: Readonly<Record<string, number>> | null;
  readonly values: { readonly left: number; readonly right: number } | null;
  readonly evidence: string | null;
  /** What a `proven` rests on (the kernel theorem's definitions, assumptions and user rule files); null otherwise. */
  readonly premises: PremisesJson | null;
}

/**
 * Decides `a = b`: proven (the kernel replayed the proof), refuted at a point with both values, or unknown.
 * @example
 * equivalent('log(sigmoid(z))', '-softplus(-z)').verdict; // 'proven'
 */
export function equivalent(a: string, b: string, options: EquivalentOptions = {}): EquivalentResult {
  const rules = rulesOf(options);
  const lets = letLines(options.let);
  const opts = { functions: rules.functions, variables: declaredNames(lets) };
  const assume = options.assume === undefined ? [] : typeof options.assume === 'string' ? [options.assume] : options.assume;
  const outcome = checkDerivation(
    {
      definitions: lets.map((l) => parseDefinition(l, { ...opts, source: 'let' })),
      assumptions: assume.map((s) => parseRelation(s, { ...opts, source: 'assume' })),
      chains: [[{ expr: parse(a, { ...opts, source: 'a' }) }, { expr: parse(b, { ...opts, source: 'b' }) }]],
    },
    rules,
  );
  const link = outcome.links[0]!;
  const c = link.decision.counterexample;
  return {
    verdict: link.decision.verdict,
    checked: link.proof !== undefined,
    replayed: link.proof?.replayed ?? 0,
    rules: link.rules,
    conditions: [...new Set(link.conditions.map(conditionToText))],
    counterexample: c?.point ?? null,
    values: c && !Number.isNaN(c.left) ? { left: c.left, right: c.right } : null,
    evidence: link.decision.evidence ?? null,
    premises: link.proof ? premisesToJson(link.proof.theorem.premises) : null,
  };
}
