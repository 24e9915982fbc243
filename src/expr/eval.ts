/** Floating-point evaluation, used only for numeric checks (never to decide a proof). */
import { type Expr, num } from './node.js';
import { ratToNumber } from './rational.js';
import { AT, MAX_NUMERIC_TERMS, SUM, binderOf, isList, isSum, memberKey, substituteFree } from './indexed.js';

const erf = (x: number): number => {
  // Abramowitz-Stegun 7.1.26 is too coarse for derivative checks; use the series / continued fraction.
  const t = Math.abs(x);
  if (t < 3) {
    let sum = t;
    let term = t;
    for (let n = 1; n < 60; n++) {
      term *= (-t * t) / n;
      sum += term / (2 * n + 1);
    }
    return Math.sign(x) * ((2 / Math.sqrt(Math.PI)) * sum);
  }
  let f = 0;
  for (let n = 60; n >= 1; n--) f = n / 2 / (t + f);
  const erfc = Math.exp(-t * t) / Math.sqrt(Math.PI) / (t + f);
  return Math.sign(x) * (1 - erfc);
};

/** erfc(x) = 1 - erf(x), without the cancellation for large x (continued fraction). */
const erfc = (x: number): number => {
  if (x < 3) return 1 - erf(x);
  let f = 0;
  for (let n = 60; n >= 1; n--) f = n / 2 / (x + f);
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / (x + f);
};

/** The logistic function and softplus, without overflow, for the activations below. */
const logistic = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const softplusOf = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

/** The functions the evaluator knows natively. What they mean symbolically comes from `rules/`. */
export const PRIMITIVES: Readonly<Record<string, (...xs: number[]) => number>> = {
  exp: Math.exp,
  log: (x) => (x > 0 ? Math.log(x) : NaN),
  sqrt: (x) => (x >= 0 ? Math.sqrt(x) : NaN),
  tanh: Math.tanh,
  sinh: Math.sinh,
  cosh: Math.cosh,
  sin: Math.sin,
  cos: Math.cos,
  abs: Math.abs,
  erf,
  relu: (x) => (x > 0 ? x : 0),
  // Comparisons are 1 or 0; `piecewise(c1, v1, c2, v2, ...)` is the first value whose
  // condition holds, and NaN where none does (a kink where a derivative does not exist).
  gt: (a, b) => (Number.isNaN(a - b) ? NaN : a > b ? 1 : 0),
  lt: (a, b) => (Number.isNaN(a - b) ? NaN : a < b ? 1 : 0),
  ge: (a, b) => (Number.isNaN(a - b) ? NaN : a >= b ? 1 : 0),
  le: (a, b) => (Number.isNaN(a - b) ? NaN : a <= b ? 1 : 0),
  piecewise: (...xs) => {
    for (let i = 0; i + 1 < xs.length; i += 2) {
      if (Number.isNaN(xs[i]!)) return NaN;
      if (xs[i] === 1) return xs[i + 1]!;
    }
    return NaN;
  },
  sigmoid: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  softplus: (x) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))),
  // Smooth activations (rules/activations.rules), computed independently of their `def`s,
  // so that each definition is checked against a second implementation when it loads.
  swish: (x) => x * logistic(x),
  silu: (x) => x * logistic(x),
  // x*Φ(x) with Φ(x) = erfc(-x/√2)/2: no cancellation in 1 + erf(x/√2) for x ≪ 0.
  gelu: (x) => (x * erfc(-x / Math.SQRT2)) / 2,
  softsign: (x) => x / (1 + Math.abs(x)),
  mish: (x) => x * Math.tanh(softplusOf(x)),
  // The Kronecker delta.
  delta: (a, b) => (Number.isNaN(a - b) ? NaN : a === b ? 1 : 0),
};

/** Values of names; undefined for a name without a value. */
export type Valuation = (name: string) => number | undefined;

/** Numeric implementations of functions by name. */
export type FunctionTable = Readonly<Record<string, (...xs: number[]) => number>>;

export interface EvalOptions {
  /** Function implementations; PRIMITIVES by default. */
  readonly fns?: FunctionTable;
  /** Value of an unevaluated derivative node `diff(f, x)` (numeric differentiation). */
  readonly diff?: (node: Expr) => number;
  /** Shared subterm values; pass one Map to reuse work across calls at the same point. */
  readonly memo?: Map<Expr, number>;
}

