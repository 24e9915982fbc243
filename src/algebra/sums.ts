/**
 * Sums over an index, taken apart the way a textbook does: a body that is a product of a
 * sum is expanded, a sum of terms is split (`sum.split`), factors free of the index come
 * out (`sum.factor`), and a sum of a Kronecker delta keeps its one term (`sum.delta`, when
 * the stated facts put the index in range). Each move is a recorded step: the rules by
 * their ids, the expansion as algebra, the sifting as an index step.
 */
import type { Expr } from '../expr/node.js';
import type { Definitions } from '../expr/context.js';
import type { Fact } from '../expr/bounds.js';
import { at } from '../expr/traverse.js';
import { bindersAbove, binderOf, freeSymbols, indexNames, isSum } from '../expr/indexed.js';
import { siftedSum } from '../expr/sift.js';
import type { RuleSet } from '../rules/types.js';
import { applyRule } from '../rewrite/apply.js';
import type { Derivation } from '../rewrite/builder.js';
import { expand } from './expand.js';
import { simplify } from './simplify.js';

type Move = (d: Derivation, path: number[], node: Expr & { kind: 'call' }) => boolean;

/** Takes the sums of the derivation apart until no move applies, simplifying between rounds. */
export function simplifySums(d: Derivation, rules: RuleSet, defs: Definitions, facts: readonly Fact[]): void {
  if (!hasSum(d.current)) return;
  // Names the definitions and facts use free: inside a sum over one of them, a step that
  // unfolds or cites a fact would confuse the bound index with the free name.
  const factNames = new Set<string>();
  for (const def of defs.list) for (const n of freeSymbols(def.expr)) if (n !== def.index) factNames.add(n);
  for (const f of facts) for (const e of [f.lhs, f.rhs]) freeSymbols(e).forEach((n) => factNames.add(n));
  const indices = indexNames([d.start, ...defs.list.map((x) => x.expr), ...facts.flatMap((f) => [f.lhs, f.rhs])]);
  const rule = (id: string): Move => (dd, path, node) => {
    const r = rules.byId.get(id);
    const app = r && applyRule(r, node, defs);
    if (!app) return false;
    dd.replace('rule', id, path, app.after, app.conditions, app.bindings);
    return true;
  };
  const sift: Move = (dd, path, node) => {
    const s = siftedSum(node, facts, indices);
    if (!s.ok) return false;
    dd.replace('index', 'sum.delta', path, s.result);
    return true;
  };
  const expandBody: Move = (dd, path, node) => {
    const body = node.args[3]!;
    if (body.kind !== 'mul' || !body.args.some((f) => f.kind === 'add')) return false;
    if (factNames.has(binderOf(node))) return false;
    const expanded = expand(body);
    if (!expanded) return false;
    dd.replace('algebra', 'alg.expand', [...path, 3], expanded);
    return true;
  };
  const moves: Move[] = [sift, rule('sum.split'), rule('sum.factor'), expandBody];
  for (let round = 0; round < 500; round++) {
    if (!moveOnce(d, d.current, [], moves, factNames)) {
      if (round > 0) simplify(d);
      if (!anyMove(d, moves, factNames)) return;
    }
  }
}

/** The first move that applies at a sum, innermost first; whether one did. */
function moveOnce(d: Derivation, e: Expr, path: number[], moves: readonly Move[], factNames: ReadonlySet<string>): boolean {
  if (e.kind === 'call' && e.fn === 'diff') return false;
  for (let i = 0; i < e.args.length; i++) if (moveOnce(d, e.args[i]!, [...path, i], moves, factNames)) return true;
  if (!isSum(e)) return false;
  // Inside a sum over a name the facts use, only rule steps are sound; keep out.
  if (bindersAbove(d.current, path).some((k) => factNames.has(k))) return false;
  if (at(d.current, path) !== e) return false;
  return moves.some((m) => m(d, path, e));
}

function anyMove(d: Derivation, moves: readonly Move[], factNames: ReadonlySet<string>): boolean {
  return moveOnce(d, d.current, [], moves, factNames);
}

const hasSum = (e: Expr): boolean => isSum(e) || e.args.some(hasSum);
