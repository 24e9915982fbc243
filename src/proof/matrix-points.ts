/**
 * Random points for shaped problems: values for every dimension name, every declared matrix
 * and every scalar name, drawn so that the stated facts hold (`sum(y) = 1` on the simplex or
 * one-hot, `colsum(Y) = 1` column by column, `y in {0, 1}` entry by entry, `lambda > 0`).
 * For numeric checks only: a point can refute an equality, never prove one.
 */
import type { Expr } from '../expr/node.js';
import { isNum } from '../expr/node.js';
import { nodes } from '../expr/traverse.js';
import { ratToNumber } from '../expr/rational.js';
import type { Random } from '../expr/random.js';
import { BCAST, BCAST_ROW, COLSUM, MAT, ONES, PRIME, ROWSUM, SUM_ALL, isMatSym, matName } from '../expr/matrix.js';
import { type Matrix, type MatrixPoint, type Value, evaluateShaped, isMatrix, matrix } from '../expr/matrix-eval.js';
import type { FunctionTable } from '../expr/eval.js';
import type { Assumption } from './types.js';

/** What a shaped problem's point assigns: dimension names, declared matrices with their shapes, scalar names. */
export interface ShapedInputs {
  readonly dims: readonly string[];
  readonly matrices: ReadonlyMap<string, { readonly rows: Expr; readonly cols: Expr }>;
  readonly scalars: readonly string[];
}

/** The inputs of some terms and of the definitions they use (defined names are computed, not drawn). */
export function shapedInputs(terms: readonly Expr[], definitions: ReadonlyArray<{ readonly name: string; readonly expr: Expr }>): ShapedInputs {
  const defined = new Set(definitions.map((d) => d.name));
  const dims = new Set<string>();
  const matrices = new Map<string, { rows: Expr; cols: Expr }>();
  const scalars = new Set<string>();
  // Syms that are not values: dimension names, and the function named by prime(f, Z).
  const notValues = new Set<Expr>();
  const all = [...terms, ...definitions.map((d) => d.expr)].flatMap((t) => nodes(t));
  for (const n of all) {
    if (n.kind !== 'call') continue;
    const dimArgs = n.fn === MAT ? n.args.slice(1) : n.fn === ONES ? n.args : n.fn === BCAST || n.fn === BCAST_ROW ? n.args.slice(1) : [];
    for (const d of dimArgs) if (d.kind === 'sym') (dims.add(d.name), notValues.add(d));
    if (isMatSym(n)) {
      notValues.add(n.args[0]!);
      matrices.set(matName(n), { rows: n.args[1]!, cols: n.args[2]! });
    }
    if (n.fn === PRIME) notValues.add(n.args[0]!);
  }
  for (const n of all) if (n.kind === 'sym' && !notValues.has(n) && !defined.has(n.name) && n.name !== 'pi') scalars.add(n.name);
  for (const m of matrices.keys()) scalars.delete(m);
  for (const d of dims) scalars.delete(d);
  const byName = (s: Iterable<string>): string[] => [...s].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return { dims: byName(dims), matrices: new Map(byName(matrices.keys()).map((m) => [m, matrices.get(m)!])), scalars: byName(scalars) };
}

/**
 * Sizes to try, each dimension name a value: several with distinct values for distinct names
 * (a transposed factor then fails the shape check or the product's own), and several with all
 * names equal (a square W2 written for W2ᵀ is then well-shaped, and must differ by value).
 */
export function dimensionPlans(dims: readonly string[]): Array<ReadonlyMap<string, number>> {
  const plan = (f: (i: number) => number): ReadonlyMap<string, number> => new Map(dims.map((d, i) => [d, f(i)]));
  return [
    plan((i) => 2 + i), // 2, 3, 4, ...
    plan(() => 3),
    plan((i) => 2 + ((dims.length - 1 - i) % 4)), // reversed: names swapped give other sizes
    plan(() => 2),
    plan((i) => 3 + ((i * 2) % 3)),
  ];
}

/** A fact `sum(y) = 1`, `colsum(Y) = 1`, `rowsum(Y) = 1` about a declared matrix: what sums to 1, and over what. */
interface SumsToOne {
  readonly name: string;
  readonly over: 'all' | 'columns' | 'rows';
}

