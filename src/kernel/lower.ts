/**
 * Shaped terms lowered to index form, to decide structural identities ((AB)ᵀ = BᵀAᵀ, A(B + C) = AB + AC) with the
 * scalar algebra: the entry (i, j) of each side as a sum of monomials c·Σ_{k…} Π factors, with (AB)ᵢⱼ = Σₖ AᵢₖBₖⱼ,
 * (Aᵀ)ᵢⱼ = Aⱼᵢ, bcast(b, m)ᵢⱼ = bᵢ₁, rowsum(A)ᵢ₁ = Σₖ Aᵢₖ, sum_all(A) = Σᵢⱼ Aᵢⱼ, ones = 1, softmax(Z)ᵢⱼ =
 * exp(Zᵢⱼ)/Σₖ exp(Zₖⱼ), a declared or defined matrix W as the atom at(W, i, j), known scalar functions entrywise; a
 * dimension 1 is the index 1, never a sum. Sums are split over +, factors free of their indices taken out (Σₖ c = n·c),
 * nested sums merged, and bound indices named by where they first occur in the factors sorted without them: equal
 * canonical forms are equal matrices. Derivatives (diff, vjp) and unknown calls stay atoms. Only proves equal: a form
 * this does not canonicalise (a tie in the sort) leaves the step unproven, never proven wrongly.
 */
import { type Q, ONE, qMul } from './rational.js';
import { type Store, type Term, SMOOTH, TOTAL, isShapedCall } from './term.js';
import type { Names } from './names.js';
import { type Shapes, isOne } from './shape.js';
import { toText } from './print.js';

interface Mono { readonly c: Q; readonly bound: ReadonlyArray<{ readonly k: string; readonly hi: Term }>; readonly factors: readonly Term[]; }
type Lowered = readonly Mono[];

/** Calls that act entry by entry (a scalar argument repeated): the known scalar functions. */
export const ENTRYWISE: ReadonlySet<string> = new Set([...SMOOTH, ...TOTAL, 'log', 'log1p', 'sqrt', 'piecewise', 'prime'].filter((f) => f !== 'at' && f !== 'list'));
const MAX_MONOS = 4000;
class TooBig extends Error {}

export class Lowering {
  private fresh = 0;
  /** `shaped(name)`: a defined name whose definition is shaped (its entries are atoms at(name, i, j)). */
  constructor(private readonly s: Store, private readonly x: Names, private readonly shapes: Shapes) {}

  /** Whether `a` and `b` (of one shape) have equal entries by `equal`, the scalar algebra; false past the size limit. */
  equal(a: Term, b: Term, equal: (a: Term, b: Term) => boolean): boolean {
    try {
      const [i, j] = [this.s.sym('%i'), this.s.sym('%j')];
      return equal(this.term(this.lower(a, i, j)), this.term(this.lower(b, i, j)));
    } catch (err) {
      if (err instanceof TooBig) return false;
      throw err;
    }
  }

