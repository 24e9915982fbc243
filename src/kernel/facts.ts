/** What stated facts decide: bounds `k*x + c op 0` on one name (a piecewise branch), and a sum index's range (delta sifting). */
import { type Q, ZERO, qCmp, qInv, qMul, qNeg } from './rational.js';
import type { Names } from './names.js';
import type { Store, Term } from './term.js';
import { toText } from './print.js';

export type Relation = '>' | '>=' | '<' | '<=' | '!=' | '=';
export interface Fact { readonly lhs: Term; readonly op: Relation; readonly rhs: Term; }

const FLIP: Readonly<Record<Relation, Relation>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '!=': '!=' };

function linear(e: Term): { x: string; k: Q; c: Q } | undefined {
  const term = (t: Term): { x: string; k: Q } | undefined =>
    t.kind === 'sym' ? { x: t.name, k: { n: 1n, d: 1n } } : t.kind === 'mul' && t.args.length === 2 && t.args[0]!.kind === 'num' && t.args[1]!.kind === 'sym' ? { x: t.args[1]!.name, k: t.args[0]!.value } : undefined;
  const sum = e.kind === 'add' && e.args.length === 2 && e.args[0]!.kind === 'num';
  const t = term(sum ? e.args[1]! : e);
  return t && { ...t, c: sum ? e.args[0]!.value : ZERO };
}

/** Whether the facts imply `e op 0`. */
export function implies(facts: readonly Fact[], e: Term, op: Relation): boolean {
  const l = linear(e);
  if (!l || l.k.n === 0n) return false;
  let lo: { v: Q; strict: boolean } | undefined;
  let hi: { v: Q; strict: boolean } | undefined;
  const not: Q[] = [];
  for (const f of facts) {
    let [v, o]: [Q | undefined, Relation] = [undefined, f.op];
    if (f.lhs.kind === 'sym' && f.lhs.name === l.x && f.rhs.kind === 'num') v = f.rhs.value;
    else if (f.rhs.kind === 'sym' && f.rhs.name === l.x && f.lhs.kind === 'num') [v, o] = [f.lhs.value, FLIP[f.op]];
    if (!v) continue;
    if (o === '>' || o === '>=' || o === '=') if (!lo || qCmp(v, lo.v) > 0 || (qCmp(v, lo.v) === 0 && o === '>')) lo = { v, strict: o === '>' };
    if (o === '<' || o === '<=' || o === '=') if (!hi || qCmp(v, hi.v) < 0 || (qCmp(v, hi.v) === 0 && o === '<')) hi = { v, strict: o === '<' };
    if (o === '!=') not.push(v);
  }
  const v = qMul(qNeg(l.c), qInv(l.k));
  const o = l.k.n < 0n ? FLIP[op] : op;
  const above = (strictly: boolean): boolean => !!lo && (qCmp(lo.v, v) > 0 || (qCmp(lo.v, v) === 0 && (lo.strict || !strictly)));
  const below = (strictly: boolean): boolean => !!hi && (qCmp(hi.v, v) < 0 || (qCmp(hi.v, v) === 0 && (hi.strict || !strictly)));
  if (o === '>') return above(true);
  if (o === '>=') return above(false);
  if (o === '<') return below(true);
  if (o === '<=') return below(false);
  if (o === '!=') return above(true) || below(true) || not.some((n) => qCmp(n, v) === 0);
  return above(false) && below(false) && qCmp(lo!.v, v) === 0 && qCmp(hi!.v, v) === 0;
}

const COMPARISON: Readonly<Record<string, Relation>> = { gt: '>', ge: '>=', lt: '<', le: '<=' };
const NEGATION: Readonly<Record<string, Relation>> = { gt: '<=', ge: '<', lt: '>=', le: '>' };

/** The branch of `piecewise(c1, v1, c2, v2, ...)` the facts select: the first condition they make true, every earlier one false. */
export function selectedBranch(s: Store, facts: readonly Fact[], e: Term): Term | undefined {
  if (e.kind !== 'call' || e.fn !== 'piecewise' || e.args.length % 2 !== 0) return undefined;
  for (let i = 0; i < e.args.length; i += 2) {
    const c = e.args[i]!;
    if (c.kind !== 'call' || c.args.length !== 2 || !(c.fn in COMPARISON)) return undefined;
    const d = s.add(c.args[0]!, s.mul(s.num(-1), c.args[1]!));
    if (implies(facts, d, COMPARISON[c.fn]!)) return e.args[i + 1];
    if (!implies(facts, d, NEGATION[c.fn]!)) return undefined;
  }
  return undefined;
}

/** Whether the facts say `a <= b` in so many words. */
function statesAtMost(facts: readonly Fact[], a: Term, b: Term): boolean {
  if (a.kind === 'num' && b.kind === 'num') return qCmp(a.value, b.value) <= 0;
  return facts.some((f) => (f.op === '<=' && f.lhs === a && f.rhs === b) || (f.op === '>=' && f.lhs === b && f.rhs === a) || (f.op === '=' && ((f.lhs === a && f.rhs === b) || (f.lhs === b && f.rhs === a))));
}

/** `sum(k, lo, hi, f*delta(k, i))` sifted to f at k = i, for an index i the facts put between lo and hi; or why not. */
export function sifted(x: Names, e: Term, facts: readonly Fact[], indices: ReadonlySet<string>): { ok: true; result: Term; index: Term } | { ok: false; reason: string } {
  if (!(e.kind === 'call' && e.fn === 'sum' && e.args.length === 4 && e.args[0]!.kind === 'sym')) return { ok: false, reason: `${toText(e)} is not a sum over an index` };
  const k = e.args[0]!.name;
  const [lo, hi, body] = [e.args[1]!, e.args[2]!, e.args[3]!];
  const factors = body.kind === 'mul' ? body.args : [body];
  const at = factors.findIndex((f) => f.kind === 'call' && f.fn === 'delta' && f.args.length === 2 && f.args.some((a) => a.kind === 'sym' && a.name === k) && f.args.some((a) => !x.free(a).has(k)));
  if (at < 0) return { ok: false, reason: `the body of ${toText(e)} has no factor delta(${k}, i) with i free of ${k}` };
  const i = factors[at]!.args.find((a) => !x.free(a).has(k))!;
  if (!((i.kind === 'num' && i.value.d === 1n) || (i.kind === 'sym' && indices.has(i.name)))) return { ok: false, reason: `${toText(i)} is not an index (a name used as a subscript, or an integer)` };
  if (!statesAtMost(facts, lo, i)) return { ok: false, reason: `no stated fact gives ${toText(lo)} <= ${toText(i)}` };
  if (!statesAtMost(facts, i, hi)) return { ok: false, reason: `no stated fact gives ${toText(i)} <= ${toText(hi)}` };
  const rest = factors.length === 1 ? x.s.num(1) : x.s.mul(...factors.filter((_, j) => j !== at));
  return { ok: true, result: x.substitute(rest, new Map([[k, i]])), index: i };
}
