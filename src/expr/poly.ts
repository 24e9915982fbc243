/**
 * Polynomials with rational coefficients over atoms, and quotients of them. An atom is any
 * subterm that is not `+`, `*`, a number or an integer power: a name, a function
 * application with normalized arguments, a symbolic power. Two expressions whose quotients
 * have equal cross-multiplied numerators are equal wherever both are defined.
 *
 * Fractional powers of one symbolic base b share one root atom b^(1/Q), Q the lcm of the
 * denominators seen for b: b^(-3/2) is (b^(1/2))^(-3), and (b^(1/Q))^Q reduces to b. This
 * holds wherever b^(1/Q) is defined; the numeric evaluator gives NaN for a fractional power
 * of a negative number, so both sides agree wherever both are defined.
 */
import { type Expr, add, call, mul, num, pow } from './node.js';
import { type Rational, ONE, ZERO, isZero, rat, ratAdd, ratEq, ratInv, ratMul, ratNeg, ratPowInt } from './rational.js';
import { alphaCanonical, isSum } from './indexed.js';
import { rootAtom, rootRadicand, squareRoot } from './roots.js';

/** Sorted [atom index, exponent] pairs; exponents are positive integers. */
type Monomial = ReadonlyArray<readonly [number, number]>;

interface Term {
  readonly m: Monomial;
  readonly c: Rational;
}

/** Thrown when a computation would exceed the term limit (expression swell). */
export class PolyLimit extends Error {
  constructor(readonly limit: number) {
    super(`a polynomial with more than ${limit} terms`);
  }
}

export const DEFAULT_MAX_TERMS = 5000;

/** A root atom r with r^order = base: `sqrt(2)^2 = 2`, `(x^(1/2))^2 = x`. */
export interface RootRelation {
  readonly order: number;
  readonly base: Poly;
}

/** A base whose fractional powers need a root of higher order than this keeps them as separate atoms. */
const MAX_ROOT_ORDER = 64;

const keyOf = (m: Monomial): string => m.map(([a, e]) => `${a}^${e}`).join('*');

/** An immutable polynomial. */
export class Poly {
  private constructor(
    readonly terms: ReadonlyMap<string, Term>,
    private readonly maxTerms: number,
  ) {}

  static constant(c: Rational, maxTerms = DEFAULT_MAX_TERMS): Poly {
    return new Poly(isZero(c) ? new Map() : new Map([['', { m: [], c }]]), maxTerms);
  }

  static atom(index: number, maxTerms = DEFAULT_MAX_TERMS): Poly {
    const m: Monomial = [[index, 1]];
    return new Poly(new Map([[keyOf(m), { m, c: ONE }]]), maxTerms);
  }

  private static from(terms: Map<string, Term>, maxTerms: number): Poly {
    if (terms.size > maxTerms) throw new PolyLimit(maxTerms);
    return new Poly(terms, maxTerms);
  }

  get isZero(): boolean {
    return this.terms.size === 0;
  }

  /** The constant value, when the polynomial is a constant. */
  get constantValue(): Rational | undefined {
    if (this.terms.size === 0) return ZERO;
    if (this.terms.size === 1) {
      const t = this.terms.get('');
      if (t) return t.c;
    }
    return undefined;
  }

  add(o: Poly): Poly {
    const out = new Map(this.terms);
    for (const [k, t] of o.terms) {
      const prev = out.get(k);
      const c = prev ? ratAdd(prev.c, t.c) : t.c;
      if (isZero(c)) out.delete(k);
      else out.set(k, { m: t.m, c });
    }
    return Poly.from(out, this.maxTerms);
  }

  scale(c: Rational): Poly {
    if (isZero(c)) return Poly.constant(ZERO, this.maxTerms);
    const out = new Map<string, Term>();
    for (const [k, t] of this.terms) out.set(k, { m: t.m, c: ratMul(t.c, c) });
    return new Poly(out, this.maxTerms);
  }

  neg(): Poly {
    return this.scale(ratNeg(ONE));
  }

  sub(o: Poly): Poly {
    return this.add(o.neg());
  }

  mul(o: Poly): Poly {
    if (this.terms.size * o.terms.size > this.maxTerms * 4) throw new PolyLimit(this.maxTerms);
    const out = new Map<string, Term>();
    for (const a of this.terms.values()) {
      for (const b of o.terms.values()) {
        const m = mulMono(a.m, b.m);
        const k = keyOf(m);
        const prev = out.get(k);
        const c = prev ? ratAdd(prev.c, ratMul(a.c, b.c)) : ratMul(a.c, b.c);
        if (isZero(c)) out.delete(k);
        else out.set(k, { m, c });
      }
    }
    return Poly.from(out, this.maxTerms);
  }

