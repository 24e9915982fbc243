/**
 * Problem files (`examples/*.grad`): one statement a line, comments after `#`.
 *
 *   title  Formula 8-13: binary cross-entropy through a sigmoid
 *   let    a2 = sigmoid(z2)
 *   loss   L = -(y*log(a2) + (1 - y)*log(1 - a2))
 *   wrt    z2
 *   expect a2 - y
 *   assume 0 < y < 1
 *
 * `let` may repeat, in any order; `loss` may be a bare expression (then named `L`);
 * `expect` and `assume` may repeat.
 *
 * `shape W1 [n1, n0]` declares a matrix (several per line, separated by commas); with
 * shapes, every occurrence of W1 is the leaf mat(W1, n1, n0), operators between matrices are
 * matrix operators (parse/matrix-ops.ts), and each `let` takes the shape of its definition,
 * so a `let` must come before the lines that use its name.
 */
import type { Expr } from '../expr/node.js';
import { GradproofError, type SourcePos, positionOf, positionsIn } from '../expr/errors.js';
import { CycleError, Definitions } from '../expr/context.js';
import type { ParseOptions, Relation } from './ascii.js';
import { fileSyntax, parseAny, parseAnyDefinition, parseAnyRelation } from './auto.js';
import { fileOptions } from './parser-base.js';
import { latexFamilies, parseLatexVariable } from './latex.js';
import { pieceParser } from './file-lines.js';
import { declaredNames, definedName } from './declared.js';
import { type Shape, ShapeError, shapeOf, showShape } from '../expr/matrix.js';
import { parseShapes } from './shapes.js';

export interface ProblemSpec {
  readonly title?: string;
  /** Named intermediates; a family `a[k] = ...` has its index. */
  readonly definitions: ReadonlyArray<{ readonly name: string; readonly expr: Expr; readonly index?: string }>;
  readonly loss: Expr;
  /** The loss's own name, when the file gives one (`loss L = ...`). */
  readonly lossName?: string;
  /** The variable: a name, or a member of a family such as `z[i]`. */
  readonly wrt: string;
  readonly expects: readonly Expr[];
  readonly assumptions: readonly Relation[];
  /** Where each definition (and the loss, by its name) is in the file, for errors found later. */
  readonly positions?: ReadonlyMap<string, SourcePos>;
  /**
   * Expectations that are not well-shaped (`(a - y)*x` with a [K, 1], x [M, 1]): each read
   * as written with no shape check, and why it is not well-shaped. A wrong expectation is
   * refuted, not bad input: the reason is its shape error.
   */
  readonly illShaped?: ReadonlyMap<Expr, string>;
  /**
   * The declared shapes (`shape W1 [n1, n0]`), when there are any: each occurrence of such a
   * name in the expressions above is the leaf mat(W1, n1, n0). Defined names stay names; their
   * shapes are `definitionShapes(definitions)` (parse/shapes.ts).
   */
  readonly shapes?: ReadonlyMap<string, NonNullable<Shape>>;
}

const KEYWORDS = ['title', 'let', 'loss', 'wrt', 'expect', 'assume', 'index', 'shape'] as const;

/** The `shape` lines' declarations, read before anything else; an error points into its line. */
function declaredShapes(text: string, lines: readonly string[], source: string, functions?: ReadonlySet<string>): Map<string, NonNullable<Shape>> | undefined {
  if (!text.includes('shape')) return undefined;
  const out = new Map<string, NonNullable<Shape>>();
  let offset = 0;
  for (const line of lines) {
    const m = /^(\s*shape\s+)([^#\r]*)/.exec(line);
    if (m && m[2]!.trim()) {
      const at = offset + m[1]!.length;
      try {
        for (const d of parseShapes(m[2]!.trimEnd(), { source, ...(functions ? { functions } : {}) })) {
          if (out.has(d.name)) throw new GradproofError('syntax', `${d.name} has two shapes`, positionOf(m[2]!, m[2]!.indexOf(d.name), source));
          out.set(d.name, d.shape);
        }
      } catch (err) {
        if (err instanceof GradproofError && err.pos) throw new GradproofError(err.code, err.message, positionOf(text, at + err.pos.offset, source));
        throw err;
      }
    }
    offset += line.length + 1;
  }
  return out.size ? out : undefined;
}

/** A name of `e` that a `let` not read yet defines (one of `pending`). */
function pendingName(e: Expr, pending: ReadonlySet<string>): string | undefined {
  const stack = [e];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'sym' && pending.has(n.name)) return n.name;
    stack.push(...n.args);
  }
  return undefined;
}

/**
 * The names an `index` line declares (`index i, k`): in LaTeX, `z_i` with i declared is the
 * member z[i] of the family z, not a name `zi`. Read before anything else in the file.
 */
