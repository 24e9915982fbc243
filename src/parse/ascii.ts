/**
 * ASCII input in mathjs expression syntax: `-(y*log(a2) + (1-y)*log(1-a2))`, `^`, unary
 * minus, implicit multiplication (`2x`, `a2(1 - a2)`, `y log(a2)`), `[ ]` as grouping,
 * `σ` for sigmoid, `ln` for log, `e^u` for exp(u), and `diff(f, x)` for an unevaluated
 * derivative. Precedence, loosest first: `+ -`, `* /` and juxtaposition, unary minus, `^`
 * (right-associative), so `-x^2` is `-(x^2)`.
 */
import { type Expr, add, call, mul, neg, num, pow, sym } from '../expr/node.js';
import { ratFromDecimal } from '../expr/rational.js';
import { DELTA, LIST, SUM, indexed, isIndexed } from '../expr/indexed.js';
import { type Token, tokenize } from './lexer.js';
import { type ParseOptions, type RelOp, TokenParser } from './parser-base.js';

export { BUILTIN_FUNCTIONS, DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH, type ParseOptions } from './parser-base.js';
import { nearestName } from './suggest.js';

/** Names of index notation, read by the parser itself: `sum(k, 1, K, f)` binds k; `delta(k, i)`. */
const INDEX_NOTATION: ReadonlySet<string> = new Set([SUM, DELTA]);

/** Comparisons inside a call's arguments, and the functions they stand for. */
const COMPARISONS: Readonly<Record<string, string>> = { '>': 'gt', '<': 'lt', '>=': 'ge', '<=': 'le' };

/** Names read as another: textbook spellings of the same function or constant. */
// A Map, not an object: a name such as `constructor` must not find Object's properties.
const ALIASES: ReadonlyMap<string, string> = new Map([['σ', 'sigmoid'], ['ln', 'log'], ['π', 'pi']]);

/** A relation between expressions: `a = b`, `0 < a2 < 1`, `a != 0`. */
export interface Relation {
  readonly operands: readonly Expr[];
  /** One operator between each pair of neighbouring operands. */
  readonly ops: readonly RelOp[];
}
export type { RelOp } from './parser-base.js';

/** Parses one expression. */
export function parse(text: string, options: ParseOptions = {}): Expr {
  const p = new Parser(text, options);
  return p.located(() => {
    const e = p.expression();
    p.expectEnd();
    return e;
  });
}

/** Parses `lhs OP rhs [OP rhs]...` where OP is `=`, `!=`, `<`, `<=`, `>`, `>=`. */
export function parseRelation(text: string, options: ParseOptions = {}): Relation {
  return relationOf(new Parser(text, options));
}

/** What reading a relation needs of a parser, ASCII or LaTeX. */
export interface RelationReader {
  located<T>(f: () => T): T;
  expression(): Expr;
  peekRelOp(): boolean;
  takeRelOp(): RelOp;
  expectEnd(): void;
}

/** `lhs OP rhs [OP rhs]...` read by `p`, to its end. */
export function relationOf(p: RelationReader): Relation {
  return p.located(() => {
    const operands = [p.expression()];
    const ops: RelOp[] = [];
    while (p.peekRelOp()) {
      ops.push(p.takeRelOp());
      operands.push(p.expression());
    }
    p.expectEnd();
    return { operands, ops };
  });
}

/**
 * Parses `name = expr`, the form of a named intermediate, or `a[k] = expr`, a family of
 * them indexed by k (`a[k] = exp(z[k])/sum(j, 1, K, exp(z[j]))`).
 */
export function parseDefinition(text: string, options: ParseOptions = {}): { name: string; expr: Expr; index?: string } {
  const p = new Parser(text, options);
  return p.located(() => {
    const { name, index } = p.definedName();
    const expr = p.expression();
    p.expectEnd();
    // Two literals, not a spread: a spread with a key after it is slow in V8.
    return index === undefined ? { name, expr } : { name, expr, index };
  });
}

class Parser extends TokenParser<Token> {

  constructor(text: string, options: ParseOptions) {
    super(text, options, tokenize);
  }

  protected describe(t: Token): string {
    return t.kind === 'end' ? 'end of input' : `'${t.text}'`;
  }

  expectEnd(): void {
    if (this.tok.kind !== 'end') {
      const what = this.tok.kind === 'op' && ')]'.includes(this.tok.text) ? `unmatched '${this.tok.text}'` : `unexpected ${this.describe(this.tok)}`;
      this.fail(what);
    }
  }