  pow(k: number): Poly {
    let out = Poly.constant(ONE, this.maxTerms);
    let base: Poly = this;
    let n = k;
    while (n > 0) {
      if (n & 1) out = out.mul(base);
      n >>= 1;
      if (n) base = base.mul(base);
    }
    return out;
  }

  equals(o: Poly): boolean {
    if (this.terms.size !== o.terms.size) return false;
    for (const [k, t] of this.terms) {
      const u = o.terms.get(k);
      if (!u || !ratEq(t.c, u.c)) return false;
    }
    return true;
  }

  /** The leading term in lexicographic order of the atoms. */
  private leading(): Term | undefined {
    let best: Term | undefined;
    for (const t of this.terms.values()) if (!best || compareMono(t.m, best.m) > 0) best = t;
    return best;
  }

  /** `this / d` when `d` divides it exactly, else undefined. */
  divide(d: Poly): Poly | undefined {
    const ld = d.leading();
    if (!ld) return undefined;
    let r: Poly = this;
    let q = Poly.constant(ZERO, this.maxTerms);
    for (let guard = 0; !r.isZero; guard++) {
      if (guard > this.maxTerms) throw new PolyLimit(this.maxTerms);
      const lr = r.leading()!;
      const m = divMono(lr.m, ld.m);
      if (!m) return undefined;
      const t = new Poly(new Map([[keyOf(m), { m, c: ratMul(lr.c, ratInv(ld.c)) }]]), this.maxTerms);
      q = q.add(t);
      r = r.sub(t.mul(d));
    }
    return q;
  }

  /**
   * With `r^order = base` applied to the root atoms r in every term. A relation's base has
   * only atoms numbered before its root (it was converted first), so this terminates.
   */
  reduceRoots(roots: ReadonlyMap<number, RootRelation>): Poly {
    const reducible = (t: Term): boolean =>
      t.m.some(([a, e]) => {
        const r = roots.get(a);
        return r !== undefined && e >= r.order;
      });
    if (![...this.terms.values()].some(reducible)) return this;
    const out = new Map<string, Term>();
    const put = (m: Monomial, c: Rational): void => {
      const k = keyOf(m);
      const prev = out.get(k);
      const sum = prev ? ratAdd(prev.c, c) : c;
      if (isZero(sum)) out.delete(k);
      else out.set(k, { m, c: sum });
    };
    let again = false;
    for (const t of this.terms.values()) {
      let c = t.c;
      let factor: Poly | undefined;
      const m: Array<[number, number]> = [];
      for (const [a, e] of t.m) {
        const r = roots.get(a);
        if (r === undefined || e < r.order) {
          m.push([a, e]);
          continue;
        }
        const times = Math.floor(e / r.order);
        const value = r.base.constantValue;
        if (value !== undefined) c = ratMul(c, ratPowInt(value, BigInt(times)));
        else factor = (factor ?? Poly.constant(ONE, this.maxTerms)).mul(r.base.pow(times));
        if (e % r.order) m.push([a, e % r.order]);
      }
      if (!factor) put(m, c);
      else {
        again = true;
        for (const u of factor.terms.values()) put(mulMono(m, u.m), ratMul(c, u.c));
      }
    }
    const reduced = Poly.from(out, this.maxTerms);
    return again ? reduced.reduceRoots(roots) : reduced;
  }

  /** The polynomial as an expanded expression over the atoms. */
  toExpr(atoms: AtomTable): Expr {
    const terms: Expr[] = [];
    for (const t of this.terms.values()) {
      terms.push(mul(num(t.c), ...t.m.map(([a, e]) => pow(atoms.expr(a), num(e)))));
    }
    return add(...terms);
  }

  /** Atoms that occur, with their highest exponent. */
  degrees(): Map<number, number> {
    const out = new Map<number, number>();
    for (const t of this.terms.values()) for (const [a, e] of t.m) out.set(a, Math.max(out.get(a) ?? 0, e));
    return out;
  }
}

function mulMono(a: Monomial, b: Monomial): Monomial {
  const out: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x && (!y || x[0] < y[0])) {
      out.push([x[0], x[1]]);
      i++;
    } else if (y && (!x || y[0] < x[0])) {
      out.push([y[0], y[1]]);
      j++;
    } else {
      out.push([x![0], x![1] + y![1]]);
      i++;
      j++;
    }
  }
  return out;
}

