/**
 * Loading rules that use index notation (`sum(k, lo, hi, f)`, `x[i]`, `delta(j, i)`):
 * - binder hygiene: a pattern variable that stands inside a sum's body on one side and
 *   outside it on the other (or inside on both sides of only one) would be captured by,
 *   or escape from, the bound index, unless a condition `free(v, k)` says it does not use
 *   k; such a rule is refused;
 * - a numeric check with each role filled in: limits are small integers (K up to 6 terms),
 *   families have members, a body varies with its index, and derivatives are central
 *   finite differences.
 */
import { type Expr, add, call, mul, num, sym } from '../expr/node.js';
import { rat } from '../expr/rational.js';
import { AT, DELTA, SUM, isIndexed, isSum, memberKey } from '../expr/indexed.js';
import { substitute, symbols } from '../expr/traverse.js';
import type { FunctionTable } from '../expr/eval.js';
import { Decimal } from 'decimal.js';
import { valueAt } from '../expr/numeric.js';
import { preciseValue } from '../expr/precise.js';
import { type PreciseEvaluator, preciseCompare } from './precise-check.js';
import { wideValue } from './sampling.js';
import { Definitions } from '../expr/context.js';
import { seededRandom, uniform, type Random } from '../expr/random.js';
import type { Rule } from './types.js';
import type { FailAt } from './validate.js';

/** Whether a rule uses index notation at all. */
export const usesIndexNotationRule = (r: Rule): boolean =>
  [r.lhs, r.rhs].some((e) => e !== undefined && hasIndexCall(e));

const hasIndexCall = (e: Expr): boolean => (e.kind === 'call' && (e.fn === AT || e.fn === SUM || e.fn === DELTA)) || e.args.some(hasIndexCall);

type Role = 'binder' | 'family' | 'integer' | 'wrt' | 'value';

/** What each pattern variable stands for, from where it occurs. */
function roles(r: Rule): Map<string, Role> {
  const out = new Map<string, Role>();
  const set = (e: Expr, role: Role): void => {
    for (const s of symbols(e)) if (!out.has(s) || out.get(s) === 'value') out.set(s, role);
  };
  const walk = (e: Expr): void => {
    if (isSum(e)) {
      set(e.args[0]!, 'binder');
      set(e.args[1]!, 'integer');
      set(e.args[2]!, 'integer');
      walk(e.args[3]!);
      return;
    }
    if (isIndexed(e)) {
      set(e.args[0]!, 'family');
      set(e.args[1]!, 'integer');
      return;
    }
    if (e.kind === 'call' && e.fn === DELTA) {
      e.args.forEach((a) => set(a, 'integer'));
      return;
    }
    if (e.kind === 'call' && e.fn === 'diff' && e.args[1]!.kind === 'sym') set(e.args[1]!, 'wrt');
    if (e.kind === 'sym' && !out.has(e.name)) out.set(e.name, 'value');
    e.args.forEach(walk);
  };
  walk(r.lhs!);
  walk(r.rhs!);
  return out;
}

/** Refuses a rule that lets a bound index capture a pattern variable, or lets one escape. */
export function checkBinderScopes(r: Rule, fail: FailAt): void {
  const scopes = new Map<string, Array<Set<string>>>();
  const walk = (e: Expr, bound: readonly string[]): void => {
    if (e.kind === 'sym') {
      const list = scopes.get(e.name) ?? [];
      list.push(new Set(bound));
      scopes.set(e.name, list);
      return;
    }
    if (isSum(e)) {
      const k = (e.args[0] as Expr & { kind: 'sym' }).name;
      walk(e.args[1]!, bound);
      walk(e.args[2]!, bound);
      walk(e.args[3]!, [...bound, k]);
      return;
    }
    e.args.forEach((a) => walk(a, bound));
  };
  walk(r.lhs!, []);
  walk(r.rhs!, []);
  const binders = new Set<string>();
  const collect = (e: Expr): void => {
    if (isSum(e)) binders.add((e.args[0] as Expr & { kind: 'sym' }).name);
    e.args.forEach(collect);
  };
  collect(r.lhs!);
  collect(r.rhs!);
  const free = (v: string, k: string): boolean => r.conditions.some((c) => c.pred === 'free' && c.args[0] === v && c.args[1] === k);
  for (const [v, list] of scopes) {
    if (binders.has(v)) {
      // A bound index stands only as the index of its sum, never as a value beside it.
      if (list.some((s) => !s.has(v))) fail(r, `rule ${r.id}: the index ${v} is used outside its sum`);
      continue;
    }
    const union = new Set(list.flatMap((s) => [...s]));
    for (const k of union) {
      if (list.every((s) => s.has(k))) continue;
      if (!free(v, k)) fail(r, `rule ${r.id}: ${v} moves into or out of the sum over ${k}; add the condition free(${v}, ${k})`);
    }
  }
}

