/**
 * LaTeX input as textbooks write it: `-[y \log a_2 + (1 - y) \log(1 - a_2)]`,
 * `\frac{1}{1 + e^{-z_2}}`, `\sigma(z_2)`, `\frac{\partial L}{\partial z_2}`. It reads to the
 * same nodes as the ASCII parser (`./ascii.ts`) with the same precedence, loosest first:
 * `+ -`, `\cdot \times * /` and juxtaposition, unary minus, `^`. A letter is one variable
 * (`xy` is `x*y`); a subscript joins its name (`a_{2}` is `a2`, `w_{ij}` is `wij`); Greek
 * commands are names (`\delta` is `delta`), `\mathrm{lr}` is `lr`.
 *
 * Index notation: `\sum_{k=1}^{K} f` binds k over the product after it; `a_k`, `a_{k}`,
 * `a_{k+1}` are members of the family a when k is an index (bound by an enclosing sum or a
 * definition `a_k = ...`, or declared in `options.indices`), and `a_{[e]}` always is; a digit
 * subscript still joins the name. `\delta_{ki}` (two one-letter or one-digit subscripts, or
 * `\delta_{k, i}`) is the Kronecker delta.
 */
import { type Expr, add, call, div, mul, num, pow, sub, sym } from '../expr/node.js';
import { LIST, indexed, kronecker, sumOver } from '../expr/indexed.js';
import { ratFromDecimal } from '../expr/rational.js';
import { GradproofError, positionOf } from '../expr/errors.js';
import { type Relation, relationOf } from './ascii.js';
import { isDigit, operatorAt, unexpectedCharacter } from './lexer.js';
import { type ParseOptions, TokenParser } from './parser-base.js';
import { nearestName } from './suggest.js';
import { LATEX_COMMANDS, OPERATOR_WORDS } from '../expr/registry/index.js';

type Kind = 'num' | 'letter' | 'cmd' | 'op' | 'end';

interface Token {
  readonly kind: Kind;
  /** `cmd`: the name without `\`; `op`: ASCII operator, `\{` `\}`, or `l|` `r|` for `\left|` `\right|`. */
  readonly text: string;
  readonly offset: number;
}

/** Greek letters that are names (`\delta` is the variable `delta`). */
const GREEK: ReadonlySet<string> = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota',
  'kappa', 'lambda', 'mu', 'nu', 'xi', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'varphi', 'chi', 'psi',
  'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
]);

/** Commands whose `{word}` is a name: `\mathrm{lr}` is `lr`. */
const NAME_COMMANDS: ReadonlySet<string> = new Set(['mathrm', 'mathit', 'text', 'textrm']);

// Tables keyed by the input's own words are Maps: on a plain object `\constructor` would
// find Object's built-in properties.

/** Operator commands and the function each is (`\ln` is log), from the function registry. */
const FUNCTIONS: ReadonlyMap<string, string> = LATEX_COMMANDS;

/** Commands that are an ASCII operator. */
const OP_COMMANDS: ReadonlyMap<string, string> = new Map(Object.entries({
  cdot: '*', times: '*', neq: '!=', ne: '!=', leq: '<=', le: '<=', geq: '>=', ge: '>=', lt: '<', gt: '>',
}));

/** Characters textbooks paste, read as their ASCII meaning. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  '\u2212': '-', '\u2013': '-', '\u00b7': '*', '\u22c5': '*', '\u00d7': '*', '\u2217': '*', '\u2260': '!=', '\u2264': '<=', '\u2265': '>=',
};

/** The one-character operators; `!=`, `<=`, `>=` and `==` as in ASCII. */
const OPERATORS = "+-*/^_()[]{},=<>|'";

/** Spacing commands, ignored. */
const SPACING: ReadonlySet<string> = new Set([',', ';', ':', '!', ' ', 'quad', 'qquad', 'displaystyle', 'textstyle']);
/** Sizing commands before a delimiter: `\left(`, `\bigl[`. */
const SIZING: ReadonlySet<string> = new Set([
  'left', 'right', 'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl', 'biggr', 'Biggl', 'Biggr',
]);

/** A letter by its code unit (A-Z, a-z, Greek U+0370 to U+03FF): no regular expression per character. */
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0x370 && c <= 0x3ff);

