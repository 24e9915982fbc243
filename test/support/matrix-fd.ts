/**
 * A witness for derived matrix gradients, independent of the engine: central differences of
 * the loss in each entry of X against the result's value, at random matrices of several
 * sizes (distinct values for distinct dimension names, and all equal). X is a declared
 * matrix `mat(W1, n1, n0)`, a scalar name, or a defined name (`z2`, for δ2 = ∂L/∂z2: it is
 * moved with what it is computed from held fixed).
 */
import type { Expr } from '../../src/expr/node.js';
import { isMatSym, matName } from '../../src/expr/matrix.js';
import { type Matrix, type MatrixPoint, type Value, evaluateShaped, isMatrix } from '../../src/expr/matrix-eval.js';
import { seededRandom } from '../../src/expr/random.js';
import type { FunctionTable } from '../../src/expr/eval.js';
import type { Assumption } from '../../src/proof/types.js';
import { dimensionPlans, drawMatrixPoint, shapedInputs } from '../../src/proof/matrix-points.js';

export interface MatrixFdOptions {
  /** Sizes to try, each a value per dimension name; by default five plans (distinct, equal, swapped). */
  readonly sizes?: ReadonlyArray<Readonly<Record<string, number>>>;
  /** Points at each size (default 2). */
  readonly points?: number;
  readonly seed?: number;
  /** Stated facts the points must satisfy (`sum(y) = 1`, `y in {0, 1}`, `lambda > 0`). */
  readonly assumptions?: readonly Assumption[];
  readonly fns?: FunctionTable;
}

export interface MatrixFdReport {
  /** The worst error over every entry and point: |fd - r| / max(1, |fd|, |r|). */
  readonly worst: number;
  /** How many points were checked (points where the loss is not finite are skipped). */
  readonly checked: number;
}

type Definition = { readonly name: string; readonly expr: Expr };

/** The worst relative error of `result` against central differences of `loss` in each entry of X. */
export function checkGradientFD(loss: Expr, definitions: readonly Definition[], X: Expr, result: Expr, options: MatrixFdOptions = {}): number {
  return gradientFdReport(loss, definitions, X, result, options).worst;
}

/** `checkGradientFD` with how many points it checked (a check of no point is no check: tests assert `checked > 0`). */
export function gradientFdReport(loss: Expr, definitions: readonly Definition[], X: Expr, result: Expr, options: MatrixFdOptions = {}): MatrixFdReport {
  const assumptions = options.assumptions ?? [];
  const inputs = shapedInputs([loss, result, X, ...assumptions.flatMap((f) => [f.lhs, f.rhs])], definitions);
  const sizes = options.sizes?.map((s) => new Map(Object.entries(s))) ?? dimensionPlans(inputs.dims);
  const rnd = seededRandom(options.seed ?? 2016);
  const name = isMatSym(X) ? matName(X) : X.kind === 'sym' ? X.name : undefined;
  if (name === undefined) throw new Error('X is a declared matrix or a name');
  let worst = 0;
  let checked = 0;
  for (const dims of sizes) {
    for (let t = 0; t < (options.points ?? 2); t++) {
      const p = drawMatrixPoint(inputs, dims, rnd, { assumptions, definitions, oneHot: t % 2 === 1, ...(options.fns ? { fns: options.fns } : {}) });
      if (!p) continue;
      const e = pointError(loss, definitions, name, result, p);
      if (e === undefined) continue;
      worst = Math.max(worst, e);
      checked++;
    }
  }
  if (!checked) throw new Error('no point of the domain could be sampled');
  return { worst, checked };
}

/** The worst error at one point, or undefined where the loss is not finite. */
function pointError(loss: Expr, definitions: readonly Definition[], name: string, result: Expr, p: MatrixPoint): number | undefined {
  const defined = definitions.some((d) => d.name === name);
  // A defined X is moved on its own: its definition no longer computes it.
  const defs = defined ? new Map(definitions.filter((d) => d.name !== name).map((d) => [d.name, d.expr])) : p.defs!;
  const base = defined ? evaluateShaped(definitions.find((d) => d.name === name)!.expr, p) : p.values.get(name)!;
  const lossAt = (v: Value): number => {
    const values = new Map(p.values).set(name, v);
    const l = evaluateShaped(loss, { ...p, values, defs });
    if (isMatrix(l)) throw new Error('the loss is a scalar');
    return l;
  };
  if (!Number.isFinite(lossAt(base))) return undefined;
  const r = evaluateShaped(result, p);
  const entries = isMatrix(base) ? base.data.length : 1;
  if ((isMatrix(r) ? r.data.length : 1) !== entries) throw new Error(`the result has ${isMatrix(r) ? r.data.length : 1} entries, X has ${entries}`);
  let worst = 0;
  for (let k = 0; k < entries; k++) {
    const moved = (dx: number): Value => {
      if (!isMatrix(base)) return base + dx;
      const data = Float64Array.from(base.data);
      data[k]! += dx;
      return { rows: base.rows, cols: base.cols, data } satisfies Matrix;
    };
    const x0 = isMatrix(base) ? base.data[k]! : base;
    const h = 1e-5 * Math.max(1, Math.abs(x0));
    const fd = (lossAt(moved(h)) - lossAt(moved(-h))) / (2 * h);
    const rk = isMatrix(r) ? r.data[k]! : r;
    if (!Number.isFinite(fd)) return undefined;
    worst = Math.max(worst, Math.abs(fd - rk) / Math.max(1, Math.abs(fd), Math.abs(rk)));
  }
  return worst;
}
