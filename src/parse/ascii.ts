/**
 * ASCII input in mathjs expression syntax: `-(y*log(a2) + (1-y)*log(1-a2))`, `^`, unary
 * minus, implicit multiplication (`2x`, `y log(a2)`), `[ ]` as grouping, `σ` for sigmoid,
 * `ln` for log, `e^u` for exp(u), `diff(f, x)` for an unevaluated derivative, and
 * `sigmoid'(z)` for the derivative of a one-argument function at a name.
 *
 * Precedence is mathjs's (`math.parse`), loosest first:
 *   `+ -`;  explicit `*` and `/` (left to right);  implicit multiplication (juxtaposition);
 *   a number over a number before a name or `(` (`1/2 x` is (1/2)x, mathjs's "rule 2");
 *   unary minus;  `^` (right-associative, its exponent may carry a sign: `2^-3`).
 * So `x / 2 y` is x/(2y), `8 pi / 2 pi` is 4, `-x^2` is -(x^2), `-x y` is (-x)y.
 *
 * Calls versus products: a name followed by `(` (spaced or not) is a call, as in mathjs. A
 * call to a name that is not a known function is an error, never a product; the one
 * exception is a name the problem declares (`options.variables`: its intermediates and its
 * variable), so the textbook's `a2(1 - a2)` is a2*(1 - a2) when a2 is declared.
 * Refused rather than guessed: a number written right after another factor (`x 2`),
 * mathjs's word operators (`mod`, `to`, `in`, ...), `!` and `%`, and `**` (except in
 * derivation files, `options.starPower`).
 */
import { type Expr, add, call, diff, mul, neg, num, pow, sym } from '../expr/node.js';
import { ratFromDecimal } from '../expr/rational.js';
import { DELTA, LIST, SUM, indexed, isIndexed } from '../expr/indexed.js';
import { type Token, tokenize } from './lexer.js';
import { type ParseOptions, type RelOp, TokenParser } from './parser-base.js';

export { BUILTIN_FUNCTIONS, DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH, type ParseOptions } from './parser-base.js';
import { nearestName } from './suggest.js';
import { MATRIX_CALLS } from './matrix-ops.js';
import { isMatSym, matName, prime, shapeOf, showShape, sumAll } from '../expr/matrix.js';
import { FUNCTION_ALIASES } from '../expr/registry/index.js';

/** Names of index notation, read by the parser itself: `sum(k, 1, K, f)` binds k; `delta(k, i)`. */
const INDEX_NOTATION: ReadonlySet<string> = new Set([SUM, DELTA]);

/** mathjs's operators that are words: read as names, `x mod y` would be a product. */
const WORD_OPERATORS: ReadonlySet<string> = new Set(['mod', 'to', 'in', 'and', 'or', 'xor', 'not']);

/** A name that reads as a variable (`x`, `a2`, `z_1`, `σ2`): a call to it was likely meant as a product. */
const VARIABLE_LIKE = /^[A-Za-z\u0370-\u03ff]_?[0-9]*'*$/;

/** Comparisons inside a call's arguments, and the functions they stand for. */
const COMPARISONS: Readonly<Record<string, string>> = { '>': 'gt', '<': 'lt', '>=': 'ge', '<=': 'le' };

/** Names read as another: textbook spellings of the same function or constant. */
// A Map, not an object: a name such as `constructor` must not find Object's properties.
const ALIASES: ReadonlyMap<string, string> = new Map([...FUNCTION_ALIASES, ['π', 'pi']]);

/** A relation between expressions: `a = b`, `0 < a2 < 1`, `a != 0`. */
export interface Relation {
  readonly operands: readonly Expr[];
  /** One operator between each pair of neighbouring operands. */
  readonly ops: readonly RelOp[];
  /** A label set `y in {0, 1}`: its members (the one operand is the name, and there are no ops). */
  readonly among?: readonly Expr[];
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
    if (this.tok.kind === 'name' && WORD_OPERATORS.has(this.tok.text)) this.wordOperator();
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
    if (this.shaped) return this.heldToDepth(this.shapedExpression());
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

