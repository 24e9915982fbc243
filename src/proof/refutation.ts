/**
 * A counterexample is reported only when it is real. A point found in floating point lies
 * on a stated equation only to rounding (`y1 + y2 = 0.99999999999999978`), and a difference
 * there may be nothing but that rounding, amplified. So each stated equation is solved again
 * for one of its variables at 60 and at 120 digits, every stated fact is checked there in
 * high precision, and the two sides must differ by the same amount at both precisions.
 * The point reported is the 120-digit one, rounded to doubles; the values, its 120-digit ones.
 */
import { type Expr, add, mul, num } from '../expr/node.js';
import type { Definitions } from '../expr/context.js';
import type { FunctionDefs } from '../expr/functions.js';
import { freeSymbols } from '../expr/indexed.js';
import { NotPrecise, type PrecisePoint, preciseCompare, preciseValue, sameDifference, solvePrecise, solveSystemPrecise } from '../expr/precise.js';
import { baseName, indexRoles, isRealKey } from '../expr/sample.js';
import { decimal, nearestMember, setVariable } from './label-sets.js';
import type { Assumption } from './types.js';

export interface Counterexample {
  readonly point: Readonly<Record<string, number>>;
  readonly left: number;
  readonly right: number;
}

export interface RefutationContext {
  readonly defs: Definitions;
  readonly assumptions: readonly Assumption[];
  /** Expressions that must be defined at the point. */
  readonly domain: readonly Expr[];
  readonly functions?: FunctionDefs;
}

const DIGITS = [60, 120] as const;

/** The counterexample `a != b` at (a refinement of) `point`, confirmed in high precision; undefined if it is not real. */
export function confirmRefutation(a: Expr, b: Expr, point: Readonly<Record<string, number>>, ctx: RefutationContext): Counterexample | undefined {
  try {
    const refined = new Map<number, PrecisePoint>();
    for (const d of DIGITS) {
      const p = onTheFacts(point, ctx, d);
      if (!p) return undefined;
      refined.set(d, p);
    }
    const value = (e: Expr) => (d: number): string => preciseValue(e, refined.get(d)!, ctx.defs, d, ctx.functions);
    if (!sameDifference(value(a), value(b))) return undefined;
    const top = refined.get(120)!;
    const left = Number(value(a)(120));
    const right = Number(value(b)(120));
    if (!Number.isFinite(left) || !Number.isFinite(right)) return undefined;
    return { point: Object.fromEntries(Object.entries(top).map(([k, v]) => [k, Number(v)])), left, right };
  } catch (err) {
    if (err instanceof NotPrecise) return undefined;
    throw err;
  }
}

/**
 * Whether the stated facts hold at (a refinement of) the point in 60-digit arithmetic, each
 * equation solved again there; undefined when they cannot be evaluated that precisely.
 */
export function preciselySatisfied(point: Readonly<Record<string, number>>, ctx: RefutationContext): boolean | undefined {
  try {
    return onTheFacts(point, ctx, 60) !== undefined;
  } catch (err) {
    if (err instanceof NotPrecise) return undefined;
    throw err;
  }
}

/**
 * The point with each stated equation solved again at `digits` digits (a few sweeps, each
 * equation in a variable of its own where it can), if every stated fact then holds there
 * and the domain is defined; else undefined.
 */
function onTheFacts(start: Readonly<Record<string, number>>, ctx: RefutationContext, digits: number): PrecisePoint | undefined {
  const p: Record<string, number | string> = { ...start };
  // A label set's name sits exactly on the member nearest to where it was drawn.
  const fixed = new Set<string>();
  for (const f of ctx.assumptions) {
    const v = setVariable(f);
    if (v === undefined || typeof p[v] !== 'number') continue;
    p[v] = decimal(nearestMember(f, p[v] as number), digits);
    fixed.add(v);
  }
  const equations = ctx.assumptions.filter((f) => f.op === '=' && !fixed.has(setVariable(f) ?? ''));
  const roles = indexRoles([...equations.flatMap((f) => [f.lhs, f.rhs]), ...ctx.defs.list.map((d) => d.expr)], (x) => ctx.defs.isFamily(x));
  const taken = new Set<string>();
  const plan = equations.map((f) => {
    const g = add(f.lhs, mul(num(-1), f.rhs));
    const names = freeSymbols(g);
    const candidates = Object.keys(p).filter((k) => names.has(baseName(k)) && isRealKey(k, roles) && !fixed.has(k)).sort();
    const v = candidates.find((k) => !taken.has(k)) ?? candidates[0];
    if (v !== undefined) taken.add(v);
    return { f, g, v };
  });
  const vars = plan.map((q) => q.v);
  if (plan.length > 1 && vars.every((v) => v !== undefined) && new Set(vars).size === vars.length) {
    // Several equations: solved together, each in a variable of its own.
    const solved = solveSystemPrecise(plan.map((q) => q.g), vars as string[], p, ctx.defs, digits, ctx.functions);
    if (!solved) return undefined;
    Object.assign(p, solved);
  }
  for (let sweep = 0; sweep < 4; sweep++) {
    if (plan.every(({ f }) => holds(f, p, ctx, digits))) break;
    for (const { g, v } of plan) {
      if (v === undefined) return undefined;
      const x = solvePrecise(g, v, p, ctx.defs, digits, ctx.functions);
      if (x === undefined) return undefined;
      p[v] = x;
    }
  }
  if (!ctx.assumptions.every((f) => holds(f, p, ctx, digits))) return undefined;
  for (const e of ctx.domain) if (Number.isNaN(Number(preciseValue(e, p, ctx.defs, digits, ctx.functions)))) return undefined;
  return p;
}

/** Whether a stated fact holds at the point in `digits`-digit arithmetic (an equation to 10^-(digits - 15), relative). */
function holds(f: Assumption, p: PrecisePoint, ctx: RefutationContext, digits: number): boolean {
  const l = preciseValue(f.lhs, p, ctx.defs, digits, ctx.functions);
  const r = preciseValue(f.rhs, p, ctx.defs, digits, ctx.functions);
  const { sign, difference } = preciseCompare(l, r);
  if (Number.isNaN(sign)) return false;
  switch (f.op) {
    case '=':
      return Math.abs(difference) <= Math.max(1, Math.abs(Number(l)), Math.abs(Number(r))) * 10 ** (15 - digits);
    case '!=':
      return sign !== 0;
    case '<':
      return sign < 0;
    case '<=':
      return sign <= 0;
    case '>':
      return sign > 0;
    case '>=':
      return sign >= 0;
  }
}
