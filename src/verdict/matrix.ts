/**
 * Refuting an expectation about shaped terms: by its shape (the result is [n2, n1], the
 * expectation [n1, n2]; or the expectation is malformed), or by value, an entry that differs
 * beyond rounding at random small matrices. Sizes are drawn both with distinct values for
 * distinct dimension names and with all of them equal, so a square W2 written for W2ᵀ is
 * caught by value where the shape check cannot. This never proves anything: agreement at
 * every point is "no difference found"; a proof is the kernel's.
 */
import type { Expr } from '../expr/node.js';
import { toAscii } from '../expr/print.js';
import { seededRandom } from '../expr/random.js';
import type { FunctionTable } from '../expr/eval.js';
import { type Shape, ShapeError, VJP, sameShape, shapeOf, showShape } from '../expr/matrix.js';
import { type MatrixPoint, type Value, evaluateShaped, isMatrix } from '../expr/matrix-eval.js';
import { builtIntoDraw, dimensionPlans, drawMatrixPoint, factHolds, flatPoint, shapedInputs } from '../proof/matrix-points.js';
import type { Assumption } from '../proof/types.js';
import type { Decision, Refuted, Unknown } from './equality.js';

export interface ShapedCheckOptions {
  /** Named intermediates in dependency order (the loss among them when it is named). */
  readonly definitions: ReadonlyArray<{ readonly name: string; readonly expr: Expr }>;
  readonly assumptions: readonly Assumption[];
  readonly fns?: FunctionTable;
  /** Terms that must be finite at a point for it to count (the loss). */
  readonly domain?: readonly Expr[];
  readonly seed?: number;
  /** Points drawn at each size (default 3). */
  readonly pointsPerSize?: number;
}

/** The shape of each defined name: its definition's (definitions in dependency order). */
export function shapesOfDefinitions(definitions: ReadonlyArray<{ readonly name: string; readonly expr: Expr }>): (name: string) => Shape | undefined {
  const known = new Map<string, Shape>();
  const named = (n: string): Shape | undefined => (known.has(n) ? known.get(n)! : undefined);
  for (const d of definitions) known.set(d.name, shapeOf(d.expr, named));
  return named;
}

/**
 * Refuted when `expected` cannot be `result` by its shape, or at random matrices by value (the
 * point is every dimension and every input's entries, flattened as `W2[i,j]`; the values are
 * the differing entry's; the evidence says which entry and where); otherwise unknown.
 */
export function refuteShapedExpectation(result: Expr, expected: Expr, options: ShapedCheckOptions): Refuted | Unknown {
  return refuteByShape(result, expected, options) ?? refuteByValue(result, expected, options);
}

/**
 * The decision on `result = expected` for shaped terms: refuted by shape before anything else
 * (no algebra on an ill-shaped term), proven only by `decide` (the kernel's), else refuted by
 * value at random matrices, else unknown.
 */
export function decideShaped(result: Expr, expected: Expr, options: ShapedCheckOptions, decide: () => Decision): Decision {
  const byShape = refuteByShape(result, expected, options);
  if (byShape) return byShape;
  const d = decide();
  if (d.verdict === 'proven') return d;
  const r = refuteByValue(result, expected, options);
  // The scalar sampler cannot evaluate matrices: only a matrix point refutes shaped terms.
  if (r.verdict === 'refuted' || d.verdict !== 'unknown') return r;
  // Why the kernel rejected a proof, or why nothing was decided, says more than a sampler that found no point.
  return d.evidence.startsWith('the checker rejected') || r.evidence === NO_POINT ? d : r;
}