  /** A sum of shaped terms, left to right: each `+` shape-checked where it is written, a bias broadcast. */
  private shapedExpression(): Expr {
    const r = this.shaped!;
    let e = this.product();
    for (;;) {
      const at = this.tok.offset;
      if (this.isOp('+')) {
        this.i++;
        const t = this.product();
        e = this.shapedAt(at, () => r.plus(e, t));
      } else if (this.isOp('-')) {
        this.i++;
        const t = neg(this.product());
        e = this.shapedAt(at, () => r.plus(e, t));
      } else break;
    }
    return e;
  }

  /** Whether the current token can start a factor written right after another (juxtaposition). */
  private startsImplicitFactor(): boolean {
    const t = this.tok;
    // A word operator ends the expression: `x mod y` is refused, `y in {0, 1}` left to the caller.
    return (t.kind === 'name' && !WORD_OPERATORS.has(t.text)) || t.kind === 'num' || (t.kind === 'op' && (t.text === '(' || t.text === '['));
  }

  /** Explicit `*` and `/`, left to right, between implicit products: `a/b c` is a/(b c). */
  private product(): Expr {
    if (this.shaped) return this.shapedProduct();
    // Factors are collected and multiplied once, as terms are in expression().
    const factors = [this.implicitProduct()];
    for (;;) {
      if (this.isOp('*')) {
        this.i++;
        factors.push(this.implicitProduct());
      } else if (this.isOp('/')) {
        this.i++;
        factors.push(pow(this.implicitProduct(), num(-1)));
      } else if (this.isOp('.*') || this.isOp('./')) {
        // Entrywise operators of scalars are the scalar ones.
        const divide = this.isOp('./');
        this.i++;
        const f = this.implicitProduct();
        factors.push(divide ? pow(f, num(-1)) : f);
      } else break;
    }
    return factors.length === 1 ? factors[0]! : mul(...factors);
  }

  /**
   * Shaped `*`, `/`, `.*` (or `⊙`), `./`, left to right (mathjs's precedence, all four alike):
   * `A*B` of two matrices is their ordered product, never a sorted `mul`.
   */
  private shapedProduct(): Expr {
    const r = this.shaped!;
    let e = this.implicitProduct();
    for (;;) {
      const t = this.tok;
      if (!(this.isOp('*') || this.isOp('/') || this.isOp('.*') || this.isOp('./'))) return e;
      this.i++;
      const f = this.implicitProduct();
      const left = e;
      e = this.shapedAt(t.offset, () =>
        t.text === '*' ? r.times(left, f) : t.text === '/' ? r.divide(left, f) : t.text === '.*' ? r.hadamard(left, f) : r.divideEntrywise(left, f),
      );
    }
  }

  /** Factors written side by side (`2 x y`, `(a)(b)`), binding tighter than `*` and `/`, as in mathjs. */
  private implicitProduct(): Expr {
    const factors = [this.numberFraction()];
    while (this.startsImplicitFactor()) {
      // mathjs reads `x 2` as x*2 but `2 3` as an error: a number after a factor is refused.
      if (this.tok.kind === 'num') this.fail(`missing operator before number ${this.tok.text}`);
      if (this.shaped) {
        // Side by side is a product too: `W1 x` is the matrix product, in the order written.
        const at = this.tok.offset;
        const f = this.numberFraction();
        const left = factors.pop()!;
        factors.push(this.shapedAt(at, () => this.shaped!.times(left, f)));
      } else factors.push(this.numberFraction());
    }
    return factors.length === 1 ? factors[0]! : mul(...factors);
  }

  /**
   * mathjs's "rule 2": a number (or a signed one) divided by a number that a name or `(`
   * follows divides first, so `1/2 x` is (1/2)x while `x/2 y` is x/(2y).
   */
  private numberFraction(): Expr {
    const start = this.i;
    let node = this.unary();
    if (!this.isNumberLiteral(start, this.i)) return node;
    for (;;) {
      const divisor = this.tokens[this.i + 1];
      const after = this.tokens[this.i + 2];
      if (!this.isOp('/') || divisor?.kind !== 'num' || !after || !(after.kind === 'name' || this.isOp('(', after))) return node;
      this.i++;
      node = mul(node, pow(this.unary(), num(-1)));
    }
  }

