/**
 * Deciding `a = b`: proven by algebra (quotients of polynomials over atoms, first with the
 * user's names as atoms, then with definitions unfolded); refuted by a point where the two
 * sides differ, confirmed at 50 digits; otherwise unknown. A numeric agreement never
 * makes anything proven.
 */
import type { Expr } from '../expr/node.js';
import type { Definitions } from '../expr/context.js';
import { hasDiff, symbols } from '../expr/traverse.js';
import { PolyLimit, equalModulo, rationallyEqual } from '../expr/poly.js';
import { add, mul, num } from '../expr/node.js';
import { close, valueAt } from '../expr/numeric.js';
import { NotPrecise, reallyDifferent } from '../expr/precise.js';
import { seededRandom } from '../expr/random.js';
import type { FunctionTable } from '../expr/eval.js';
import { type FunctionDefs, openAllCalls } from '../expr/functions.js';
import { freeSymbols } from '../expr/indexed.js';
import { baseName, hasIndexRoles, indexRoles, isRealKey, placeIndexed } from '../expr/sample.js';
import { unfoldDefinitions } from '../expr/unfold.js';
import type { Assumption } from './types.js';

/** `proven` (decided symbolically and replayed), `refuted` (a point where the sides differ), or `unknown`. */
export type Verdict = 'proven' | 'refuted' | 'unknown';

export interface Decision {
  readonly verdict: Verdict;
  /** For `refuted`: values of the free variables, and both sides there. */
  readonly counterexample?: { readonly point: Readonly<Record<string, number>>; readonly left: number; readonly right: number };
  /** For `unknown`: how many sample points agreed, or why nothing could be sampled. */
  readonly evidence?: string;
}

/** Replaces every defined name by its definition, outside derivatives by that name. */
export function unfoldAll(e: Expr, defs: Definitions): Expr {
  return unfoldDefinitions(e, defs);
}

/** Whether `a = b` holds as an identity of rational functions, with or without unfolding names. */
export function algebraicallyEqual(a: Expr, b: Expr, defs: Definitions, functions: FunctionDefs = new Map()): boolean {
  const within = (x: Expr, y: Expr): boolean => {
    try {
      return rationallyEqual(x, y);
    } catch (err) {
      if (err instanceof PolyLimit) return false;
      throw err;
    }
  };
  if (within(a, b)) return true;
  if (hasDiff(a) || hasDiff(b)) return false;
  const [ua, ub] = [unfoldAll(a, defs), unfoldAll(b, defs)];
  return within(ua, ub) || (functions.size > 0 && within(openAllCalls(ua, functions), openAllCalls(ub, functions)));
}


export interface SampleOptions {
  readonly fns?: FunctionTable;
  /** Defined functions, opened up when algebra alone does not decide. */
  readonly functions?: FunctionDefs;
  readonly assumptions?: readonly Assumption[];
  /** Expressions that must be defined at a sample point (the loss, say). */
  readonly domain?: readonly Expr[];
  readonly seed?: number;
  readonly samples?: number;
}

// Readable candidate values first: a counterexample like `y = 0.5, z2 = 1` is easy to check by hand.
const NICE = [0.5, 1, -1, 2, 0.25, -0.5, 1.5, -2, 0.75, 3, -1.5, 0.3];

/** The stated equation that makes `a = b` by algebra, if one does (`y1 + y2 + y3 = 1`). */
export function equationGiving(a: Expr, b: Expr, assumptions: readonly Assumption[], defs: Definitions): Assumption | undefined {
  return assumptions.find((f) => {
    if (f.op !== '=') return false;
    const eq = add(f.lhs, mul(num(-1), f.rhs));
    try {
      if (equalModulo(a, b, eq)) return true;
      return !hasDiff(a) && !hasDiff(b) && equalModulo(unfoldAll(a, defs), unfoldAll(b, defs), unfoldAll(eq, defs));
    } catch (err) {
      if (err instanceof PolyLimit) return false;
      throw err;
    }
  });
}

