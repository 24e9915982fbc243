/**
 * Names in kernel terms: free names (a sum `sum(k, lo, hi, body)` binds k in its body),
 * capture-free substitution, sums up to the name of their index, the definitions graph, and
 * defined functions opened up. One `Names` per check: its memo tables go with it.
 */
import type { Store, Term } from './term.js';

const isSum = (t: Term): boolean => t.kind === 'call' && t.fn === 'sum' && t.args.length === 4 && t.args[0]!.kind === 'sym';
export const isIndexed = (t: Term): boolean => t.kind === 'call' && t.fn === 'at' && t.args.length === 2 && t.args[0]!.kind === 'sym';
/** A declared matrix `mat(W, r, c)`: its name is W. */
export const isMatLeaf = (t: Term): boolean => t.kind === 'call' && t.fn === 'mat' && t.args.length === 3 && t.args[0]!.kind === 'sym';
const isList = (t: Term): boolean => t.kind === 'call' && t.fn === 'list';

/** Members of families replaced along with names: `a[i]` by the family's body at i. */
interface Members { member(family: string, index: Term): Term | undefined; free(family: string): ReadonlySet<string>; }

export class Names {
  private readonly freeMemo = new Map<Term, ReadonlySet<string>>();
  constructor(readonly s: Store) {}
  /** The names free in `t`. */
  free(t: Term): ReadonlySet<string> {
    let out = this.freeMemo.get(t) as Set<string> | undefined;
    if (out) return out;
    out = new Set(t.kind === 'sym' ? [t.name] : []);
    t.args.forEach((a, i) => this.free(a).forEach((n) => !(isSum(t) && (i === 0 || (i === 3 && n === t.args[0]!.name))) && out!.add(n)));
    return this.freeMemo.set(t, out), out;
  }
  /** `t` with free names replaced, simultaneously and without capture (a sum's index renamed apart when needed). */
  substitute(t: Term, subst: ReadonlyMap<string, Term>, members?: Members): Term {
    if (subst.size === 0 && !members) return t;
    const s = this.s;
    const memo = new Map<Term, Term>();
    const go = (n: Term, sub: ReadonlyMap<string, Term>, memoOk: boolean): Term => {
      const hit = memoOk ? memo.get(n) : undefined;
      if (hit) return hit;
      let out: Term;
      if (n.kind === 'sym') out = sub.get(n.name) ?? n;
      else if (n.args.length === 0) out = n;
      else if (isSum(n)) {
        let k = n.args[0]!.name;
        const inner = new Map(sub);
        inner.delete(k);
        let body = n.args[3]!;
        const brought = new Set<string>();
        for (const name of this.free(body)) if (inner.has(name)) this.free(inner.get(name)!).forEach((f) => brought.add(f));
        if (members) for (const m of nodesOf(body)) if (isIndexed(m)) members.free(m.args[0]!.name).forEach((f) => brought.add(f));
        if (brought.has(k)) {
          const used = new Set([...this.free(body), ...brought, ...inner.keys()]);
          let fresh = k;
          for (let i = 1; used.has(fresh); i++) fresh = `${k}${i}`;
          body = this.substitute(body, new Map([[k, s.sym(fresh)]]));
          k = fresh;
        }
        out = s.call('sum', s.sym(k), go(n.args[1]!, sub, memoOk), go(n.args[2]!, sub, memoOk), go(body, inner, false));
      } else {
        const args = n.args.map((a) => go(a, sub, memoOk));
        out = args.every((a, i) => a === n.args[i]) ? n : s.rebuild(n, args);
        if (members && isIndexed(out)) out = members.member(out.args[0]!.name, out.args[1]!) ?? out;
      }
      if (memoOk) memo.set(n, out);
      return out;
    };
    return go(t, subst, true);
  }
  /** Sums renamed canonically (each index `%h`, h one more than the deepest sum in its body), so alpha-equivalent sums are one term. */
  alpha = (t: Term): Term => this.alphaHeight(t, new Map()).out;
  private alphaHeight(n: Term, memo: Map<Term, { out: Term; h: number }>): { out: Term; h: number } {
    let res = memo.get(n);
    if (res) return res;
    const parts = n.args.map((a) => this.alphaHeight(a, memo));
    if (isSum(n)) {
      const h = parts[3]!.h + 1;
      const name = `%${h}`;
      const body = n.args[0]!.name === name ? parts[3]!.out : this.substitute(parts[3]!.out, new Map([[n.args[0]!.name, this.s.sym(name)]]));
      res = { out: this.s.call('sum', this.s.sym(name), parts[1]!.out, parts[2]!.out, body), h: Math.max(h, parts[1]!.h, parts[2]!.h) };
    } else res = { out: parts.every((p, i) => p.out === n.args[i]) ? n : this.s.rebuild(n, parts.map((p) => p.out)), h: Math.max(0, ...parts.map((p) => p.h)) };
    memo.set(n, res);
    return res;
  }
  /** Names that are integers because they are used as one: in a subscript, a delta, or a sum's limits. */
  indexNames(ts: readonly Term[]): Set<string> {
    const [out, free] = [new Set<string>(), new Set<string>()];
    for (const t of ts) {
      this.free(t).forEach((n) => free.add(n));
      for (const n of nodesOf(t)) {
        const used = isIndexed(n) ? [n.args[1]!] : n.kind === 'call' && n.fn === 'delta' ? n.args : isSum(n) ? [n.args[1]!, n.args[2]!] : [];
        for (const u of used) this.free(u).forEach((x) => out.add(x));
      }
    }
    return new Set([...out].filter((x) => free.has(x)));
  }
}