  /** Whether the tokens from `start` to `end` are a number, or a sign and a number. */
  private isNumberLiteral(start: number, end: number): boolean {
    const first = this.tokens[start]!;
    if (end - start === 1) return first.kind === 'num';
    return end - start === 2 && (this.isOp('-', first) || this.isOp('+', first)) && this.tokens[start + 1]!.kind === 'num';
  }

  protected power(): Expr {
    const first = this.tok;
    let base = this.primary();
    if (this.isOp('ᵀ')) {
      if (!this.shaped) this.fail("'ᵀ' (the transpose) goes with shaped names: declare their shapes (shape W [n, m])");
      // `aᵀ`, postfix, as many as written.
      while (this.isOp('ᵀ')) {
        const at = this.tok.offset;
        this.i++;
        const b = base;
        base = this.shapedAt(at, () => this.shaped!.transposed(b));
      }
    }
    if (this.isOp('**') && !this.options.starPower) this.fail("'**' is not mathjs syntax: write ^ for a power (x^2)");
    if (!this.isOp('^') && !this.isOp('**') && !this.isOp('.^')) return base;
    const at = this.tok.offset;
    const entrywise = this.isOp('.^');
    this.i++;
    if (this.shaped && !entrywise && this.isTransposeMark() && this.shapedAt(at, () => this.shaped!.shape(base)) !== null) {
      // `A^T` of a matrix: the transpose, when T names nothing of the problem (of a scalar, a power).
      this.i++;
      const b = base;
      return this.shapedAt(at, () => this.shaped!.transposed(b));
    }
    this.enter(at);
    const exponent = this.unary(); // right-associative, and `2^-x` is allowed
    this.depth--;
    // `e^u` is exp(u), as textbooks write it (but `exp(1)^3` stays a power).
    if (first.kind === 'name' && first.text === 'e' && base === call('exp', num(1))) return this.shaped ? this.shapedAt(at, () => this.shaped!.checked(call('exp', exponent))) : call('exp', exponent);
    if (this.shaped) {
      const b = base;
      return this.shapedAt(at, () => this.shaped!.power(b, exponent, entrywise));
    }
    return this.located(() => pow(base, exponent), at);
  }

