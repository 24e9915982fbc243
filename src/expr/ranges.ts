/**
 * Ranges of expressions and of the variables stated facts allow, by interval reasoning:
 * each free variable gets an interval, stated facts narrow it (through sums, constant
 * multiples, odd and even powers and the inverses of exp, log, sigmoid, tanh, softplus,
 * sqrt), and a fact whose sides cannot meet is a contradiction: `z > 1` with `z < 0`,
 * `x^2 = -1`, `exp(x) = 0`, `sigmoid(z) = 1`.
 *
 * Every interval is a superset of the true set: bounds computed in floating point are
 * widened outwards and closed; only exact bounds (integers, and the endpoints of the known
 * functions' ranges) stay open. So an empty interval is a proof of a contradiction.
 */
import type { Expr } from './node.js';
import type { Definitions } from './context.js';
import { REGISTRY } from './registry/index.js';

export interface Interval {
  readonly lo: number;
  readonly hi: number;
  readonly loOpen: boolean;
  readonly hiOpen: boolean;
}

const ALL: Interval = { lo: -Infinity, hi: Infinity, loOpen: true, hiOpen: true };
const iv = (lo: number, hi: number, loOpen = false, hiOpen = false): Interval => ({ lo, hi, loOpen: loOpen || lo === -Infinity, hiOpen: hiOpen || hi === Infinity });
const point = (v: number): Interval => iv(v, v);

export const isEmpty = (a: Interval): boolean => Number.isNaN(a.lo) || Number.isNaN(a.hi) || a.lo > a.hi || (a.lo === a.hi && (a.loOpen || a.hiOpen));

/** A value a double holds exactly and arithmetic on which stays exact: an integer below 2^50. */
const exact = (v: number): boolean => v === Infinity || v === -Infinity || (Number.isInteger(v) && Math.abs(v) < 2 ** 50);
/** A computed interval, widened outwards where its bounds may be rounded (and then closed). */
const computed = (lo: number, hi: number, loOpen: boolean, hiOpen: boolean, loExact = false, hiExact = false): Interval => {
  if (Number.isNaN(lo) || Number.isNaN(hi)) return ALL;
  // A lower bound that overflowed to +Infinity is some finite number above the largest double.
  if (lo === Infinity) return iv(Number.MAX_VALUE, Infinity);
  if (hi === -Infinity) return iv(-Infinity, -Number.MAX_VALUE);
  // A bound is exact only when what it was computed from was, and it is itself an exact
  // value: 1000 + (-1 + 1e-14) rounds to the integer 999 and is not exact.
  const [l, h] = [loExact && exact(lo), hiExact && exact(hi)];
  return iv(l ? lo : lo - Math.abs(lo) * 1e-14 - 1e-300, h ? hi : hi + Math.abs(hi) * 1e-14 + 1e-300, l && loOpen, h && hiOpen);
};
/** A bound computed by a transcendental function: always widened and closed (an overflowed one, as in `computed`). */
const rounded = (lo: number, hi: number): Interval => {
  if (Number.isNaN(lo) || Number.isNaN(hi)) return ALL;
  const l = lo === Infinity ? Number.MAX_VALUE : lo === -Infinity ? lo : lo - Math.abs(lo) * 1e-14 - 1e-300;
  const h = hi === -Infinity ? -Number.MAX_VALUE : hi === Infinity ? hi : hi + Math.abs(hi) * 1e-14 + 1e-300;
  return iv(l, h);
};

export function intersect(a: Interval, b: Interval): Interval {
  const [lo, loOpen] = a.lo > b.lo ? [a.lo, a.loOpen] : b.lo > a.lo ? [b.lo, b.loOpen] : [a.lo, a.loOpen || b.loOpen];
  const [hi, hiOpen] = a.hi < b.hi ? [a.hi, a.hiOpen] : b.hi < a.hi ? [b.hi, b.hiOpen] : [a.hi, a.hiOpen || b.hiOpen];
  return { lo, hi, loOpen, hiOpen };
}

/** a*b and a^n, never 0 by underflow: a product of nonzero numbers is nonzero (then a tiny, inexact value). */
const product = (a: number, b: number): number => {
  const r = a * b;
  return r === 0 && a !== 0 && b !== 0 && !Number.isNaN(r) ? Math.sign(a) * Math.sign(b) * Number.MIN_VALUE : r;
};
const pow = (a: number, n: number): number => {
  const r = a ** n;
  return r === 0 && a !== 0 ? (a < 0 && n % 2 === 1 ? -Number.MIN_VALUE : Number.MIN_VALUE) : r;
};

