/**
 * Applying one rule of matrix calculus to one node: match, bind the dimension variables from
 * the shapes, decide `free` literally (inside vjp a defined name is held fixed, so free(A, X)
 * means X does not occur in A), check declared scalar variables, and keep only instances
 * that are well shaped. A rule loaded from the rule files under an id is used as loaded;
 * the tables in the code are the contract's rules, for when no file gives them.
 */
import { type Expr, num, sym } from '../expr/node.js';
import { contains, substitute } from '../expr/traverse.js';
import { match } from '../rewrite/match.js';
import { type ShapeOfName, sameShape, shapeOf } from '../expr/matrix.js';
import type { Rule, RuleCondition, RuleSet } from '../rules/types.js';
import type { Condition } from '../proof/types.js';

/**
 * A rule with the pattern variables that must be scalars, and whether its right side may be a
 * scalar standing for that scalar repeated to the left side's shape (`vjp(G, A, X) = 0`,
 * `bcast(s, m) = s`): everywhere else both sides have one shape.
 */
export type MatrixRule = Rule & { readonly scalars?: readonly string[]; readonly repeats?: boolean; readonly shapes?: Readonly<Record<string, DeclaredShape>> };
/** A pattern variable's declared shape, as rules/matrix.rules writes it: `scalar`, `any`, or `[r, c]` (names or integers). */
export type DeclaredShape = 'scalar' | 'any' | 'dim' | readonly [string, string];

export const matrixRule = (id: string, lhs: Expr, rhs: Expr, conditions: RuleCondition[] = [], scalars: readonly string[] = [], repeats = false, shapes?: Readonly<Record<string, DeclaredShape>>): MatrixRule => ({
  id, kind: 'rewrite', name: { en: id, zh: id }, lhs, rhs, conditions, file: 'matrix.rules', line: 0, scalars, repeats, ...(shapes ? { shapes } : {}),
});
export const positive = (v: string, e: Expr): RuleCondition => ({ pred: 'positive', args: [v], expr: e });
export const free = (e: string, x: string): RuleCondition => ({ pred: 'free', args: [e, x] });
export const nonzero = (v: string, e: Expr): RuleCondition => ({ pred: 'nonzero', args: [v], expr: e });

/** The loaded rule under the same id wins (keeping the table's scalar declarations): the rule files are the source of truth. */
export const rulesFor = (table: readonly MatrixRule[], loaded: RuleSet | undefined): readonly MatrixRule[] =>
  table.map((r) => {
    const l = loaded?.byId.get(r.id);
    return l ? { ...l, scalars: r.scalars ?? [], repeats: r.repeats ?? false } : r;
  });

/** Function names that stand for themselves in a pattern (`prime(sigmoid, A)`), not for a variable. */
export const FUNCTION_NAMES: ReadonlySet<string> = new Set(['sigmoid', 'tanh', 'exp', 'log', 'softplus', 'relu']);

export interface MatrixApplication {
  readonly rule: Rule;
  readonly bindings: ReadonlyMap<string, Expr>;
  readonly after: Expr;
  readonly conditions: Condition[];
}

/**
 * The first rule that applies to `node`, with its bindings. Inside a vjp a defined name is
 * held fixed, so `free(A, X)` means X does not occur in A (not "A does not depend on X").
 * Dimension variables (`m`, `c`, `r`) are bound from the shapes, and every instance must be
 * well shaped with the gradient shaped as X: a rule whose instance is not is skipped.
 */
export function applyMatrixRule(rules: readonly MatrixRule[], node: Expr, named: ShapeOfName): MatrixApplication | undefined {
  for (const r of rules) {
    if (!r.lhs || !r.rhs) continue;
    for (const found of match(r.lhs, node)) {
      const b = new Map(found);
      // `prime(sigmoid, A)`: a function's name in a pattern is itself, not a variable.
      if ([...b].some(([k, v]) => FUNCTION_NAMES.has(k) && v !== sym(k))) continue;
      if ((r.scalars ?? []).some((v) => shapeOf(b.get(v)!, named) !== null)) continue;
      if (!bindDimensions(r, b, named) || !declaredShapesHold(r, b, named)) continue;
      if (!r.conditions.every((c) => c.pred !== 'free' || !contains(b.get(c.args[0]!)!, b.get(c.args[1]!)!))) continue;
      const after = substitute(r.rhs, b);
      if (!wellShaped(node, after, named, r.repeats === true)) continue;
      const conditions: Condition[] = r.conditions.flatMap((c) => ((c.pred === 'nonzero' || c.pred === 'positive') && c.expr ? [{ kind: c.pred, expr: substitute(c.expr, b) }] : []));
      return { rule: r, bindings: b, after, conditions };
    }
  }
  return undefined;
}

/**
 * The rule's declared shapes hold of the bindings, as the kernel checks them: a scalar where
 * it says scalar, and each dimension name one dimension throughout (a scalar is 1×1).
 */
function declaredShapesHold(r: MatrixRule, b: ReadonlyMap<string, Expr>, named: ShapeOfName): boolean {
  if (!r.shapes) return true;
  const dims = new Map<string, Expr>();
  for (const [v, d] of Object.entries(r.shapes)) {
    const t = b.get(v);
    if (!t || d === 'any') continue;
    if (d === 'dim') {
      if (!(t.kind === 'sym' || (t.kind === 'num' && t.value.d === 1n && t.value.n > 0n))) return false;
      continue;
    }
    const sh = shapeOf(t, named);
    if (d === 'scalar') {
      if (sh !== null) return false;
      continue;
    }
    const have = sh ?? { rows: num(1), cols: num(1) };
    for (const [want, got] of [[d[0], have.rows], [d[1], have.cols]] as const) {
      if (/^[0-9]+$/.test(want)) {
        if (got !== num(Number(want))) return false;
      } else if ((dims.get(want) ?? got) !== got) return false;
      else dims.set(want, got);
    }
  }
  return true;
}

/** Binds the dimension variables of the right side that the left side does not bind. */
function bindDimensions(r: Rule, b: Map<string, Expr>, named: ShapeOfName): boolean {
  const a = b.get('A');
  const g = b.get('G');
  if (['m.vjp-rowsum', 'm.vjp-colsum', 'm.vjp-softmax', 'm.vjp-softmax-rows'].includes(r.id)) {
    const s = a && shapeOf(a, named);
    if (!s) return false;
    if (r.id === 'm.vjp-rowsum' || r.id === 'm.vjp-softmax-rows') b.set('c', s.cols);
    else b.set('r', s.rows);
  }
  if (r.id === 'm.vjp-repeat') {
    const s = a && shapeOf(a, named);
    if (!s) return false;
    b.set('r', s.rows).set('c', s.cols);
  }
  // A scalar gradient through a shaped broadcast or product is repeated first (m.vjp-repeat); through a 1×1 one it is the gradient.
  const e = r.lhs?.kind === 'call' && r.lhs.args[1] ? substitute(r.lhs.args[1], b) : undefined;
  if ((r.id.startsWith('m.vjp-bcast') || r.id === 'm.vjp-matmul' || r.id === 'm.vjp-transpose') && g && shapeOf(g, named) === null && (!e || shapeOf(e, named) !== null)) return false;
  return true;
}

/** The step keeps the shape (the gradient of `vjp(G, X, X) = G` has X's shape), or, where the rule repeats a scalar, gives a scalar. */
function wellShaped(before: Expr, after: Expr, named: ShapeOfName, repeats: boolean): boolean {
  try {
    const s = shapeOf(after, named);
    return sameShape(s, shapeOf(before, named)) || (repeats && s === null);
  } catch {
    return false;
  }
}