function divMono(a: Monomial, b: Monomial): Monomial | undefined {
  const exps = new Map(a.map(([k, e]) => [k, e]));
  for (const [k, e] of b) {
    const have = exps.get(k) ?? 0;
    if (have < e) return undefined;
    if (have === e) exps.delete(k);
    else exps.set(k, have - e);
  }
  return [...exps.entries()].sort((x, y) => x[0] - y[0]);
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

function compareMono(a: Monomial, b: Monomial): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x && y && x[0] === y[0]) {
      if (x[1] !== y[1]) return x[1] - y[1];
      i++;
      j++;
    } else if (x && (!y || x[0] < y[0])) return 1;
    else return -1;
  }
  return 0;
}

/** Numbering of atoms; the same atom (the same interned node) always gets the same index. */
export class AtomTable {
  private readonly index = new Map<Expr, number>();
  private readonly list: Expr[] = [];
  /** The root atoms among the atoms (`sqrt(m)`, `b^(1/Q)`): index → relation. */
  readonly roots = new Map<number, RootRelation>();
  /** The order Q of the root atom b^(1/Q) for each symbolic base b seen (0: none, keep the powers as atoms). */
  readonly rootOrders = new Map<Expr, number>();
  private readonly scanned = new Set<Expr>();
  /**
   * Normal forms of atoms' arguments already computed with this table. A shared subterm is
   * normalized once: without this, `abs(u)` opened to `piecewise(u > 0, u, u < 0, -u)` and
   * nested n deep costs 3^n normalizations.
   */
  readonly normalized = new Map<Expr, Expr>();

  indexOf(e: Expr): number {
    let i = this.index.get(e);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(e);
      this.index.set(e, i);
      const m = rootRadicand(e);
      if (m !== undefined) this.roots.set(i, { order: 2, base: Poly.constant(rat(m)) });
    }
    return i;
  }

  /**
   * Fixes the root order of every symbolic base with fractional powers in `es` that has
   * none yet: the lcm of their denominators. Called on both sides of an equality before
   * either is converted, so both write b's powers over the same root atom.
   */
  prepare(...es: readonly Expr[]): void {
    const found = new Map<Expr, bigint>();
    const stack = [...es];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.kind === 'num' || n.kind === 'sym' || this.scanned.has(n)) continue;
      this.scanned.add(n);
      if (n.kind === 'pow') {
        const [b, x] = n.args;
        if (b.kind !== 'num' && x.kind === 'num' && x.value.d !== 1n && !this.rootOrders.has(b)) {
          const q = found.get(b) ?? 1n;
          found.set(b, (q * x.value.d) / gcd(q, x.value.d));
        }
      }
      stack.push(...n.args);
    }
    for (const [b, q] of found) this.rootOrders.set(b, q <= BigInt(MAX_ROOT_ORDER) ? Number(q) : 0);
  }

  expr(i: number): Expr {
    return this.list[i]!;
  }
}

/** A quotient of polynomials. */
export interface RationalFunction {
  readonly num: Poly;
  readonly den: Poly;
}

/**
 * Brings `e` to a quotient of polynomials over atoms. Function arguments and symbolic
 * powers are normalized first, so `log(a*b)` and `log(b*a)` are one atom.
 */
export interface RationalOptions {
  readonly maxTerms?: number;
  /** Normalize function arguments and symbolic powers (true), or keep atoms exactly as written. */
  readonly normalizeAtoms?: boolean;
}

