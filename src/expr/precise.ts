/**
 * High-precision evaluation (50 significant digits), used to confirm a counterexample
 * before it is reported, so that rounding never refutes a true identity.
 */
import { Decimal } from 'decimal.js';
import { type Expr, num } from './node.js';
import { Definitions } from './context.js';
import { AT, MAX_NUMERIC_TERMS, SUM, binderOf, familyOf, isIndexed, isSum, memberKey, parseMemberKey, substituteFree } from './indexed.js';
import { type FunctionDefs, openAllCalls } from './functions.js';
import { REGISTRY, decimalCtor } from './registry/index.js';

type Ctor = ReturnType<typeof Decimal.clone>;
type Dec = InstanceType<Ctor>;

const ctor = decimalCtor;

type Fn = (...xs: Dec[]) => Dec;

const TABLES = new Map<Ctor, Readonly<Record<string, Fn>>>();
/** The registry's high-precision functions, with D's precision (one table per precision). */
function precise(D: Ctor): Readonly<Record<string, Fn>> {
  let t = TABLES.get(D);
  if (!t) TABLES.set(D, (t = Object.fromEntries(REGISTRY.flatMap((f) => (f.precise ? [[f.name, f.precise(D)] as const] : [])))));
  return t;
}

/** The functions the precise evaluator knows, with `digits` significant digits (for the rule loader's own evaluator). */
export function preciseFunctions(digits: number): { readonly D: Ctor; readonly fns: Readonly<Record<string, Fn>> } {
  const D = ctor(digits);
  return { D, fns: precise(D) };
}

/** Thrown when an expression uses something the precise evaluator cannot compute. */
export class NotPrecise extends Error {}

/** Values of the variables: numbers, or decimal strings with more digits than a double holds. */
export type PrecisePoint = Readonly<Record<string, number | string>>;

/**
 * The value of `e` at `point` (exact decimal inputs) with `digits` significant digits,
 * through `defs`, with derivatives by central differences at a tiny step. A decimal
 * string, or 'NaN'.
 */
export function preciseValue(e: Expr, point: PrecisePoint, defs: Definitions, digits = 50, functions?: FunctionDefs): string {
  if (functions?.size) {
    // Functions known only by their definition (bce, swish) are evaluated through it.
    e = openAllCalls(e, functions);
    defs = new Definitions(defs.list.map((d) => ({ ...d, expr: openAllCalls(d.expr, functions) })));
  }
  const D = ctor(digits);
  return valueWith(D, precise(D), e, point, defs, []).toString();
}

/** preciseValue of several expressions at one point, sharing the work (definitions' values) between them. */
export function preciseValues(es: readonly Expr[], point: PrecisePoint, defs: Definitions, digits = 50, functions?: FunctionDefs): string[] {
  if (functions?.size) {
    es = es.map((e) => openAllCalls(e, functions));
    defs = new Definitions(defs.list.map((d) => ({ ...d, expr: openAllCalls(d.expr, functions) })));
  }
  const D = ctor(digits);
  return valuesWith(D, precise(D), es, point, defs, []).map((v) => v.toString());
}

type Perturbation = ReadonlyArray<{ name: string; delta: Dec }>;

function valueWith(D: Ctor, fns: Readonly<Record<string, Fn>>, e: Expr, point: PrecisePoint, defs: Definitions, perturb: Perturbation): Dec {
  return valuesWith(D, fns, [e], point, defs, perturb)[0]!;
}