  private lower(t: Term, i0: Term, j0: Term): Lowered {
    const s = this.s;
    const sh = this.shapes.of(t);
    const [i, j] = [sh === null || isOne(sh.rows) ? s.num(1) : i0, sh === null || isOne(sh.cols) ? s.num(1) : j0];
    const [a, b] = t.args;
    const go = (u: Term, p = i, q = j): Lowered => this.lower(u, p, q);
    const atom = (u: Term): Lowered => [{ c: ONE, bound: [], factors: [u] }];
    if (t.kind === 'num') return t.value.n === 0n ? [] : [{ c: t.value, bound: [], factors: [] }];
    if (t.kind === 'sym') return atom(sh === null ? t : s.call('at', t, i, j));
    if (t.kind === 'add') return this.cap(t.args.flatMap((u) => go(u)));
    if (t.kind === 'mul') return t.args.map((u) => go(u)).reduce((l, r) => this.times(l, r), [{ c: ONE, bound: [], factors: [] }]);
    if (t.kind === 'pow') {
      const n = b!.kind === 'num' && b!.value.d === 1n ? Number(b!.value.n) : 0;
      if (n >= 1 && n <= 4) return Array.from({ length: n }, () => go(a!)).reduce((l, r) => this.times(l, r));
      return atom(s.pow(this.term(go(a!)), this.term(go(b!))));
    }
    const dims = (u: Term): { rows: Term; cols: Term } => this.shapes.of(u) ?? { rows: s.num(1), cols: s.num(1) };
    switch (isShapedCall(t) ? t.fn : '') {
      case 'mat':
        return atom(s.call('at', a!, i, j));
      case 'ones':
        return [{ c: ONE, bound: [], factors: [] }];
      case 'transpose':
        return go(a!, j, i);
      case 'bcast':
        return go(a!, i, s.num(1));
      case 'bcast_row':
        return go(a!, s.num(1), j);
      case 'matmul': {
        if (this.shapes.of(a!) === null || this.shapes.of(b!) === null) return this.times(go(a!), go(b!));
        return this.sum(dims(a!).cols, (k) => this.times(go(a!, i, k), go(b!, k, j)));
      }
      case 'rowsum':
        return this.sum(dims(a!).cols, (k) => go(a!, i, k));
      case 'colsum':
        return this.sum(dims(a!).rows, (k) => go(a!, k, j));
      case 'sum_all':
        return this.sum(dims(a!).rows, (p) => this.sum(dims(a!).cols, (q) => go(a!, p, q)));
      case 'softmax':
      case 'softmax_rows': {
        const col = t.fn === 'softmax';
        const e = (p: Term, q: Term): Lowered => atom(s.call('exp', this.term(go(a!, p, q))));
        const total = this.sum(col ? dims(a!).rows : dims(a!).cols, (k) => (col ? e(k, j) : e(i, k)));
        return this.times(e(i, j), atom(s.pow(this.term(total), s.num(-1))));
      }
      default:
        if (!ENTRYWISE.has(t.fn)) return atom(sh === null ? t : s.call('at', t, i, j));
        return atom(s.call(t.fn, ...t.args.map((u) => this.term(go(u)))));
    }
  }

  /** Σ over a fresh index k = 1..n of `body(k)`; a dimension 1 is the index 1. */
  private sum(n: Term, body: (k: Term) => Lowered): Lowered {
    if (isOne(n)) return body(this.s.num(1));
    const k = `%k${this.fresh++}`;
    return body(this.s.sym(k)).map((m) =>
      m.factors.some((f) => this.x.free(f).has(k)) ? { ...m, bound: [...m.bound, { k, hi: n }] } : n.kind === 'num' ? { ...m, c: qMul(m.c, n.value) } : { ...m, factors: [...m.factors, n] });
  }

  /** The product, the right side's bound indices renamed apart. */
  private times(l: Lowered, r: Lowered): Lowered {
    if (l.length * r.length > MAX_MONOS) throw new TooBig();
    const out: Mono[] = [];
    for (const m of l)
      for (const n of r) {
        const names = new Map(n.bound.map((b) => [b.k, this.s.sym(`%k${this.fresh++}`)]));
        const factors = names.size ? n.factors.map((f) => this.x.substitute(f, names)) : n.factors;
        out.push({ c: qMul(m.c, n.c), bound: [...m.bound, ...n.bound.map((b) => ({ k: names.get(b.k)!.name, hi: b.hi }))], factors: [...m.factors, ...factors] });
      }
    return out;
  }
  private cap = (l: Lowered): Lowered => (l.length > MAX_MONOS ? (() => { throw new TooBig(); })() : l);

  /** The canonical term of a lowered form: per monomial, factors free of its indices outside one nested sum. */
  private term(l: Lowered): Term {
    const s = this.s;
    return s.add(...l.map((m) => {
      const bound = new Set(m.bound.map((b) => b.k));
      const uses = (f: Term): boolean => [...this.x.free(f)].some((n) => bound.has(n));
      const inside = m.factors.filter(uses);
      const hole = new Map([...bound].map((k) => [k, s.sym('%_')]));
      const keyed = inside.map((f) => ({ f, key: toText(this.x.substitute(f, hole)) })).sort((p, q) => (p.key < q.key ? -1 : p.key > q.key ? 1 : 0));
      const order: string[] = [];
      const visit = (t: Term): void => {
        if (t.kind === 'sym' && bound.has(t.name) && !order.includes(t.name)) order.push(t.name);
        t.args.forEach(visit);
      };
      keyed.forEach((p) => visit(p.f));
      const names = new Map(order.map((k, n) => [k, s.sym(`%s${n + 1}`)]));
      let body = s.mul(...inside.map((f) => this.x.substitute(f, names)));
      for (let n = order.length - 1; n >= 0; n--) body = s.call('sum', names.get(order[n]!)!, s.num(1), m.bound.find((b) => b.k === order[n])!.hi, body);
      return s.mul(s.num(m.c), ...m.factors.filter((f) => !uses(f)), ...(inside.length ? [body] : []));
    }));
  }
}