export function toRationalFunction(e: Expr, atoms: AtomTable, options: RationalOptions = {}): RationalFunction {
  const maxTerms = options.maxTerms ?? DEFAULT_MAX_TERMS;
  const norm =
    options.normalizeAtoms === false
      ? (a: Expr): Expr => a
      : (a: Expr): Expr => {
          const key = maxTerms === DEFAULT_MAX_TERMS ? a : undefined;
          const hit = key && atoms.normalized.get(key);
          if (hit) return hit;
          const out = normalize(a, atoms, maxTerms);
          if (key) atoms.normalized.set(key, out);
          return out;
        };
  const memo = new Map<Expr, RationalFunction>();
  const one = Poly.constant(ONE, maxTerms);
  const atomRf = (a: Expr): RationalFunction => ({ num: Poly.atom(atoms.indexOf(a), maxTerms), den: one });
  const rootRf = (q: Rational): RationalFunction => {
    const { coefficient, roots } = squareRoot(q);
    let p = Poly.constant(coefficient, maxTerms);
    for (const m of roots) p = p.mul(Poly.atom(atoms.indexOf(rootAtom(m)), maxTerms));
    return { num: p, den: one };
  };
  const normalizing = options.normalizeAtoms !== false;
  if (normalizing) atoms.prepare(e);
  /** The root atom b^(1/q), with its relation to b when b is a polynomial. */
  const radical = (b: Expr, q: number): Poly => {
    const rb = go(b);
    const i = atoms.indexOf(pow(norm(b), num(rat(1n, BigInt(q)))));
    const c = rb.den.constantValue;
    if (!atoms.roots.has(i) && c !== undefined && !isZero(c)) atoms.roots.set(i, { order: q, base: rb.num.scale(ratInv(c)) });
    return Poly.atom(i, maxTerms);
  };
  const go = (n: Expr): RationalFunction => {
    const hit = memo.get(n);
    if (hit) return hit;
    let out: RationalFunction;
    switch (n.kind) {
      case 'num':
        out = { num: Poly.constant(n.value, maxTerms), den: one };
        break;
      case 'sym':
        out = atomRf(n);
        break;
      case 'add': {
        out = go(n.args[0]!);
        for (const a of n.args.slice(1)) {
          const r = go(a);
          out = out.den.equals(r.den)
            ? { num: out.num.add(r.num), den: out.den }
            : { num: out.num.mul(r.den).add(r.num.mul(out.den)), den: out.den.mul(r.den) };
        }
        break;
      }
      case 'mul': {
        out = { num: one, den: one };
        for (const a of n.args) out = times(out, go(a));
        break;
      }
      case 'pow': {
        const [b, x] = n.args;
        // Small integer powers are expanded; any integer power of an atom is one monomial
        // (`b^65` is `b*b*…*b`), so it is exact and cheap at every size.
        // A root atom's power is a number: kept to small exponents, like a number's.
        const atomBase = b.kind === 'sym' || (b.kind === 'call' && rootRadicand(b) === undefined && !(b.fn === 'sqrt' && normalizing));
        if (b.kind === 'num' && b.value.n === 1n && b.value.d === 1n) {
          // 1^u is 1 wherever it is defined (the constructor keeps it when u may not be).
          out = { num: one, den: one };
        } else if (normalizing && b.kind === 'num' && b.value.n > 0n && x.kind === 'num' && x.value.d === 2n && Math.abs(Number(x.value.n)) <= 64) {
          // q^(k/2) with q > 0 is sqrt(q)^k.
          const k = Number(x.value.n);
          const r = rootRf(b.value);
          out = k >= 0 ? { num: r.num.pow(k), den: one } : { num: one, den: r.num.pow(-k) };
        } else if (x.kind === 'num' && x.value.d === 1n && Math.abs(Number(x.value.n)) <= (atomBase ? 1 << 30 : 64)) {
          const k = Number(x.value.n);
          const r = go(b);
          out = k >= 0 ? { num: r.num.pow(k), den: r.den.pow(k) } : { num: r.den.pow(-k), den: r.num.pow(-k) };
        } else if (x.kind === 'add' && x.args[0]!.kind === 'num' && x.args[0]!.value.d === 1n && Math.abs(Number(x.args[0]!.value.n)) <= 64) {
          // b^(s + k) is b^s * b^k: a symbolic power and an integer one, so (1 - a)^(g - 1)
          // and (1 - a)^g/(1 - a) are the same (where both are defined).
          const k = Number(x.args[0]!.value.n);
          const sym_ = go(pow(b, add(...x.args.slice(1))));
          const r = go(b);
          const integer = k >= 0 ? { num: r.num.pow(k), den: r.den.pow(k) } : { num: r.den.pow(-k), den: r.num.pow(-k) };
          out = times(sym_, integer);
        } else if (
          normalizing &&
          b.kind !== 'num' &&
          x.kind === 'num' &&
          (atoms.rootOrders.get(b) ?? 0) % Number(x.value.d) === 0 &&
          (atoms.rootOrders.get(b) ?? 0) > 0 &&
          Math.abs(Number(x.value.n) / Number(x.value.d)) <= 64
        ) {
          // b^(p/q) is (b^(1/Q))^(p*Q/q): one root atom for all of b's fractional powers.
          const order = atoms.rootOrders.get(b)!;
          const k = (Number(x.value.n) * order) / Number(x.value.d);
          const r = radical(b, order);
          out = k >= 0 ? { num: r.pow(k), den: one } : { num: one, den: r.pow(-k) };
        } else if (x.kind === 'num' && x.value.n < 0n) {
          // b^(-r) is 1/b^r: one atom for both, so u^(1/2)*u^(-1/2) is 1.
          const r = atomRf(pow(norm(b), num(ratNeg(x.value))));
          out = { num: r.den, den: r.num };
        } else out = atomRf(pow(norm(b), norm(x)));
        break;
      }
      case 'call': {
        const atom = call(n.fn, ...n.args.map((a) => (n.fn === 'diff' && a.kind === 'sym' ? a : norm(a))));
        const radicand = normalizing && atom.fn === 'sqrt' && atom.args.length === 1 ? atom.args[0]! : undefined;
        if (radicand?.kind === 'num' && radicand.value.n > 0n) {
          out = rootRf(radicand.value);
          break;
        }
        const factor = radicand?.kind === 'mul' ? radicand.args.find((f) => f.kind === 'num') : undefined;
        if (factor?.kind === 'num' && factor.value.n > 0n) {
          // sqrt(q*u) = sqrt(q)*sqrt(u) for q > 0: where u < 0 neither side is defined.
          out = times(rootRf(factor.value), atomRf(call('sqrt', mul(...radicand!.args.filter((f) => f !== factor)))));
          break;
        }
        // Sums that differ only in the name of their index are one atom.
        out = atomRf(options.normalizeAtoms !== false && isSum(atom) ? alphaCanonical(atom) : atom);
        break;
      }
    }
    memo.set(n, out);
    return out;
  };
  return withReducedRoots(go(e), atoms);
}