function sumsToOne(f: Assumption): SumsToOne | undefined {
  if (f.op !== '=' || f.among) return undefined;
  const one = (e: Expr): boolean => (isNum(e) && ratToNumber(e.value) === 1) || (e.kind === 'call' && e.fn === ONES);
  const [s, other] = one(f.rhs) ? [f.lhs, f.rhs] : [f.rhs, f.lhs];
  if (!one(other) || s.kind !== 'call' || s.args.length !== 1 || !isMatSym(s.args[0]!)) return undefined;
  const over = s.fn === SUM_ALL ? 'all' : s.fn === COLSUM ? 'columns' : s.fn === ROWSUM ? 'rows' : undefined;
  return over && { name: matName(s.args[0]!), over };
}

/** The name a label set constrains (`y in {0, 1}` on a scalar or a declared matrix), and its members. */
function labelSet(f: Assumption): { name: string; values: number[] } | undefined {
  if (!f.among) return undefined;
  const n = f.among.name;
  const name = isMatSym(n) ? matName(n) : n.kind === 'sym' ? n.name : undefined;
  const values = f.among.values.flatMap((v) => (isNum(v) ? [ratToNumber(v.value)] : []));
  return name === undefined || !values.length ? undefined : { name, values };
}

/** `lambda > 0`, `0 < a`, `x >= 1`: a lower (or upper) bound on a scalar name. */
function scalarBound(f: Assumption): { name: string; lo?: number; hi?: number } | undefined {
  const flip: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
  const [v, op, c] = f.lhs.kind === 'sym' && isNum(f.rhs) ? [f.lhs, f.op, f.rhs] : f.rhs.kind === 'sym' && isNum(f.lhs) ? [f.rhs, flip[f.op], f.lhs] : [];
  if (!v || v.kind !== 'sym' || !c || !isNum(c) || !op) return undefined;
  const k = ratToNumber(c.value);
  if (op === '>' || op === '>=') return { name: v.name, lo: k };
  if (op === '<' || op === '<=') return { name: v.name, hi: k };
  return undefined;
}

/** An entry rounded to hundredths, so a counterexample reads easily. */
const entryDraw = (rnd: Random): number => Math.round((rnd() * 3 - 1.5) * 100) / 100;

/** `k` positive weights adding up to 1, or (when `oneHot`) a single 1. */
function simplex(rnd: Random, k: number, oneHot: boolean): number[] {
  if (oneHot) {
    const hot = Math.floor(rnd() * k);
    return Array.from({ length: k }, (_, i) => (i === hot ? 1 : 0));
  }
  const w = Array.from({ length: k }, () => 1 + Math.floor(rnd() * 4));
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / s);
}

export interface PointOptions {
  readonly assumptions: readonly Assumption[];
  readonly definitions: ReadonlyArray<{ readonly name: string; readonly expr: Expr }>;
  readonly fns?: FunctionTable;
  /** Draw targets that sum to 1 as one-hot vectors (else on the simplex's interior). */
  readonly oneHot?: boolean;
}

/**
 * A point at the given sizes with the facts holding, or undefined when a fact the draw does
 * not build in (any other equation, an inequality between terms) fails at it.
 */