const SAMPLES = 60;
const TRIES = 400;

/**
 * Sums, members and the delta in high precision (src/expr/precise.ts; derivatives there are
 * central differences with a step of 1e-10 at 30 digits). No running error bound: the scale
 * is the values' own size, so only a difference stable across precisions refuses.
 */
const sumsPrecisely: PreciseEvaluator = (e, point, digits) => {
  const value = new Decimal(preciseValue(e, point, EMPTY, digits));
  return { value, scale: value.abs() };
};

/** Checks an index-notation rule at random points with every role filled in. */
export function checkIndexRuleNumerically(r: Rule, fns: FunctionTable, fail: FailAt, seed: number): void {
  const rnd = seededRandom(seed);
  const role = roles(r);
  const freeOf = (v: string, k: string): boolean => r.conditions.some((c) => c.pred === 'free' && c.args[0] === v && c.args[1] === k);
  const binders = [...role].filter(([, x]) => x === 'binder').map(([v]) => v);
  const wrts = [...role].filter(([, x]) => x === 'wrt').map(([v]) => v);
  let good = 0;
  for (let t = 0; t < TRIES && good < SAMPLES; t++) {
    const point: Record<string, number> = {};
    const subst = new Map<string, Expr>();
    for (const [v, x] of role) {
      if (x === 'binder') point[v] = 0.37;
      else if (x === 'family') for (let n = -2; n <= 12; n++) point[memberKey(v, n)] = wideValue(rnd);
      else if (x === 'integer') subst.set(v, num(1 + Math.floor(rnd() * 6)));
      else if (x === 'wrt') point[v] = wideValue(rnd);
      else {
        const inputs = [...binders, ...wrts].filter((k) => !freeOf(v, k));
        subst.set(v, inputs.length ? wave(rnd, inputs) : num(constant(rnd)));
      }
    }
    // A rule holds where its conditions do (`positive(hi - lo)`: two terms or more).
    const holds = (c: Rule['conditions'][number]): boolean => {
      if (c.pred === 'free' || c.pred === 'continuous' || !c.expr) return true;
      const v = safe(substitute(c.expr, subst), point, fns);
      return c.pred === 'nonzero' ? v !== 0 : v > 0;
    };
    if (!r.conditions.every(holds)) continue;
    const l = substitute(r.lhs!, subst);
    const rr = substitute(r.rhs!, subst);
    const lv = safe(l, point, fns);
    const rv = safe(rr, point, fns);
    if (!Number.isFinite(lv) || !Number.isFinite(rv)) continue;
    // Every point in high precision where the floats disagree, and every third one besides.
    if (Math.abs(lv - rv) <= 1e-12 * Math.max(Math.abs(lv), Math.abs(rv)) && t % 3 !== 0) {
      good++;
      continue;
    }
    const verdict = preciseCompare(l, rr, [], point, sumsPrecisely);
    if (verdict.kind === 'unsure') continue;
    good++;
    if (verdict.kind === 'differ') {
      const at = [...subst].filter(([, e]) => e.kind === 'num').map(([k, e]) => `${k} = ${(e as Expr & { kind: 'num' }).value.n}`).join(', ');
      const d = (v: Decimal): string => v.toSignificantDigits(12).toString();
      fail(r, `rule ${r.id} does not hold${at ? ` at ${at}` : ''}: the left side is ${d(verdict.lhs)}, the right side ${d(verdict.rhs)} (they differ by ${verdict.difference.toSignificantDigits(3).toString()})`);
    }
  }
  if (good < SAMPLES) fail(r, `rule ${r.id} could not be checked: it is undefined at most sample points`);
}

const EMPTY = new Definitions([]);

function safe(e: Expr, point: Record<string, number>, fns: FunctionTable): number {
  try {
    return valueAt(e, point, EMPTY, { fns });
  } catch {
    return NaN;
  }
}

function constant(rnd: Random): ReturnType<typeof rat> {
  const v = Math.round(uniform(rnd, -2, 2) * 16);
  return rat(v === 0 ? 5 : v, 16);
}

/** `a*sin(b1*x1 + b2*x2 + ... + c) + d`: a smooth function of the given names. */
function wave(rnd: Random, inputs: readonly string[]): Expr {
  const inner = add(...inputs.map((x) => mul(num(constant(rnd)), sym(x))), num(constant(rnd)));
  return add(mul(num(constant(rnd)), call('sin', inner)), num(constant(rnd)));
}
