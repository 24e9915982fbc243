/**
 * The kernel's decision of equality of rational functions over atoms (anything not `+`, `*`,
 * a number or an integer power; function arguments normalized first): polynomials with exact
 * rational coefficients, cross-multiplied numerators compared. Fractional powers of a base b
 * share a root atom b^(1/Q) with (b^(1/Q))^Q = b, and sqrt(m)^2 = m: both hold wherever the
 * atoms are defined. All tables live in one `Algebra`, made per check.
 */
import { type Q, ONE, ZERO, q, qAdd, qEq, qInv, qMul, qNeg } from './rational.js';
import type { Store, Term } from './term.js';
import { DIMENSIONAL } from './shape.js';
import { isShapedCall } from './term.js';

type Mono = ReadonlyArray<readonly [number, number]>;
interface Mon { readonly m: Mono; readonly c: Q; }

/** A computation past the term limit: the answer is "not proven", never an equality. */
export class PolyLimit extends Error {}

const MAX_TERMS = 5000;
const MAX_ROOT_ORDER = 64;
const keyOf = (m: Mono): string => m.map(([a, e]) => `${a}^${e}`).join('*');

export class Poly {
  constructor(readonly terms: ReadonlyMap<string, Mon>) {
    if (terms.size > MAX_TERMS) throw new PolyLimit();
  }
  static constant = (c: Q): Poly => new Poly(c.n === 0n ? new Map() : new Map([['', { m: [], c }]]));
  static monomial = (m: Mono, c = ONE): Poly => new Poly(new Map([[keyOf(m), { m, c }]]));
  static atom = (i: number): Poly => Poly.monomial([[i, 1]]);
  get isZero(): boolean { return this.terms.size === 0; }
  get constantValue(): Q | undefined { return this.terms.size === 0 ? ZERO : this.terms.size === 1 ? this.terms.get('')?.c : undefined; }
  private static put(out: Map<string, Mon>, m: Mono, c: Q, k = keyOf(m)): void {
    const sum = out.has(k) ? qAdd(out.get(k)!.c, c) : c;
    if (sum.n === 0n) out.delete(k);
    else out.set(k, { m, c: sum });
  }
  add(o: Poly): Poly {
    const out = new Map(this.terms);
    for (const [k, t] of o.terms) Poly.put(out, t.m, t.c, k);
    return new Poly(out);
  }
  scale = (c: Q): Poly => new Poly(new Map(c.n === 0n ? [] : [...this.terms].map(([k, t]) => [k, { m: t.m, c: qMul(t.c, c) }])));
  sub = (o: Poly): Poly => this.add(o.scale(q(-1n)));
  mul(o: Poly): Poly {
    if (this.terms.size * o.terms.size > MAX_TERMS * 4) throw new PolyLimit();
    const out = new Map<string, Mon>();
    for (const a of this.terms.values()) for (const b of o.terms.values()) Poly.put(out, mulMono(a.m, b.m), qMul(a.c, b.c));
    return new Poly(out);
  }
  pow(k: number): Poly {
    let [out, base, n]: [Poly, Poly, number] = [Poly.constant(ONE), this, k];
    for (; n > 0; n >>= 1) {
      if (n & 1) out = out.mul(base);
      if (n > 1) base = base.mul(base);
    }
    return out;
  }
  equals = (o: Poly): boolean => this.terms.size === o.terms.size && [...this.terms].every(([k, t]) => o.terms.has(k) && qEq(t.c, o.terms.get(k)!.c));
  private leading = (): Mon | undefined => [...this.terms.values()].reduce<Mon | undefined>((best, t) => (!best || compareMono(t.m, best.m) > 0 ? t : best), undefined);
  /** `this / d` when d divides it exactly. */
  divide(d: Poly): Poly | undefined {
    const ld = d.leading();
    if (!ld) return undefined;
    let [r, quo]: [Poly, Poly] = [this, Poly.constant(ZERO)];
    for (let guard = 0; !r.isZero; guard++) {
      if (guard > MAX_TERMS) throw new PolyLimit();
      const lr = r.leading()!;
      const m = divMono(lr.m, ld.m);
      if (!m) return undefined;
      const t = Poly.monomial(m, qMul(lr.c, qInv(ld.c)));
      quo = quo.add(t);
      r = r.sub(t.mul(d));
    }
    return quo;
  }
  /** With r^order = base applied to every root atom r (a root's base has only atoms numbered before it). */
  reduceRoots(roots: ReadonlyMap<number, { order: number; base: Poly }>): Poly {
    if (![...this.terms.values()].some((t) => t.m.some(([a, e]) => e >= (roots.get(a)?.order ?? Infinity)))) return this;
    let out = Poly.constant(ZERO);
    for (const t of this.terms.values()) {
      let p = Poly.constant(t.c);
      const rest: Array<[number, number]> = [];
      for (const [a, e] of t.m) {
        const r = roots.get(a);
        if (!r || e < r.order) rest.push([a, e]);
        else {
          p = p.mul(r.base.pow(Math.floor(e / r.order)));
          if (e % r.order) rest.push([a, e % r.order]);
        }
      }
      out = out.add(p.mul(Poly.monomial(rest)));
    }
    return out.reduceRoots(roots);
  }
}

