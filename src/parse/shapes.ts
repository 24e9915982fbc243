/**
 * Shape declarations: `W1 [n1, n0]` (a problem file's `shape` line, `--shape` on the command
 * line), in LaTeX `W_1 \in \mathbb{R}^{n_1 \times n_0}` (and `x \in \mathbb{R}^{n}`, a column).
 * A line may declare several, separated by commas: `W1 [n1, n0], b1 [n1, 1]`. A dimension is
 * a name or a positive integer; `[n, 1]` is a column vector; a name without a shape is a scalar.
 */
import type { Expr } from '../expr/node.js';
import { GradproofError, positionOf } from '../expr/errors.js';
import { type Shape, shape, shapeOf, showShape, ShapeError } from '../expr/matrix.js';
import { parseLatexVariable } from './latex.js';
import { functionNames, type ParseOptions } from './parser-base.js';
import { MATRIX_CALLS } from './matrix-ops.js';

/** A declared name and its shape. */
export interface ShapeDeclaration {
  readonly name: string;
  readonly shape: NonNullable<Shape>;
}

const NAME = /^[A-Za-z_\u0370-\u03ff][A-Za-z0-9_\u0370-\u03ff]*$/;
const DIM = /^(?:[A-Za-z_\u0370-\u03ff][A-Za-z0-9_\u0370-\u03ff]*|\d+)$/;
// `name [rows, cols]`, then a comma or the end.
const ASCII_ONE = /\s*([^\s[,]+)\s*\[\s*([^\],]*?)\s*,\s*([^\],]*?)\s*\]\s*(,|$)/dy;
// `name \in \mathbb{R}^{rows \times cols}` or `^{n}` or `^n`.
const LATEX_ONE = /\s*(.+?)\s*(?:\\in|∈)\s*\\mathbb\s*\{?R\}?\s*\^\s*(?:\{\s*(.+?)\s*(?:(?:\\times|×|\*)\s*(.+?)\s*)?\}|(\w))\s*(,|$)/dy;

/** The declarations of `text`; errors are positioned in it (source: a file name or `--shape`). */
export function parseShapes(text: string, options: Pick<ParseOptions, 'source' | 'functions'> = {}): ShapeDeclaration[] {
  const fail = (at: number, message: string): never => {
    throw new GradproofError('syntax', message, positionOf(text, at, options.source));
  };
  const latex = /\\|∈/.test(text);
  const functions = functionNames(options);
  const out: ShapeDeclaration[] = [];
  // A copy: a sticky expression keeps its position, which must not be shared between calls.
  const re = new RegExp(latex ? LATEX_ONE : ASCII_ONE);
  let at = 0;
  while (at < text.length && text.slice(at).trim()) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) fail(at + (text.length - at - text.slice(at).trimStart().length), latex ? 'a shape is declared as W \\in \\mathbb{R}^{m \\times n}' : 'a shape is declared as a name and [rows, columns]: W1 [n1, n0]');
    const written = m![1]!;
    const nameAt = m!.indices![1]![0];
    const name = latex ? latexName(written) : written;
    if (name === undefined || !NAME.test(name)) fail(nameAt, `'${written}' is not a name to declare a shape for`);
    if (functions.has(name!) || MATRIX_CALLS.has(name!) || name === 'e' || name === 'pi') fail(nameAt, `cannot declare a shape for '${written}', which is a function or a constant`);
    // Each dimension with where it is written; `\mathbb{R}^{n}` is a column [n, 1].
    const group = (k: number): [string, number] => [m![k]!, m!.indices![k]![0]];
    const dims: Array<[string, number]> = latex ? [m![2] !== undefined ? group(2) : group(4), m![3] !== undefined ? group(3) : ['1', 0]] : [group(2), group(3)];
    const [rows, cols] = dims.map(([d, where]) => dimension(latex ? (latexName(d) ?? d) : d, where, fail));
    if (out.some((d) => d.name === name)) fail(nameAt, `${name} has two shapes`);
    out.push({ name: name!, shape: shape(rows!, cols!) as NonNullable<Shape> });
    at = re.lastIndex;
    if (m![m!.length - 1] === '') break;
  }
  if (!out.length) fail(0, 'a shape is declared as a name and [rows, columns]: W1 [n1, n0]');
  return out;
}

