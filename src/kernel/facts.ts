/**
 * What stated facts and the known functions decide: bounds every value of a term lies within (names bounded by facts
 * `x op c` or by their definitions; sums, products, powers; exp > 0, 0 < sigmoid < 1, cosh >= 1, ...), so the branch
 * of a piecewise the facts select and the conditions that always hold; and a sum index's range (delta sifting).
 */
import { type Q, ONE, ZERO, q, qAdd, qCmp, qInv, qMul, qNeg, qPow } from './rational.js';
import type { Names } from './names.js';
import { type Store, type Term, definedGivenOperands } from './term.js';
import { toText } from './print.js';

export type Relation = '>' | '>=' | '<' | '<=' | '!=' | '=';
export interface Fact { readonly lhs: Term; readonly op: Relation; readonly rhs: Term; }

const FLIP: Readonly<Record<Relation, Relation>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '!=': '!=' };

/** A bound and whether it is strict (undefined: none); a range is [lower, upper]. */
type End = readonly [Q, boolean] | undefined;
export type Range = readonly [End, End];
const ALL: Range = [undefined, undefined];
const R = (lo?: number, hi?: number, strict = true): Range => [lo === undefined ? undefined : [q(BigInt(lo)), strict], hi === undefined ? undefined : [q(BigInt(hi)), strict]];
/** The values of functions of one argument, wherever defined (their names are reserved: no user's def changes them). */
export const RANGES: Readonly<Record<string, Range>> = { exp: R(0), exp2: R(0), softplus: R(0), expm1: R(-1), sigmoid: R(0, 1), tanh: R(-1, 1), erf: R(-1, 1), softsign: R(-1, 1), erfc: R(0, 2), atan: R(-2, 2),
  cosh: R(1, undefined, false), abs: R(0, undefined, false), relu: R(0, undefined, false), sin: R(-1, 1, false), cos: R(-1, 1, false), sign: R(-1, 1, false), heaviside: R(0, 1, false), hardtanh: R(-1, 1, false), hard_sigmoid: R(0, 1, false), relu6: R(0, 6, false) };
const neg = (r: Range): Range => [r[1] && [qNeg(r[1][0]), r[1][1]], r[0] && [qNeg(r[0][0]), r[0][1]]];
/** Whether a lower bound makes the values > 0 (`strict`) or >= 0. */
const above0 = (e: End, strict: boolean): boolean => !!e && (qCmp(e[0], ZERO) > 0 || (qCmp(e[0], ZERO) === 0 && (e[1] || !strict)));
const scale = (c: Q, r: Range): Range => (c.n < 0n ? neg(scale(qNeg(c), r)) : c.n === 0n ? R(0, 0, false) : [r[0] && [qMul(c, r[0][0]), r[0][1]], r[1] && [qMul(c, r[1][0]), r[1][1]]]);
/** The tighter of two lower bounds (upper: `sign` -1). */
const tighter = (a: End, b: End, sign: number): End => (!a ? b : !b ? a : sign * qCmp(a[0], b[0]) > 0 || (qCmp(a[0], b[0]) === 0 && a[1]) ? a : b);

/** A product of ranges each of one sign (else unbounded): of their sizes, the sign put back. */
function product(rs: readonly Range[]): Range {
  if (rs.length === 1) return rs[0]!;
  let odd = false;
  const ps: Range[] = [];
  for (const r of rs) {
    if (!above0(r[0], false) && !above0(neg(r)[0], false)) return ALL;
    if (!above0(r[0], false)) odd = !odd;
    ps.push(above0(r[0], false) ? r : neg(r));
  }
  const lo = ps.reduce((a, r) => qMul(a, r[0]![0]), ONE);
  const hi = ps.every((r) => r[1]) ? ps.reduce((a, r) => qMul(a, r[1]![0]), ONE) : undefined;
  // The least product is reached only if every factor reaches its least; 0 is not where every factor with least 0 stays above it.
  const out: Range = [[lo, lo.n > 0n ? ps.some((r) => r[0]![1]) : ps.every((r) => r[0]![0].n > 0n || r[0]![1])], hi && [hi, hi.n > 0n && ps.some((r) => r[1]![1])]];
  return odd ? neg(out) : out;
}

