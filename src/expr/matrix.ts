/**
 * Shaped terms: matrices and vectors in the ordinary tree, as call nodes, so interning,
 * matching and traversal need nothing new. What they mean is index notation:
 *   mat(W, r, c)        the declared name W, an r×c matrix (r, c: names or positive integers);
 *                       the shape is part of the term, so every subterm's shape is known
 *   matmul(A, B)        the matrix product (AB)ᵢⱼ = Σₖ AᵢₖBₖⱼ; ordered, never sorted
 *   transpose(A)        (Aᵀ)ᵢⱼ = Aⱼᵢ
 *   bcast(b, c)         the column b [r, 1] repeated to r×c (the books' bias over a batch)
 *   bcast_row(b, r)     the row b [1, c] repeated to r×c
 *   sum_all(A)          Σᵢⱼ Aᵢⱼ, a scalar (the user's `sum(A)`)
 *   rowsum(A)           [r, 1], each row added up; colsum(A): [1, c], each column
 *   ones(r, c)          the r×c matrix of ones
 *   softmax(Z)          of each column; softmax_rows(S): of each row
 *   prime(f, Z)         f′ entrywise (`σ′(z)`), f a name
 *   diff(f, X)          for a scalar f and a shaped X: the gradient, shaped as X (the books' layout)
 *   vjp(G, E, X)        ∂/∂X Σᵢⱼ GᵢⱼEᵢⱼ with G held fixed (the backprop of G through E), shaped as X;
 *                       a scalar G or E is repeated to the other's shape. Only E's explicit X
 *                       moves: a defined name inside E is held fixed (the chain step sums over
 *                       the names that use X, so nothing is counted twice)
 * A 1×1 matrix is a scalar (`aᵀb`, `colsum` of a column).
 * Everything else is entrywise: `+`, `*` (between two matrices: the Hadamard product ⊙),
 * `^`, and a function of one matrix (`sigmoid(Z)`); a scalar operand is repeated to the shape.
 * So the scalar algebra, which treats the calls above as atoms, stays sound on shaped terms
 * once their shapes agree: entrywise operations form a commutative ring. Only `matmul` is
 * ordered, and it is never a `*` node.
 */
import { type Expr, call, num, sym } from './node.js';

export const MAT = 'mat';
export const MATMUL = 'matmul';
export const TRANSPOSE = 'transpose';
export const BCAST = 'bcast';
export const BCAST_ROW = 'bcast_row';
export const SUM_ALL = 'sum_all';
export const ROWSUM = 'rowsum';
export const COLSUM = 'colsum';
export const ONES = 'ones';
export const SOFTMAX = 'softmax';
export const SOFTMAX_ROWS = 'softmax_rows';
export const PRIME = 'prime';
export const VJP = 'vjp';

/** The shape of a term: rows and columns (each a name or a positive integer), or null for a scalar. */
export type Shape = { readonly rows: Expr; readonly cols: Expr } | null;

export const shape = (rows: Expr | number | string, cols: Expr | number | string): Shape => ({ rows: dim(rows), cols: dim(cols) });
const dim = (d: Expr | number | string): Expr => (typeof d === 'number' ? num(d) : typeof d === 'string' ? sym(d) : d);

export const matSym = (name: string, rows: Expr | number | string, cols: Expr | number | string): Expr => call(MAT, sym(name), dim(rows), dim(cols));
export const matmul = (a: Expr, b: Expr): Expr => call(MATMUL, a, b);
export const transpose = (a: Expr): Expr => call(TRANSPOSE, a);
export const bcast = (b: Expr, cols: Expr | number | string): Expr => call(BCAST, b, dim(cols));
export const bcastRow = (b: Expr, rows: Expr | number | string): Expr => call(BCAST_ROW, b, dim(rows));
export const sumAll = (a: Expr): Expr => call(SUM_ALL, a);
export const rowsum = (a: Expr): Expr => call(ROWSUM, a);
export const colsum = (a: Expr): Expr => call(COLSUM, a);
export const ones = (rows: Expr | number | string, cols: Expr | number | string): Expr => call(ONES, dim(rows), dim(cols));
export const prime = (fn: string, z: Expr): Expr => call(PRIME, sym(fn), z);
export const vjp = (g: Expr, e: Expr, x: Expr): Expr => call(VJP, g, e, x);