function tokenize(text: string, source?: string): Token[] {
  const out: Token[] = [];
  const fail = (msg: string, at: number): never => {
    throw new GradproofError('syntax', msg, positionOf(text, at, source));
  };
  let i = 0;
  /** How many following script arguments are single digits (`x^23` is `x^2 3`, `\frac12` is 1/2). */
  let singleDigits = 0;
  while (i < text.length) {
    const c = text[i]!;
    const start = i;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '~') {
      i++;
      continue;
    }
    let digits = 0;
    const code = text.charCodeAt(i);
    if (isDigit(code) || code === 46 /* . */) {
      const n = singleDigits > 0 && isDigit(code) ? c : /^(?:\d+\.?\d*|\.\d+)/.exec(text.slice(i, i + 400))?.[0];
      if (n === undefined) fail(`unexpected '${c}'`, i);
      if (n!.length >= 400) fail('number literal too long', i);
      out.push({ kind: 'num', text: n!, offset: start });
      i += n!.length;
      digits = singleDigits - 1;
    } else if (isLetter(code)) {
      out.push({ kind: 'letter', text: c, offset: start });
      i++;
    } else if (c === '\\') {
      const word = /^\\(?:[A-Za-z]+|.)/s.exec(text.slice(i, i + 100))?.[0] ?? '\\';
      if (word.length === 1) fail('a lone \\ at the end of input', i);
      const name = word.slice(1);
      i += word.length;
      if (SPACING.has(name)) continue;
      if (name === '{' || name === '}') out.push({ kind: 'op', text: word, offset: start });
      else if (OP_COMMANDS.has(name)) out.push({ kind: 'op', text: OP_COMMANDS.get(name)!, offset: start });
      else if (SIZING.has(name)) {
        while (i < text.length && /\s/.test(text[i]!)) i++;
        const d = /^(?:\\[{}]|[()[\]|.])/.exec(text.slice(i, i + 2));
        if (!d) fail(`expected a delimiter after \\${name}`, i);
        i += d![0].length;
        if (d![0] === '.') continue;
        const opening = name === 'left' || name.endsWith('l') || (name !== 'right' && !name.endsWith('r') && d![0] !== ')');
        const t = d![0] === '|' ? (opening ? 'l|' : 'r|') : d![0];
        out.push({ kind: 'op', text: t, offset: start });
      } else {
        out.push({ kind: 'cmd', text: name, offset: start });
        if (name === 'frac' || name === 'dfrac' || name === 'tfrac') digits = 2;
      }
    } else {
      const look = LOOKALIKES[c];
      const op = look ?? operatorAt(text, i, OPERATORS);
      if (!op) {
        fail(unexpectedCharacter(text, i), i);
      }
      out.push({ kind: 'op', text: op!, offset: start });
      i += look ? c.length : op!.length;
      if (op === '^' || op === '_') digits = 1;
    }
    singleDigits = digits;
  }
  out.push({ kind: 'end', text: '', offset: text.length });
  return out;
}

/** Parses one LaTeX expression. */
export function parseLatex(text: string, options: ParseOptions = {}): Expr {
  const p = new LatexParser(text, options);
  return p.located(() => {
    const e = p.expression();
    p.expectEnd();
    return e;
  });
}

/** Parses `lhs OP rhs [OP rhs]...` where OP is `=`, `\neq`, `<`, `\leq`, `>`, `\geq`. */
export function parseLatexRelation(text: string, options: ParseOptions = {}): Relation {
  return relationOf(new LatexParser(text, options));
}

/**
 * Parses `name = expr` (`a_2 = \sigma(z_2)`, `L(y, a_2) = ...`), the form of a named
 * intermediate, or `a_k = ...` with k an index: the family a, one member a[k] for each k.
 */
export function parseLatexDefinition(text: string, options: ParseOptions = {}): { name: string; expr: Expr; index?: string } {
  const p = new LatexParser(text, options);
  return p.located(() => {
    const { name, index } = p.definedName();
    const expr = index === undefined ? p.expression() : p.binding(index, () => p.expression());
    p.expectEnd();
    // Two literals, not a spread: a spread with a key after it is slow in V8.
    return index === undefined ? { name, expr } : { name, expr, index };
  });
}

const CLOSERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '\\{': '\\}', '{': '}', 'l|': 'r|', '|': '|' };

class LatexParser extends TokenParser<Token> {
  /** The indices of the sums (and the family definition) being read, innermost last. */
  private readonly bound: string[] = [];

