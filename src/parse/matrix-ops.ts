/**
 * Reading operators between shaped terms (src/expr/matrix.ts), shared by the ASCII and LaTeX
 * parsers when a problem declares shapes. `*` between two matrices is the ordered product
 * `matmul` (a scalar factor scales, pulled out in front), `.*` and `⊙` the entrywise `mul`,
 * `./` entrywise division, `+` adds, making a broadcast bias explicit (`bcast`, `bcast_row`).
 * Every combination is shape-checked as it is built; a mismatch is a ShapeError naming both
 * shapes (shapeOf's messages), which the parser places at the operator.
 */
import { type Expr, add, mul, num, pow, sym } from '../expr/node.js';
import { type Shape, ShapeError, bcast, bcastRow, matSym, matmul, shapeOf, showShape, transpose } from '../expr/matrix.js';

/** The calls of shaped terms, read as calls in every problem (a proof's JSON holds them), shaped or not. */
export const MATRIX_CALLS: ReadonlySet<string> = new Set([
  'mat', 'matmul', 'transpose', 'bcast', 'bcast_row', 'sum_all', 'rowsum', 'colsum', 'ones', 'softmax', 'softmax_rows', 'prime', 'vjp',
]);

/** What a parse in shaped mode knows: the declared shapes (leaves) and the shapes of defined names. */
export class ShapedReader {
  private readonly memo = new Map<Expr, Shape>();

  constructor(
    /** Declared names and their shapes: each occurrence is the leaf `mat(name, r, c)`. */
    private readonly declared: ReadonlyMap<string, Shape>,
    /** Defined names (`let`) with a matrix shape: they stay names. */
    private readonly defined: ReadonlyMap<string, Shape> = new Map(),
    /**
     * Build what was written even where shapes do not fit (no ShapeError): for an expectation
     * already known to be ill-shaped, so that it is shown as written while refuted.
     */
    private readonly lenient = false,
  ) {}

  /** The term a name stands for: its shaped leaf when declared, else the name. */
  leaf(name: string): Expr {
    const s = this.declared.get(name);
    return s ? matSym(name, s.rows, s.cols) : sym(name);
  }

  /** Whether `name` is declared shaped or defined (so `T` in `A^T` is not the transpose). */
  knows(name: string): boolean {
    return this.declared.has(name) || this.defined.has(name);
  }

  /** The shape of `e`; throws a ShapeError when a part of it combines mismatched shapes. */
  shape(e: Expr): Shape {
    if (!this.lenient) return shapeOf(e, (n) => this.defined.get(n) ?? undefined, this.memo);
    try {
      return shapeOf(e, (n) => this.defined.get(n) ?? undefined, new Map());
    } catch (err) {
      if (err instanceof ShapeError) return UNKNOWN;
      throw err;
    }
  }

  /** `a * b` (also written side by side): the matrix product of two matrices, else scaling. */
  times(a: Expr, b: Expr): Expr {
    const [ca, ma] = this.split(a);
    const [cb, mb] = this.split(b);
    if (ma === undefined || mb === undefined) return this.checked(mul(a, b));
    return this.checked(mul(...ca, ...cb, matmul(ma, mb)));
  }

  /** `a .* b`, `a ⊙ b`: entrywise. */
  hadamard(a: Expr, b: Expr): Expr {
    this.entrywise(a, b, 'multiply entrywise (⊙)');
    return this.checked(mul(a, b));
  }

  /** `a / b`: by a scalar only; a matrix divisor is refused (mathjs's `/` would invert it). */
  divide(a: Expr, b: Expr): Expr {
    const s = this.shape(b);
    if (s !== null && !this.lenient) throw new ShapeError(`cannot divide by the matrix ${showShape(s)}: write ./ to divide entrywise`, this.shape(a), s);
    return this.checked(mul(a, pow(b, num(-1))));
  }

