/**
 * Identities beyond field algebra (`sigmoid(-x) = 1 - sigmoid(x)`, `log(exp(x)) = x`) are
 * used only by citing a rule of `rules/identities.rules`. This proposes the ways of using
 * one such rule on an expression: at one place, or at every place it matches.
 *
 * A rule is used only where its conditions do not narrow the statement: each must be given
 * by the stated facts, or already be needed for the rewritten term to be defined (log(x) in
 * `exp(log(x)) = x` needs x > 0 anyway). So `log(a*b) = log(a) + log(b)` is used under
 * `a > 0, b > 0`, and not where only a*b > 0 is known; a condition on a number that fails
 * (`0 > 0`: a sum with one term left) stops the rule there.
 */
import type { Expr } from '../expr/node.js';
import type { Definitions } from '../expr/context.js';
import { nodes, replaceAt } from '../expr/traverse.js';
import type { Rule, RuleSet } from '../rules/types.js';
import { applyRule, type Application } from '../rewrite/apply.js';
import { type Fact, implies } from '../expr/bounds.js';
import { definednessConditions } from '../expr/defined.js';
import type { Condition } from '../proof/types.js';

export interface Rewrite {
  readonly path: number[];
  readonly application: Application;
}

/** A way to rewrite `e` by one identity rule: the steps, in order, and the result. */
export interface Variant {
  readonly steps: readonly Rewrite[];
  readonly result: Expr;
}

const MAX_OCCURRENCES = 8;

/** The identity rules (ids `id.*`) in file order. */
export function identityRules(rules: RuleSet): Rule[] {
  return rules.rules.filter((r) => r.kind === 'rewrite' && r.id.startsWith('id.'));
}

/** Each identity rule applied once at its first match, and at every match. */
export function identityVariants(e: Expr, rules: RuleSet, defs: Definitions, facts: readonly Fact[] = []): Variant[] {
  const out: Variant[] = [];
  for (const rule of identityRules(rules)) {
    const steps: Rewrite[] = [];
    let cur = e;
    for (let k = 0; k < MAX_OCCURRENCES; k++) {
      const hit = firstMatch(cur, rule, defs, facts);
      if (!hit) break;
      steps.push(hit);
      cur = replaceAt(cur, hit.path, hit.application.after);
      if (k === 0) out.push({ steps: [hit], result: cur });
    }
    if (steps.length > 1) out.push({ steps, result: cur });
  }
  return out;
}

function firstMatch(e: Expr, rule: Rule, defs: Definitions, facts: readonly Fact[]): Rewrite | undefined {
  const walk = (n: Expr, path: number[]): Rewrite | undefined => {
    const application = applyRule(rule, n, defs);
    if (application && application.conditions.every((c) => given(c, n, facts))) return { path, application };
    for (let i = 0; i < n.args.length; i++) {
      const hit = walk(n.args[i]!, [...path, i]);
      if (hit) return hit;
    }
    return undefined;
  };
  return nodes(e).length ? walk(e, []) : undefined;
}

/** Whether a rule's condition holds by the facts, or wherever the term it rewrites is defined. */
function given(c: Condition, term: Expr, facts: readonly Fact[]): boolean {
  if (c.expr.kind === 'num') return false; // a true one is never recorded
  if (implies(facts, c.expr, c.kind === 'nonzero' ? '!=' : c.kind === 'positive' ? '>' : '>=')) return true;
  return definednessConditions(term).some((d) => d.expr === c.expr && (d.kind === c.kind || d.kind === 'positive' || (d.kind === 'nonnegative' && c.kind === 'nonnegative')));
}

/** Variants reached by up to `depth` identity rules in a row, the unchanged expression first. */
export function identityClosure(e: Expr, rules: RuleSet, defs: Definitions, depth = 2, limit = 200, facts: readonly Fact[] = []): Variant[] {
  const out: Variant[] = [{ steps: [], result: e }];
  const seen = new Set<Expr>([e]);
  let frontier: Variant[] = [out[0]!];
  for (let d = 0; d < depth && out.length < limit; d++) {
    const next: Variant[] = [];
    for (const v of frontier) {
      for (const w of identityVariants(v.result, rules, defs, facts)) {
        if (seen.has(w.result) || out.length >= limit) continue;
        seen.add(w.result);
        const joined = { steps: [...v.steps, ...w.steps], result: w.result };
        out.push(joined);
        next.push(joined);
      }
    }
    frontier = next;
  }
  return out;
}