function mulMono(a: Mono, b: Mono): Mono {
  const out: Array<[number, number]> = [];
  let [i, j] = [0, 0];
  while (i < a.length || j < b.length) {
    const [x, y] = [a[i], b[j]];
    if (x && (!y || x[0] < y[0])) out.push([x[0], x[1]]), i++;
    else if (y && (!x || y[0] < x[0])) out.push([y[0], y[1]]), j++;
    else out.push([x![0], x![1] + y![1]]), i++, j++;
  }
  return out;
}

function divMono(a: Mono, b: Mono): Mono | undefined {
  const exps = new Map(a.map(([k, e]) => [k, e]));
  for (const [k, e] of b) {
    const have = exps.get(k) ?? 0;
    if (have < e) return undefined;
    if (have === e) exps.delete(k);
    else exps.set(k, have - e);
  }
  return [...exps.entries()].sort((x, y) => x[0] - y[0]);
}

function compareMono(a: Mono, b: Mono): number {
  for (let [i, j] = [0, 0]; i < a.length || j < b.length; ) {
    const [x, y] = [a[i], b[j]];
    if (x && y && x[0] === y[0]) {
      if (x[1] !== y[1]) return x[1] - y[1];
      i++, j++;
    } else return x && (!y || x[0] < y[0]) ? 1 : -1;
  }
  return 0;
}

interface RF { readonly num: Poly; readonly den: Poly; }

/** `sqrt(r)` for r > 0 as a rational times square roots of integers without square factors found by trial division. */
function squareRoot(r: Q): { coefficient: Q; roots: bigint[] } {
  let [rest, outside] = [r.n * r.d, 1n];
  const roots: bigint[] = [];
  for (let p = 2n; p <= 10_000n && p * p <= rest; p += p === 2n ? 1n : 2n) {
    let k = 0;
    for (; rest % p === 0n; k++) rest /= p;
    outside *= p ** BigInt(k >> 1);
    if (k & 1) roots.push(p);
  }
  if (rest > 1n) roots.push(rest);
  return { coefficient: q(outside, r.d), roots };
}

const rootRadicand = (e: Term): bigint | undefined =>
  e.kind === 'call' && e.fn === 'sqrt' && e.args.length === 1 && e.args[0]!.kind === 'num' && e.args[0]!.value.d === 1n && e.args[0]!.value.n > 1n ? e.args[0]!.value.n : undefined;