function valuesWith(
  D: Ctor,
  fns: Readonly<Record<string, Fn>>,
  es: readonly Expr[],
  point: PrecisePoint,
  defs: Definitions,
  perturb: Perturbation,
): Dec[] {
  const values = new Map<string, Dec>();
  for (const [k, v] of Object.entries(point)) values.set(k, new D(v));
  const deltaOf = (name: string): Dec => perturb.reduce((s, p) => (p.name === name ? s.plus(p.delta) : s), new D(0));
  const isDefined = (name: string): boolean => defs.has(name) || defs.isFamily(parseMemberKey(name)?.family ?? '');
  for (const p of perturb) if (!isDefined(p.name)) values.set(p.name, (values.get(p.name) ?? new D(NaN)).plus(p.delta));
  const memo = new Map<Expr, Dec>();
  /** A name's value; a member of a defined family is computed when first asked for. */
  const valueOf = (name: string): Dec | undefined => {
    const v = values.get(name);
    if (v) return v;
    const m = parseMemberKey(name);
    if (!m || !defs.isFamily(m.family)) return undefined;
    const w = go(defs.member(m.family, num(m.n))!).plus(deltaOf(name));
    values.set(name, w);
    return w;
  };
  const integer = (d: Dec): number | undefined => (d.isInteger() && d.abs().lt(1e9) ? d.toNumber() : undefined);
  const go = (n: Expr): Dec => {
    const hit = memo.get(n);
    if (hit) return hit;
    let v: Dec;
    switch (n.kind) {
      case 'num':
        v = new D(n.value.n.toString()).div(n.value.d.toString());
        break;
      case 'sym': {
        const x = n.name === 'pi' ? D.acos(-1) : valueOf(n.name);
        if (!x) throw new NotPrecise(`no value for ${n.name}`);
        v = x;
        break;
      }
      case 'add':
        v = n.args.reduce((s, a) => s.plus(go(a)), new D(0));
        break;
      case 'mul':
        v = n.args.reduce((s, a) => s.times(go(a)), new D(1));
        break;
      case 'pow': {
        const b = go(n.args[0]);
        const x = go(n.args[1]);
        v = b.isZero() && x.isNeg() ? new D(NaN) : b.pow(x);
        break;
      }
      case 'call': {
        if (n.fn === AT && isIndexed(n)) {
          const i = integer(go(n.args[1]!));
          const x = i === undefined ? new D(NaN) : valueOf(memberKey(familyOf(n), i));
          if (!x) throw new NotPrecise(`no value for ${familyOf(n)}[${i}]`);
          v = x;
          break;
        }
        if (n.fn === SUM && isSum(n)) {
          const lo = go(n.args[1]!).ceil();
          const hi = go(n.args[2]!).floor();
          if (!lo.isFinite() || !hi.isFinite() || hi.minus(lo).gte(MAX_NUMERIC_TERMS)) throw new NotPrecise('a sum without finite limits');
          v = new D(0);
          for (let k = lo.toNumber(); k <= hi.toNumber(); k++) v = v.plus(go(substituteFree(n.args[3]!, new Map([[binderOf(n), num(k)]]))));
          break;
        }
        if (n.fn === 'diff') {
          const [f, x] = n.args as [Expr, Expr];
          let name: string | undefined;
          if (x.kind === 'sym') name = x.name;
          else if (isIndexed(x)) {
            const i = integer(go(x.args[1]!));
            if (i !== undefined) name = memberKey(familyOf(x), i);
          }
          if (name === undefined) throw new NotPrecise('diff by a non-name');
          const h = new D(`1e-${Math.floor(D.precision * 0.36)}`);
          const at = (d: Dec): Dec => valueWith(D, fns, f, point, defs, [...perturb, { name: name!, delta: d }]);
          v = at(h).minus(at(h.neg())).div(h.times(2));
          break;
        }
        const f = fns[n.fn];
        if (!f) throw new NotPrecise(`no precise ${n.fn}`);
        v = f(...n.args.map(go));
        break;
      }
    }
    memo.set(n, v);
    return v;
  };
  for (const name of defs.order) if (!defs.isFamily(name)) values.set(name, go(defs.get(name)!).plus(deltaOf(name)));
  return es.map(go);
}

/**
 * Whether `a` and `b` really differ at the point: their difference, computed with 60 and
 * with 120 digits, is the same to six digits and not zero. Rounding error shrinks as the
 * precision grows; a real difference does not.
 */
export function reallyDifferent(a: Expr, b: Expr, point: PrecisePoint, defs: Definitions, functions?: FunctionDefs): boolean {
  return sameDifference(
    (digits) => preciseValue(a, point, defs, digits, functions),
    (digits) => preciseValue(b, point, defs, digits, functions),
  );
}

/**
 * Whether two values, each computed at 60 and at 120 digits (possibly at points refined for
 * that precision), differ by the same nonzero amount to six digits both times.
 */
export function sameDifference(a: (digits: number) => string, b: (digits: number) => string): boolean {
  const D = ctor(130);
  const diffAt = (digits: number): Dec => new D(a(digits)).minus(new D(b(digits)));
  const low = diffAt(60);
  const high = diffAt(120);
  if (low.isNaN() || high.isNaN() || high.isZero()) return false;
  return low.minus(high).abs().lte(high.abs().times('1e-6'));
}

/** A difference step at x: tiny beside max(|x|, 1), and beside |x| itself (log(x) at x = 2e-22 must not step past 0). */
function step(D: Ctor, x: Dec, digits: number): Dec {
  const h = D.max(x.abs(), 1).times(new D(10).pow(-Math.floor(digits / 3)));
  return x.isZero() ? h : D.min(h, x.abs().div(1000));
}

