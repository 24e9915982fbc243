/**
 * Every gradient of a network at once, in reverse mode: `∂L/∂v` for each name v, from the
 * loss down. A name's gradient goes through the names that use it, `∂L/∂v = Σ ∂L/∂c · ∂c/∂v`,
 * citing `∂L/∂c` (already proven, never derived again) and the local `∂c/∂v`.
 */
import { type Expr, add, diff, mul, sym } from '../expr/node.js';
import { asFraction, type FactorOrder } from '../expr/display.js';
import { pathsOf } from '../expr/traverse.js';
import { simplify } from '../algebra/simplify.js';
import { intoNames } from '../algebra/fold.js';
import { type Calculus, proveLemma } from './derive.js';

export interface Gradient {
  readonly wrt: string;
  /** The lemma `diff(L, wrt) = result`. */
  readonly lemma: number;
  readonly result: Expr;
  /** How to write the result in the chain's order. */
  readonly order: FactorOrder;
}

/** The gradient of `loss` for every name it depends on, the names nearest the loss first. */
export function allGradients(c: Calculus, loss: string): Gradient[] {
  const defs = c.defs;
  const names = [...defs.order.filter((n) => n !== loss && defs.dependsOn(loss, n)).reverse(), ...defs.freeVariables().filter((v) => defs.dependsOn(loss, v))];
  const done = new Map<string, Gradient>();
  for (const v of names) done.set(v, gradient(c, loss, v, done));
  return names.map((v) => done.get(v)!);
}

function gradient(c: Calculus, loss: string, v: string, done: ReadonlyMap<string, Gradient>): Gradient {
  const defs = c.defs;
  const node = diff(sym(loss), sym(v));
  const users = defs.order.filter((n) => defs.inputs(n).has(v) && (n === loss || defs.dependsOn(loss, n)));
  const through = users.filter((u) => u !== loss);
  const antichain = through.every((a) => through.every((b) => a === b || !defs.dependsOn(a, b)));
  if (users.includes(loss) || !antichain || !through.every((u) => done.has(u))) {
    // Used by the loss itself (or no clean cut): the local derivative, worked out directly.
    const l = proveLemma(c, node);
    return { wrt: v, lemma: l.index, result: l.result, order: new Map(asFraction(l.result).numerator.map((f) => [f, 0])) };
  }
  const d = c.recorder.lemma(node);
  d.beginPhase(node, 'chain');
  const bindings = new Map(through.map((u, i) => [`m${i + 1}`, sym(u)]));
  d.replace('chain', 'chain', [], add(...through.map((u) => mul(diff(sym(loss), sym(u)), diff(sym(u), sym(v))))), [], bindings);
  d.beginPhase(node, 'lemma');
  const order = new Map<Expr, number>();
  let next = 0;
  for (const u of through) {
    // ∂L/∂u is cited, as proven; ∂u/∂v is the local derivative.
    const upstream = done.get(u)!;
    use(d, diff(sym(loss), sym(u)), upstream.lemma, upstream.result);
    for (const [f, r] of upstream.order) if (!order.has(f)) order.set(f, r);
    next = Math.max(next, ...upstream.order.values(), 0) + 1;
    const local = proveLemma(c, diff(sym(u), sym(v)));
    use(d, diff(sym(u), sym(v)), local.index, local.result);
    for (const f of [local.result, ...asFraction(local.result).numerator]) if (!order.has(f)) order.set(f, next);
  }
  d.beginPhase(node, 'simplify');
  simplify(d);
  intoNames(d, defs, c.noFold ?? new Set(), simplify);
  simplify(d);
  d.endPhase();
  c.recorder.finishLemma(d);
  c.lemmas.set(node, { index: d.index, result: d.current });
  return { wrt: v, lemma: d.index, result: d.current, order };
}

function use(d: ReturnType<Calculus['recorder']['lemma']>, start: Expr, lemma: number, result: Expr): void {
  for (;;) {
    const path = pathsOf(d.current, start)[0];
    if (!path) return;
    d.replace('lemma', 'lemma', path, result, [], new Map(), lemma);
  }
}
