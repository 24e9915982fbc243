/** Floating-point evaluation, used only for numeric checks (never to decide a proof). */
import { type Expr, num } from './node.js';
import { ratToNumber } from './rational.js';
import { REGISTRY } from './registry/index.js';
import { AT, MAX_NUMERIC_TERMS, SUM, binderOf, isList, isSum, memberKey, substituteFree } from './indexed.js';

/**
 * The functions the evaluator knows natively, from the function registry: the primitives,
 * and second implementations of defined functions (each `def` is checked against its own
 * when it loads). What they mean symbolically comes from `rules/`.
 */
export const PRIMITIVES: Readonly<Record<string, (...xs: number[]) => number>> = Object.fromEntries(
  REGISTRY.flatMap((f) => (f.float ? [[f.name, f.float] as const] : [])),
);

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
          // Listed classes: the function gets their number, then each argument in turn, a list
          // as its members and another argument (softmax's class i) as its value.
          const size = n.args.find(isList)!.args.length;
          v = n.args.every((a) => !isList(a) || a.args.length === size) ? f(size, ...n.args.flatMap((a) => (isList(a) ? a.args.map(go) : [go(a)]))) : NaN;
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
  // Which arguments are families (the rest, such as softmax's class i, are values).
  const isFamily = (f as unknown as Record<string, readonly boolean[] | true>)[OVER_FAMILIES];
  const family = (j: number): boolean => isFamily === true || Boolean(isFamily?.[j]);
  if (!Number.isInteger(size) || size < 0 || size > MAX_NUMERIC_TERMS || !families.every((a, j) => !family(j) || a.kind === 'sym')) return NaN;
  const xs: number[] = [];
  for (const [j, a] of families.entries()) {
    if (!family(j)) {
      xs.push(go(a));
      continue;
    }
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