/**
 * Solves `g = 0` for the variable `v` by Newton's method at `digits` digits, from the value
 * `point` gives it: the new value as a decimal string, or undefined when the iteration does
 * not bring |g| below 10^-(digits - 10) (a double root, a root at infinity, no root).
 */
export function solvePrecise(g: Expr, v: string, point: PrecisePoint, defs: Definitions, digits: number, functions?: FunctionDefs): string | undefined {
  const D = ctor(digits);
  const at = (x: Dec): Dec => new D(preciseValue(g, { ...point, [v]: x.toString() }, defs, digits, functions));
  const tol = new D(10).pow(10 - digits);
  let x = new D(point[v]!);
  for (let i = 0; i < 150; i++) {
    const y = at(x);
    if (!y.isFinite()) return undefined;
    if (y.abs().lte(tol)) return x.toString();
    const h = step(D, x, digits);
    const slope = at(x.plus(h)).minus(at(x.minus(h))).div(h.times(2));
    if (!slope.isFinite() || slope.isZero()) return undefined;
    x = x.minus(y.div(slope));
  }
  return undefined;
}

/**
 * Solves the system `gs = 0` for `vars` (one per equation) by Newton's method at `digits`
 * digits, the Jacobian by central differences: the new values as decimal strings, or
 * undefined when |g| does not fall below 10^-(digits - 10).
 */
export function solveSystemPrecise(
  gs: readonly Expr[],
  vars: readonly string[],
  point: PrecisePoint,
  defs: Definitions,
  digits: number,
  functions?: FunctionDefs,
): Record<string, string> | undefined {
  const D = ctor(digits);
  const x = vars.map((v) => new D(point[v]!));
  const at = (xs: readonly Dec[]): Dec[] => {
    const p: Record<string, number | string> = { ...point };
    vars.forEach((v, j) => (p[v] = xs[j]!.toString()));
    return gs.map((g) => new D(preciseValue(g, p, defs, digits, functions)));
  };
  const tol = new D(10).pow(10 - digits);
  for (let i = 0; i < 100; i++) {
    const y = at(x);
    if (y.some((v) => !v.isFinite())) return undefined;
    if (y.every((v) => v.abs().lte(tol))) return Object.fromEntries(vars.map((v, j) => [v, x[j]!.toString()]));
    // m[k][j] = d g_k / d x_j, then the right side -g_k.
    const m = y.map((v) => [...x.map(() => new D(0)), v.neg()]);
    x.forEach((xj, j) => {
      const h = step(D, xj, digits);
      const up = at(x.map((w, k) => (k === j ? w.plus(h) : w)));
      const down = at(x.map((w, k) => (k === j ? w.minus(h) : w)));
      up.forEach((u, k) => (m[k]![j] = u.minus(down[k]!).div(h.times(2))));
    });
    const n = vars.length;
    for (let c = 0; c < n; c++) {
      let p = c;
      for (let r = c + 1; r < n; r++) if (m[r]![c]!.abs().gt(m[p]![c]!.abs())) p = r;
      if (m[p]![c]!.isZero() || !m[p]![c]!.isFinite()) return undefined;
      [m[c], m[p]] = [m[p]!, m[c]!];
      for (let r = c + 1; r < n; r++) {
        const f = m[r]![c]!.div(m[c]![c]!);
        for (let k = c; k <= n; k++) m[r]![k] = m[r]![k]!.minus(f.times(m[c]![k]!));
      }
    }
    const d = new Array<Dec>(n);
    for (let r = n - 1; r >= 0; r--) {
      let sum = m[r]![n]!;
      for (let k = r + 1; k < n; k++) sum = sum.minus(m[r]![k]!.times(d[k]!));
      d[r] = sum.div(m[r]![r]!);
    }
    d.forEach((dj, j) => (x[j] = x[j]!.plus(dj)));
  }
  return undefined;
}

/** How two decimal strings compare (-1, 0, 1; NaN if either is), and their difference as a double, without rounding first. */
export function preciseCompare(l: string, r: string): { readonly sign: number; readonly difference: number } {
  const D = ctor(260);
  const a = new D(l);
  const b = new D(r);
  if (a.isNaN() || b.isNaN()) return { sign: NaN, difference: NaN };
  return { sign: a.comparedTo(b), difference: a.minus(b).toNumber() };
}
