/** Applying one rule to one node: match, check the decidable conditions, instantiate. */
import type { Expr } from '../expr/node.js';
import type { Definitions } from '../expr/context.js';
import { type Path, at, substitute } from '../expr/traverse.js';
import { variableName } from '../expr/indexed.js';
import { isContinuousWhereDefined } from '../expr/total.js';
import { unfoldDefinitions } from '../expr/unfold.js';
import type { Rule, RuleSet } from '../rules/types.js';
import type { Condition } from '../proof/types.js';
import { match, mayMatch, type Bindings } from './match.js';
import { bindShapes, definedShapes, keepsShape, literalBindings, matrixRules, occursIn } from './shaped.js';

export interface Application {
  readonly rule: Rule;
  readonly bindings: Bindings;
  readonly after: Expr;
  readonly conditions: Condition[];
}

/**
 * The first way `rule` applies to `node`, or undefined. A matrix rule (src/rewrite/shaped.ts)
 * matches only terms of its declared shapes, and its bindings hold the dimensions. `free(c, x)` is decided here
 * through the definitions (a name that depends on x is not free of it), and so is
 * `continuous(e)` (e with every definition opened cannot jump: the kernel asks the same);
 * `nonzero` and `positive` become the step's conditions, except where they are plainly true numbers.
 */
export function applyRule(rule: Rule, node: Expr, defs: Definitions): Application | undefined {
  if (!rule.lhs || !rule.rhs || !mayMatch(rule.lhs, node)) return undefined;
  // A function of the rule, the (interned) node and the (immutable) definitions only, so
  // it is remembered: differentiating asks every rule at every step.
  let byRule = APPLICATIONS.get(defs);
  if (!byRule) APPLICATIONS.set(defs, (byRule = new WeakMap()));
  let byNode = byRule.get(rule);
  if (!byNode) byRule.set(rule, (byNode = new WeakMap()));
  const known = byNode.get(node);
  if (known !== undefined) return known ?? undefined;
  let out: Application | undefined;
  // A matrix rule: literals match themselves, variables only terms of their shapes, and the dimensions are bound too.
  const named = rule.shapes ? definedShapes(defs) : undefined;
  for (const m of match(rule.lhs, node, named ? literalBindings(rule) : new Map())) {
    const b = named ? bindShapes(rule, m, named) : m;
    if (!b || !freeConditionsHold(rule, b, defs) || failsOnANumber(rule, b) || !continuousConditionsHold(rule, b, defs)) continue;
    const after = substitute(rule.rhs, b);
    if (named && !keepsShape(node, after, named)) continue;
    out = { rule, bindings: b, after, conditions: sideConditions(rule, b) };
    break;
  }
  byNode.set(node, out ?? null);
  return out;
}

/**
 * The first matrix rule (in the order written) that applies to the subterm of `expr` at
 * `path`: the engine records it as `d.replace('rule', app.rule.id, path, app.after,
 * app.conditions, app.bindings)`, the bindings holding the dimensions and the literals.
 */
export function applyMatrixRuleAt(rules: RuleSet, expr: Expr, path: Path, defs: Definitions): Application | undefined {
  const node = at(expr, path);
  if (node === undefined) return undefined;
  for (const r of matrixRules(rules)) {
    const app = applyRule(r, node, defs);
    if (app) return app;
  }
  return undefined;
}

/** applyRule's answers, per definitions, rule and node (null: it does not apply). A memo, not state. */
const APPLICATIONS = new WeakMap<Definitions, WeakMap<Rule, WeakMap<Expr, Application | null>>>();

/** Whether every `free(c, x)` condition of the rule holds for these bindings. */
export function freeConditionsHold(rule: Rule, b: Bindings, defs: Definitions): boolean {
  for (const c of rule.conditions) {
    if (c.pred !== 'free') continue;
    const what = b.get(c.args[0]!);
    const x = b.get(c.args[1]!);
    // In a matrix rule, inside vjp: only an explicit X moves, a defined name is held fixed.
    if (rule.shapes) {
      if (!what || !x || occursIn(x, what)) return false;
      continue;
    }
    // By a name, or by a member of a family (then by the whole family: z[k] depends on z[i]).
    const name = x ? variableName(x) : undefined;
    if (!what || name === undefined) return false;
    if (defs.exprDependsOn(what, name)) return false;
  }
  return true;
}

/** Whether a `nonzero`/`positive` condition is a number that fails it (`positive(0)` for 0^v): the rule does not apply there. */
function failsOnANumber(rule: Rule, b: Bindings): boolean {
  return rule.conditions.some((c) => {
    const e = (c.pred === 'nonzero' || c.pred === 'positive') && c.expr ? substitute(c.expr, b) : undefined;
    return e?.kind === 'num' && !(c.pred === 'nonzero' ? e.value.n !== 0n : e.value.n > 0n);
  });
}

/** Whether every `continuous(e)` condition holds: e, its names opened through the definitions, is built only of what cannot jump. */
export function continuousConditionsHold(rule: Rule, b: Bindings, defs: Definitions): boolean {
  return rule.conditions.every((c) => c.pred !== 'continuous' || (c.expr !== undefined && isContinuousWhereDefined(unfoldDefinitions(substitute(c.expr, b), defs))));
}

/** The switch (a `continuous(e)` condition, instantiated) that alone keeps `rule` from applying to `node`, if one does: for the message. */
export function jumpingSwitch(rule: Rule, node: Expr, defs: Definitions): Expr | undefined {
  if (!rule.lhs || !rule.rhs || !mayMatch(rule.lhs, node)) return undefined;
  for (const b of match(rule.lhs, node)) {
    if (!freeConditionsHold(rule, b, defs)) continue;
    const c = rule.conditions.find((k) => k.pred === 'continuous' && k.expr && !isContinuousWhereDefined(unfoldDefinitions(substitute(k.expr, b), defs)));
    if (c) return substitute(c.expr!, b);
  }
  return undefined;
}

/** The `nonzero`/`positive` conditions of a rule instance, without the plainly true ones. */
export function sideConditions(rule: Rule, b: Bindings): Condition[] {
  const out: Condition[] = [];
  for (const c of rule.conditions) {
    if (c.pred === 'free' || c.pred === 'continuous') continue;
    const e = c.expr ? substitute(c.expr, b) : undefined;
    if (!e) continue;
    if (e.kind === 'num' && (c.pred === 'nonzero' ? e.value.n !== 0n : e.value.n > 0n)) continue;
    out.push({ kind: c.pred, expr: e });
  }
  return out;
}
