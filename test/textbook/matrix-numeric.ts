/**
 * Numeric witnesses for the matrix problems: random matrices at given dimensions (targets
 * honouring the problem's facts), the finite-difference gradient of the loss through the
 * definitions, and the value of an expectation. Evidence for tests only, never a proof.
 */
import { type Expr, call, sym } from '../../src/expr/node.js';
import { type Shape, type ShapeOfName, shapeOf, showShape } from '../../src/expr/matrix.js';
import { type Matrix, type MatrixPoint, type Value, entry, evaluateShaped, isMatrix, matrix } from '../../src/expr/matrix-eval.js';
import { seededRandom, uniform } from '../../src/expr/random.js';
import { type MatrixProblem, type TargetFact, leavesOf } from './matrix-problems.js';

/** Sizes to try: every dimension name gets one of these, in order of the names; they differ from one set to the next. */
export const SIZE_SETS: readonly (readonly number[])[] = [
  [2, 3, 4, 3, 2],
  [4, 2, 3, 5, 3],
  [3, 5, 2, 2, 4],
];

export function dimensionNames(p: MatrixProblem): string[] {
  const names = new Set<string>();
  for (const [r, c] of Object.values(p.shapes)) for (const d of [r, c]) if (typeof d === 'string') names.add(d);
  return [...names].sort();
}

export const dimsFor = (p: MatrixProblem, sizes: readonly number[]): Map<string, number> =>
  new Map(dimensionNames(p).map((n, i) => [n, sizes[i % sizes.length]!]));

/**
 * A random point: entries in (−1, 1); targets of a cross-entropy in (0, 1); a target with a
 * fact `rowsum(Y) = 1` (or colsum) positive and normalised, unless `facts` is false (then the
 * targets do not sum to 1).
 */
export function randomPoint(p: MatrixProblem, dims: ReadonlyMap<string, number>, seed: number, facts = true): MatrixPoint {
  const rnd = seededRandom(seed);
  const size = (d: string | number): number => (typeof d === 'number' ? d : dims.get(d)!);
  const values = new Map<string, Value>();
  const factOf = (n: string): TargetFact | undefined => p.facts?.find((f) => f.name === n);
  for (const [name, [r, c]] of Object.entries(p.shapes)) {
    const fact = factOf(name);
    const positive = fact !== undefined || p.probabilities?.includes(name);
    let m = matrix(size(r), size(c), () => (positive ? uniform(rnd, 0.05, 0.95) : uniform(rnd, -1, 1)));
    if (fact && facts) m = normalised(m, fact.sums);
    values.set(name, m.rows === 1 && m.cols === 1 ? m.data[0]! : m);
  }
  for (const [name, range] of Object.entries(p.scalars ?? {})) values.set(name, range === 'dim' ? dims.get(name)! : uniform(rnd, range[0], range[1]));
  const defs = new Map<string, Expr>([...p.definitions, [p.lossName, p.loss]]);
  return { dims, values, defs };
}

function normalised(m: Matrix, sums: 'rowsum' | 'colsum'): Matrix {
  const total = (i: number, j: number): number => {
    let t = 0;
    if (sums === 'rowsum') for (let k = 0; k < m.cols; k++) t += entry(m, i, k);
    else for (let k = 0; k < m.rows; k++) t += entry(m, k, j);
    return t;
  };
  return matrix(m.rows, m.cols, (i, j) => entry(m, i, j) / total(i, j));
}

/** The variable as a term: the declared leaf `mat(W, r, c)`, or a defined name. */
export const wrtTerm = (p: MatrixProblem): Expr => leavesOf(p.shapes)[p.wrt] ?? sym(p.wrt);

/** ∂loss/∂wrt by central differences, shaped as wrt (the definitions recomputed at each step). */
export const fdGradient = (p: MatrixProblem, at: MatrixPoint): Value => evaluateShaped(call('diff', sym(p.lossName), wrtTerm(p)), at);

/** Shapes of the defined names, from their definitions. */
export function namedShapes(p: MatrixProblem): ShapeOfName {
  const defs = new Map(p.definitions);
  const memo = new Map<string, Shape>();
  const named: ShapeOfName = (n) => {
    if (memo.has(n)) return memo.get(n)!;
    const d = defs.get(n);
    if (!d) return undefined;
    const s = shapeOf(d, named);
    memo.set(n, s);
    return s;
  };
  return named;
}

export const shapeText = (p: MatrixProblem, e: Expr): string => showShape(shapeOf(e, namedShapes(p)));

/** The largest difference between two values of one shape, relative to their size (Infinity for different shapes). */
export function distance(a: Value, b: Value): number {
  if (!isMatrix(a) && !isMatrix(b)) return Math.abs(a - b) / Math.max(1, Math.abs(a));
  if (!isMatrix(a) || !isMatrix(b) || a.rows !== b.rows || a.cols !== b.cols) return Infinity;
  let worst = 0;
  a.data.forEach((x, i) => (worst = Math.max(worst, Math.abs(x - b.data[i]!) / Math.max(1, Math.abs(x)))));
  return worst;
}

export const dimensionsOf = (v: Value): string => (isMatrix(v) ? `${v.rows}×${v.cols}` : 'scalar');
