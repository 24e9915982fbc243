/**
 * What the ASCII and LaTeX parsers share: the options, the input and nesting limits, the
 * cursor over tokens, and errors placed at a token.
 */
import { type Expr, neg } from '../expr/node.js';
import { type ErrorCode, GradproofError, positionOf } from '../expr/errors.js';
import { FUNCTION_NAMES } from '../expr/registry/index.js';
import { type Occurrence, noteWritten } from '../expr/written.js';
import { type Shape, ShapeError } from '../expr/matrix.js';
import { ShapedReader } from './matrix-ops.js';

/** Functions known without any rule file (the registry's, and `diff`); rule files add their own. */
export const BUILTIN_FUNCTIONS: ReadonlySet<string> = new Set(['diff', ...FUNCTION_NAMES]);

/**
 * The function names a parse knows: a rule set's (`options.functions`) when given, else the
 * built-in ones. Every parser asks here, the one place this is decided.
 */
export function functionNames(options: ParseOptions): ReadonlySet<string> {
  return options.functions ?? BUILTIN_FUNCTIONS;
}

export interface ParseOptions {
  /** A file name or a label such as `--expect`, shown in errors. */
  source?: string;
  /**
   * The function names a call may name (a rule set's functions). In ASCII a name followed by
   * `(` is a call, and a call to any other name is an error. Without this option the built-in
   * names are known, and a call to another name is kept as a call (for the rule set that reads
   * the expression to judge) unless it is variable-like (`f`, `a2`): that is an error.
   */
  functions?: ReadonlySet<string>;
  /**
   * Names the problem declares as its variables or intermediates (`let a2 = ...`, `wrt z2`):
   * in ASCII, such a name followed by `(` is a product, as textbooks write `a2(1 - a2)`.
   */
  variables?: ReadonlySet<string>;
  /** Whether `**` is read as `^` (derivation files, where Python's notation is common); else it is an error with a hint. */
  starPower?: boolean;
  /** Deepest nesting accepted; deeper input is an error, never a stack overflow. */
  maxDepth?: number;
  /** Longest input accepted, in characters. */
  maxLength?: number;
  /** Names declared as indices: in LaTeX, `z_i` with i among them is the member z[i]. */
  indices?: ReadonlySet<string>;
  /** Families the whole input uses (other lines too): in LaTeX, `z_1` with z among them is the member z[1]. */
  families?: ReadonlySet<string>;
  /**
   * Names declared with a shape (`shape W1 [n1, n0]`): each occurrence is the leaf
   * `mat(W1, n1, n0)`, and operators between shaped operands are read as matrix operators
   * (src/parse/matrix-ops.ts). Absent or empty, every input reads exactly as without shapes.
   */
  shapes?: ReadonlyMap<string, Shape>;
  /** The shapes of defined names (`let z1 = W1*x + b1`), which stay names: a scalar one is absent. */
  definedShapes?: ReadonlyMap<string, Shape>;
  /** Build what was written where shapes do not fit, with no ShapeError (an ill-shaped expectation, shown as written while it is refuted). */
  lenientShapes?: boolean;
}

/** Every option, each possibly undefined: what copying the options must name. */
type EveryOption = { [K in keyof Required<ParseOptions>]: ParseOptions[K] };

/**
 * `options` for the expressions of a file: with its source and, when given, the indices and
 * the variables (added to the options' own) the file declares. Copied key by key rather than by spread, which costs more than parsing a
 * short line; an option added to ParseOptions is a compile error here until it is copied.
 */
export function fileOptions(
  options: Omit<ParseOptions, 'source'>,
  source: string,
  indices?: ReadonlySet<string>,
  variables?: ReadonlySet<string>,
): ParseOptions {
  const every: EveryOption = {
    source,
    functions: options.functions,
    variables: variables?.size ? new Set([...(options.variables ?? []), ...variables]) : options.variables,
    starPower: options.starPower,
    maxDepth: options.maxDepth,
    maxLength: options.maxLength,
    indices: indices ?? options.indices,
    families: options.families,
    shapes: options.shapes,
    definedShapes: options.definedShapes,
    lenientShapes: options.lenientShapes,
  };
  return every;
}

/**
 * The engine (printing, matching, evaluation, the kernel's algebra) recurses once per level
 * of the tree, a few stack frames each, and overflows Node's default stack somewhere past 700
 * levels; the parsers take about ten frames per level of nesting. 250 is far below both.
 */
export const DEFAULT_MAX_DEPTH = 250;
export const DEFAULT_MAX_LENGTH = 1_000_000;

/** A relation between two expressions, as written. */
export type RelOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

const REL_OPS: ReadonlySet<string> = new Set(['=', '==', '!=', '<', '<=', '>', '>=']);

/** What both input languages' tokens have: a kind (`op` for operators, `end` last), text and offset. */
interface BaseToken {
  readonly kind: string;
  readonly text: string;
  readonly offset: number;
}

/**
 * A parser over tokens of type `T`: its position, depth and errors, and what the ASCII and
 * LaTeX grammars share (operators, unary signs, relations).
 */
