/**
 * Side conditions against what is given: `a2 != 0` and `a2 < 1` need no mention when the
 * user stated `0 < a2 < 1`. Only bounds of a single name by numbers are used; anything
 * else stays a condition of the result.
 */
import type { Expr } from '../expr/node.js';
import { type Rational, ONE, ZERO, isNegative, ratCompare, ratInv, ratMul, ratNeg } from '../expr/rational.js';
import type { Assumption, Condition } from './types.js';

/** `k*x + c` with `x` a name, or undefined. */
function linear(e: Expr): { x: string; k: Rational; c: Rational } | undefined {
  const term = (t: Expr): { x: string; k: Rational } | undefined => {
    if (t.kind === 'sym') return { x: t.name, k: ONE };
    if (t.kind === 'mul' && t.args.length === 2 && t.args[0]!.kind === 'num' && t.args[1]!.kind === 'sym') return { x: t.args[1]!.name, k: t.args[0]!.value };
    return undefined;
  };
  if (e.kind === 'add' && e.args.length === 2 && e.args[0]!.kind === 'num') {
    const t = term(e.args[1]!);
    return t && { ...t, c: e.args[0]!.value };
  }
  const t = term(e);
  return t && { ...t, c: ZERO };
}

interface Bounds {
  lo?: { v: Rational; strict: boolean };
  hi?: { v: Rational; strict: boolean };
  not: Rational[];
}

function boundsOf(assumptions: readonly Assumption[]): Map<string, Bounds> {
  const out = new Map<string, Bounds>();
  const get = (x: string): Bounds => out.get(x) ?? (out.set(x, { not: [] }).get(x) as Bounds);
  for (const a of assumptions) {
    // Normalise to `x op v`.
    let x: string, v: Rational, op = a.op;
    if (a.lhs.kind === 'sym' && a.rhs.kind === 'num') [x, v] = [a.lhs.name, a.rhs.value];
    else if (a.rhs.kind === 'sym' && a.lhs.kind === 'num') {
      [x, v] = [a.rhs.name, a.lhs.value];
      op = ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '!=': '!=' } as const)[op];
    } else continue;
    const b = get(x);
    const strict = op === '<' || op === '>';
    if (op === '>' || op === '>=') {
      if (!b.lo || ratCompare(v, b.lo.v) > 0 || (ratCompare(v, b.lo.v) === 0 && strict)) b.lo = { v, strict };
    } else if (op === '<' || op === '<=') {
      if (!b.hi || ratCompare(v, b.hi.v) < 0 || (ratCompare(v, b.hi.v) === 0 && strict)) b.hi = { v, strict };
    } else if (op === '!=') b.not.push(v);
    else {
      b.lo = { v, strict: false };
      b.hi = { v, strict: false };
    }
  }
  return out;
}

/** Whether the bounds imply `x != v`, `x > v` or `x < v`. */
function implied(b: Bounds, op: '!=' | '>' | '<', v: Rational): boolean {
  const above = (lo: Bounds['lo']): boolean => !!lo && (ratCompare(lo.v, v) > 0 || (ratCompare(lo.v, v) === 0 && lo.strict));
  const below = (hi: Bounds['hi']): boolean => !!hi && (ratCompare(hi.v, v) < 0 || (ratCompare(hi.v, v) === 0 && hi.strict));
  if (op === '>') return above(b.lo);
  if (op === '<') return below(b.hi);
  return above(b.lo) || below(b.hi) || b.not.some((n) => ratCompare(n, v) === 0);
}

/** Splits conditions into those the assumptions imply and those that remain. */
export function reduceConditions(
  conditions: readonly Condition[],
  assumptions: readonly Assumption[],
): { remaining: Condition[]; discharged: Condition[] } {
  const bounds = boundsOf(assumptions);
  const remaining: Condition[] = [];
  const discharged: Condition[] = [];
  for (const c of conditions) {
    const l = linear(c.expr);
    const b = l && bounds.get(l.x);
    if (!l || !b || l.k.n === 0n) {
      remaining.push(c);
      continue;
    }
    const v = ratMul(ratNeg(l.c), ratInv(l.k));
    const op = c.kind === 'nonzero' ? '!=' : isNegative(l.k) ? '<' : '>';
    (implied(b, op, v) ? discharged : remaining).push(c);
  }
  return { remaining, discharged };
}