const plus = (a: Interval, b: Interval): Interval =>
  computed(a.lo + b.lo, a.hi + b.hi, a.loOpen || b.loOpen, a.hiOpen || b.hiOpen, exact(a.lo) && exact(b.lo), exact(a.hi) && exact(b.hi));
const negate = (a: Interval): Interval => ({ lo: -a.hi, hi: -a.lo, loOpen: a.hiOpen, hiOpen: a.loOpen });

function times(a: Interval, b: Interval): Interval {
  // Scaling by a nonzero constant keeps open ends open.
  if (b.lo === b.hi && a.lo !== a.hi) return times(b, a);
  if (a.lo === a.hi && a.lo !== 0 && Number.isFinite(a.lo)) {
    const c = a.lo;
    const s = c > 0 ? b : negate(b);
    return computed(product(s.lo, Math.abs(c)), product(s.hi, Math.abs(c)), s.loOpen, s.hiOpen, exact(c) && exact(s.lo), exact(c) && exact(s.hi));
  }
  const ps = [product(a.lo, b.lo), product(a.lo, b.hi), product(a.hi, b.lo), product(a.hi, b.hi)];
  if (ps.some(Number.isNaN)) return ALL;
  const all = [a.lo, a.hi, b.lo, b.hi].every(exact);
  return computed(Math.min(...ps), Math.max(...ps), false, false, all, all);
}

function reciprocal(a: Interval): Interval {
  // 1/v is exact for v = ±1, and the limit 0 for v = ±Infinity.
  const unit = (v: number): boolean => !Number.isFinite(v) || Math.abs(v) === 1;
  if (a.lo > 0 || a.hi < 0) return computed(1 / a.hi, 1 / a.lo, a.hiOpen, a.loOpen, unit(a.hi), unit(a.lo));
  if (a.lo === 0 && a.loOpen && a.hi > 0) return computed(1 / a.hi, Infinity, a.hiOpen, true, unit(a.hi), true);
  if (a.hi === 0 && a.hiOpen && a.lo < 0) return computed(-Infinity, 1 / a.lo, true, a.loOpen, true, unit(a.lo));
  return ALL;
}

function power(a: Interval, n: number): Interval {
  if (n === 0) return point(1);
  if (n < 0) return power(reciprocal(a), -n);
  const [lo, hi] = [exact(a.lo), exact(a.hi)];
  if (n % 2 === 1) return computed(pow(a.lo, n), pow(a.hi, n), a.loOpen, a.hiOpen, lo, hi);
  if (a.lo >= 0) return computed(pow(a.lo, n), pow(a.hi, n), a.loOpen, a.hiOpen, lo, hi);
  if (a.hi <= 0) return computed(pow(a.hi, n), pow(a.lo, n), a.hiOpen, a.loOpen, hi, lo);
  return computed(0, Math.max(pow(a.lo, n), pow(a.hi, n)), false, false, true, lo && hi);
}

/** The exact range of a known function of one argument, and its monotone map and inverse (from the function registry). */
interface Known {
  readonly range: Interval;
  readonly f?: (x: number) => number;
  readonly inverse?: (y: number) => number;
}

const KNOWN: ReadonlyMap<string, Known> = new Map(
  REGISTRY.flatMap((fn) => {
    if (!fn.range) return [];
    const { lo, hi, loOpen, hiOpen, f, inverse } = fn.range;
    return [[fn.name, { range: iv(lo, hi, loOpen, hiOpen), ...(f ? { f } : {}), ...(inverse ? { inverse } : {}) }] as const];
  }),
);

/** Intervals of the free variables, and the definitions that name the rest. */
export class Ranges {
  readonly boxes = new Map<string, Interval>();
  constructor(readonly defs: Definitions) {}