/** Refuted when `expected` is malformed or its shape is not the result's; else undefined. */
export function refuteByShape(result: Expr, expected: Expr, options: ShapedCheckOptions): Refuted | undefined {
  let named: (name: string) => Shape | undefined;
  let resultShape: Shape;
  try {
    named = shapesOfDefinitions(options.definitions);
    resultShape = shapeOf(result, named);
  } catch (err) {
    // Not ours to refute: a user's function that happens to be named like a matrix call.
    if (err instanceof ShapeError) return undefined;
    throw err;
  }
  let expectedShape: Shape;
  try {
    expectedShape = shapeOf(expected, named);
  } catch (err) {
    if (!(err instanceof ShapeError)) throw err;
    return shapeRefutation(`${toAscii(expected)}: ${err.message}`, [result, expected], options);
  }
  // A number against a matrix is that number in every entry (entrywise meaning): compared by value.
  if (resultShape !== null && expectedShape !== null && !sameShape(resultShape, expectedShape)) {
    return shapeRefutation(`the result is ${showShape(resultShape)}, the expectation ${showShape(expectedShape)}`, [result, expected], options);
  }
  return undefined;
}

/** Refuted when an entry differs beyond rounding at random matrices of several sizes; else unknown. */
export function refuteByValue(result: Expr, expected: Expr, options: ShapedCheckOptions): Refuted | Unknown {
  const inputs = shapedInputs([result, expected, ...(options.domain ?? []), ...options.assumptions.flatMap((f) => [f.lhs, f.rhs])], options.definitions);
  const rnd = seededRandom(options.seed ?? 16);
  // A derivative left in a term is a central difference here (error about 1e-10 of the function
  // differentiated): compared more loosely, on the scale of the loss too. A derivative of a
  // derivative is a difference of differences, too rough to refute anything.
  const depth = Math.max(derivativeDepth(result), derivativeDepth(expected));
  if (depth > 1) return { verdict: 'unknown', evidence: 'a derivative of a derivative has no numeric value precise enough to refute anything' };
  const tol = depth ? 1e-4 : 1e-7;
  const perSize = options.pointsPerSize ?? 3;
  let agreed = 0;
  for (const dims of dimensionPlans(inputs.dims)) {
    for (let t = 0; t < perSize; t++) {
      const p = drawMatrixPoint(inputs, dims, rnd, { assumptions: options.assumptions, definitions: options.definitions, oneHot: t % 2 === 1, ...(options.fns ? { fns: options.fns } : {}) });
      if (!p) continue;
      const values = valuesAt(p, result, expected, options.domain ?? []);
      if (!values) continue;
      const diff = firstDifference(values[0], values[1], tol, depth ? values[2] : 1);
      if (!diff) {
        agreed++;
        continue;
      }
      const where = diff.entry ? `entry (${diff.entry[0] + 1}, ${diff.entry[1] + 1}) of the result is ${fmt(diff.left)}, of the expectation ${fmt(diff.right)}` : `the result is ${fmt(diff.left)}, the expectation ${fmt(diff.right)}`;
      return {
        verdict: 'refuted',
        counterexample: { point: flatPoint(p, inputs), left: diff.left, right: diff.right },
        evidence: `at ${dimsText(inputs.dims, dims) || 'the point shown'}${inputs.dims.length ? ' with the entries shown' : ''}: ${where}`,
      };
    }
  }
  return {
    verdict: 'unknown',
    evidence: agreed ? `no difference found at ${agreed} random points of ${dimensionPlans(inputs.dims).length} sizes (random matrices refute, never prove)` : NO_POINT,
  };
}

/**
 * Whether a point shows the stated facts consistent: every equation built into the draw
 * exactly (targets that sum to 1, a label set), and every fact holding there, each inequality
 * with a margin. The scalar sampler cannot draw matrices, so for shaped facts it finds no
 * point and would leave every verdict unknown; this is the shaped problems' witness instead.
 */
