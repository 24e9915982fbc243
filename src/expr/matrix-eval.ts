/**
 * Floating-point values of shaped terms (src/expr/matrix.ts) at given dimensions and entries:
 * for numeric checks only (rules at load, refuting an `expect` at random matrices, finite
 * differences), never to prove. A value is a number (a scalar) or a row-major matrix.
 */
import { type Expr, call, sym } from './node.js';
import { evaluate, type FunctionTable, PRIMITIVES } from './eval.js';
import { ratToNumber } from './rational.js';
import {
  BCAST, BCAST_ROW, COLSUM, MAT, MATMUL, ONES, PRIME, ROWSUM, SOFTMAX, SOFTMAX_ROWS, SUM_ALL, TRANSPOSE, VJP, matName, isMatSym,
} from './matrix.js';

export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  /** Row-major entries. */
  readonly data: Float64Array;
}
export type Value = number | Matrix;

export const isMatrix = (v: Value): v is Matrix => typeof v !== 'number';
export const matrix = (rows: number, cols: number, f: (i: number, j: number) => number): Matrix => {
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[i * cols + j] = f(i, j);
  return { rows, cols, data };
};
export const entry = (m: Matrix, i: number, j: number): number => m.data[i * m.cols + j]!;

export interface MatrixPoint {
  /** Each dimension name's value (a positive integer). */
  readonly dims: ReadonlyMap<string, number>;
  /** Each name's value: a number for a scalar, a matrix for a shaped name. */
  readonly values: ReadonlyMap<string, Value>;
  /** Definitions by name (`z1 = W1*x + b1`): their values are computed, never given. */
  readonly defs?: ReadonlyMap<string, Expr>;
  readonly fns?: FunctionTable;
}

/** The value of `e` at `p`. Throws for a missing name; NaN entries outside a function's domain. */
export function evaluateShaped(e: Expr, p: MatrixPoint): Value {
  const memo = new Map<Expr, Value>();
  const fns = p.fns ?? PRIMITIVES;
  const go = (n: Expr): Value => {
    const hit = memo.get(n);
    if (hit !== undefined) return hit;
    const v = value(n);
    memo.set(n, v);
    return v;
  };
  const dimValue = (d: Expr): number => {
    if (d.kind === 'num') return ratToNumber(d.value);
    if (d.kind === 'sym' && p.dims.has(d.name)) return p.dims.get(d.name)!;
    throw new ReferenceError(`no value for the dimension ${d.kind === 'sym' ? d.name : '?'}`);
  };
  const value = (n: Expr): Value => {
    switch (n.kind) {
      case 'num':
        return ratToNumber(n.value);
      case 'sym': {
        if (n.name === 'pi') return Math.PI;
        const d = p.defs?.get(n.name);
        if (d) return go(d);
        const v = p.values.get(n.name);
        if (v === undefined) throw new ReferenceError(`no value for ${n.name}`);
        return v;
      }
      case 'add':
        return n.args.map(go).reduce((a, b) => zip(a, b, (x, y) => x + y));
      case 'mul':
        return n.args.map(go).reduce((a, b) => zip(a, b, (x, y) => x * y));
      case 'pow':
        return zip(go(n.args[0]), go(n.args[1]), (b, x) => (b === 0 && x < 0 ? NaN : Math.pow(b, x)));
      case 'call':
        return callValue(n);
    }
  };
  const callValue = (n0: Expr & { kind: 'call' }): Value => {
    const n = n0;
    const a = n.args;
    switch (n.fn) {
      case MAT: {
        const v = p.values.get(matName(n));
        const r = dimValue(a[1]!);
        const c = dimValue(a[2]!);
        if (r === 1 && c === 1 && typeof v === 'number') return v;
        if (v === undefined || !isMatrix(v) || v.rows !== r || v.cols !== c) throw new ReferenceError(`no ${r}×${c} value for ${matName(n)}`);
        return v;
      }
      case ONES:
        return n1(matrix(dimValue(a[0]!), dimValue(a[1]!), () => 1));
      case MATMUL: {
        const l = go(a[0]!);
        const r = go(a[1]!);
        if (!isMatrix(l) || !isMatrix(r)) return zip(l, r, (x, y) => x * y);
        return n1(matrix(l.rows, r.cols, (i, j) => {
          let s = 0;
          for (let k = 0; k < l.cols; k++) s += entry(l, i, k) * entry(r, k, j);
          return s;
        }));
      }
      case TRANSPOSE: {
        const m = go(a[0]!);
        return isMatrix(m) ? matrix(m.cols, m.rows, (i, j) => entry(m, j, i)) : m;
      }
      case BCAST:
      case BCAST_ROW: {
        const b = asMatrix(go(a[0]!));
        const n = dimValue(a[1]!);
        const isColumn = n0.fn === BCAST;
        return n1(isColumn ? matrix(b.rows, n, (i) => entry(b, i, 0)) : matrix(n, b.cols, (_, j) => entry(b, 0, j)));
      }
      case SUM_ALL: {
        const m = go(a[0]!);
        return isMatrix(m) ? m.data.reduce((s, x) => s + x, 0) : m;
      }
      case ROWSUM: {
        const m = asMatrix(go(a[0]!));
        return n1(matrix(m.rows, 1, (i) => {
          let s = 0;
          for (let j = 0; j < m.cols; j++) s += entry(m, i, j);
          return s;
        }));
      }
      case COLSUM: {
        const m = asMatrix(go(a[0]!));
        return n1(matrix(1, m.cols, (_, j) => {
          let s = 0;
          for (let i = 0; i < m.rows; i++) s += entry(m, i, j);
          return s;
        }));
      }
      case SOFTMAX:
      case SOFTMAX_ROWS:
        if (a.length === 1) return softmax(asMatrix(go(a[0]!)), n.fn === SOFTMAX_ROWS);
        break;
      case PRIME: {
        const f = a[0]!;
        if (f.kind !== 'sym') throw new ReferenceError('prime(f, z) takes a function name');
        const fn = fns[f.name];
        if (!fn) throw new ReferenceError(`no numeric value for function ${f.name}`);
        return map(go(a[1]!), (x) => centralSlope((t) => fn(t), x));
      }
      case VJP:
        return vjpValue(a[0]!, a[1]!, a[2]!, p);
      case 'diff':
        if (a.length === 2) return vjpValue(null, a[0]!, a[1]!, p);
        break;
    }
    const f = fns[n.fn];
    if (!f) throw new ReferenceError(`no numeric value for function ${n.fn}`);
    return entrywiseCall(f, a.map(go));
  };
  return go(e);
}