/** Whether `e` is a declared shaped name `mat(W, r, c)`. */
export const isMatSym = (e: Expr): e is Expr & { kind: 'call' } => e.kind === 'call' && e.fn === MAT && e.args.length === 3 && e.args[0]!.kind === 'sym';
/** The name of a shaped leaf. */
export const matName = (e: Expr): string => (e.args[0] as Expr & { kind: 'sym' }).name;

/** The calls that are not entrywise (their own meaning in index notation). */
export const STRUCTURAL: ReadonlySet<string> = new Set([MAT, MATMUL, TRANSPOSE, BCAST, BCAST_ROW, SUM_ALL, ROWSUM, COLSUM, ONES, SOFTMAX, SOFTMAX_ROWS, VJP]);

/** Whether a tree holds a shaped term anywhere. */
export function isShaped(e: Expr): boolean {
  const seen = new Set<Expr>();
  const stack = [e];
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (n.kind === 'call' && (n.fn === MAT || n.fn === ONES)) return true;
    stack.push(...n.args);
  }
  return false;
}

/** A shape mismatch: what was combined, and the two shapes. */
export class ShapeError extends Error {
  constructor(
    message: string,
    readonly left?: Shape,
    readonly right?: Shape,
  ) {
    super(message);
  }
}

/** `[n1, n0]`, or `scalar`. */
export const showShape = (s: Shape): string => (s === null ? 'scalar' : `[${dimText(s.rows)}, ${dimText(s.cols)}]`);
const dimText = (d: Expr): string => (d.kind === 'sym' ? d.name : d.kind === 'num' ? String(d.value.n) : '?');

export const sameShape = (a: Shape, b: Shape): boolean => (a === null ? b === null : b !== null && a.rows === b.rows && a.cols === b.cols);

/** A dimension is a name or a positive integer. */
export const isDim = (d: Expr): boolean => d.kind === 'sym' || (d.kind === 'num' && d.value.d === 1n && d.value.n > 0n);

/** The shape of a defined name, by name: undefined for a scalar name or one not defined. */
export type ShapeOfName = (name: string) => Shape | undefined;

/**
 * The shape of `e`, checking every subterm: a sum or Hadamard product of different shapes, a
 * product whose inner dimensions differ, and so on, throw a ShapeError naming both shapes.
 * `named` gives the shapes of defined names (the shapes of their definitions).
 */
export function shapeOf(e: Expr, named: ShapeOfName = () => undefined, memo = new Map<Expr, Shape>()): Shape {
  const hit = memo.get(e);
  if (hit !== undefined || memo.has(e)) return hit ?? null;
  const go = (x: Expr): Shape => shapeOf(x, named, memo);
  let s: Shape;
  switch (e.kind) {
    case 'num':
      s = null;
      break;
    case 'sym':
      s = named(e.name) ?? null;
      break;
    case 'add':
    case 'mul':
      s = entrywise(e.args.map(go), e.kind === 'add' ? 'add' : 'multiply entrywise (⊙)');
      break;
    case 'pow': {
      const [b, x] = e.args.map(go);
      s = entrywise([b!, x!], 'raise entrywise');
      break;
    }
    case 'call':
      s = callShape(e, go);
      break;
  }
  memo.set(e, s);
  return s;
}

function entrywise(shapes: readonly Shape[], what: string): Shape {
  let out: Shape = null;
  for (const s of shapes) {
    if (s === null) continue;
    if (out !== null && !sameShape(out, s)) throw new ShapeError(`cannot ${what} ${showShape(out)} and ${showShape(s)}`, out, s);
    out = s;
  }
  return out;
}