export function drawMatrixPoint(inputs: ShapedInputs, dims: ReadonlyMap<string, number>, rnd: Random, options: PointOptions): MatrixPoint | undefined {
  const size = (d: Expr): number => (d.kind === 'sym' ? dims.get(d.name)! : isNum(d) ? ratToNumber(d.value) : NaN);
  const values = new Map<string, Value>();
  const facts = options.assumptions;
  const sums = facts.flatMap((f) => sumsToOne(f) ?? []);
  const sets = facts.flatMap((f) => labelSet(f) ?? []);
  const bounds = facts.flatMap((f) => scalarBound(f) ?? []);
  const built = new Set<Assumption>(facts.filter((f) => sumsToOne(f) || labelSet(f)));
  const entryOf = (name: string): (() => number) => {
    const set = sets.find((s) => s.name === name);
    if (set) return () => set.values[Math.floor(rnd() * set.values.length)]!;
    const b = bounds.filter((x) => x.name === name);
    const lo = Math.max(...b.map((x) => x.lo ?? -Infinity));
    const hi = Math.min(...b.map((x) => x.hi ?? Infinity));
    if (lo > -Infinity && hi < Infinity) return () => lo + (hi - lo) * (0.1 + 0.8 * rnd());
    if (lo > -Infinity) return () => lo + 0.1 + Math.round(rnd() * 200) / 100;
    if (hi < Infinity) return () => hi - 0.1 - Math.round(rnd() * 200) / 100;
    return () => entryDraw(rnd);
  };
  for (const [name, s] of inputs.matrices) {
    const r = size(s.rows);
    const c = size(s.cols);
    const sum = sums.find((x) => x.name === name);
    const oneHot = options.oneHot === true || sets.some((x) => x.name === name);
    let m: Matrix;
    if (sum?.over === 'all') {
      const w = simplex(rnd, r * c, oneHot);
      m = matrix(r, c, (i, j) => w[i * c + j]!);
    } else if (sum?.over === 'columns') {
      const cols = Array.from({ length: c }, () => simplex(rnd, r, oneHot));
      m = matrix(r, c, (i, j) => cols[j]![i]!);
    } else if (sum?.over === 'rows') {
      const rows = Array.from({ length: r }, () => simplex(rnd, c, oneHot));
      m = matrix(r, c, (i, j) => rows[i]![j]!);
    } else {
      const draw = entryOf(name);
      m = matrix(r, c, () => draw());
    }
    // A 1×1 matrix is a scalar.
    values.set(name, r === 1 && c === 1 ? m.data[0]! : m);
  }
  for (const name of inputs.scalars) values.set(name, entryOf(name)());
  // A dimension name used as a number is the size (Ng's 1/m).
  for (const d of inputs.dims) if (!values.has(d)) values.set(d, dims.get(d)!);
  const point: MatrixPoint = { dims, values, defs: new Map(options.definitions.map((d) => [d.name, d.expr])), ...(options.fns ? { fns: options.fns } : {}) };
  for (const f of facts) if (!built.has(f) && !factHolds(f, point)) return undefined;
  return point;
}

/** Whether the draw builds a fact in exactly (targets that sum to 1, a label set), rather than checking it after. */
export const builtIntoDraw = (f: Assumption): boolean => sumsToOne(f) !== undefined || labelSet(f) !== undefined;

/**
 * Whether a fact holds at every entry: an equation to rounding; an inequality (or `!=`) by
 * more than `margin`, relative, so that it holds at the real point the doubles stand for.
 */
export function factHolds(f: Assumption, p: MatrixPoint, margin = 0): boolean {
  let l: Value;
  let r: Value;
  try {
    l = evaluateShaped(f.lhs, p);
    r = evaluateShaped(f.rhs, p);
  } catch {
    return false;
  }
  const at = (v: Value, k: number): number => (isMatrix(v) ? v.data[k]! : v);
  const n = Math.max(isMatrix(l) ? l.data.length : 1, isMatrix(r) ? r.data.length : 1);
  for (let k = 0; k < n; k++) {
    const [a, b] = [at(l, k), at(r, k)];
    if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
    const gap = margin * Math.max(1, Math.abs(a), Math.abs(b));
    const ok =
      f.op === '=' ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
      : f.op === '!=' ? Math.abs(a - b) > gap
      : f.op === '<' || f.op === '<=' ? b - a > gap || (f.op === '<=' && margin === 0 && a === b)
      : a - b > gap || (f.op === '>=' && margin === 0 && a === b);
    if (!ok) return false;
  }
  return true;
}

/** A point as flat numbers: each dimension, then each matrix entry as `W2[i,j]` (from 1), then each scalar. */
export function flatPoint(p: MatrixPoint, inputs: ShapedInputs): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of inputs.dims) out[d] = p.dims.get(d)!;
  for (const name of inputs.matrices.keys()) {
    const v = p.values.get(name)!;
    if (!isMatrix(v)) out[name] = v;
    else for (let i = 0; i < v.rows; i++) for (let j = 0; j < v.cols; j++) out[`${name}[${i + 1},${j + 1}]`] = v.data[i * v.cols + j]!;
  }
  for (const s of inputs.scalars) out[s] = p.values.get(s) as number;
  return out;
}