  definedName(): { name: string; index?: string } {
    const t = this.tok;
    if (t.kind !== 'name') this.fail(`expected a name to define but found ${this.describe(t)}`);
    const name = ALIASES.get(t.text) ?? t.text;
    if (this.functions.has(name) || INDEX_NOTATION.has(name) || name === 'e' || name === 'pi') this.fail(`cannot redefine '${t.text}'`);
    this.i++;
    // `a[k] = ...` defines the family a, one member a[i] for each i.
    let index: string | undefined;
    if (this.isOp('[') && !this.tok.spaced) {
      this.i++;
      const k = this.tok;
      if (k.kind !== 'name' || this.functions.has(k.text) || INDEX_NOTATION.has(k.text)) this.fail(`expected an index name in ${name}[...] but found ${this.describe(k)}`);
      index = k.text;
      this.i++;
      this.take(']');
    }
    // `L(y, a2) = ...` names the arguments the way textbooks do; they are informative only.
    if (this.isOp('(')) {
      this.i++;
      while (!this.isOp(')')) {
        if (this.tok.kind === 'end') this.fail(`expected ')' but found end of input`);
        this.i++;
      }
      this.i++;
    }
    if (!this.isOp('=')) this.fail(`expected '=' after '${t.text}' but found ${this.describe(this.tok)}`);
    this.i++;
    return index === undefined ? { name } : { name, index };
  }


  expression(): Expr {
    // Terms are collected and added once: adding them one by one re-sorts the sum each
    // time, which is quadratic in a long sum.
    const terms = [this.product()];
    for (;;) {
      if (this.isOp('+')) {
        this.i++;
        terms.push(this.product());
      } else if (this.isOp('-')) {
        this.i++;
        terms.push(neg(this.product()));
      } else break;
    }
    return this.heldToDepth(terms.length === 1 ? terms[0]! : add(...terms));
  }

  /** Whether the current token can start a factor written right after another (juxtaposition). */
  private startsImplicitFactor(): boolean {
    const t = this.tok;
    return t.kind === 'name' || t.kind === 'num' || (t.kind === 'op' && (t.text === '(' || t.text === '['));
  }

  private product(): Expr {
    // Factors are collected and multiplied once, as terms are in expression().
    const factors = [this.unary()];
    for (;;) {
      if (this.isOp('*')) {
        this.i++;
        factors.push(this.unary());
      } else if (this.isOp('/')) {
        this.i++;
        factors.push(pow(this.unary(), num(-1)));
      } else if (this.startsImplicitFactor()) {
        if (this.tok.kind === 'num') this.fail(`missing operator before number ${this.tok.text}`);
        // Through unary (no sign starts here), so the factor is noted where it was written.
        factors.push(this.unary());
      } else break;
    }
    return factors.length === 1 ? factors[0]! : mul(...factors);
  }

  protected power(): Expr {
    const first = this.tok;
    const base = this.primary();
    if (!this.isOp('^')) return base;
    const at = this.tok.offset;
    this.i++;
    this.enter(at);
    const exponent = this.unary(); // right-associative, and `2^-x` is allowed
    this.depth--;
    // `e^u` is exp(u), as textbooks write it (but `exp(1)^3` stays a power).
    if (first.kind === 'name' && first.text === 'e' && base === call('exp', num(1))) return call('exp', exponent);
    return this.located(() => pow(base, exponent), at);
  }

  private primary(): Expr {
    const t = this.tok;
    if (t.kind === 'num') {
      const value = this.located(() => ratFromDecimal(t.text));
      this.i++;
      return num(value);
    }
    if (t.kind === 'name') return this.nameOrCall();
    if (this.isOp('(') || this.isOp('[')) {
      const close = t.text === '(' ? ')' : ']';
      this.i++;
      this.enter(t.offset);
      const e = this.expression();
      this.depth--;
      if (!this.isOp(close)) {
        if (this.tok.kind === 'end') this.fail(`missing '${close}' to match the '${t.text}' at column ${t.offset + 1}`, t.offset);
        this.fail(`expected '${close}' but found ${this.describe(this.tok)}`);
      }
      this.i++;
      return e;
    }
    if (t.kind === 'end') this.fail('unexpected end of input');
    this.fail(`unexpected ${this.describe(t)}`);
  }