  constructor(text: string, options: ParseOptions) {
    super(text, options, tokenize);
  }

  private isCmd(name: string, t = this.tok): boolean {
    return t.kind === 'cmd' && t.text === name;
  }

  protected describe(t: Token): string {
    if (t.kind === 'end') return 'end of input';
    if (t.kind === 'cmd') return `\\${t.text}`;
    if (t.text === 'l|') return `'\\left|'`;
    if (t.text === 'r|') return `'\\right|'`;
    return `'${t.text}'`;
  }

  expectEnd(): void {
    const t = this.tok;
    if (t.kind === 'end') return;
    const closing = t.kind === 'op' && [')', ']', '}', '\\}', 'r|'].includes(t.text);
    this.fail(closing ? `unmatched ${this.describe(t)}` : `unexpected ${this.describe(t)}`);
  }

  /** Runs `f` with `k` bound as an index. */
  binding<T>(k: string, f: () => T): T {
    this.bound.push(k);
    try {
      return f();
    } finally {
      this.bound.pop();
    }
  }

  private isIndex(name: string): boolean {
    return this.bound.includes(name) || (this.options.indices?.has(name) ?? false);
  }

  definedName(): { name: string; index?: string } {
    const t = this.tok;
    const startsName = t.kind === 'letter' || (t.kind === 'cmd' && (GREEK.has(t.text) || NAME_COMMANDS.has(t.text)));
    // `a_k = ...` with k a declared index defines the family a.
    const family = startsName ? this.member() : undefined;
    if (family && !isFamilyHead(family)) this.fail('a family is defined with one index name: a_k = ...', t.offset);
    if (family) {
      const name = (family.args[0] as Expr & { kind: 'sym' }).name;
      if (!this.isOp('=')) this.fail(`expected '=' after the name but found ${this.describe(this.tok)}`);
      this.i++;
      return { name, index: (family.args[1] as Expr & { kind: 'sym' }).name };
    }
    const name = startsName ? this.name() : undefined;
    if (name === undefined) this.fail(`expected a name to define but found ${this.describe(t)}`);
    if (this.functions.has(name!) || ['e', 'pi', 'π', 'σ'].includes(name!) || (name === 'sigma' && this.isOp('('))) {
      this.fail(`cannot redefine '${this.text.slice(t.offset, this.tok.offset).trim()}'`, t.offset);
    }
    // `L(y, a_2) = ...` names the arguments the way textbooks do; they are informative only.
    if (this.isOp('(')) {
      const open = this.tok;
      this.i++;
      while (!this.isOp(')')) {
        if (this.tok.kind === 'end') this.fail(`missing ')' to match the '(' at column ${open.offset + 1}`, open.offset);
        this.i++;
      }
      this.i++;
    }
    if (!this.isOp('=')) this.fail(`expected '=' after the name but found ${this.describe(this.tok)}`);
    this.i++;
    return { name: name! };
  }

  expression(): Expr {
    let e = this.product();
    for (;;) {
      if (this.isOp('+')) {
        this.i++;
        e = add(e, this.product());
      } else if (this.isOp('-')) {
        this.i++;
        e = sub(e, this.product());
      } else break;
    }
    return this.heldToDepth(e);
  }

  /** Whether the current token can start a factor written right after another (juxtaposition). */
  private startsImplicitFactor(): boolean {
    const t = this.tok;
    if (t.kind === 'letter' || t.kind === 'num' || t.kind === 'cmd') return true;
    return t.kind === 'op' && ['(', '[', '{', '\\{', 'l|'].includes(t.text);
  }

  private product(): Expr {
    let e = this.unary();
    for (;;) {
      if (this.isOp('*')) {
        this.i++;
        e = mul(e, this.unary());
      } else if (this.isOp('/')) {
        this.i++;
        e = div(e, this.unary());
      } else if (this.startsImplicitFactor()) {
        if (this.tok.kind === 'num') this.fail(`missing operator before number ${this.tok.text}`);
        e = mul(e, this.power());
      } else break;
    }
    return e;
  }

  protected power(): Expr {
    const first = this.tok;
    const isLetterE = (t: Token): boolean => t.kind === 'letter' && t.text === 'e';
    const base = this.primary();
    if (!this.isOp('^')) return base;
    const at = this.tok.offset;
    this.i++;
    this.enter(at);
    const exponent = this.script('^');
    this.depth--;
    // `e^{u}` is exp(u); a parenthesised `\left(e^{1}\right)^{x}` stays a power.
    if (isLetterE(first) && base === call('exp', num(1))) return call('exp', exponent);
    return this.located(() => pow(base, exponent), at);
  }