function callShape(e: Expr & { kind: 'call' }, go: (x: Expr) => Shape): Shape {
  const a = e.args;
  const need = (n: number): void => {
    if (a.length !== n) throw new ShapeError(`${e.fn} takes ${n} argument${n === 1 ? '' : 's'}`);
  };
  const matrixArg = (i: number): { rows: Expr; cols: Expr } => {
    const s = go(a[i]!);
    if (s === null) throw new ShapeError(`${e.fn} takes a matrix, not a scalar`);
    return s;
  };
  switch (e.fn) {
    case MAT:
      need(3);
      if (a[0]!.kind !== 'sym' || !isDim(a[1]!) || !isDim(a[2]!)) throw new ShapeError('a shape is [rows, columns], each a name or a positive integer');
      return scalarIfOne({ rows: a[1]!, cols: a[2]! });
    case ONES:
      need(2);
      if (!isDim(a[0]!) || !isDim(a[1]!)) throw new ShapeError('ones(r, c) takes two dimensions');
      return scalarIfOne({ rows: a[0]!, cols: a[1]! });
    case MATMUL: {
      need(2);
      const l = go(a[0]!);
      const r = go(a[1]!);
      if (l === null || r === null) return l ?? r;
      if (l.cols !== r.rows) throw new ShapeError(`cannot multiply ${showShape(l)} by ${showShape(r)}: ${dimText(l.cols)} columns against ${dimText(r.rows)} rows`, l, r);
      return scalarIfOne({ rows: l.rows, cols: r.cols });
    }
    case TRANSPOSE: {
      need(1);
      const s = go(a[0]!);
      return s === null ? null : { rows: s.cols, cols: s.rows };
    }
    case BCAST:
    case BCAST_ROW: {
      need(2);
      // A scalar is a 1×1 column (and row): broadcast, it is a row (or column) of equal entries.
      const s = go(a[0]!) ?? { rows: num(1), cols: num(1) };
      const n = a[1]!;
      if (!isDim(n)) throw new ShapeError(`${e.fn} takes a dimension`);
      const col = e.fn === BCAST;
      if (col ? !isOne(s.cols) : !isOne(s.rows))
        throw new ShapeError(`cannot broadcast ${showShape(s)} as a ${col ? 'column' : 'row'}`, s);
      return scalarIfOne(col ? { rows: s.rows, cols: n } : { rows: n, cols: s.cols });
    }
    case SUM_ALL:
      need(1);
      go(a[0]!);
      return null;
    case ROWSUM: {
      need(1);
      const s = matrixArg(0);
      return scalarIfOne({ rows: s.rows, cols: num(1) });
    }
    case COLSUM: {
      need(1);
      const s = matrixArg(0);
      return scalarIfOne({ rows: num(1), cols: s.cols });
    }
    case SOFTMAX:
    case SOFTMAX_ROWS:
      if (a.length !== 1) break;
      return matrixArg(0);
    case PRIME:
      need(2);
      return go(a[1]!);
    case 'diff':
    case VJP: {
      const x = go(a[a.length - 1]!);
      if (e.fn === VJP) {
        need(3);
        const g = go(a[0]!);
        const inner = go(a[1]!);
        if (g !== null && inner !== null && !sameShape(g, inner)) throw new ShapeError(`the upstream gradient ${showShape(g)} must have the shape of what it flows back through, ${showShape(inner)}`, g, inner);
        return x;
      }
      // diff(f, X): the gradient of a scalar f, shaped as X; of a shaped f by a scalar, entrywise.
      const f = go(a[0]!);
      if (f !== null && x !== null) throw new ShapeError(`a derivative by ${showShape(x)} is of a scalar, not of ${showShape(f)}`, f, x);
      return x ?? f;
    }
  }
  // Any other function applies entrywise to its arguments, which must agree.
  return entrywise(a.map(go), `apply ${e.fn} to`);
}

/** A 1×1 matrix is a scalar. */
const scalarIfOne = (s: { rows: Expr; cols: Expr }): Shape => (isOne(s.rows) && isOne(s.cols) ? null : s);

const isOne = (d: Expr): boolean => d.kind === 'num' && d.value.n === 1n && d.value.d === 1n;