function declaredIndices(text: string, lines: readonly string[]): Set<string> {
  const out = new Set<string>();
  // Most files declare none: one search of the text spares a regular expression per line.
  if (!text.includes('index')) return out;
  for (const line of lines) {
    const m = /^\s*index\s+([^#]*)/.exec(line);
    if (m) for (const n of m[1]!.split(/[\s,]+/)) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) out.add(n);
  }
  return out;
}

/**
 * The names the file declares, read before anything else: its `let` names, its loss's name
 * and its `wrt`. For them `a2(1 - a2)` is a product; any other name followed by `(` is a call.
 */
function declaredInFile(lines: readonly string[]): ReadonlySet<string> {
  const definitions: string[] = [];
  const variables: string[] = [];
  for (const line of lines) {
    const m = /^\s*(let|loss|wrt)\s+([^#]*)/.exec(line);
    if (!m) continue;
    if (m[1] === 'wrt') variables.push(m[2]!.trim());
    // A loss declares a name only when written `L = ...`: `loss f(x + y)` declares nothing.
    else if (m[1] === 'let' || /^[A-Za-z_][A-Za-z0-9_]*\s*(\([^)]*\))?\s*=(?!=)/.test(m[2]!)) definitions.push(m[2]!);
  }
  return declaredNames(definitions, variables);
}

/**
 * The families a LaTeX file uses (`z_k` in one line makes `z_1` the member z[1] in every
 * line): read from the lines of mathematics, before any is parsed.
 */
function fileFamilies(lines: readonly string[], indices: ReadonlySet<string>): Set<string> | undefined {
  const math = lines.map((l) => (l.includes('#') ? l.slice(0, l.indexOf('#')) : l)).filter((l) => /^\s*(let|loss|expect|assume)\s/.test(l));
  const out = latexFamilies(math.map((l) => l.replace(/^\s*\S+/, '')), indices);
  return out.size ? out : undefined;
}

/** Parses a problem file; errors carry file, line and column. */
export function parseProblem(text: string, source: string, options: Omit<ParseOptions, 'source'> = {}): ProblemSpec {
  const syntax = fileSyntax(text);
  const lines = text.split('\n');
  const indices = declaredIndices(text, lines);
  let offset = 0;
  let title: string | undefined;
  const definitions: Array<{ name: string; expr: Expr; index?: string }> = [];
  // Where each name was defined, for errors found after reading.
  const definedAt = new Map<string, number>();
  let loss: { expr: Expr; name?: string } | undefined;
  let lossAt = 0;
  let wrt: string | undefined;
  const expects: Expr[] = [];
  const illShaped = new Map<Expr, string>();
  const assumptions: Relation[] = [];
  const fail = (at: number, message: string): never => {
    throw new GradproofError('syntax', message, positionOf(text, at, source));
  };
  const families = syntax === 'latex' ? fileFamilies(lines, indices) : undefined;
  const shapes = declaredShapes(text, lines, source, options.functions);
  // The shapes of the defined names, filled in as their lets are read.
  const definedShapes = new Map<string, Shape>();
  const baseOptions = shapes ? { ...options, shapes, definedShapes } : options;
  const lineOptions = fileOptions(families ? { ...baseOptions, families } : baseOptions, source, indices.size ? indices : undefined, declaredInFile(lines));
  const sub = pieceParser(text, source, lineOptions, syntax);
  // With shapes, the lets not read yet: a line that uses one is an error (its shape is not known yet).
  const pending = new Set<string>();
  if (shapes) for (const l of lines) {
    const m = /^\s*let\s+([^#]*)/.exec(l);
    const n = m ? definedName(m[1]!) : undefined;
    if (n) for (const x of declaredNames([`${n} =`])) pending.add(x);
  }
  const usedBeforeDefined = (e: Expr, at: number): void => {
    const n = pendingName(e, pending);
    if (n) fail(at, `${n} is used before its definition: with shapes, define each name before the lines that use it (its shape is its definition's)`);
  };
  const shapeAt = (e: Expr, at: number): Shape => {
    try {
      return shapeOf(e, (n) => definedShapes.get(n) ?? undefined);
    } catch (err) {
      if (err instanceof ShapeError) throw new GradproofError('shape', err.message, positionOf(text, at, source));
      throw err;
    }
  };

  for (const raw of lines) {
    const lineStart = offset;
    offset += raw.length + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const hash = line.indexOf('#');
    const content = hash >= 0 ? line.slice(0, hash) : line;
    // Leading space, the keyword, the space after it; none on a blank (or comment) line.
    const m = /^(\s*)(\S+)\s*/.exec(content);
    if (!m) continue;
    const lead = m[1]!.length;
    const keyword = m[2]!;
    const restAt = lineStart + m[0].length;
    const rest = content.slice(m[0].length).trimEnd();
    if (!(KEYWORDS as readonly string[]).includes(keyword)) {
      fail(lineStart + lead, `expected one of ${KEYWORDS.join(', ')} but found '${keyword}'`);
    }
    if (!rest && keyword !== 'title') fail(restAt, `'${keyword}' needs something after it`);
    switch (keyword) {
      case 'title':
        title = rest;
        break;
      case 'shape':
        // Read before the other lines (declaredShapes).
        break;
      case 'index':
        // Read before the other lines (declaredIndices); a name must be a plain name.
        for (const n of rest.split(/[\s,]+/)) if (n && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) fail(restAt + rest.indexOf(n), `'index' takes names of indices, not '${n}'`);
        break;
      case 'let': {
        const d = sub(parseAnyDefinition, rest, restAt);
        if (definedAt.has(d.name)) fail(restAt, `${d.name} is defined twice`);
        definedAt.set(d.name, restAt);
        definitions.push(d);
        if (shapes) {
          if (shapes.has(d.name)) fail(restAt, `${d.name} has a declared shape and a definition: a defined name takes its definition's shape`);
          usedBeforeDefined(d.expr, restAt);
          for (const x of declaredNames([`${d.name} =`])) pending.delete(x);
          const s = shapeAt(d.expr, restAt);
          if (s !== null) definedShapes.set(d.name, s);
        }
        break;
      }
      case 'loss': {
        if (loss) fail(lineStart + lead, 'a problem has one loss');
        lossAt = restAt;
        const named = /^[A-Za-z_][A-Za-z0-9_]*\s*(\([^)]*\))?\s*=(?!=)/.test(rest);
        loss = named ? (({ name, expr }) => ({ name, expr }))(sub(parseAnyDefinition, rest, restAt)) : { expr: sub(parseAny, rest, restAt) };
        if (loss.name) {
          if (definedAt.has(loss.name)) fail(restAt, `${loss.name} is defined twice`);
          definedAt.set(loss.name, restAt);
        }
        if (shapes) {
          usedBeforeDefined(loss.expr, restAt);
          const s = shapeAt(loss.expr, restAt);
          if (s !== null) throw new GradproofError('shape', `a loss is a scalar, not ${showShape(s)}: sum its entries with sum(...)`, positionOf(text, restAt, source));
        }
        break;
      }
      case 'wrt':
        // In a LaTeX file `z_2` and `z_{2}` name the variable z2, `z_i` the member z[i], `a^{(2)}` the name a__2.
        const name = syntax === 'latex' ? (sub((t, o) => parseLatexVariable(t, o), rest, restAt) ?? rest) : rest.replace(/\s+/g, '');
        if (!/^[A-Za-z_][A-Za-z0-9_]*(\[([A-Za-z_][A-Za-z0-9_]*|\d+)\])?$/.test(name)) fail(restAt, `'wrt' takes one variable name (or a member such as z[i]), not '${rest}'`);
        wrt = name;
        break;
      case 'expect':
        expects.push(illShapedOr(() => sub(parseAny, rest, restAt), rest, illShaped, lineOptions));
        if (shapes) usedBeforeDefined(expects[expects.length - 1]!, restAt);
        break;
      case 'assume':
        assumptions.push(sub(parseAnyRelation, rest, restAt));
        if (shapes) for (const e of assumptions[assumptions.length - 1]!.operands) usedBeforeDefined(e, restAt);
        break;
    }
  }
  if (!loss) fail(text.length, "the problem has no 'loss' line");
  if (!wrt) fail(text.length, "the problem has no 'wrt' line");
  const all = [...definitions, ...(loss!.name ? [{ name: loss!.name, expr: loss!.expr }] : [])];
  try {
    Definitions.of(all);
  } catch (err) {
    if (err instanceof CycleError) {
      throw new GradproofError('cycle', err.message, positionOf(text, definedAt.get(err.cycle[0]!) ?? 0, source));
    }
    throw err;
  }
  // A wrt the loss does not use is no error: the derivative is 0 (the constant rule).
  const positionAt = positionsIn(text, source);
  const positions = new Map<string, SourcePos>();
  for (const [n, at] of definedAt) positions.set(n, positionAt(at));
  positions.set(loss!.name ?? 'L', positionAt(lossAt));
  // The optional keys set afterwards rather than spread in: a spread makes a slow object
  // that everything after reads (about a tenth of the seed's time).
  const spec: { -readonly [K in keyof ProblemSpec]: ProblemSpec[K] } = { definitions, loss: loss!.expr, wrt: wrt!, expects, assumptions, positions };
  if (title !== undefined) spec.title = title;
  if (shapes) spec.shapes = shapes;
  if (illShaped.size) spec.illShaped = illShaped;
  if (loss!.name) spec.lossName = loss!.name;
  return spec;
}

/**
 * An expectation as read, or, when it is not well-shaped, the same text read as written with no
 * shape check, its shape error kept in `illShaped` (the expectation is then refuted with that reason).
 */
export function illShapedOr(read: () => Expr, text: string, illShaped: Map<Expr, string>, options: ParseOptions): Expr {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof GradproofError && err.code === 'shape')) throw err;
    const e = parseAny(text, { ...options, lenientShapes: true });
    illShaped.set(e, `${text.trim()}: ${err.message.replace(/^.*?error: /, '')}`);
    return e;
  }
}