/** `b^k`, k a nonzero integer: odd powers keep order, even ones of a signed base too; a reciprocal of a range on one side of 0. */
function power(r: Range, k: bigint): Range {
  // A bound past the limit for exact numbers is dropped (no bound is always true).
  const at = (e: End): End => { try { return e && [qPow(e[0], k < 0n ? -k : k), e[1]]; } catch { return undefined; } };
  const pos = k % 2n !== 0n || above0(r[0], false) ? [at(r[0]), at(r[1])] as Range : above0(neg(r)[0], false) ? [at(r[1]), at(r[0])] as Range : R(0, undefined, false);
  if (k > 0n) return pos;
  const flip = !above0(pos[0], true);
  const [lo, hi] = flip ? neg(pos) : pos;
  if (!above0(lo, true)) return ALL;
  const inv: Range = [hi && hi[0].n > 0n ? [qInv(hi[0]), hi[1]] : [ZERO, true], lo![0].n > 0n ? [qInv(lo![0]), lo![1]] : undefined];
  return flip ? neg(inv) : inv;
}

/**
 * The bounds of terms wherever they are defined, and whether they are defined at every point: a name by the facts on it
 * and by `def(name)`, its definition when it is opened (definitions hold at every point; facts on the set they state).
 */
export function ranges(facts: readonly Fact[], def: (name: string) => Term | undefined = () => undefined): { range: (t: Term) => Range; everywhere: (t: Term) => boolean } {
  const [memo, total] = [new Map<Term, Range>(), new Map<Term, boolean>()];
  const everywhere = (t: Term): boolean => total.get(t) ?? total.set(t, definedGivenOperands(t) && t.args.every(everywhere) && (t.kind !== 'sym' || !def(t.name) || everywhere(def(t.name)!))).get(t)!;
  const range = (t: Term): Range => memo.get(t) ?? memo.set(t, compute(t)).get(t)!;
  const compute = (t: Term): Range => {
    const [a, b] = t.args;
    if (t.kind === 'num') return [[t.value, false], [t.value, false]];
    if (t.kind === 'sym' && t.name === 'pi') return R(3, 4);
    if (t.kind === 'sym') {
      let [lo, hi] = def(t.name) ? range(def(t.name)!) : ALL;
      for (const f of facts) {
        const [v, o] = f.lhs === t && f.rhs.kind === 'num' ? [f.rhs.value, f.op] : f.rhs === t && f.lhs.kind === 'num' ? [f.lhs.value, FLIP[f.op]] : [undefined, f.op];
        if (v && (o === '>' || o === '>=' || o === '=')) lo = tighter(lo, [v, o === '>'], 1);
        if (v && (o === '<' || o === '<=' || o === '=')) hi = tighter(hi, [v, o === '<'], -1);
      }
      return [lo, hi];
    }
    if (t.kind === 'add') return [0, 1].map((i) => (t.args.every((x) => range(x)[i]) ? [t.args.reduce((s, x) => qAdd(s, range(x)[i]![0]), ZERO), t.args.some((x) => range(x)[i]![1])] : undefined)) as unknown as Range;
    if (t.kind === 'mul') return a!.kind === 'num' ? scale(a!.value, product(t.args.slice(1).map(range))) : product(t.args.map(range));
    if (t.kind === 'pow' && b!.kind === 'num' && b!.value.d === 1n) return power(range(a!), b!.value.n);
    if (t.kind !== 'pow' && t.args.length !== 1) return ALL;
    const lo = range(a!)[0];
    if (t.fn === 'log') return lo && qCmp(lo[0], ONE) >= 0 ? [[ZERO, lo[1] || qCmp(lo[0], ONE) > 0], undefined] : ALL;
    if (t.kind !== 'pow' && t.fn !== 'sqrt') return RANGES[t.fn] ?? ALL;
    // A root, a fractional or symbolic power: > 0 where the base is; defined only where the base is > 0 (a negative exponent, or a
    // symbolic one on what is not a number: (-1)^k is defined for integers k) or >= 0 (an even root).
    const frac = t.kind === 'pow' ? b!.kind === 'num' && b!.value : { n: 1n, d: 2n };
    return above0(lo, true) || (frac ? frac.n < 0n : a!.kind !== 'num') ? R(0) : frac && frac.d % 2n === 0n ? R(0, undefined, false) : ALL;
  };
  return { range, everywhere };
}

/** Whether every value in `r` makes `u op 0` true (`u` ranging over r). */
export function holds(r: Range, op: Relation): boolean {
  const below = neg(r)[0];
  return op === '>' ? above0(r[0], true) : op === '>=' ? above0(r[0], false) : op === '<' ? above0(below, true) : op === '<=' ? above0(below, false) : op === '!=' && (above0(r[0], true) || above0(below, true));
}

/** Whether the facts imply `e op 0`. */
export const implies = (facts: readonly Fact[], e: Term, op: Relation): boolean => holds(ranges(facts).range(e), op);
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