  /** The argument of `^`, `\frac` or `\sqrt`: a `{group}`, or one digit, letter or command. */
  private script(what: string): Expr {
    if (this.isOp('{')) return this.group();
    const t = this.tok;
    if (t.kind === 'num') {
      const value = this.located(() => ratFromDecimal(t.text));
      this.i++;
      return num(value);
    }
    if (t.kind === 'letter' || t.kind === 'cmd') return this.primary();
    this.fail(`expected an argument after ${what} but found ${this.describe(t)}`);
  }

  /** `( ... )`, `[ ... ]`, `{ ... }`, `\{ ... \}`, `\left| ... \right|`, `| ... |`. */
  private group(): Expr {
    const open = this.tok;
    const close = CLOSERS[open.text]!;
    this.i++;
    this.enter(open.offset);
    let e = this.expression();
    // `\left[y_1, y_2\right]`: listed classes, an argument of a function over families.
    if (open.text === '[' && this.isOp(',')) {
      const items = [e];
      while (this.isOp(',')) {
        this.i++;
        items.push(this.expression());
      }
      e = call(LIST, ...items);
    }
    this.depth--;
    if (!this.isOp(close)) {
      const shownClose = close === 'r|' ? '\\right|' : close;
      const shownOpen = open.text === 'l|' ? '\\left|' : open.text;
      if (this.tok.kind === 'end') this.fail(`missing '${shownClose}' to match the '${shownOpen}' at column ${open.offset + 1}`, open.offset);
      this.fail(`expected '${shownClose}' but found ${this.describe(this.tok)}`);
    }
    this.i++;
    return open.text === '|' || open.text === 'l|' ? call('abs', e) : e;
  }

  private primary(): Expr {
    const t = this.tok;
    if (t.kind === 'num') {
      const value = this.located(() => ratFromDecimal(t.text));
      this.i++;
      return num(value);
    }
    if (t.kind === 'letter') return this.nameOrCall();
    if (t.kind === 'op' && t.text in CLOSERS) {
      const g = this.group();
      // `{w_{1}}_{k}`: a member of a family whose name has a subscript of its own.
      if (t.text !== '{' || g.kind !== 'sym' || !this.isOp('_')) return g;
      const at = this.tok;
      this.i++;
      return this.memberIndex(g.name) ?? this.fail('expected an index after the family name', at.offset);
    }
    if (t.kind === 'cmd') return this.command();
    if (t.kind === 'end') this.fail('unexpected end of input');
    this.fail(`unexpected ${this.describe(t)}`);
  }

  private command(): Expr {
    const t = this.tok;
    const c = t.text;
    if (GREEK.has(c) || NAME_COMMANDS.has(c)) return this.nameOrCall();
    if (c === 'frac' || c === 'dfrac' || c === 'tfrac') return this.fraction();
    if (c === 'sum') return this.sum();
    if (c === 'sqrt') {
      this.i++;
      if (this.isOp('[')) this.fail('\\sqrt[n] is not supported; write x^{1/n}');
      this.enter(t.offset);
      const e = call(this.knownFunction('sqrt', t), this.script('\\sqrt'));
      this.depth--;
      return e;
    }
    if (c === 'operatorname') {
      this.i++;
      const word = this.braced(t);
      const name = OPERATOR_WORDS.get(word) ?? word;
      if (this.options.functions && !this.functions.has(name)) this.unknownFunction(name, t);
      return this.application(name, t);
    }
    const fn = FUNCTIONS.get(c);
    if (fn) {
      this.i++;
      return this.application(this.knownFunction(fn, t), t);
    }
    if (c === 'partial') this.fail('\\partial outside a \\frac{\\partial ...}{\\partial ...}');
    this.fail(`unknown command \\${c}`);
  }

  private unknownFunction(name: string, at: Token): never {
    const near = nearestName(name, [...this.functions]);
    this.fail(`unknown function '${name}'${near ? `; did you mean '${near}'?` : ''}`, at.offset, 'unknown-function');
  }

