/**
 * Shapes of kernel terms, the kernel's own (src/expr/matrix.ts has the same meaning; a test compares them). `mat(W, r, c)`
 * is W with its shape; `matmul` ordered; `transpose`, `bcast(b, m)`, `bcast_row(b, r)`, `sum_all`, `rowsum`, `colsum`,
 * `ones(r, c)`, `softmax`, `softmax_rows`; `diff(f, X)` and `vjp(G, E, X)` are shaped as X; all else entrywise, a scalar
 * repeated. A 1×1 matrix is a scalar. An ill-shaped term throws a ShapeError naming both shapes.
 */
import { type Store, type Term, isShapedCall } from './term.js';
import { nodesOf } from './names.js';

export type Shape = { readonly rows: Term; readonly cols: Term } | null;
export class ShapeError extends Error {}

/** Calls whose meaning depends on their operands' dimensions (not entrywise): a scalar may not stand for a matrix in them. */
export const DIMENSIONAL: ReadonlySet<string> = new Set(['matmul', 'bcast', 'bcast_row', 'sum_all', 'rowsum', 'colsum', 'softmax', 'softmax_rows']);

export const isOne = (d: Term): boolean => d.kind === 'num' && d.value.n === 1n && d.value.d === 1n;
const isDim = (d: Term): boolean => d.kind === 'sym' || (d.kind === 'num' && d.value.d === 1n && d.value.n > 0n);
const dimText = (d: Term): string => (d.kind === 'sym' ? d.name : String(d.value.n));
export const showShape = (s: Shape): string => (s === null ? 'scalar' : `[${dimText(s.rows)}, ${dimText(s.cols)}]`);
export const sameShape = (a: Shape, b: Shape): boolean => (a === null ? b === null : b !== null && a.rows === b.rows && a.cols === b.cols);
const fit = (rows: Term, cols: Term): Shape => (isOne(rows) && isOne(cols) ? null : { rows, cols });
/** A leaf of a shaped term: a declared matrix or a matrix of ones. */
export const isShapedLeaf = (t: Term): boolean => t.kind === 'call' && ((t.fn === 'mat' && t.args.length === 3) || (t.fn === 'ones' && t.args.length === 2));
export const hasShapedLeaf = (t: Term): boolean => nodesOf(t).some(isShapedLeaf);

/** Shapes of the terms of one check: `named` gives a defined name's shape (its definition's). */
export class Shapes {
  private readonly memo = new Map<Term, Shape>();
  constructor(private readonly s: Store, private readonly named: (name: string) => Shape) {}
  of(t: Term): Shape {
    if (this.memo.has(t)) return this.memo.get(t)!;
    const s = t.kind === 'num' ? null : t.kind === 'sym' ? this.named(t.name) : t.kind === 'call' ? this.call(t) : this.entrywise(t.args, t.kind === 'add' ? 'add' : t.kind === 'mul' ? 'multiply entrywise' : 'raise entrywise');
    this.memo.set(t, s);
    return s;
  }
  private entrywise(args: readonly Term[], what: string): Shape {
    let out: Shape = null;
    for (const a of args) {
      const s = this.of(a);
      if (s !== null && out !== null && !sameShape(s, out)) throw new ShapeError(`cannot ${what} ${showShape(out)} and ${showShape(s)}`);
      out = s ?? out;
    }
    return out;
  }
  private matrix(t: Term, i: number): { rows: Term; cols: Term } {
    const s = t.args[i] ? this.of(t.args[i]!) : null;
    if (s === null) throw new ShapeError(`${t.fn} takes a matrix, not a scalar`);
    return s;
  }
  private call(t: Term): Shape {
    const a = t.args;
    switch (isShapedCall(t) || (t.fn === 'vjp' && a.length === 3) || (t.fn === 'diff' && a.length === 2) ? t.fn : '') {
      case 'mat':
        if (a[0]!.kind !== 'sym' || !isDim(a[1]!) || !isDim(a[2]!)) fail('a shape is [rows, columns], each a name or a positive integer');
        return fit(a[1]!, a[2]!);
      case 'ones':
        if (!isDim(a[0]!) || !isDim(a[1]!)) fail('ones(r, c) takes two dimensions');
        return fit(a[0]!, a[1]!);
      case 'matmul': {
        const [l, r] = [this.of(a[0]!), this.of(a[1]!)];
        if (l === null || r === null) return l ?? r;
        if (l.cols !== r.rows) fail(`cannot multiply ${showShape(l)} by ${showShape(r)}`);
        return fit(l.rows, r.cols);
      }
      case 'transpose': {
        const s = this.of(a[0]!);
        return s && { rows: s.cols, cols: s.rows };
      }
      case 'bcast':
      case 'bcast_row': {
        // A scalar is a 1×1 column and row (softmax's rule on a column broadcasts colsum of it).
        const s = this.of(a[0]!) ?? { rows: this.s.num(1), cols: this.s.num(1) };
        const col = t.fn === 'bcast';
        if (!isDim(a[1]!) || !isOne(col ? s.cols : s.rows)) fail(`cannot broadcast ${showShape(s)} as a ${col ? 'column' : 'row'}`);
        return col ? fit(s.rows, a[1]!) : fit(a[1]!, s.cols);
      }
      case 'sum_all':
        return this.of(a[0]!), null;
      case 'rowsum':
        return fit(this.matrix(t, 0).rows, this.s.num(1));
      case 'colsum':
        return fit(this.s.num(1), this.matrix(t, 0).cols);
      case 'softmax':
      case 'softmax_rows':
        return this.matrix(t, 0);
      case 'diff':
      case 'vjp': {
        const [f, x] = [this.of(a[0]!), this.of(a[a.length - 1]!)];
        if (t.fn === 'vjp') {
          const e = this.of(a[1]!);
          if (f !== null && e !== null && !sameShape(f, e)) fail(`the upstream gradient ${showShape(f)} must have the shape of ${showShape(e)}`);
        } else if (f !== null && x !== null) fail(`a derivative by ${showShape(x)} is of a scalar, not of ${showShape(f)}`);
        return t.fn === 'vjp' ? x : (x ?? f);
      }
      default:
        return this.entrywise(a, `apply ${t.fn} to`);
    }
  }
}

const fail = (m: string): never => { throw new ShapeError(m); };
