/**
 * A result written with the functions it spells out: `exp(u)/(1 + exp(u))` is `sigmoid(u)`.
 * The forms are the rules of rules/identities.rules whose ids start with `fold.` (each
 * checked numerically when it loads); each use is a rule step the kernel re-matches. A form
 * is used only where it needs no condition, so a result is never narrowed to read better.
 */
import type { Expr } from '../expr/node.js';
import type { Definitions } from '../expr/context.js';
import type { Rule, RuleSet } from '../rules/types.js';
import { applyRule, type Application } from '../rewrite/apply.js';
import type { Derivation } from '../rewrite/builder.js';

/** The `fold.*` rules, in file order. */
const foldRules = (rules: RuleSet): Rule[] => rules.rules.filter((r) => r.kind === 'rewrite' && r.id.startsWith('fold.'));

/** Writes every subterm a `fold.*` rule matches (outside derivatives) in the function's name, one step each. */
export function intoNamedFunctions(d: Derivation, rules: RuleSet, defs: Definitions): void {
  const folds = foldRules(rules);
  if (!folds.length) return;
  for (let guard = 0; guard < 1000; guard++) {
    const hit = find(d.current, [], folds, defs);
    if (!hit) return;
    d.replace('rule', hit.app.rule.id, hit.path, hit.app.after, hit.app.conditions, hit.app.bindings);
  }
}

function find(e: Expr, path: number[], folds: readonly Rule[], defs: Definitions): { path: number[]; app: Application } | undefined {
  if (e.kind === 'call' && e.fn === 'diff') return undefined;
  for (let i = 0; i < e.args.length; i++) {
    const hit = find(e.args[i]!, [...path, i], folds, defs);
    if (hit) return hit;
  }
  for (const r of folds) {
    const app = applyRule(r, e, defs);
    if (app && app.conditions.length === 0) return { path, app };
  }
  return undefined;
}