export const nodesOf = (t: Term): Term[] => {
  const seen = new Set<Term>([t]);
  const out = [t];
  for (let i = 0; i < out.length; i++) for (const a of out[i]!.args) if (!seen.has(a)) seen.add(a), out.push(a);
  return out;
};

/** Along `path`: the indices of the sums whose body it enters, the variables of the derivatives it enters (a family for `z[i]`). */
export function above(e: Term, path: readonly number[]): { binders: string[]; perturbed: string[] } {
  const [binders, perturbed]: [string[], string[]] = [[], []];
  let cur: Term | undefined = e;
  for (const i of path) {
    if (!cur) break;
    const v = cur.args[1];
    if (isSum(cur) && i === 3) binders.push(cur.args[0]!.name);
    if (cur.kind === 'call' && cur.fn === 'diff' && i === 0 && v && (v.kind === 'sym' || isIndexed(v) || isMatLeaf(v))) perturbed.push(v.kind === 'sym' ? v.name : v.args[0]!.name);
    // Inside vjp(G, E, X), E is a function of X (G is held fixed).
    const w = cur.args[2];
    if (cur.kind === 'call' && cur.fn === 'vjp' && i === 1 && w && (w.kind === 'sym' || isMatLeaf(w))) perturbed.push(w.kind === 'sym' ? w.name : w.args[0]!.name);
    cur = cur.args[i];
  }
  return { binders, perturbed };
}

/** Whether a derivative is taken in `t` (a vjp too: names inside it are held fixed, so none may be opened). */
export const hasDiff = (t: Term): boolean => nodesOf(t).some((n) => n.kind === 'call' && (n.fn === 'diff' || n.fn === 'vjp'));

/** A defined function (`def sigmoid(u) = 1/(1 + exp(-u))`), and defined functions by name. */
export interface Fn { readonly params: readonly string[]; readonly body: Term; }
export interface Fns { readonly size: number; get(name: string): Fn | undefined; }

const MAX_LISTED = 1000;

/** `f(args)` with f's body, its parameters replaced; lists for family parameters written out term by term. */
export function openCall(x: Names, e: Term, fns: Fns): Term | undefined {
  const def = e.kind === 'call' ? fns.get(e.fn) : undefined;
  if (!def) return undefined;
  const s = x.s;
  if (!e.args.some(isList)) return def.params.length === e.args.length ? x.substitute(def.body, new Map(def.params.map((p, i) => [p, e.args[i]!]))) : undefined;
  // A call with lists: each the argument of a family parameter, all of one length n; the size parameter (last) is n.
  const used = new Set(nodesOf(def.body).filter(isIndexed).map((n) => n.args[0]!.name));
  const families = def.params.filter((p) => used.has(p));
  const size = def.params[def.params.length - 1]!;
  if (e.args.length !== def.params.length - 1 || families.includes(size)) return undefined;
  const n = e.args.find(isList)!.args.length;
  if (n === 0 || n > MAX_LISTED) return undefined;
  const subst = new Map<string, Term>([[size, s.num(n)]]);
  for (let i = 0; i < e.args.length; i++) {
    const a = e.args[i]!;
    if (families.includes(def.params[i]!) !== isList(a) || (isList(a) && a.args.length !== n)) return undefined;
    subst.set(def.params[i]!, a);
  }
  const element = (t: Term): Term => {
    if (!(isList(t.args[0]!) && t.args[1]!.kind === 'num' && t.args[1]!.value.d === 1n)) return t;
    const m = Number(t.args[1]!.value.n);
    return m >= 1 && m <= t.args[0]!.args.length ? t.args[0]!.args[m - 1]! : t;
  };
  const opened = s.map(x.substitute(def.body, subst), (t) => {
    if (t.kind === 'call' && t.fn === 'at') return element(t);
    if (!isSum(t)) return t;
    const [lo, hi] = [t.args[1]!, t.args[2]!];
    if (lo.kind !== 'num' || hi.kind !== 'num' || lo.value.d !== 1n || hi.value.d !== 1n || hi.value.n - lo.value.n + 1n > BigInt(MAX_LISTED)) return t;
    const terms: Term[] = [];
    for (let m = lo.value.n; m <= hi.value.n; m++) terms.push(s.map(x.substitute(t.args[3]!, new Map([[t.args[0]!.name, s.num({ n: m, d: 1n })]])), (u) => (u.kind === 'call' && u.fn === 'at' ? element(u) : u)));
    return s.add(...terms);
  });
  return nodesOf(opened).some(isList) ? undefined : opened;
}

/** Every call to a defined function opened, through nested definitions. */
export function openAllCalls(x: Names, e: Term, fns: Fns): Term {
  let cur = e;
  for (let i = 0; i < 16; i++) {
    const next = x.s.map(cur, (n) => (n.kind === 'call' && n.fn !== 'diff' ? (openCall(x, n, fns) ?? n) : n));
    if (next === cur) return cur;
    cur = next;
  }
  return cur;
}
