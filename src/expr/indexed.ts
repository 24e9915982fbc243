/**
 * Index notation: indexed names `z[i]`, sums over a bound index `sum(k, lo, hi, body)` and
 * the Kronecker delta `delta(k, i)`. They are ordinary call nodes (`at(z, i)` is `z[i]`),
 * so matching, interning and traversal need nothing new; what is new is that a sum binds
 * its index in its body. Everything that reads meaning (free names, substitution into a
 * definition, comparison of atoms) goes through the binder-aware functions here:
 * - the bound index is not a free name of the sum;
 * - substituting a name never reaches a bound occurrence, and a bound index that would
 *   capture a name of the replacement is renamed first;
 * - alpha-equivalent sums (`sum(k, ...)`, `sum(j, ...)` alike but for the name) get one
 *   canonical form for comparison.
 * An index ranges over the integers: `sum(k, lo, hi, f)` adds f over the integers k with
 * lo <= k <= hi, and a name used as a subscript somewhere is an integer.
 */
import { type Expr, call, num as numNode, rebuild, sym } from './node.js';
import { nodes } from './traverse.js';

/** The function names of the notation. */
export const AT = 'at';
export const SUM = 'sum';
export const DELTA = 'delta';

/**
 * Joins a name and its layer: LaTeX's `a^{(2)}` and `a^{[2]}` (Nielsen's, Ng's layers) are the
 * name `a__2`, distinct from `a_2` (the name a2); the LaTeX printer writes it as `a^{(2)}`.
 */
export const LAYER = '__';

/** The indexed name `family[index]`. */
export const indexed = (family: string, index: Expr): Expr => call(AT, sym(family), index);

/** `sum(k, lo, hi, body)`. */
export const sumOver = (k: string, lo: Expr, hi: Expr, body: Expr): Expr => call(SUM, sym(k), lo, hi, body);

/** A list of listed classes `[y1, y2, y3]`, an argument for a family parameter of a definition. */
export const LIST = 'list';

/** Whether `e` is a list `[e1, ..., en]`. */
export const isList = (e: Expr): e is Expr & { kind: 'call' } => e.kind === 'call' && e.fn === LIST;

/** The Kronecker delta `delta(a, b)`: 1 where a = b, else 0. */
export const kronecker = (a: Expr, b: Expr): Expr => call(DELTA, a, b);

/** An indexed name `z[i]` (its family a name). */
export const isIndexed = (e: Expr): e is Expr & { kind: 'call' } => e.kind === 'call' && e.fn === AT && e.args.length === 2 && e.args[0]!.kind === 'sym';

/** A sum over a bound index (the index a name). */
export const isSum = (e: Expr): e is Expr & { kind: 'call' } => e.kind === 'call' && e.fn === SUM && e.args.length === 4 && e.args[0]!.kind === 'sym';

/** The family of an indexed name (`z` of `z[i]`). */
export const familyOf = (e: Expr): string => ((e.args[0] as Expr & { kind: 'sym' }).name);

/** The bound index of a sum. */
export const binderOf = (e: Expr): string => ((e.args[0] as Expr & { kind: 'sym' }).name);

/** Whether `e` uses index notation anywhere. */
export const usesIndexNotation = (e: Expr): boolean => nodes(e).some((n) => n.kind === 'call' && (n.fn === AT || n.fn === SUM || n.fn === DELTA));

/**
 * The name whose perturbation a derivative by `x` measures: `x` itself for a name, the
 * family for an indexed name (dependence is tracked per family, which over-approximates:
 * `z[k]` is taken to depend on `z[i]` whatever k and i are). Undefined for anything else.
 */
export function variableName(x: Expr): string | undefined {
  if (x.kind === 'sym') return x.name;
  if (isIndexed(x)) return familyOf(x);
  return undefined;
}

const freeMemo = new WeakMap<Expr, ReadonlySet<string>>();