/** A dimension as written: a name or a positive integer. */
function dimension(d: string, at: number, fail: (at: number, m: string) => never): Expr | string | number {
  if (!DIM.test(d)) fail(at, `a dimension is a name or a positive integer, not '${d}'`);
  if (/^\d+$/.test(d)) {
    const n = Number(d);
    if (!(n > 0) || !Number.isSafeInteger(n)) fail(at, `a dimension is a name or a positive integer, not '${d}'`);
    return n;
  }
  return d;
}

/** `W_1`, `W_{1}`, `n_0` as the ASCII name (W1, n0); undefined if it is no name. */
function latexName(text: string): string | undefined {
  try {
    return parseLatexVariable(text.trim());
  } catch {
    return undefined;
  }
}

/** Every declaration of several texts (repeated `--shape`, several `shape` lines), as one map. */
export function shapeMap(declarations: Iterable<ShapeDeclaration>): Map<string, NonNullable<Shape>> {
  const out = new Map<string, NonNullable<Shape>>();
  for (const d of declarations) out.set(d.name, d.shape);
  return out;
}

/**
 * The shapes of defined names, in definition order (a definition may use an earlier one):
 * the matrix-shaped ones; a scalar name is absent. A mismatch is a ShapeError.
 */
export function definitionShapes(definitions: ReadonlyArray<{ readonly name: string; readonly expr: Expr }>): Map<string, Shape> {
  const out = new Map<string, Shape>();
  for (const d of definitions) {
    const s = shapeOf(d.expr, (n) => out.get(n) ?? undefined);
    if (s !== null) out.set(d.name, s);
  }
  return out;
}

export { ShapeError, showShape };

/** The shapes several texts declare (`--shape` repeated), as one map; undefined when none. Errors name `source`. */
export function shapesOfTexts(texts: readonly string[], options: Pick<ParseOptions, 'source' | 'functions'> = {}): Map<string, NonNullable<Shape>> | undefined {
  const out = new Map<string, NonNullable<Shape>>();
  for (const t of texts) {
    for (const d of parseShapes(t, options)) {
      if (out.has(d.name)) throw new GradproofError('syntax', `${d.name} has two shapes`, positionOf(t, Math.max(0, t.indexOf(d.name)), options.source));
      out.set(d.name, d.shape);
    }
  }
  return out.size ? out : undefined;
}

/**
 * Notes the shape of a definition just read into `defined` (which the next lines' parse
 * options hold), so a later definition that uses the name knows its shape. A name both
 * declared and defined is an error; so is a mismatch (a ShapeError, as a 'shape' error).
 */
export function noteDefinitionShape(
  d: { readonly name: string; readonly expr: Expr },
  declared: ReadonlyMap<string, NonNullable<Shape>>,
  defined: Map<string, Shape>,
  source?: string,
): void {
  if (declared.has(d.name)) throw new GradproofError('syntax', `${d.name} has a declared shape and a definition: a defined name takes its definition's shape`, positionOf(d.name, 0, source));
  const s = shapeOrError(d.expr, defined, source);
  if (s !== null) defined.set(d.name, s);
}

/** A loss is a scalar: a shaped one is an error naming its shape. */
export function checkScalarLoss(loss: Expr, defined: ReadonlyMap<string, Shape>, source?: string): void {
  const s = shapeOrError(loss, defined, source);
  if (s !== null) throw new GradproofError('shape', `a loss is a scalar, not ${showShape(s)}: sum its entries with sum(...)`, positionOf('', 0, source));
}

function shapeOrError(e: Expr, defined: ReadonlyMap<string, Shape>, source?: string): Shape {
  try {
    return shapeOf(e, (n) => defined.get(n) ?? undefined);
  } catch (err) {
    if (err instanceof ShapeError) throw new GradproofError('shape', err.message, positionOf('', 0, source));
    throw err;
  }
}