/**
 * `r` with `sqrt(m)^2 = m` applied, and a one-term denominator cleared of roots by
 * multiplying both sides by them (positive numbers), so `1/sqrt(2)` is `sqrt(2)/2`.
 */
function withReducedRoots(r: RationalFunction, atoms: AtomTable): RationalFunction {
  if (atoms.roots.size === 0) return r;
  let n = r.num.reduceRoots(atoms.roots);
  let d = r.den.reduceRoots(atoms.roots);
  const [only, ...others] = d.terms.values();
  if (only && others.length === 0) {
    for (const [a, e] of only.m) {
      const r = atoms.roots.get(a);
      if (!r || e % r.order === 0) continue;
      // Where the root is zero the denominator already is: the domain does not change.
      const root = Poly.atom(a).pow(r.order - (e % r.order));
      n = n.mul(root).reduceRoots(atoms.roots);
      d = d.mul(root).reduceRoots(atoms.roots);
    }
  }
  return { num: n, den: d };
}

/**
 * The product of two quotients, dividing out a denominator that divides the other's
 * numerator exactly (`(e*S)/S` stays `e`), so repeated factors do not pile up.
 */
function times(x: RationalFunction, y: RationalFunction): RationalFunction {
  const small = (p: Poly): boolean => p.terms.size <= 64;
  if (y.den.constantValue === undefined && small(y.den) && small(x.num)) {
    const q = x.num.divide(y.den);
    if (q) return { num: q.mul(y.num), den: x.den };
  }
  if (x.den.constantValue === undefined && small(x.den) && small(y.num)) {
    const q = y.num.divide(x.den);
    if (q) return { num: x.num.mul(q), den: y.den };
  }
  return { num: x.num.mul(y.num), den: x.den.mul(y.den) };
}

/** A canonical-ish expression for `e`: expanded numerator over expanded, monic denominator. */
export function normalize(e: Expr, atoms: AtomTable, maxTerms = DEFAULT_MAX_TERMS): Expr {
  const { num: n, den: d } = toRationalFunction(e, atoms, { maxTerms });
  const c = d.constantValue;
  // Divided by zero (`log(x/0)` inside an atom): undefined everywhere, so left as written.
  if (c !== undefined && isZero(c)) return e;
  if (c !== undefined) return n.scale(ratInv(c)).toExpr(atoms);
  return mul(n.toExpr(atoms), pow(d.toExpr(atoms), num(-1)));
}