  /** `a ./ b`: entrywise division. */
  divideEntrywise(a: Expr, b: Expr): Expr {
    this.entrywise(a, b, 'divide entrywise');
    return this.checked(mul(a, pow(b, num(-1))));
  }

  /**
   * `b ^ x`: entrywise. `^` on a square matrix is refused (mathjs reads it as a matrix
   * power); `.^` (`entrywise`) is always entrywise.
   */
  power(b: Expr, x: Expr, entrywise: boolean): Expr {
    const s = this.shape(b);
    if (!entrywise && s !== null && s.rows === s.cols && !this.lenient) {
      throw new ShapeError(`^ of the square matrix ${showShape(s)} is ambiguous: write .^ for an entrywise power, or a product for a matrix power`, s);
    }
    return this.checked(pow(b, x));
  }

  /** `aᵀ`. */
  transposed(a: Expr): Expr {
    return this.checked(transpose(a));
  }

  /**
   * `a + b`: a column [r, 1] added to [r, c] is repeated to every column (`bcast`), a row
   * [1, c] added to [r, c] to every row (`bcast_row`); a scalar is added to every entry.
   */
  plus(a: Expr, b: Expr): Expr {
    const sa = this.shape(a);
    const sb = this.shape(b);
    if (sa === null || sb === null || (sa.rows === sb.rows && sa.cols === sb.cols)) return this.checked(add(a, b));
    return this.checked(add(this.broadcast(a, sa, sb), this.broadcast(b, sb, sa)));
  }

  /** `e` of shape `s` broadcast to `to`'s shape, or `e` itself when it has that shape; else a ShapeError. */
  private broadcast(e: Expr, s: NonNullable<Shape>, to: NonNullable<Shape>): Expr {
    if (s.rows === to.rows && s.cols === to.cols) return e;
    if (isOne(s.cols) && s.rows === to.rows && !isOne(to.cols)) return bcast(e, to.cols);
    if (isOne(s.rows) && s.cols === to.cols && !isOne(to.rows)) return bcastRow(e, to.rows);
    if (isOne(to.cols) && to.rows === s.rows && !isOne(s.cols)) return e;
    if (isOne(to.rows) && to.cols === s.cols && !isOne(s.rows)) return e;
    if (this.lenient) return e;
    throw new ShapeError(`cannot add ${showShape(s)} and ${showShape(to)}`, s, to);
  }

  /** Throws unless `a` and `b` have one shape (or one is a scalar). */
  private entrywise(a: Expr, b: Expr, what: string): void {
    const sa = this.shape(a);
    const sb = this.shape(b);
    if (sa !== null && sb !== null && !(sa.rows === sb.rows && sa.cols === sb.cols) && !this.lenient) throw new ShapeError(`cannot ${what} ${showShape(sa)} and ${showShape(sb)}`, sa, sb);
  }

  /**
   * A factor as its scalar factors and its matrix part (undefined for a scalar): `2*A` is
   * [2] and A, `2*(A ⊙ B)` is [2] and A ⊙ B, so `(2A)B` is read 2(AB).
   */
  private split(e: Expr): [Expr[], Expr | undefined] {
    if (this.shape(e) === null) return [[e], undefined];
    if (e.kind !== 'mul') return [[], e];
    const scalars = e.args.filter((x) => this.shape(x) === null);
    const shaped = e.args.filter((x) => this.shape(x) !== null);
    return [scalars, shaped.length === 1 ? shaped[0]! : mul(...shaped)];
  }

  /** `e`, once its shape is checked. */
  checked(e: Expr): Expr {
    if (!this.lenient) this.shape(e);
    return e;
  }
}

/** The shape of an ill-shaped term, read leniently: a matrix of no known size. */
const UNKNOWN: Shape = { rows: sym('?'), cols: sym('?') };

const isOne = (d: Expr): boolean => d.kind === 'num' && d.value.n === 1n && d.value.d === 1n;
