/**
 * Where a rule is tried when it loads: values of both signs over six decades (1e-3 to 1e3),
 * simple exact values (0, ±1, ±1/2, ...), and points just either side of every boundary the
 * rule has (a condition's quantity, a comparison, the argument of abs, relu, log or sqrt):
 * a rule false only for x < 0, only for large |x|, or only just past a kink is caught there.
 */
import { type Expr, add, call, mul, sub, sym } from '../expr/node.js';
import { nodes, symbols } from '../expr/traverse.js';
import type { FunctionTable } from '../expr/eval.js';
import { valueAt } from '../expr/numeric.js';
import { Definitions } from '../expr/context.js';
import { uniform, type Random } from '../expr/random.js';

const SIMPLE = [0, 1, -1, 2, -2, 0.5, -0.5, 3, -3, 10, -10];

/** A number of either sign: simple values, the unit range, or any magnitude from 1e-3 to 1e3. */
export function wideValue(rnd: Random): number {
  const k = rnd();
  if (k < 0.12) return SIMPLE[Math.floor(rnd() * SIMPLE.length)]!;
  const sign = rnd() < 0.5 ? -1 : 1;
  if (k < 0.45) return sign * uniform(rnd, 0, 2.5);
  return sign * 10 ** uniform(rnd, -3, 3);
}

/** The names the test functions' coefficients take in a point (never a pattern variable's name). */
export const isCoefficient = (name: string): boolean => name.startsWith('#');

/**
 * A smooth test function of `x` that a pattern variable stands for under a derivative:
 * `a*sin(b*x + c) + d` or `a*x + d`, its coefficients fresh names given values in `point`.
 */
export function testFunction(rnd: Random, x: string, point: Record<string, number>, n: number): Expr {
  const coef = (name: string, v: number): Expr => {
    point[`#${name}${n}`] = v;
    return sym(`#${name}${n}`);
  };
  const a = coef('a', wideValue(rnd) || 1);
  const d = coef('d', wideValue(rnd));
  if (rnd() < 0.3) return add(mul(a, sym(x)), d);
  const b = coef('b', (rnd() < 0.5 ? -1 : 1) * uniform(rnd, 0.2, 3));
  return add(mul(a, call('sin', add(mul(b, sym(x)), coef('c', uniform(rnd, -3, 3))))), d);
}

/**
 * A test comparison for a pattern variable that stands where a piecewise condition does:
 * two test functions of `x` (or, in a rule without a derivative, two numbers) compared by a
 * relation chosen at random, so a rule about any condition is tried on each kind of one.
 */
export function testComparison(rnd: Random, x: string | undefined, point: Record<string, number>, next: () => number): Expr {
  const side = (): Expr => {
    const n = next();
    if (x !== undefined) return testFunction(rnd, x, point, n);
    point[`#p${n}`] = wideValue(rnd);
    return sym(`#p${n}`);
  };
  return call(RELATIONS[Math.floor(rnd() * RELATIONS.length)]!, side(), side());
}

const RELATIONS = ['gt', 'lt', 'ge', 'le'] as const;

/** The pattern variables that stand where a piecewise condition does: `c` in `piecewise(p < q, u, c, v)`. */
export function conditionVariables(e: Expr): Set<string> {
  const out = new Set<string>();
  for (const n of nodes(e)) {
    if (n.kind !== 'call' || n.fn !== 'piecewise') continue;
    for (let i = 0; i + 1 < n.args.length; i += 2) if (n.args[i]!.kind === 'sym') out.add((n.args[i] as Expr & { kind: 'sym' }).name);
  }
  return out;
}

/** Quantities whose sign changes what the expression is: where a rule may go wrong on one side only. */
export function boundaries(exprs: readonly Expr[]): Expr[] {
  const out = new Set<Expr>();
  for (const e of exprs)
    for (const n of nodes(e)) {
      if (n.kind !== 'call') continue;
      if (['gt', 'lt', 'ge', 'le'].includes(n.fn) && n.args.length === 2) out.add(sub(n.args[0]!, n.args[1]!));
      else if (['abs', 'relu', 'log', 'sqrt', 'sign'].includes(n.fn) && n.args.length === 1) out.add(n.args[0]!);
    }
  for (const b of [...out]) if (![...symbols(b)].some((s) => s !== 'pi')) out.delete(b);
  return [...out];
}

const EMPTY = new Definitions([]);

/** The float value of `e` at `point`, NaN where it is undefined or cannot be computed. */
export function floatValue(e: Expr, point: Readonly<Record<string, number>>, fns: FunctionTable): number {
  try {
    return valueAt(e, point, EMPTY, { fns });
  } catch {
    return NaN;
  }
}

/**
 * Moves one variable of `g` (preferring `prefer`) so that `g` is just off zero, on a side and
 * at a distance (1e-9 to 1e-1, relative) chosen at random; false if no zero is found nearby.
 */
export function nudgeToBoundary(g: Expr, point: Record<string, number>, fns: FunctionTable, rnd: Random, prefer: readonly string[]): boolean {
  const vars = [...symbols(g)].filter((s) => s !== 'pi' && s in point);
  if (!vars.length) return false;
  const own = vars.filter((v) => prefer.includes(v));
  const pool = own.length ? own : vars;
  const v = pool[Math.floor(rnd() * pool.length)]!;
  const at = (t: number): number => floatValue(g, { ...point, [v]: t }, fns);
  // Secant steps from the sampled value: one step for the usual linear quantity (x - 5, p - q).
  let [t0, t1] = [point[v]!, point[v]! + 0.5 * Math.max(1, Math.abs(point[v]!))];
  let [g0, g1] = [at(t0), at(t1)];
  const scale = Math.max(1, Math.abs(g0));
  for (let i = 0; i < 40 && Number.isFinite(g1) && g1 !== 0; i++) {
    if (!Number.isFinite(g0) || g1 === g0) return false;
    const t2 = t1 - (g1 * (t1 - t0)) / (g1 - g0);
    [t0, g0, t1, g1] = [t1, g1, t2, at(t2)];
    if (Math.abs(t1 - t0) <= 1e-15 * Math.max(1, Math.abs(t1))) break;
  }
  if (!Number.isFinite(t1) || !(Math.abs(g1) <= 1e-9 * scale)) return false;
  const delta = [1e-9, 1e-6, 1e-3, 1e-1][Math.floor(rnd() * 4)]! * Math.max(1, Math.abs(t1));
  point[v] = t1 + (rnd() < 0.5 ? -delta : delta);
  return true;
}