  private knownFunction(fn: string, at: Token): string {
    if (!this.functions.has(fn)) this.unknownFunction(fn, at);
    return fn;
  }

  /** `\log(1 - a_2)`, `\operatorname{f}\left(x, y\right)`, or `\log a_2` (a function of the next factor). */
  private application(fn: string, at: Token): Expr {
    this.enter(at.offset);
    let e: Expr;
    if (this.isOp('(')) e = this.callArgs(fn, at);
    else {
      if (this.tok.kind === 'end') this.fail(`${fn} needs an argument`, at.offset);
      e = call(fn, this.power());
    }
    this.depth--;
    return e;
  }

  private callArgs(fn: string, at: Token): Expr {
    const args = this.argumentList(fn, at, () => this.expression());
    if (args.length === 0) this.fail(`${fn} needs an argument`, at.offset);
    return call(fn, ...args);
  }

  /** The text of `{name}` after `\mathrm` or `\operatorname`; `\_` is `_`. */
  private braced(cmd: Token): string {
    const open = this.tok;
    if (!this.isOp('{')) this.fail(`expected '{' after \\${cmd.text} but found ${this.describe(open)}`);
    let close = this.i + 1;
    while (close < this.tokens.length && !this.isOp('}', this.tokens[close])) close++;
    if (close === this.tokens.length) close = -1;
    const from = open.offset + 1;
    const to = close < 0 ? this.text.length : this.tokens[close]!.offset;
    const name = this.text.slice(from, to).replace(/\\_/g, '_').replace(/\s+/g, '');
    if (close < 0) this.fail(`missing '}' to match the '{' at column ${open.offset + 1}`, open.offset);
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) this.fail(`expected a name in \\${cmd.text}{...}`, from);
    this.i = close + 1;
    return name;
  }

  /** A name: a letter, Greek command or `\mathrm{word}`, then a subscript and primes. */
  private name(): string {
    let name = this.stem();
    if (this.isOp('_')) {
      this.i++;
      name += this.subscript();
    }
    while (this.isOp("'")) {
      this.i++;
      name += "'";
    }
    return name;
  }

  /** A letter, Greek command or `\mathrm{word}`. */
  private stem(): string {
    const t = this.tok;
    let name: string;
    if (t.kind === 'letter') {
      this.i++;
      name = t.text;
    } else if (NAME_COMMANDS.has(t.text)) {
      this.i++;
      name = this.braced(t);
    } else {
      this.i++;
      name = t.text;
    }
    return name;
  }

  /**
   * A member `a_k` of a family (its subscript an index expression) or a Kronecker delta
   * `\delta_{ki}`, read from the name here; undefined, having read nothing, for anything else.
   */
  private member(): Expr | undefined {
    const start = this.i;
    const depth = this.depth;
    const t = this.tok;
    const stem = this.stem();
    let out: Expr | undefined;
    if (this.isOp('_')) {
      this.i++;
      try {
        out = t.kind === 'cmd' && stem === 'delta' ? this.kroneckerIndices() : this.memberIndex(stem);
      } catch (err) {
        // Not index notation after all: read again as a name (whose errors are the ones to show).
        if (!(err instanceof GradproofError)) throw err;
        out = undefined;
      }
    }
    if (out === undefined) {
      this.i = start;
      this.depth = depth;
    }
    return out;
  }

  /** After `_`: the index of a member of `family`, or undefined if the subscript is not one. */
  private memberIndex(family: string): Expr | undefined {
    if (!this.isOp('{')) {
      const t = this.tok;
      if (t.kind !== 'letter' || !this.isIndex(t.text)) return undefined;
      this.i++;
      return indexed(family, sym(t.text));
    }
    this.i++;
    // `a_{[e]}`: a member whatever e is (as `a[2]` is printed).
    const explicit = this.isOp('[');
    if (explicit) this.i++;
    const index = this.expression();
    if (explicit) this.take(']');
    if (!this.isOp('}')) return undefined;
    this.i++;
    return explicit || this.isIndexExpression(index) ? indexed(family, index) : undefined;
  }

  /**
   * Whether a subscript reads as an index: an index name, or a sum of index names, other
   * names and numbers times numbers (`k + 1`) with an index among them. A product of names
   * (`w_{ij}`) is a name's subscript, not an index.
   */
  private isIndexExpression(e: Expr): boolean {
    let hasIndex = false;
    const ok = (x: Expr): boolean => {
      if (x.kind === 'num') return true;
      if (x.kind === 'sym') {
        hasIndex ||= this.isIndex(x.name);
        return true;
      }
      if (x.kind === 'add') return x.args.every(ok);
      if (x.kind === 'mul') return x.args.filter((f) => f.kind !== 'num').length === 1 && x.args.every(ok);
      return false;
    };
    return ok(e) && hasIndex;
  }

  /** After `\delta_`: `{ki}` (two one-letter or one-digit indices) or `{k, i}`; else undefined. */
  private kroneckerIndices(): Expr | undefined {
    if (!this.isOp('{')) return undefined;
    this.i++;
    const single = (t: Token): boolean => t.kind === 'letter' || (t.kind === 'num' && /^\d$/.test(t.text));
    const [a, b, close] = [this.tok, this.tokens[this.i + 1]!, this.tokens[this.i + 2]!];
    if (single(a) && single(b) && this.isOp('}', close)) {
      this.i += 3;
      const index = (t: Token): Expr => (t.kind === 'num' ? num(Number(t.text)) : sym(t.text));
      return kronecker(index(a), index(b));
    }
    const first = this.expression();
    if (!this.isOp(',')) return undefined;
    this.i++;
    const second = this.expression();
    this.take('}');
    return kronecker(first, second);
  }

  /** `\sum_{k=1}^{K} f` (limits in either order): f is the product after it, with k bound. */
  private sum(): Expr {
    const at = this.tok;
    this.i++;
    let k: string | undefined;
    let lo: Expr | undefined;
    let hi: Expr | undefined;
    for (let n = 0; n < 2; n++) {
      if (this.isOp('_') && k === undefined) {
        this.i++;
        const open = this.tok;
        this.take('{');
        const t = this.tok;
        if (!(t.kind === 'letter' || (t.kind === 'cmd' && GREEK.has(t.text)))) this.fail(`expected the index of the sum but found ${this.describe(t)}`);
        k = this.name();
        if (k === 'e' || this.functions.has(k)) this.fail(`'${k}' cannot be the index of a sum`, t.offset);
        this.take('=');
        lo = this.expression();
        if (!this.isOp('}')) {
          if (this.tok.kind === 'end') this.fail(`missing '}' to match the '{' at column ${open.offset + 1}`, open.offset);
          this.fail(`expected '}' but found ${this.describe(this.tok)}`);
        }
        this.i++;
      } else if (this.isOp('^') && hi === undefined) {
        this.i++;
        hi = this.script('\\sum^');
      }
    }
    if (k === undefined || lo === undefined || hi === undefined) this.fail('a sum needs its index and limits: \\sum_{k=1}^{K}', at.offset);
    if (this.tok.kind === 'end' || (this.tok.kind === 'op' && !['(', '[', '{', '\\{', 'l|', '-'].includes(this.tok.text))) {
      this.fail('the sum needs a body after its limits', at.offset);
    }
    this.enter(at.offset);
    const body = this.binding(k!, () => this.product());
    this.depth--;
    return sumOver(k!, lo!, hi!, body);
  }

  /** `_2`, `_i`, `_{12}`, `_{ij}`, `_{\alpha}`: the text that joins the name. */
  private subscript(): string {
    const piece = (): string => {
      const t = this.tok;
      if (t.kind === 'num' && /^\d+$/.test(t.text)) {
        this.i++;
        return t.text;
      }
      if (t.kind === 'letter' || (t.kind === 'cmd' && GREEK.has(t.text))) {
        this.i++;
        return t.text;
      }
      this.fail(`expected a subscript but found ${this.describe(t)}`);
    };
    if (!this.isOp('{')) return piece();
    const open = this.tok;
    this.i++;
    let s = '';
    while (!this.isOp('}')) {
      if (this.tok.kind === 'end') this.fail(`missing '}' to match the '{' at column ${open.offset + 1}`, open.offset);
      s += piece();
    }
    if (s === '') this.fail('empty subscript', open.offset);
    this.i++;
    return s;
  }

  private nameOrCall(): Expr {
    const t = this.tok;
    const member = this.member();
    if (member) return member;
    const name = this.name();
    if ((name === 'sigma' || name === 'σ') && this.isOp('(')) return this.application(this.knownFunction('sigmoid', t), t);
    if (t.kind === 'cmd' && NAME_COMMANDS.has(t.text) && this.isOp('(')) {
      // `\mathrm{softplus}(x)`: read like the ASCII name before `(`.
      if (this.functions.has(name) || (!this.options.functions && /^[A-Za-z_]{3,}$/.test(name))) return this.application(name, t);
      if (this.options.functions && /^[A-Za-z_]{3,}$/.test(name)) this.unknownFunction(name, t);
    }
    if (name === 'e') return call('exp', num(1));
    return sym(name === 'π' ? 'pi' : name);
  }

  /** `\frac{a}{b}`, and the derivatives `\frac{\partial L}{\partial x}`, `\frac{\partial}{\partial x} f`, `\frac{dL}{dx}`. */
  private fraction(): Expr {
    const at = this.tok;
    this.i++;
    this.enter(at.offset);
    let e: Expr;
    if (this.isOp('{') && (this.isCmd('partial', this.tokens[this.i + 1]) || this.isLeibniz())) e = this.derivative(at);
    else {
      const top = this.script(`\\${at.text}`);
      e = div(top, this.script(`\\${at.text}`));
    }
    this.depth--;
    return e;
  }

  /** Whether `{d ...}{d x}` follows: a numerator that starts with `d` and a denominator `d` and a name. */
  private isLeibniz(): boolean {
    const first = this.tokens[this.i + 1]!;
    if (first.kind !== 'letter' || first.text !== 'd') return false;
    let k = this.i;
    let level = 0;
    for (; k < this.tokens.length; k++) {
      const t = this.tokens[k]!;
      if (this.isOp('{', t)) level++;
      else if (this.isOp('}', t) && --level === 0) break;
      else if (t.kind === 'end') return false;
    }
    const [open, d, x] = [this.tokens[k + 1], this.tokens[k + 2], this.tokens[k + 3]];
    if (!open || !d || !x || !this.isOp('{', open) || d.kind !== 'letter' || d.text !== 'd') return false;
    if (!(x.kind === 'letter' || (x.kind === 'cmd' && GREEK.has(x.text)))) return false;
    const saved = this.i;
    this.i = k + 3;
    try {
      this.name();
      return this.isOp('}');
    } catch {
      return false;
    } finally {
      this.i = saved;
    }
  }

  private derivative(at: Token): Expr {
    const open = this.tok;
    this.i += 2; // `{` and `\partial` or `d`
    const mark = this.tokens[this.i - 1]!;
    const f = this.isOp('}') ? undefined : this.expression();
    if (!this.isOp('}')) {
      if (this.tok.kind === 'end') this.fail(`missing '}' to match the '{' at column ${open.offset + 1}`, open.offset);
      this.fail(`expected '}' but found ${this.describe(this.tok)}`);
    }
    this.i++;
    const partial = mark.kind === 'cmd';
    const denominatorOpen = this.tok;
    if (!this.isOp('{')) this.fail(`expected '{' but found ${this.describe(this.tok)}`);
    this.i++;
    if (partial ? !this.isCmd('partial') : !(this.tok.kind === 'letter' && this.tok.text === 'd')) {
      this.fail(`expected ${partial ? '\\partial' : 'd'} in the denominator of a derivative but found ${this.describe(this.tok)}`);
    }
    this.i++;
    const t = this.tok;
    if (!(t.kind === 'letter' || (t.kind === 'cmd' && (GREEK.has(t.text) || NAME_COMMANDS.has(t.text))))) {
      this.fail(`expected the variable of the derivative but found ${this.describe(t)}`);
    }
    const x = this.member() ?? sym(this.name());
    if (!this.isOp('}')) {
      if (this.tok.kind === 'end') this.fail(`missing '}' to match the '{' at column ${denominatorOpen.offset + 1}`, denominatorOpen.offset);
      this.fail(`expected '}' after the variable of the derivative but found ${this.describe(this.tok)}`);
    }
    this.i++;
    if (f !== undefined) return call('diff', f, x);
    // `\frac{\partial}{\partial x}\left[ f \right]`: the operator applies to the next factor.
    if (this.tok.kind === 'end') this.fail('the derivative needs an expression after it', at.offset);
    return call('diff', this.power(), x);
  }
}

/** A member `a[k]` with a plain name for its index: the head of a family's definition. */
const isFamilyHead = (e: Expr): boolean => e.kind === 'call' && e.fn === 'at' && e.args[1]!.kind === 'sym';