  /** The range of `e` at the current boxes (a superset of its values). */
  of(e: Expr): Interval {
    switch (e.kind) {
      case 'num': {
        const v = Number(e.value.n) / Number(e.value.d);
        return e.value.d === 1n && Number.isFinite(v) && exact(v) ? point(v) : rounded(v, v);
      }
      case 'sym':
        if (e.name === 'pi') return rounded(Math.PI, Math.PI);
        if (this.defs.has(e.name) && !this.defs.isFamily(e.name)) return this.of(this.defs.get(e.name)!);
        return this.boxes.get(e.name) ?? ALL;
      case 'add':
        return e.args.reduce((s: Interval, a: Expr) => plus(s, this.of(a)), point(0));
      case 'mul':
        return e.args.reduce((s: Interval, a: Expr) => times(s, this.of(a)), point(1));
      case 'pow': {
        const [b, x] = e.args;
        if (x.kind !== 'num') return ALL;
        const base = this.of(b);
        if (x.value.d === 1n) return power(base, Number(x.value.n));
        // A fractional power is defined for a nonnegative base (positive if the power is negative).
        return x.value.n > 0n ? iv(0, Infinity) : iv(0, Infinity, true);
      }
      case 'call': {
        const k = KNOWN.get(e.fn);
        if (!k || e.args.length !== 1) return ALL;
        const a = this.of(e.args[0]!);
        if (!k.f || isEmpty(a)) return k.range;
        return intersect(rounded(k.f(a.lo), k.f(a.hi)), k.range);
      }
    }
  }

  /**
   * Narrows the boxes so that `e` can lie in `target`; false when it cannot (a contradiction).
   * Where an operation has no simple inverse, only the range is checked.
   */
  narrow(e: Expr, target: Interval, depth = 0): boolean {
    const t = intersect(target, this.of(e));
    if (isEmpty(t)) return false;
    if (depth > 40) return true;
    switch (e.kind) {
      case 'sym': {
        if (e.name === 'pi') return true;
        if (this.defs.has(e.name)) return this.defs.isFamily(e.name) || this.narrow(this.defs.get(e.name)!, t, depth + 1);
        this.boxes.set(e.name, intersect(this.boxes.get(e.name) ?? ALL, t));
        return true;
      }
      case 'add':
        return e.args.every((a: Expr, i: number) => {
          const rest = e.args.reduce((s: Interval, b: Expr, j: number) => (j === i ? s : plus(s, this.of(b))), point(0));
          return this.narrow(a, plus(t, negate(rest)), depth + 1);
        });
      case 'mul': {
        const free = e.args.filter((a: Expr) => a.kind !== 'num');
        const c = e.args.filter((a: Expr) => a.kind === 'num').reduce((s: Interval, a: Expr) => times(s, this.of(a)), point(1));
        const containsZero = c.lo <= 0 && c.hi >= 0;
        if (free.length !== 1 || containsZero) return true;
        return this.narrow(free[0]!, times(t, reciprocal(c)), depth + 1);
      }
      case 'pow': {
        const [b, x] = e.args;
        if (x.kind !== 'num' || x.value.d !== 1n) return true;
        const n = Number(x.value.n);
        if (n === -1) return t.lo > 0 || t.hi < 0 ? this.narrow(b, reciprocal(t), depth + 1) : true;
        if (n <= 0) return true;
        const root = (y: number): number => Math.sign(y) * Math.abs(y) ** (1 / n);
        if (n % 2 === 1) return this.narrow(b, rounded(root(t.lo), root(t.hi)), depth + 1);
        const r = root(Math.max(0, t.hi));
        return this.narrow(b, rounded(-r, r), depth + 1);
      }
      case 'call': {
        const k = KNOWN.get(e.fn);
        if (!k?.inverse || e.args.length !== 1) return true;
        const within = intersect(t, k.range);
        if (isEmpty(within)) return false;
        return this.narrow(e.args[0]!, rounded(k.inverse(within.lo), k.inverse(within.hi)), depth + 1);
      }
      default:
        return true;
    }
  }
}

/** The sides a relation `op` allows to `l` given `r`'s range, as an interval for `l`. */
export function allowed(op: '=' | '<' | '<=' | '>' | '>=', r: Interval): Interval {
  switch (op) {
    case '=':
      return r;
    case '<':
      return iv(-Infinity, r.hi, true, true);
    case '<=':
      return iv(-Infinity, r.hi, true, r.hiOpen);
    case '>':
      return iv(r.lo, Infinity, true, true);
    case '>=':
      return iv(r.lo, Infinity, r.loOpen, true);
  }
}