export function shapedFactsWitnessed(terms: readonly Expr[], options: ShapedCheckOptions): boolean {
  const facts = options.assumptions;
  if (facts.some((f) => f.op === '=' && !builtIntoDraw(f))) return false;
  const inputs = shapedInputs([...terms, ...facts.flatMap((f) => [f.lhs, f.rhs])], options.definitions);
  const rnd = seededRandom(options.seed ?? 16);
  for (const dims of dimensionPlans(inputs.dims)) {
    for (let t = 0; t < 2; t++) {
      const p = drawMatrixPoint(inputs, dims, rnd, { assumptions: facts, definitions: options.definitions, oneHot: t === 1, ...(options.fns ? { fns: options.fns } : {}) });
      if (p && facts.every((f) => factHolds(f, p, 1e-6))) return true;
    }
  }
  return false;
}

const NO_POINT = 'no point of the domain could be sampled';

/**
 * How deeply derivatives nest where one differentiates another: `diff(f, X)` adds one to f's,
 * `vjp(G, E, X)` to E's (G is evaluated once, not differenced).
 */
function derivativeDepth(e: Expr, memo = new Map<Expr, number>()): number {
  const hit = memo.get(e);
  if (hit !== undefined) return hit;
  const depth = (i: number): number => derivativeDepth(e.args[i]!, memo);
  const d =
    e.kind === 'call' && e.fn === VJP && e.args.length === 3 ? Math.max(depth(0), 1 + depth(1))
    : e.kind === 'call' && e.fn === 'diff' && e.args.length === 2 ? 1 + depth(0)
    : Math.max(0, ...e.args.map((a) => derivativeDepth(a, memo)));
  memo.set(e, d);
  return d;
}

/** A refutation by shape: the point is the sizes with distinct values (where the shapes differ). */
function shapeRefutation(reason: string, terms: readonly Expr[], options: ShapedCheckOptions): Refuted {
  const inputs = shapedInputs(terms, options.definitions);
  const dims = dimensionPlans(inputs.dims)[0]!;
  return { verdict: 'refuted', counterexample: { point: Object.fromEntries(dims), left: NaN, right: NaN }, evidence: reason };
}

/** Both sides at a point, and the largest magnitude of the domain's terms there (at least 1). */
function valuesAt(p: MatrixPoint, a: Expr, b: Expr, domain: readonly Expr[]): [Value, Value, number] | undefined {
  try {
    const d = domain.map((t) => evaluateShaped(t, p));
    if (!d.every(allFinite)) return undefined;
    const scale = Math.max(1, ...d.map((v) => (isMatrix(v) ? Math.max(...v.data.map(Math.abs)) : Math.abs(v))));
    const va = evaluateShaped(a, p);
    const vb = evaluateShaped(b, p);
    return allFinite(va) && allFinite(vb) ? [va, vb, scale] : undefined;
  } catch (err) {
    if (err instanceof ReferenceError) return undefined;
    throw err;
  }
}

const allFinite = (v: Value): boolean => (isMatrix(v) ? v.data.every(Number.isFinite) : Number.isFinite(v));

/** The first entry (row-major) where two values of one shape differ beyond `tol`, relative to the larger of them and `scale`. */
function firstDifference(a: Value, b: Value, tol: number, scale: number): { entry?: [number, number]; left: number; right: number } | undefined {
  const far = (x: number, y: number): boolean => Math.abs(x - y) > tol * Math.max(scale, Math.abs(x), Math.abs(y));
  if (!isMatrix(a) && !isMatrix(b)) return far(a, b) ? { left: a, right: b } : undefined;
  const m = (isMatrix(a) ? a : b) as Exclude<Value, number>;
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      const x = isMatrix(a) ? a.data[i * a.cols + j]! : a;
      const y = isMatrix(b) ? b.data[i * b.cols + j]! : b;
      if (far(x, y)) return { entry: [i, j], left: x, right: y };
    }
  }
  return undefined;
}

const fmt = (x: number): string => String(Number(x.toPrecision(6)));
const dimsText = (names: readonly string[], dims: ReadonlyMap<string, number>): string => names.map((d) => `${d} = ${dims.get(d)}`).join(', ');
