/**
 * Numeric values of expressions that may contain `diff(f, x)`, at a point, through a set of
 * definitions. A derivative is a central finite difference that perturbs `x` and recomputes
 * what depends on it: the same meaning the symbolic rules give `diff`.
 */
import type { Expr } from './node.js';
import { Definitions } from './context.js';
import { evaluate, type FunctionTable } from './eval.js';
import { familyOf, isIndexed, memberKey } from './indexed.js';

/**
 * The value-table key a derivative by `x` perturbs: the name, or for `z[i]` the member
 * `z[3]` that i stands for at the point; undefined when there is none.
 */
export function perturbedName(x: Expr, value: (e: Expr) => number): string | undefined {
  if (x.kind === 'sym') return x.name;
  if (!isIndexed(x)) return undefined;
  const i = value(x.args[1]!);
  return Number.isInteger(i) ? memberKey(familyOf(x), i) : undefined;
}

export type Point = Readonly<Record<string, number>>;

export interface NumericOptions {
  readonly fns?: FunctionTable;
  /** Relative step of the central difference. */
  readonly step?: number;
}

type Perturbation = ReadonlyArray<{ name: string; delta: number }>;

const NO_DEFS = new Definitions([]);

/** The value of `e` at `point`; NaN outside the domain. */
export function valueAt(e: Expr, point: Point, defs: Definitions = NO_DEFS, options: NumericOptions = {}): number {
  return valueWith(e, point, defs, options, []);
}

function valueWith(e: Expr, point: Point, defs: Definitions, options: NumericOptions, perturb: Perturbation): number {
  const valueOf = defs.valuation(point, perturb, options.fns ? { fns: options.fns } : {});
  const diff = (node: Expr): number => {
    const [f, x] = node.args as [Expr, Expr];
    const name = perturbedName(x, (e) => evaluate(e, valueOf, options.fns ? { fns: options.fns } : {}));
    if (name === undefined) return NaN;
    const base = valueOf(name);
    const h = (options.step ?? 1e-5) * Math.max(1, Math.abs(base ?? 0));
    const at = (d: number): number => valueWith(f, point, defs, options, [...perturb, { name, delta: d }]);
    return (at(h) - at(-h)) / (2 * h);
  };
  return evaluate(e, valueOf, { diff, ...(options.fns ? { fns: options.fns } : {}) });
}

/** Central-difference derivative of `e` with respect to `x` at `point`. */
export function numericDerivative(
  e: Expr,
  x: string,
  point: Point,
  defs: Definitions = NO_DEFS,
  options: NumericOptions = {},
): number {
  const h = (options.step ?? 1e-5) * Math.max(1, Math.abs(point[x] ?? 0));
  const at = (d: number): number => valueWith(e, point, defs, options, [{ name: x, delta: d }]);
  return (at(h) - at(-h)) / (2 * h);
}

/** Whether two numbers agree to a relative tolerance (absolute near zero). */
export function close(a: number, b: number, tol = 1e-6): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));
}