  /** Whether the token here is the `T` of `A^T`: the name T, which the problem does not declare. */
  private isTransposeMark(): boolean {
    const t = this.tok;
    const next = this.tokens[this.i + 1]!;
    // `W2^T (A2 - Y)` too: T is no function, so the group after it is the next factor.
    return t.kind === 'name' && t.text === 'T' && !this.shaped!.knows('T') && !this.options.variables?.has('T') && !this.functions.has('T') && !(this.isOp('[', next) && !next.spaced);
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
        if (this.tok.kind === 'name' && WORD_OPERATORS.has(this.tok.text)) this.wordOperator();
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
    // `mod(x, 3)` is the function; `x mod 3`, mathjs's operator, is refused where an operator stands.
    if (WORD_OPERATORS.has(t.text) && !(this.functions.has(t.text) && this.isOp('(', this.tokens[this.i + 1]!))) this.wordOperator();
    // `sigmoid'(z)`: primes after a function's name are its derivative.
    const primes = t.text.length - t.text.replace(/'+$/, '').length;
    const written = t.text.slice(0, t.text.length - primes);
    const name = ALIASES.get(written) ?? written;
    this.i++;
    const next = this.tok;
    const paren = this.isOp('(', next);
    if (primes > 0 && this.functions.has(name)) return this.derivativeAt(name, primes, t);
    const full = primes > 0 ? t.text : name;
    // The calls of shaped terms (`matmul(A, B)`, `sum(A)` of a matrix), which a proof's JSON holds too.
    if (paren && (MATRIX_CALLS.has(full) || (this.shaped && full === SUM && this.oneArgument()))) return this.matrixCall(full, t);
    // Index notation: `sum(k, 1, K, f)`, `delta(k, i)`, and `z[i]` (a bracket right after a name).
    if (INDEX_NOTATION.has(full) && paren) return this.indexCall(full, t);
    if (INDEX_NOTATION.has(full)) return sym(full);
    if (this.isOp('[', next) && !next.spaced && !this.functions.has(full) && full !== 'e') {
      this.i++;
      this.enter(next.offset);
      const index = this.expression();
      this.depth--;
      if (!this.isOp(']')) this.fail(`expected ']' to close ${full}[... but found ${this.describe(this.tok)}`);
      this.i++;
      if (this.isOp('(') && !this.options.variables?.has(full)) this.unknownFunction(`${full}[${this.text.slice(next.offset + 1, this.tokens[this.i - 1]!.offset)}]`, t);
      return indexed(full, index);
    }
    if (this.functions.has(full)) {
      if (paren) return this.callArgs(full, t);
      this.fail(`function '${full}' needs its arguments in parentheses`, next.offset);
    }
    // A name followed by `(` is a call (mathjs), unless the problem declares the name. Without
    // a rule set's functions, a name that is not variable-like is called, and the rule set
    // the expression meets later decides whether it knows it.
    if (paren && !this.options.variables?.has(full) && !this.shaped?.knows(full)) {
      if (this.options.functions === undefined && primes === 0 && !VARIABLE_LIKE.test(full) && full !== 'pi') return this.callArgs(full, t);
      this.unknownFunction(full, t);
    }
    if (paren) this.unambiguousProduct(full, t);
    if (full === 'e') return call('exp', num(1));
    return this.shaped ? this.shaped.leaf(full) : sym(full);
  }

  /** Whether the call whose `(` is here has one argument: no comma at its own level. */
  private oneArgument(): boolean {
    const close = this.closingIndex();
    if (close === undefined) return false;
    let level = 0;
    for (let j = this.i; j < close; j++) {
      const t = this.tokens[j]!;
      if (this.isOp('(', t) || this.isOp('[', t)) level++;
      else if (this.isOp(')', t) || this.isOp(']', t)) level--;
      else if (this.isOp(',', t) && level === 1) return false;
    }
    return true;
  }

  /**
   * A call of shaped terms: `sum(A)` is sum_all(A); `mat(W, r, c)` names W itself (not its
   * leaf) and `prime(f, Z)` a function f; each is shape-checked at its name.
   */
  private matrixCall(name: string, at: Token): Expr {
    let e: Expr;
    if (name === 'prime') {
      this.i++;
      const f = this.tok;
      const fn = f.kind === 'name' ? (ALIASES.get(f.text) ?? f.text) : '';
      if (!this.functions.has(fn) || !this.isOp(',', this.tokens[this.i + 1]!)) this.fail('prime takes a function and its argument: prime(sigmoid, Z)', at.offset);
      this.i += 2;
      this.enter(at.offset);
      const z = this.expression();
      this.depth--;
      this.take(')');
      e = prime(fn, z);
    } else {
      e = this.callArgs(name, at);
      if (name === SUM) e = sumAll(e.args[0]!);
      // The name inside mat(...) is the name, though it is declared shaped.
      if (name === 'mat' && e.args.length === 3 && isMatSym(e.args[0]!)) {
        const declared = e.args[0]!;
        e = call('mat', declared.args[0]!, e.args[1]!, e.args[2]!);
        // One name, one shape: a leaf written with another shape than the declared one is refused.
        if (e !== declared) this.fail(`${matName(declared)} is declared ${showShape(shapeOf(declared))}, not ${showShape(shapeOf(e))}`, at.offset, 'shape');
      }
    }
    if (this.shaped) return this.shapedAt(at.offset, () => this.shaped!.checked(e));
    return e;
  }

  /**
   * A declared name before `(` is a product, read side by side; where mathjs's reading as a
   * call would group otherwise, the text is refused with both readings: `a2(1 - a2)^2` (the
   * textbook's a2*(1 - a2)^2, mathjs's (a2(1 - a2))^2) and `x^a2(1 - a2)`.
   */
  private unambiguousProduct(name: string, at: Token): void {
    const group = this.parenthesisedText();
    if (group === undefined) return;
    const before = this.tokens[this.i - 2];
    const signed = before && (this.isOp('-', before) || this.isOp('+', before)) ? this.tokens[this.i - 3] : before;
    if (signed && (this.isOp('^', signed) || this.isOp('**', signed))) {
      this.fail(`^${name}${group} is ambiguous: write ^(${name}*${group}) or ^${name}*${group}`, at.offset);
    }
    const close = this.closingIndex()!;
    const after = this.tokens[close + 1]!;
    if (this.isOp('^', after) || this.isOp('**', after)) {
      // The exponent as written when it is one token (`^2`), else elided.
      const e = this.tokens[close + 2]!;
      const next = this.tokens[close + 3]!;
      const exponent = (e.kind === 'num' || e.kind === 'name') && !(next.kind === 'op' && '^(['.includes(next.text)) ? e.text : '...';
      this.fail(`${name}${group}^${exponent} is ambiguous: write ${name}*${group}^${exponent} or (${name}*${group})^${exponent}`, at.offset);
    }
  }

  /** The error for mathjs's word operator here (`mod`, `to`, ...). */
  private wordOperator(): never {
    this.fail(`'${this.tok.text}' is an operator in mathjs syntax, which gradproof does not read`);
  }

  /**
   * The error for a call to `name`, which is no known function: a likely product is shown
   * as one (`write f*(x + y) for a product`), a likely misspelling with the function meant.
   */
  private unknownFunction(name: string, at: Token): never {
    let hint = '';
    if (name.endsWith("'")) {
      // `g'(z)` for a g that is no function: its derivative is not guessed.
      this.fail(`unknown function '${name.replace(/'+$/, '')}' in ${name}(...)`, at.offset, 'unknown-function');
    } else if (VARIABLE_LIKE.test(name) || name.includes('[')) {
      hint = `; write ${name}*${this.parenthesisedText() ?? '(...)'} for a product`;
    } else {
      const near = nearestName(name, [...this.functions]);
      // Not `log` for `log2`: a name that extends a function's is another function, not a typo.
      if (near && !name.startsWith(near)) hint = `; did you mean '${near}'?`;
    }
    this.fail(`unknown function '${name}'${hint}`, at.offset, 'unknown-function');
  }

  /** The text from the `(` here to its matching `)`, if it has one. */
  private parenthesisedText(): string | undefined {
    const close = this.closingIndex();
    return close === undefined ? undefined : this.text.slice(this.tok.offset, this.tokens[close]!.offset + 1);
  }

  /** The index of the `)` that matches the `(` here, if it has one. */
  private closingIndex(): number | undefined {
    let level = 0;
    for (let j = this.i; j < this.tokens.length; j++) {
      const t = this.tokens[j]!;
      if (this.isOp('(', t)) level++;
      else if (this.isOp(')', t) && --level === 0) return j;
    }
    return undefined;
  }

  /**
   * `f'(z)`, the derivative of the one-argument function f at z, is diff(f(z), z): the
   * derivative of f(z) by z, which is f' at z for a name z (a member `z[i]` too). At a
   * compound argument it is refused: diff(f(u), x) is not f'(u), and a name must be given.
   */
  private derivativeAt(name: string, primes: number, at: Token): Expr {
    if (!this.isOp('(')) this.fail(`${at.text} needs its argument in parentheses: ${at.text}(z)`);
    const e = this.callArgs(name, at);
    const u = e.args[0]!;
    if (e.args.length !== 1) this.fail(`${at.text} is the derivative of a one-argument function; ${name} has ${e.args.length} arguments here`, at.offset);
    // `σ'(z1)` of a matrix is σ′ entrywise.
    if (this.shaped && this.shapedAt(at.offset, () => this.shaped!.shape(u)) !== null) {
      if (primes !== 1) this.fail(`${at.text} of a matrix: only a first derivative is read entrywise`, at.offset);
      return prime(name, u);
    }
    if (u.kind !== 'sym' || u.name === 'pi') {
      if (!isIndexed(u)) this.fail(`${at.text}(u) is read at a name: name the argument (let u = ...) and write ${at.text}(u)`, at.offset);
    }
    let d: Expr = e;
    for (let k = 0; k < primes; k++) d = diff(d, u);
    return d;
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
      if (args.length !== 2 || (args[1]!.kind !== 'sym' && !isIndexed(args[1]!) && !isMatSym(args[1]!))) this.fail('diff takes an expression and a variable: diff(f, x)', at.offset);
    } else if (args.length === 0) this.fail(`${name} needs an argument`, at.offset);
    const e = call(name, ...args);
    // A function of a matrix applies entrywise; its arguments' shapes must agree.
    if (this.shaped && !MATRIX_CALLS.has(name)) this.shapedAt(at.offset, () => this.shaped!.checked(e));
    return e;
  }
}
