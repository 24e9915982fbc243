/**
 * What stated bounds on single names imply: from `0 < a2 < 1`, that `a2 != 1`; from `z > 0`,
 * that `z > 0` and not `z <= 0`. Only `k*x + c` in one name against numbers is decided.
 */
import type { Expr } from './node.js';
import { type Rational, ONE, ZERO, isNegative, ratCompare, ratInv, ratMul, ratNeg } from './rational.js';

export type Relation = '>' | '>=' | '<' | '<=' | '!=' | '=';

/** A stated fact `lhs op rhs`. */
export interface Fact {
  readonly lhs: Expr;
  readonly op: Relation;
  readonly rhs: Expr;
}

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

const FLIP: Readonly<Record<Relation, Relation>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '!=': '!=' };

function boundsOf(facts: readonly Fact[]): Map<string, Bounds> {
  const out = new Map<string, Bounds>();
  for (const f of facts) {
    let x: string;
    let v: Rational;
    let op = f.op;
    if (f.lhs.kind === 'sym' && f.rhs.kind === 'num') [x, v] = [f.lhs.name, f.rhs.value];
    else if (f.rhs.kind === 'sym' && f.lhs.kind === 'num') [x, v, op] = [f.rhs.name, f.lhs.value, FLIP[f.op]];
    else continue;
    const b = out.get(x) ?? { not: [] };
    out.set(x, b);
    if (op === '>' || op === '>=' || op === '=') {
      const s = op === '>';
      if (!b.lo || ratCompare(v, b.lo.v) > 0 || (ratCompare(v, b.lo.v) === 0 && s)) b.lo = { v, strict: s };
    }
    if (op === '<' || op === '<=' || op === '=') {
      const s = op === '<';
      if (!b.hi || ratCompare(v, b.hi.v) < 0 || (ratCompare(v, b.hi.v) === 0 && s)) b.hi = { v, strict: s };
    }
    if (op === '!=') b.not.push(v);
  }
  return out;
}

/** Whether the facts imply `e op 0`. */
export function implies(facts: readonly Fact[], e: Expr, op: Relation): boolean {
  const l = linear(e);
  if (!l || l.k.n === 0n) return false;
  const b = boundsOf(facts).get(l.x);
  if (!b) return false;
  // k*x + c op 0  <=>  x op' v, with v = -c/k and the order flipped when k < 0.
  const v = ratMul(ratNeg(l.c), ratInv(l.k));
  const o = isNegative(l.k) ? FLIP[op] : op;
  const above = (strictly: boolean): boolean =>
    !!b.lo && (ratCompare(b.lo.v, v) > 0 || (ratCompare(b.lo.v, v) === 0 && (b.lo.strict || !strictly)));
  const below = (strictly: boolean): boolean =>
    !!b.hi && (ratCompare(b.hi.v, v) < 0 || (ratCompare(b.hi.v, v) === 0 && (b.hi.strict || !strictly)));
  switch (o) {
    case '>':
      return above(true);
    case '>=':
      return above(false);
    case '<':
      return below(true);
    case '<=':
      return below(false);
    case '!=':
      return above(true) || below(true) || b.not.some((n) => ratCompare(n, v) === 0);
    case '=':
      return above(false) && below(false) && !!b.lo && !!b.hi && ratCompare(b.lo.v, v) === 0 && ratCompare(b.hi.v, v) === 0;
  }
}

const COMPARISON: Readonly<Record<string, Relation>> = { gt: '>', ge: '>=', lt: '<', le: '<=' };
const NEGATION: Readonly<Record<string, Relation>> = { gt: '<=', ge: '<', lt: '>=', le: '>' };

/** Whether the facts decide a comparison `gt(p, q)` etc.: true, false, or undefined. */
export function decideComparison(facts: readonly Fact[], c: Expr, minus: (p: Expr, q: Expr) => Expr): boolean | undefined {
  if (c.kind !== 'call' || c.args.length !== 2 || !(c.fn in COMPARISON)) return undefined;
  const d = minus(c.args[0]!, c.args[1]!);
  if (implies(facts, d, COMPARISON[c.fn]!)) return true;
  if (implies(facts, d, NEGATION[c.fn]!)) return false;
  return undefined;
}

/**
 * The branch of `piecewise(c1, v1, c2, v2, ...)` the facts select: the first condition
 * they make true, every earlier one false. Undefined when they do not decide.
 */
export function selectedBranch(facts: readonly Fact[], e: Expr, minus: (p: Expr, q: Expr) => Expr): Expr | undefined {
  if (e.kind !== 'call' || e.fn !== 'piecewise' || e.args.length % 2 !== 0) return undefined;
  for (let i = 0; i < e.args.length; i += 2) {
    const d = decideComparison(facts, e.args[i]!, minus);
    if (d === true) return e.args[i + 1];
    if (d !== false) return undefined;
  }
  return undefined;
}