/** Several arguments entrywise: a scalar repeated, matrices of one shape. */
function entrywiseCall(f: (...xs: number[]) => number, args: readonly Value[]): Value {
  const m = args.find(isMatrix);
  if (!m) return f(...(args as number[]));
  return matrix(m.rows, m.cols, (i, j) => f(...args.map((v) => (isMatrix(v) ? entry(v, i, j) : v))));
}

/** A 1×1 matrix is a scalar. */
const n1 = (m: Matrix): Value => (m.rows === 1 && m.cols === 1 ? m.data[0]! : m);

const asMatrix = (v: Value): Matrix => (isMatrix(v) ? v : matrix(1, 1, () => v));

const map = (v: Value, f: (x: number) => number): Value => (isMatrix(v) ? matrix(v.rows, v.cols, (i, j) => f(entry(v, i, j))) : f(v));

/** Two values entrywise; a scalar is repeated; different shapes give NaN entries (the caller checks shapes). */
function zip(a: Value, b: Value, f: (x: number, y: number) => number): Value {
  if (!isMatrix(a) && !isMatrix(b)) return f(a, b);
  if (isMatrix(a) && isMatrix(b) && (a.rows !== b.rows || a.cols !== b.cols)) return matrix(a.rows, a.cols, () => NaN);
  const m = (isMatrix(a) ? a : b) as Matrix;
  return matrix(m.rows, m.cols, (i, j) => f(isMatrix(a) ? entry(a, i, j) : a, isMatrix(b) ? entry(b, i, j) : b));
}

function softmax(m: Matrix, rows: boolean): Matrix {
  const out = new Float64Array(m.data.length);
  const lines = rows ? m.rows : m.cols;
  const len = rows ? m.cols : m.rows;
  const at = (l: number, k: number): number => (rows ? l * m.cols + k : k * m.cols + l);
  for (let l = 0; l < lines; l++) {
    let top = -Infinity;
    for (let k = 0; k < len; k++) top = Math.max(top, m.data[at(l, k)]!);
    let s = 0;
    for (let k = 0; k < len; k++) s += Math.exp(m.data[at(l, k)]! - top);
    for (let k = 0; k < len; k++) out[at(l, k)] = Math.exp(m.data[at(l, k)]! - top) / s;
  }
  return { rows: m.rows, cols: m.cols, data: out };
}

const centralSlope = (f: (t: number) => number, x: number): number => {
  const h = 1e-6 * Math.max(1, Math.abs(x));
  return (f(x + h) - f(x - h)) / (2 * h);
};

/**
 * `vjp(G, E, X)` (or, with G null, the gradient `diff(E, X)` of a scalar E) by central
 * differences in each entry of X: a numeric witness only. X is a declared name, scalar or
 * shaped; a defined name is perturbed with what it depends on held fixed.
 */
function vjpValue(g: Expr | null, e: Expr, x: Expr, p: MatrixPoint): Value {
  const name = isMatSym(x) ? matName(x) : x.kind === 'sym' ? x.name : undefined;
  if (name === undefined) throw new ReferenceError('a derivative is by a name');
  const gv = g === null ? 1 : evaluateShaped(g, p);
  const defs = p.defs && p.defs.has(name) ? new Map([...p.defs].filter(([k]) => k !== name)) : p.defs;
  const base = p.values.get(name) ?? (p.defs?.get(name) ? evaluateShaped(p.defs.get(name)!, p) : undefined);
  if (base === undefined) throw new ReferenceError(`no value for ${name}`);
  const inner = (v: Value): number => {
    const values = new Map(p.values);
    values.set(name, v);
    const ev = evaluateShaped(e, { ...p, values, ...(defs ? { defs } : {}) });
    const prod = zip(gv, ev, (s, t) => s * t);
    return isMatrix(prod) ? prod.data.reduce((s, t) => s + t, 0) : prod;
  };
  if (!isMatrix(base)) return centralSlope((t) => inner(t), base);
  return matrix(base.rows, base.cols, (i, j) =>
    centralSlope((t) => {
      const data = Float64Array.from(base.data);
      data[i * base.cols + j] = t;
      return inner({ rows: base.rows, cols: base.cols, data });
    }, entry(base, i, j)),
  );
}

/** The scalar evaluator's view of an entrywise function (for callers that need one entry). */
export const entrywiseValue = (fn: string, x: number, fns: FunctionTable = PRIMITIVES): number =>
  evaluate(call(fn, sym('%x')), (n) => (n === '%x' ? x : undefined), { fns });