/** Atoms and their relations, and the normal forms of atoms' arguments: one per check. */
export class Algebra {
  private readonly index = new Map<Term, number>();
  private readonly list: Term[] = [];
  readonly roots = new Map<number, { order: number; base: Poly }>();
  private readonly rootOrders = new Map<Term, number>();
  private readonly normalized = new Map<Term, Term>();
  private readonly rfs = new Map<Term, RF>();
  /** `alpha`: a canonical form up to the names of bound indices (for sums as atoms). */
  constructor(private readonly s: Store, private readonly alpha: (t: Term) => Term) {}
  private atomIndex(e: Term): number {
    let i = this.index.get(e);
    if (i === undefined) {
      this.index.set(e, (i = this.list.length));
      this.list.push(e);
      const m = rootRadicand(e);
      if (m !== undefined) this.roots.set(i, { order: 2, base: Poly.constant(q(m)) });
    }
    return i;
  }
  /** Fixes the root order of each base with fractional powers in `es`: the lcm of their denominators. */
  private prepare(es: readonly Term[]): void {
    const found = new Map<Term, bigint>();
    const seen = new Set<Term>();
    const stack = [...es];
    while (stack.length) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      if (n.kind === 'pow' && n.args[0]!.kind !== 'num' && n.args[1]!.kind === 'num' && n.args[1]!.value.d !== 1n && !this.rootOrders.has(n.args[0]!)) {
        const [b, d] = [n.args[0]!, n.args[1]!.value.d];
        const k = found.get(b) ?? 1n;
        let [x, y] = [k, d];
        while (y) [x, y] = [y, x % y];
        found.set(b, (k * d) / x);
      }
      stack.push(...n.args);
    }
    for (const [b, k] of found) this.rootOrders.set(b, k <= BigInt(MAX_ROOT_ORDER) ? Number(k) : 0);
  }
  private norm = (a: Term): Term => this.normalized.get(a) ?? this.normalized.set(a, this.normalize(a)).get(a)!;
  /** A canonical form of `e`: expanded numerator over expanded denominator. */
  private normalize(e: Term): Term {
    const { num: n, den: d } = this.reduced(e);
    const c = d.constantValue;
    if (c !== undefined && c.n === 0n) return e;
    if (c !== undefined) return this.toTerm(n.scale(qInv(c)));
    return this.s.mul(this.toTerm(n), this.s.pow(this.toTerm(d), this.s.num(-1)));
  }
  private toTerm(p: Poly): Term {
    const s = this.s;
    return s.add(...[...p.terms.values()].map((t) => s.mul(s.num(t.c), ...t.m.map(([a, e]) => s.pow(this.list[a]!, s.num(e))))));
  }
  private atom = (a: Term): RF => ({ num: Poly.atom(this.atomIndex(a)), den: Poly.constant(ONE) });
  private rootOf(r: Q): RF {
    const { coefficient, roots } = squareRoot(r);
    let p = Poly.constant(coefficient);
    for (const m of roots) p = p.mul(Poly.atom(this.atomIndex(this.s.call('sqrt', this.s.num(q(m))))));
    return { num: p, den: Poly.constant(ONE) };
  }
  private static power = (r: RF, k: number): RF => (k >= 0 ? { num: r.num.pow(k), den: r.den.pow(k) } : { num: r.den.pow(-k), den: r.num.pow(-k) });
  /** `e` as a quotient of polynomials over atoms. */
  rf(e: Term): RF {
    const hit = this.rfs.get(e);
    if (hit) return hit;
    const s = this.s;
    const one = Poly.constant(ONE);
    let out: RF;
    if (e.kind === 'num') out = { num: Poly.constant(e.value), den: one };
    else if (e.kind === 'sym') out = this.atom(e);
    else if (e.kind === 'add') {
      out = this.rf(e.args[0]!);
      for (const a of e.args.slice(1)) {
        const r = this.rf(a);
        out = out.den.equals(r.den) ? { num: out.num.add(r.num), den: out.den } : { num: out.num.mul(r.den).add(r.num.mul(out.den)), den: out.den.mul(r.den) };
      }
    } else if (e.kind === 'mul') {
      out = { num: one, den: one };
      for (const a of e.args) out = times(out, this.rf(a));
    } else if (e.kind === 'pow') {
      const [b, x] = e.args as [Term, Term];
      const atomBase = b.kind === 'sym' || (b.kind === 'call' && b.fn !== 'sqrt');
      const v = x.kind === 'num' ? x.value : undefined;
      const order = this.rootOrders.get(b) ?? 0;
      // 1^u is 1 wherever u is defined; the step records u's definedness if u disappears.
      if (b.kind === 'num' && b.value.n === 1n && b.value.d === 1n) out = { num: one, den: one };
      else if (b.kind === 'num' && b.value.n > 0n && v && v.d === 2n && Math.abs(Number(v.n)) <= 64) out = Algebra.power(this.rootOf(b.value), Number(v.n));
      else if (v && v.d === 1n && Math.abs(Number(v.n)) <= (atomBase ? 1 << 30 : 64)) out = Algebra.power(this.rf(b), Number(v.n));
      else if (x.kind === 'add' && x.args[0]!.kind === 'num' && x.args[0]!.value.d === 1n && Math.abs(Number(x.args[0]!.value.n)) <= 64) {
        // b^(s + k) = b^s * b^k.
        out = times(this.rf(s.pow(b, s.add(...x.args.slice(1)))), Algebra.power(this.rf(b), Number(x.args[0]!.value.n)));
      } else if (v && b.kind !== 'num' && order > 0 && order % Number(v.d) === 0 && Math.abs(Number(v.n) / Number(v.d)) <= 64) {
        // b^(p/q) = (b^(1/Q))^(pQ/q), with (b^(1/Q))^Q = b when b is a polynomial.
        const rb = this.rf(b);
        const i = this.atomIndex(s.pow(this.norm(b), s.num(q(1n, BigInt(order)))));
        const c = rb.den.constantValue;
        if (!this.roots.has(i) && c !== undefined && c.n !== 0n) this.roots.set(i, { order, base: rb.num.scale(qInv(c)) });
        out = Algebra.power({ num: Poly.atom(i), den: one }, (Number(v.n) * order) / Number(v.d));
      } else if (v && v.n < 0n) {
        const r = this.atom(s.pow(this.norm(b), s.num(qNeg(v))));
        out = { num: r.den, den: r.num };
      } else out = this.atom(s.pow(this.norm(b), this.norm(x)));
    } else {
      // A call whose meaning depends on its operands' dimensions keeps them as written: `matmul(A/A, B)` is not `matmul(1, B)`.
      const atom = DIMENSIONAL.has(e.fn) && isShapedCall(e) ? e : s.call(e.fn, ...e.args.map((a) => (e.fn === 'diff' && a.kind === 'sym' ? a : this.norm(a))));
      const radicand = atom.fn === 'sqrt' && atom.args.length === 1 ? atom.args[0]! : undefined;
      const factor = radicand?.kind === 'mul' ? radicand.args.find((f) => f.kind === 'num') : undefined;
      if (radicand?.kind === 'num' && radicand.value.n > 0n) out = this.rootOf(radicand.value);
      else if (factor && factor.value.n > 0n) out = times(this.rootOf(factor.value), this.atom(s.call('sqrt', s.mul(...radicand!.args.filter((f) => f !== factor)))));
      else out = this.atom(atom.fn === 'sum' ? this.alpha(atom) : atom);
    }
    this.rfs.set(e, out);
    return out;
  }
  /** `e` as a quotient, with the root relations applied and a one-term denominator cleared of roots. */
  reduced(e: Term): RF {
    const r = this.rf(e);
    if (this.roots.size === 0) return r;
    let [n, d] = [r.num.reduceRoots(this.roots), r.den.reduceRoots(this.roots)];
    const [only, ...others] = d.terms.values();
    if (only && others.length === 0)
      for (const [a, k] of only.m) {
        const root = this.roots.get(a);
        if (!root || k % root.order === 0) continue;
        const f = Poly.atom(a).pow(root.order - (k % root.order));
        [n, d] = [n.mul(f).reduceRoots(this.roots), d.mul(f).reduceRoots(this.roots)];
      }
    return { num: n, den: d };
  }
  /** Whether `a = b` wherever both are defined, or (with `eq`) wherever also eq = 0. */
  equal(a: Term, b: Term, eq?: Term): boolean {
    return limited(() => {
      if (!eq) [a, b] = this.withoutCommonFactors(a, b);
      this.prepare(eq ? [a, b, eq] : [a, b]);
      const [x, y] = [this.reduced(a), this.reduced(b)];
      if (x.den.isZero || y.den.isZero) return false;
      const diff = x.num.mul(y.den).sub(y.num.mul(x.den)).reduceRoots(this.roots);
      if (!eq) return diff.isZero;
      const e = this.reduced(eq);
      if (e.den.isZero || e.num.isZero || e.num.constantValue !== undefined) return false;
      return diff.isZero || diff.divide(e.num) !== undefined;
    });
  }
  /** Without the factors both share (nonzero quotients): a' = b' implies C*a' = C*b', and n layers are not expanded into 2^n terms. */
  private withoutCommonFactors(a: Term, b: Term): [Term, Term] {
    if (a.kind !== 'mul' || b.kind !== 'mul') return [a, b];
    const count = (m: Map<Term, number>, f: Term, k: number): number => (m.set(f, (m.get(f) ?? 0) + k), m.get(f)!);
    const [inB, common] = [new Map<Term, number>(), new Map<Term, number>()];
    this.prepare([a, b]); // root orders first: rf() remembers a factor's form, which must be final
    for (const f of b.args) count(inB, f, 1);
    for (const f of a.args) if ((inB.get(f) ?? 0) > 0 && this.invertible(f)) count(inB, f, -1), count(common, f, 1);
    if (common.size === 0) return [a, b];
    const rest = (p: Term, drop = new Map(common)): Term => this.s.mul(...p.args.filter((f) => !((drop.get(f) ?? 0) > 0 && count(drop, f, -1) >= 0)));
    return [rest(a), rest(b)];
  }
  private invertible(f: Term): boolean {
    if (f.kind === 'num' || f.kind === 'sym') return f.kind === 'sym' || f.value.n !== 0n;
    return limited(() => {
      const r = this.rf(f);
      return !r.num.isZero && !r.den.isZero;
    });
  }
}

/** `f()`, or false when it outgrows the term limit. */
function limited(f: () => boolean): boolean {
  try {
    return f();
  } catch (err) {
    if (err instanceof PolyLimit) return false;
    throw err;
  }
}

/** The product of two quotients, dividing out a denominator that divides the other numerator. */
function times(x: RF, y: RF): RF {
  const divided = (n: Poly, d: Poly): Poly | undefined => (d.constantValue === undefined && d.terms.size <= 64 && n.terms.size <= 64 ? n.divide(d) : undefined);
  const a = divided(x.num, y.den);
  if (a) return { num: a.mul(y.num), den: x.den };
  const b = divided(y.num, x.den);
  return b ? { num: x.num.mul(b), den: y.den } : { num: x.num.mul(y.num), den: x.den.mul(y.den) };
}