/** Whether two expressions are equal as rational functions over atoms. */
export function rationallyEqual(a: Expr, b: Expr, maxTerms = DEFAULT_MAX_TERMS): boolean {
  // The answer depends only on the two (interned, immutable) nodes: remembered, with the
  // default limit, so that deciding the same equality again (the checker replays what the
  // engine decided; every run of a problem asks the same) costs a lookup.
  if (maxTerms !== DEFAULT_MAX_TERMS) return decideRationallyEqual(a, b, maxTerms);
  let known = RATIONALLY_EQUAL.get(a);
  if (!known) RATIONALLY_EQUAL.set(a, (known = new WeakMap()));
  let out = known.get(b);
  if (out === undefined) known.set(b, (out = decideRationallyEqual(a, b, maxTerms)));
  return out;
}

/** rationallyEqual's answers with the default limit, per pair of nodes: a memo, not state. */
const RATIONALLY_EQUAL = new WeakMap<Expr, WeakMap<Expr, boolean>>();

function decideRationallyEqual(a: Expr, b: Expr, maxTerms: number): boolean {
  [a, b] = withoutCommonFactors(a, b, maxTerms);
  const atoms = new AtomTable();
  atoms.prepare(a, b);
  const x = toRationalFunction(a, atoms, { maxTerms });
  const y = toRationalFunction(b, atoms, { maxTerms });
  // A zero denominator is undefined everywhere: never equal to anything.
  if (x.den.isZero || y.den.isZero) return false;
  return x.num.mul(y.den).reduceRoots(atoms.roots).equals(y.num.mul(x.den).reduceRoots(atoms.roots));
}

/**
 * `a` and `b` without the factors they share: the same node, as a factor of both products,
 * whose own quotient has a nonzero numerator and denominator. Then `a = C*a'` and
 * `b = C*b'`, and `a' = b'` implies `a = b` (multiply both sides by C): sound whatever C
 * is. The converse needs C to be no zero divisor, which can fail where root relations
 * factor (`t = (x^2)^(1/2)`, `t^2 = x^2`: `(t - x)(t + x) = 0`); there the answer is a
 * refusal, never a false equality. A gradient through n layers is a product of about 3n
 * factors with n sums among them, which expanded has 2^n terms; here only what differs is
 * expanded.
 */
function withoutCommonFactors(a: Expr, b: Expr, maxTerms: number): [Expr, Expr] {
  if (a.kind !== 'mul' || b.kind !== 'mul') return [a, b];
  const inB = new Map<Expr, number>();
  for (const f of b.args) inB.set(f, (inB.get(f) ?? 0) + 1);
  const common = new Map<Expr, number>();
  for (const f of a.args) {
    const left = inB.get(f) ?? 0;
    if (left === 0 || !invertible(f, maxTerms)) continue;
    inB.set(f, left - 1);
    common.set(f, (common.get(f) ?? 0) + 1);
  }
  if (common.size === 0) return [a, b];
  const rest = (p: Expr): Expr => {
    const drop = new Map(common);
    return mul(
      ...p.args.filter((f) => {
        const k = drop.get(f) ?? 0;
        if (k > 0) drop.set(f, k - 1);
        return k === 0;
      }),
    );
  };
  return [rest(a), rest(b)];
}

/** Whether `f` is a quotient with nonzero numerator and denominator (so dividing by it is allowed). */
function invertible(f: Expr, maxTerms: number): boolean {
  if (f.kind === 'num') return f.value.n !== 0n;
  if (f.kind === 'sym') return true;
  try {
    const r = toRationalFunction(f, new AtomTable(), { maxTerms });
    return !r.num.isZero && !r.den.isZero;
  } catch (err) {
    if (err instanceof PolyLimit) return false;
    throw err;
  }
}

/**
 * Whether `a = b` follows from the equation `eq = 0` by field algebra: the numerator of
 * `a - b` is a polynomial multiple of the numerator of `eq` (used for facts such as
 * `y1 + y2 + y3 = 1`, where `eq` is `y1 + y2 + y3 - 1`).
 */
export function equalModulo(a: Expr, b: Expr, eq: Expr, maxTerms = DEFAULT_MAX_TERMS): boolean {
  const atoms = new AtomTable();
  atoms.prepare(a, b, eq);
  const x = toRationalFunction(a, atoms, { maxTerms });
  const y = toRationalFunction(b, atoms, { maxTerms });
  const e = toRationalFunction(eq, atoms, { maxTerms });
  if (x.den.isZero || y.den.isZero || e.den.isZero || e.num.isZero || e.num.constantValue !== undefined) return false;
  const diff = x.num.mul(y.den).sub(y.num.mul(x.den)).reduceRoots(atoms.roots);
  return diff.isZero || diff.divide(e.num) !== undefined;
}