/** Evaluates `e` in floating point. Throws for unknown names or functions; NaN outside the domain. */
export function evaluate(e: Expr, valueOf: Valuation, options: EvalOptions = {}): number {
  const memo = options.memo ?? new Map<Expr, number>();
  const fns = options.fns ?? PRIMITIVES;
  const go = (n: Expr): number => {
    const hit = memo.get(n);
    if (hit !== undefined) return hit;
    let v: number;
    switch (n.kind) {
      case 'num':
        v = ratToNumber(n.value);
        break;
      case 'sym': {
        const x = n.name === 'pi' ? Math.PI : valueOf(n.name);
        if (x === undefined) throw new ReferenceError(`no value for ${n.name}`);
        v = x;
        break;
      }
      case 'add':
        v = 0;
        for (const a of n.args) v += go(a);
        break;
      case 'mul':
        v = 1;
        for (const a of n.args) v *= go(a);
        break;
      case 'pow': {
        const b = go(n.args[0]);
        const x = go(n.args[1]);
        v = b === 0 && x < 0 ? NaN : Math.pow(b, x);
        break;
      }
      case 'call': {
        if (n.fn === 'diff' && options.diff) {
          v = options.diff(n);
          break;
        }
        if (n.fn === AT) {
          // z[i]: the member of the family whose number is the value of i.
          const i = go(n.args[1]!);
          const family = n.args[0]!;
          if (family.kind !== 'sym') throw new ReferenceError('an indexed name needs a name before [');
          if (!Number.isInteger(i)) {
            v = NaN;
            break;
          }
          const x = valueOf(memberKey(family.name, i));
          if (x === undefined) throw new ReferenceError(`no value for ${memberKey(family.name, i)}`);
          v = x;
          break;
        }
        if (n.fn === SUM && isSum(n)) {
          v = sumValue(n, go, (e) => evaluate(e, valueOf, { ...options, memo }));
          break;
        }
        const f = fns[n.fn];
        if (!f) throw new ReferenceError(`no numeric value for function ${n.fn}`);
        if (n.args.some(isList)) {
          // Listed classes: the function gets their number, then each list's members in turn.
          const size = n.args[0]!.args.length;
          v = n.args.every((a) => isList(a) && a.args.length === size) ? f(size, ...n.args.flatMap((a) => a.args.map(go))) : NaN;
          break;
        }
        if (OVER_FAMILIES in f) {
          // Families and their size, `cce(y, a, K)`: the members y[1..K], a[1..K] in turn.
          v = familyCallValue(n, f, go, valueOf);
          break;
        }
        v = f(...n.args.map(go));
        break;
      }
    }
    memo.set(n, v);
    return v;
  };
  return go(e);
}

/** Marks a function of the table that is defined over families (called as `f(n, members...)`). */
export const OVER_FAMILIES = 'overFamilies';

/** `f(y, a, K)` for a function over families: K's value n, then the n members of each family. */
function familyCallValue(n: Expr, f: (...xs: number[]) => number, go: (e: Expr) => number, valueOf: Valuation): number {
  const size = go(n.args[n.args.length - 1]!);
  const families = n.args.slice(0, -1);
  if (!Number.isInteger(size) || size < 0 || size > MAX_NUMERIC_TERMS || !families.every((a) => a.kind === 'sym')) return NaN;
  const xs: number[] = [];
  for (const a of families) {
    for (let m = 1; m <= size; m++) {
      const x = valueOf(memberKey((a as Expr & { kind: 'sym' }).name, m));
      if (x === undefined) throw new ReferenceError(`no value for ${memberKey((a as Expr & { kind: 'sym' }).name, m)}`);
      xs.push(x);
    }
  }
  return f(size, ...xs);
}

/**
 * The value of `sum(k, lo, hi, body)`: the body with k set to each integer from lo to hi,
 * added up; NaN when there are too many terms to add.
 */
export function sumValue(n: Expr, value: (e: Expr) => number, valueOfBody: (e: Expr) => number): number {
  const lo = Math.ceil(value(n.args[1]!));
  const hi = Math.floor(value(n.args[2]!));
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return NaN;
  if (hi - lo + 1 > MAX_NUMERIC_TERMS) return NaN;
  let total = 0;
  for (let k = lo; k <= hi; k++) total += valueOfBody(substituteFree(n.args[3]!, new Map([[binderOf(n), num(k)]])));
  return total;
}