  private nameOrCall(): Expr {
    const t = this.tok;
    const name = ALIASES.get(t.text) ?? t.text;
    this.i++;
    const next = this.tok;
    const callsHere = next.kind === 'op' && next.text === '(' && !next.spaced;
    // Index notation: `sum(k, 1, K, f)`, `delta(k, i)`, and `z[i]` (a bracket right after a name).
    if (INDEX_NOTATION.has(name) && next.kind === 'op' && next.text === '(') return this.indexCall(name, t);
    if (INDEX_NOTATION.has(name)) return sym(name);
    if (next.kind === 'op' && next.text === '[' && !next.spaced && !this.functions.has(name) && name !== 'e') {
      this.i++;
      this.enter(next.offset);
      const index = this.expression();
      this.depth--;
      if (!this.isOp(']')) this.fail(`expected ']' to close ${name}[... but found ${this.describe(this.tok)}`);
      this.i++;
      return indexed(name, index);
    }
    if (this.functions.has(name) && (callsHere || (next.kind === 'op' && next.text === '('))) {
      return this.callArgs(name, t);
    }
    if (this.functions.has(name)) this.fail(`function '${name}' needs its arguments in parentheses`, next.offset);
    if (callsHere && /^[A-Za-z_]{3,}$/.test(name)) {
      if (!this.options.functions) return this.callArgs(name, t);
      const near = nearestName(name, [...this.functions]);
      const hint = near ? `; did you mean '${near}'?` : '';
      this.fail(`unknown function '${name}'${hint}`, t.offset, 'unknown-function');
    }
    if (name === 'e') return call('exp', num(1));
    return sym(name);
  }

  /**
   * A call's argument: an expression, a comparison (`z > 0`) as in `piecewise(z > 0, 1, z < 0, 0)`,
   * or a list of listed classes `[y1, y2, y3]` as in `cce([y1, y2], [a1, a2])`.
   */
  private argument(): Expr {
    if (this.isOp('[') && this.listAhead()) return this.list();
    const left = this.expression();
    const t = this.tok;
    if (t.kind !== 'op' || !(t.text in COMPARISONS)) return left;
    this.i++;
    return call(COMPARISONS[t.text]!, left, this.expression());
  }

  /** Whether the bracket here holds a comma of its own: a list, not brackets around an expression. */
  private listAhead(): boolean {
    let level = 0;
    for (let j = this.i; j < this.tokens.length; j++) {
      const t = this.tokens[j]!;
      if (t.kind !== 'op') continue;
      if (t.text === '(' || t.text === '[') level++;
      else if (t.text === ')' || t.text === ']') {
        if (--level === 0) return false;
      } else if (t.text === ',' && level === 1) return true;
    }
    return false;
  }

  /** `[e1, e2, ...]`, standing alone as an argument. */
  private list(): Expr {
    const open = this.tok;
    this.i++;
    this.enter(open.offset);
    const items = [this.expression()];
    while (this.isOp(',')) {
      this.i++;
      items.push(this.expression());
    }
    this.depth--;
    if (!this.isOp(']')) {
      if (this.tok.kind === 'end') this.fail(`missing ']' to match the '[' at column ${open.offset + 1}`, open.offset);
      this.fail(`expected ',' or ']' in the list but found ${this.describe(this.tok)}`);
    }
    this.i++;
    if (!this.isOp(',') && !this.isOp(')')) this.fail('a list [...] is an argument of its own: a comma or a closing parenthesis must follow it');
    return call(LIST, ...items);
  }

  /** `sum(k, lo, hi, body)` with k a name, bound in the body; `delta(a, b)`. */
  private indexCall(name: string, at: Token): Expr {
    const e = this.callArgs(name, at);
    if (name === DELTA && e.args.length !== 2) this.fail('delta takes two indices: delta(k, i)', at.offset);
    if (name === SUM) {
      const k = e.args[0];
      if (e.args.length !== 4) this.fail('sum takes an index, its limits and a body: sum(k, 1, K, f)', at.offset);
      if (k!.kind !== 'sym' || k!.name === 'pi' || this.functions.has(k!.name)) this.fail('the first argument of sum is the name of its index: sum(k, 1, K, f)', at.offset);
    }
    return e;
  }

  private callArgs(name: string, at: Token): Expr {
    this.enter(at.offset);
    const args = this.argumentList(name, at, () => this.argument());
    this.depth--;
    if (name === 'diff') {
      if (args.length !== 2 || (args[1]!.kind !== 'sym' && !isIndexed(args[1]!))) this.fail('diff takes an expression and a variable: diff(f, x)', at.offset);
    } else if (args.length === 0) this.fail(`${name} needs an argument`, at.offset);
    return call(name, ...args);
  }
}
