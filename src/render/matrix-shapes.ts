/**
 * What the printers need to know about shaped terms: which names are matrices while a proof
 * is shown, and the declared shapes a "Given" block lists.
 *
 * A defined name (`a1`) is a plain name in the tree; its shape is its definition's. Whether
 * `a1 * (1 - a1)` is `a1 ⊙ (1 − a1)` or a product of numbers depends on it, so whoever prints
 * a proof's terms sets the definitions first (`withShapesOf`). A `mat(W, r, c)` leaf carries
 * its shape itself and needs nothing.
 */
import type { Expr } from '../expr/node.js';
import { asWritten } from '../expr/display.js';
import { type WrittenOrder, writtenOrderOf } from '../expr/written.js';
import { type Shape, type ShapeOfName, ShapeError, isMatSym, isShaped, matName, shapeOf } from '../expr/matrix.js';

/** The shapes in force while printing, and the shapes found so far (terms are interned). */
interface ShapeContext {
  readonly named: ShapeOfName;
  readonly memo: Map<Expr, Shape>;
  /** Whether some defined name is shaped: otherwise only a tree with a `mat` or `ones` can be. */
  readonly anyNamed: boolean;
}

let current: ShapeContext | undefined;

/** A named intermediate as proofs and premises carry it. */
export type Definition = { readonly name: string; readonly expr: Expr; readonly index?: string };

/** The shape of each defined name, from its definition (a name defined per index is scalar). */
export function shapesOfDefinitions(definitions: readonly Definition[]): ShapeOfName {
  const byName = new Map(definitions.filter((d) => d.index === undefined).map((d) => [d.name, d.expr]));
  const found = new Map<string, Shape>();
  const visiting = new Set<string>();
  const named: ShapeOfName = (name) => {
    if (found.has(name)) return found.get(name) ?? undefined;
    const expr = byName.get(name);
    if (!expr || visiting.has(name)) return undefined;
    visiting.add(name);
    const s = shapeOrScalar(expr, named, new Map());
    visiting.delete(name);
    found.set(name, s);
    return s ?? undefined;
  };
  return named;
}

/** Runs `f` with the names defined in `definitions` known as shaped where they are; contexts nest. */
export function withShapesOf<T>(definitions: readonly Definition[], f: () => T): T {
  // Only a definition that holds a matrix makes a shaped name: scalar problems print as before, as fast.
  const anyShaped = definitions.some((d) => isShaped(d.expr));
  return withShapes(shapesOfDefinitions(definitions), f, anyShaped);
}

/** Runs `f` with `named` giving the shapes of names (on top of those already in force); `anyShaped` false says it shapes none. */
export function withShapes<T>(named: ShapeOfName, f: () => T, anyShaped = true): T {
  const outer = current;
  const all: ShapeOfName = outer ? (n) => named(n) ?? outer.named(n) : named;
  const anyNamed = (outer?.anyNamed ?? false) || anyShaped;
  current = { named: all, memo: new Map(), anyNamed };
  try {
    return f();
  } finally {
    current = outer;
  }
}

/** The shape of `e` for display: null for a scalar, or where the shapes do not agree (shown as written). */
export function displayShape(e: Expr): Shape {
  if (!current) return isShaped(e) ? shapeOrScalar(e, () => undefined, new Map()) : null;
  if (!current.anyNamed && !isShaped(e)) return null;
  return shapeOrScalar(e, current.named, current.memo);
}

/** Whether a term is shaped (a matrix or vector) where it is printed. */
export const isShapedForDisplay = (e: Expr): boolean => displayShape(e) !== null;

function shapeOrScalar(e: Expr, named: ShapeOfName, memo: Map<Expr, Shape>): Shape {
  try {
    return shapeOf(e, named, memo);
  } catch (err) {
    if (err instanceof ShapeError) return null;
    throw err;
  }
}


/** A declared matrix: its name and shape, as `shape W1 [n1, n0]` states it. */
export interface ShapedLeaf {
  readonly name: string;
  readonly rows: Expr;
  readonly cols: Expr;
}

/**
 * The declared matrices in `terms`, each once, in the order they are first met reading each
 * term left to right as it was written (a name declared twice keeps its first shape).
 */
export function shapedLeaves(terms: readonly Expr[]): ShapedLeaf[] {
  const out = new Map<string, ShapedLeaf>();
  const seen = new Set<Expr>();
  const visit = (e: Expr, written: WrittenOrder | undefined): void => {
    if (seen.has(e)) return;
    seen.add(e);
    if (isMatSym(e)) {
      const name = matName(e);
      if (!out.has(name)) out.set(name, { name, rows: e.args[1]!, cols: e.args[2]! });
      return;
    }
    // Sums and products as the user wrote them (`W1*x + b1`: W1 before b1), where they were read.
    const args = e.kind === 'add' || e.kind === 'mul' ? asWritten(e.args, written?.get(e)) : e.args;
    for (const a of args) visit(a, written);
  };
  for (const t of terms) visit(t, writtenOrderOf(t));
  return [...out.values()];
}

/**
 * The declared matrices of a proof: those of its definitions in their order (the forward pass,
 * as a book's "given" lists them), then any only its start or its facts name.
 */
export function proofShapedLeaves(proof: {
  readonly start?: Expr;
  readonly definitions: readonly Definition[];
  readonly assumptions: ReadonlyArray<{ readonly lhs: Expr; readonly rhs: Expr }>;
}): ShapedLeaf[] {
  return shapedLeaves([...proof.definitions.map((d) => d.expr), ...(proof.start ? [proof.start] : []), ...proof.assumptions.flatMap((a) => [a.lhs, a.rhs])]);
}