export abstract class TokenParser<T extends BaseToken> {
  protected readonly tokens: T[];
  protected i = 0;
  protected depth = 0;
  protected readonly functions: ReadonlySet<string>;
  protected readonly maxDepth: number;
  /** Where each factor read was written: see noteWritten. */
  private readonly written = new Map<Expr, Occurrence[]>();
  /** Whether the text writes a number as a decimal (`0.5`, `1e-3`): see writtenInDecimals. */
  private readonly decimals: boolean;
  /** With declared shapes: the reader of matrix operators; else undefined, and nothing reads differently. */
  protected readonly shaped: ShapedReader | undefined;

  constructor(
    protected readonly text: string,
    protected readonly options: ParseOptions,
    tokenize: (text: string, source?: string) => T[],
  ) {
    const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
    if (text.length > maxLength) {
      throw new GradproofError(
        'limit',
        `input is ${text.length} characters long; the limit is ${maxLength}`,
        positionOf(text, maxLength, options.source),
      );
    }
    this.tokens = tokenize(text, options.source);
    this.decimals = this.tokens.some((t) => t.kind === 'num' && /[.eE]/.test(t.text));
    this.functions = functionNames(options);
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.shaped = options.shapes?.size ? new ShapedReader(options.shapes, options.definedShapes, options.lenientShapes === true) : undefined;
    if (this.tokens.length === 1) this.fail('empty expression', 0);
  }

  protected get tok(): T {
    return this.tokens[this.i]!;
  }

  /** A token as an error message names it. */
  protected abstract describe(t: T): string;

  /** A power, or what binds as tightly: the grammar's own. */
  protected abstract power(): Expr;

  protected isOp(text: string, t: T = this.tok): boolean {
    return t.kind === 'op' && t.text === text;
  }

  protected take(text: string): void {
    if (!this.isOp(text)) this.fail(`expected '${text}' but found ${this.describe(this.tok)}`);
    this.i++;
  }

  peekRelOp(): boolean {
    return this.tok.kind === 'op' && REL_OPS.has(this.tok.text);
  }

  takeRelOp(): RelOp {
    const t = this.tok.text;
    this.i++;
    return (t === '==' ? '=' : t) as RelOp;
  }

  /** The arguments of a call to `name` (its token `at`): `(`, then `argument`s separated by commas, then `)`. */
  protected argumentList(name: string, at: T, argument: () => Expr): Expr[] {
    this.take('(');
    const args: Expr[] = [];
    if (!this.isOp(')')) {
      args.push(argument());
      while (this.isOp(',')) {
        this.i++;
        args.push(argument());
      }
    }
    if (!this.isOp(')')) {
      if (this.tok.kind === 'end') this.fail(`missing ')' to close the call to ${name}`, at.offset);
      this.fail(`expected ',' or ')' in the call to ${name} but found ${this.describe(this.tok)}`);
    }
    this.i++;
    return args;
  }

  protected unary(): Expr {
    if (this.isOp('-')) {
      const at = this.tok.offset;
      this.i++;
      this.enter(at);
      const e = this.note(neg(this.unary()), at);
      this.depth--;
      return e;
    }
    if (this.isOp('+')) {
      // A run of unary pluses is read in a loop: `++++…x` must not recurse once per sign.
      while (this.isOp('+')) this.i++;
      return this.unary();
    }
    const at = this.tok.offset;
    return this.note(this.power(), at);
  }

  /** `e`, noted as written at `at`, so the input can be echoed in the user's order. */
  private note(e: Expr, at: number): Expr {
    const seen = this.written.get(e);
    const o = { at, end: this.tok.offset, depth: this.depth };
    if (seen) seen.push(o);
    else this.written.set(e, [o]);
    return e;
  }

  protected fail(message: string, offset = this.tok.offset, code: ErrorCode = 'syntax'): never {
    throw new GradproofError(code, message, positionOf(this.text, offset, this.options.source));
  }

  /** Runs `f`; an error without a position (a number past its limit) gets the current token's. */
  located<R>(f: () => R, offset?: number): R {
    try {
      return f();
    } catch (err) {
      if (err instanceof GradproofError && !err.pos) this.fail(err.message, offset ?? this.tok.offset, err.code);
      throw err;
    }
  }

  /** Runs `f`, which builds a shaped term; a shape mismatch is an error at `offset` (the operator). */
  protected shapedAt<R>(offset: number, f: () => R): R {
    try {
      return f();
    } catch (err) {
      if (err instanceof ShapeError) this.fail(err.message, offset, 'shape');
      throw err;
    }
  }

  /** One level deeper in the text; the caller steps back out with `depth--`. */
  protected enter(offset: number): void {
    if (++this.depth > this.maxDepth) this.fail(`expression nested deeper than ${this.maxDepth} levels`, offset, 'limit');
  }

  /**
   * `e`, if its tree is no higher than the limit. The tree can be deeper than the nesting in
   * the text (`a/(b + a/(b + …))`): the engine recurses along the tree, so its height is held
   * to the same limit.
   */
  protected heldToDepth(e: Expr): Expr {
    if (e.depth > this.maxDepth) this.fail(`expression nested deeper than ${this.maxDepth} levels`, this.tok.offset, 'limit');
    // Every expression read (the whole input among them) keeps where its pieces were written.
    noteWritten(e, this.written, this.decimals);
    return e;
  }
}