/** Decides `a = b`. */
export function decideEquality(a: Expr, b: Expr, defs: Definitions, options: SampleOptions = {}): Decision {
  if (a === b || algebraicallyEqual(a, b, defs, options.functions)) return { verdict: 'proven' };
  if (equationGiving(a, b, options.assumptions ?? [], defs)) return { verdict: 'proven' };
  const vars = defs.freeVariables([a, b, ...(options.domain ?? [])]);
  const rnd = seededRandom(options.seed ?? 12345);
  const roles = indexRoles([a, b, ...(options.domain ?? []), ...defs.list.map((d) => d.expr), ...(options.assumptions ?? []).flatMap((f) => [f.lhs, f.rhs])], (f) => defs.isFamily(f));
  const indexed = hasIndexRoles(roles);
  const samples = options.samples ?? 24;
  let agreed = 0;
  let unconfirmed = 0;
  for (let t = 0; t < samples * 8 && agreed < samples; t++) {
    const point: Record<string, number> = {};
    const draw = (): number => (t < 8 ? NICE[Math.floor(rnd() * NICE.length)]! : Math.round((rnd() * 6 - 3) * 100) / 100);
    for (const v of vars) point[v] = draw();
    if (indexed) placeIndexed(point, roles, rnd, draw);
    const fnOpt = options.fns ? { fns: options.fns } : {};
    if (!satisfyEquations(options.assumptions ?? [], point, defs, fnOpt)) continue;
    let left: number;
    let right: number;
    try {
      if ((options.domain ?? []).some((d) => !Number.isFinite(valueAt(d, point, defs, fnOpt)))) continue;
      if (!assumptionsHold(options.assumptions ?? [], point, defs, options.fns)) continue;
      left = valueAt(a, point, defs, fnOpt);
      right = valueAt(b, point, defs, fnOpt);
    } catch {
      continue;
    }
    if (!Number.isFinite(left) || !Number.isFinite(right)) continue;
    if (close(left, right, 1e-7)) {
      agreed++;
      continue;
    }
    if (confirmed(a, b, point, defs, options.functions)) return { verdict: 'refuted', counterexample: { point, left, right } };
    unconfirmed++;
  }
  return {
    verdict: 'unknown',
    evidence: unconfirmed
      ? `the two sides differ in floating point at ${unconfirmed} sample points, but no difference could be confirmed at high precision`
      : agreed
        ? `the two sides agree at ${agreed} sample points, but no algebraic proof was found`
        : 'no point of the domain could be sampled',
  };
}

/** Re-evaluates both sides at 60 and 120 digits; a refutation stands only if the difference is real. */
function confirmed(a: Expr, b: Expr, point: Record<string, number>, defs: Definitions, functions?: FunctionDefs): boolean {
  try {
    return reallyDifferent(a, b, point, defs, functions);
  } catch (err) {
    if (err instanceof NotPrecise) return false;
    throw err;
  }
}

/**
 * Moves the point onto each stated equation by Newton's method in the equation's first
 * free variable, so sampling respects facts such as `y1 + y2 + y3 = 1`.
 */
export function satisfyEquations(assumptions: readonly Assumption[], point: Record<string, number>, defs: Definitions, opt: { fns?: FunctionTable }): boolean {
  for (const f of assumptions) {
    if (f.op !== '=') continue;
    const g = add(f.lhs, mul(num(-1), f.rhs));
    // A real variable the equation moves with (a member of a family counts; an index does not).
    const roles = indexRoles([g, ...defs.list.map((d) => d.expr)], (x) => defs.isFamily(x));
    const names = freeSymbols(g);
    const candidates = Object.keys(point).filter((k) => names.has(baseName(k)) && isRealKey(k, roles)).sort();
    if (!candidates.some((v) => newton(g, v, point, defs, opt))) return false;
  }
  return true;
}

/** Newton's method on `g = 0` in the variable `v`; false when g does not move with v. */
function newton(g: Expr, v: string, point: Record<string, number>, defs: Definitions, opt: { fns?: FunctionTable }): boolean {
  for (let i = 0; i < 40; i++) {
    const y = valueAt(g, point, defs, opt);
    if (!Number.isFinite(y)) return false;
    if (Math.abs(y) < 1e-13) return true;
    const h = 1e-6 * Math.max(1, Math.abs(point[v]!));
    const x0 = point[v]!;
    point[v] = x0 + h;
    const slope = (valueAt(g, point, defs, opt) - y) / h;
    point[v] = x0;
    if (!Number.isFinite(slope) || slope === 0) return false;
    point[v] = x0 - y / slope;
  }
  return Math.abs(valueAt(g, point, defs, opt)) < 1e-9;
}

/** Whether every assumption holds at the point (equations to 1e-9). */
export function assumptionsHold(
  assumptions: readonly Assumption[],
  point: Readonly<Record<string, number>>,
  defs: Definitions,
  fns?: FunctionTable,
): boolean {
  const opt = fns ? { fns } : {};
  for (const s of assumptions) {
    const l = valueAt(s.lhs, point, defs, opt);
    const r = valueAt(s.rhs, point, defs, opt);
    const ok =
      s.op === '=' ? close(l, r, 1e-9) : s.op === '!=' ? !close(l, r, 1e-12) : s.op === '<' ? l < r : s.op === '<=' ? l <= r : s.op === '>' ? l > r : l >= r;
    if (!ok) return false;
  }
  return true;
}

/** Names the two sides use (for messages). */
export const namesIn = (e: Expr): string[] => [...symbols(e)].sort();