/** The names that occur free in `e`: a sum's index is bound in its body (not in its limits). */
export function freeSymbols(e: Expr): ReadonlySet<string> {
  const hit = freeMemo.get(e);
  if (hit) return hit;
  let out: Set<string>;
  if (e.kind === 'sym') out = new Set([e.name]);
  else if (isSum(e)) {
    const k = binderOf(e);
    out = new Set([...freeSymbols(e.args[1]!), ...freeSymbols(e.args[2]!)]);
    for (const s of freeSymbols(e.args[3]!)) if (s !== k) out.add(s);
  } else {
    out = new Set();
    for (const a of e.args) for (const s of freeSymbols(a)) out.add(s);
  }
  freeMemo.set(e, out);
  return out;
}

/** A name not in `used`, from `base`: `k`, `k1`, `k2`, ... */
export function freshIndex(base: string, used: ReadonlySet<string>): string {
  let name = base;
  for (let i = 1; used.has(name); i++) name = `${base}${i}`;
  return name;
}

/** Members of families to replace along with names: `a[i]` by the family's body at i. */
export interface MemberSubstitution {
  /** The replacement of `family[index]`, or undefined to keep it. */
  member(family: string, index: Expr): Expr | undefined;
  /** The free names of what `family[...]` may be replaced by (besides the index). */
  free(family: string): ReadonlySet<string>;
}

/**
 * `e` with free names replaced by expressions, simultaneously and without capture: a
 * sum's own index is never replaced in its body, and an index that occurs free in a
 * replacement is renamed apart first. With `members`, family members are replaced too.
 */
export function substituteFree(e: Expr, subst: ReadonlyMap<string, Expr>, members?: MemberSubstitution): Expr {
  if (subst.size === 0 && !members) return e;
  const memo = new Map<Expr, Expr>();
  const go = (n: Expr, s: ReadonlyMap<string, Expr>, memoOk: boolean): Expr => {
    if (memoOk) {
      const hit = memo.get(n);
      if (hit) return hit;
    }
    let out: Expr;
    if (n.kind === 'sym') out = s.get(n.name) ?? n;
    else if (n.args.length === 0) out = n;
    else if (isSum(n)) {
      let k = binderOf(n);
      const inner = new Map(s);
      inner.delete(k);
      let body = n.args[3]!;
      // Everything a replacement in the body may bring in: k must not be among it.
      const brought = new Set<string>();
      for (const name of freeSymbols(body)) {
        const r = inner.get(name);
        if (r) freeSymbols(r).forEach((f) => brought.add(f));
      }
      if (members) for (const f of familyNames([body])) members.free(f).forEach((x) => brought.add(x));
      if (brought.has(k)) {
        const used = new Set<string>([...freeSymbols(body), ...brought, ...inner.keys()]);
        const fresh = freshIndex(k, used);
        body = substituteFree(body, new Map([[k, sym(fresh)]]));
        k = fresh;
      }
      out = call(SUM, sym(k), go(n.args[1]!, s, memoOk), go(n.args[2]!, s, memoOk), go(body, inner, false));
    } else {
      const args = n.args.map((a) => go(a, s, memoOk));
      out = args.every((a, i) => a === n.args[i]) ? n : rebuild(n, args);
      if (members && isIndexed(out)) out = members.member(familyOf(out), out.args[1]!) ?? out;
    }
    if (memoOk) memo.set(n, out);
    return out;
  };
  return go(e, subst, true);
}

/** The indices bound by the sums whose body `path` enters, outermost first. */
export function bindersAbove(e: Expr, path: readonly number[]): string[] {
  const out: string[] = [];
  let cur = e;
  for (const i of path) {
    if (isSum(cur) && i === 3) out.push(binderOf(cur));
    const next = cur.args[i];
    if (!next) break;
    cur = next;
  }
  return out;
}

/**
 * A canonical form up to the names of bound indices: each sum's index renamed `%h`, where
 * h is one more than the deepest sum inside its body. `%` never starts a user's name, so
 * the new names capture nothing; alpha-equivalent expressions get the same node.
 */
export function alphaCanonical(e: Expr): Expr {
  const memo = new Map<Expr, { out: Expr; height: number }>();
  const go = (n: Expr): { out: Expr; height: number } => {
    const hit = memo.get(n);
    if (hit) return hit;
    let res: { out: Expr; height: number };
    if (n.args.length === 0) res = { out: n, height: 0 };
    else if (isSum(n)) {
      const lo = go(n.args[1]!);
      const hi = go(n.args[2]!);
      const body = go(n.args[3]!);
      const h = body.height + 1;
      const name = `%${h}`;
      const renamed = binderOf(n) === name ? body.out : substituteFree(body.out, new Map([[binderOf(n), sym(name)]]));
      res = { out: call(SUM, sym(name), lo.out, hi.out, renamed), height: Math.max(h, lo.height, hi.height) };
    } else {
      const parts = n.args.map(go);
      const same = parts.every((p, i) => p.out === n.args[i]);
      res = { out: same ? n : rebuild(n, parts.map((p) => p.out)), height: Math.max(0, ...parts.map((p) => p.height)) };
    }
    memo.set(n, res);
    return res;
  };
  return go(e).out;
}

/**
 * Names that are integers because they are used as one: free in a subscript (`i` of
 * `z[i]`), in a Kronecker delta, or in the limits of a sum.
 */
export function indexNames(exprs: readonly Expr[]): Set<string> {
  const out = new Set<string>();
  for (const e of exprs) {
    for (const n of nodes(e)) {
      if (isIndexed(n)) freeSymbols(n.args[1]!).forEach((s) => out.add(s));
      else if (n.kind === 'call' && n.fn === DELTA) n.args.forEach((a) => freeSymbols(a).forEach((s) => out.add(s)));
      else if (isSum(n)) [n.args[1]!, n.args[2]!].forEach((a) => freeSymbols(a).forEach((s) => out.add(s)));
    }
  }
  // A bound index is not a free name of anything: only names free somewhere count.
  const free = new Set<string>();
  for (const e of exprs) freeSymbols(e).forEach((s) => free.add(s));
  return new Set([...out].filter((s) => free.has(s)));
}

/** Names used as the family of an indexed name (`z` of `z[i]`). */
export function familyNames(exprs: readonly Expr[]): Set<string> {
  const out = new Set<string>();
  for (const e of exprs) for (const n of nodes(e)) if (isIndexed(n)) out.add(familyOf(n));
  return out;
}

/** Names that stand as the upper limit of a sum (`K` of `sum(k, 1, K, ...)`). */
export function upperLimits(exprs: readonly Expr[]): Set<string> {
  const out = new Set<string>();
  for (const e of exprs) for (const n of nodes(e)) if (isSum(n) && n.args[2]!.kind === 'sym') out.add((n.args[2] as Expr & { kind: 'sym' }).name);
  return out;
}

/** The value-table key of a family member: `z[3]`. */
export const memberKey = (family: string, n: number): string => `${family}[${n}]`;

/** The family and number of a member key, or undefined. */
export function parseMemberKey(key: string): { family: string; n: number } | undefined {
  const m = /^([^[\]]+)\[(-?\d+)\]$/.exec(key);
  return m ? { family: m[1]!, n: Number(m[2]) } : undefined;
}

/** The largest number of terms a sum is evaluated with, numerically. */
export const MAX_NUMERIC_TERMS = 10_000;

/** The variable a `wrt` names: `z2` is a name, `z[i]` a member of the family z. */
export function wrtVariable(wrt: string): Expr {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*\[\s*([A-Za-z_][A-Za-z0-9_]*|\d+)\s*\]\s*$/.exec(wrt);
  if (!m) return sym(wrt);
  const i = m[2]!;
  return indexed(m[1]!, /^\d+$/.test(i) ? numNode(Number(i)) : sym(i));
}

/** The left side of a definition as written: `a2`, or `a[k]` for a family with its index. */
export const definedTerm = (d: { readonly name: string; readonly index?: string }): Expr =>
  d.index === undefined ? sym(d.name) : indexed(d.name, sym(d.index));
