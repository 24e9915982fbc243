/**
 * LaTeX input as textbooks write it: `-[y \log a_2 + (1 - y) \log(1 - a_2)]`,
 * `\frac{1}{1 + e^{-z_2}}`, `\sigma(z_2)`, `\frac{\partial L}{\partial z_2}`. It reads to the
 * same nodes as the ASCII parser (`./ascii.ts`) with the same precedence, loosest first:
 * `+ -`, `\cdot \times * /` and juxtaposition, unary minus, `^`. A letter is one variable
 * (`xy` is `x*y`); a subscript joins its name (`a_{2}` is `a2`, `w_{ij}` is `wij`); Greek
 * commands are names (`\delta` is `delta`), `\mathrm{lr}` is `lr`; a layer superscript is
 * part of the name (`a^{(2)}`, `W^{[l]}` are `a__2`, `W__l`), never a power.
 *
 * Functions as textbooks set them: without parentheses a function takes constants and one
 * factor (`\sin 2x` is sin(2x), `\log a_2 \cdot y` is log(a2)*y, `\sin x \cos x` is
 * sin(x)cos(x)); a second name or a bracket after that (`\log xy`, `\log x (1 - x)`) is
 * refused with both readings. `\tanh^2 z` is (tanh z)^2, `\sin^{-1}` is asin (no other
 * `f^{-1}` is read), `\sigma'(z)` is diff(sigmoid(z), z); `\operatorname{ReLU}` is relu.
 *
 * Index notation: `\sum_{k=1}^{K} f` binds k over the product after it; `a_k`, `a_{k}`,
 * `a_{k+1}` are members of the family a when k is an index (bound by an enclosing sum or a
 * definition `a_k = ...`, or declared in `options.indices`), and `a_{[e]}` always is. A digit
 * subscript joins the name (`z_2` is z2) unless z is a family of the input (`options.families`
 * or `z_k` written in it): then `z_1` is the member z[1]. `\delta_{ki}` (two one-letter or
 * one-digit subscripts, or `\delta_{k, i}`) is the Kronecker delta.
 */
import { type Expr, add, call, diff, div, mul, num, pow, sub, sym } from '../expr/node.js';
import { LAYER, LIST, indexed, isIndexed, kronecker, sumOver } from '../expr/indexed.js';
import { toAscii } from '../expr/print.js';
import { ratFromDecimal } from '../expr/rational.js';
import { GradproofError, positionOf } from '../expr/errors.js';
import { type Relation, relationOf } from './ascii.js';
import { isDigit, operatorAt, unexpectedCharacter } from './lexer.js';
import { type ParseOptions, TokenParser } from './parser-base.js';
import { nearestName } from './suggest.js';
import { SUM_ALL, isMatSym, matName, prime } from '../expr/matrix.js';
import { MATRIX_CALLS } from './matrix-ops.js';
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

/** Names in `\operatorname{...}` that textbooks spell differently from the function: the registry's, and the German-style ar- forms. */
const FUNCTION_ALIASES: ReadonlyMap<string, string> = new Map([
  ...OPERATOR_WORDS,
  ...Object.entries({ ln: 'log', arcsin: 'asin', arccos: 'acos', arctan: 'atan', arsinh: 'asinh', arcosh: 'acosh', artanh: 'atanh', arcsinh: 'asinh', arccosh: 'acosh', arctanh: 'atanh' }),
]);

/** `f^{-1}`: the inverse function of f. Any other function with `^{-1}` is refused, never read as 1/f. */
const INVERSES: ReadonlyMap<string, string> = new Map(Object.entries({
  sin: 'asin', cos: 'acos', tan: 'atan', sinh: 'asinh', cosh: 'acosh', tanh: 'atanh',
}));

/** Commands that are an ASCII operator. */
const OP_COMMANDS: ReadonlyMap<string, string> = new Map(Object.entries({
  cdot: '*', times: '*', odot: '.*', neq: '!=', ne: '!=', leq: '<=', le: '<=', geq: '>=', ge: '>=', lt: '<', gt: '>',
}));

/** Characters textbooks paste, read as their ASCII meaning. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  '\u2299': '.*', '\u2032': "'", '\u2212': '-', '\u2013': '-', '\u00b7': '*', '\u22c5': '*', '\u00d7': '*', '\u2217': '*', '\u2260': '!=', '\u2264': '<=', '\u2265': '>=',
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
      else if (/^[lr](?:floor|ceil)$/.test(name)) out.push({ kind: 'op', text: name, offset: start });
      else if (OP_COMMANDS.has(name)) out.push({ kind: 'op', text: OP_COMMANDS.get(name)!, offset: start });
      else if (SIZING.has(name)) {
        while (i < text.length && /\s/.test(text[i]!)) i++;
        const d = /^(?:\\[lr](?:floor|ceil)(?![A-Za-z])|\\[{}]|[()[\]|.])/.exec(text.slice(i, i + 8));
        if (!d) fail(`expected a delimiter after \\${name}`, i);
        i += d![0].length;
        if (d![0] === '.') continue;
        const opening = name === 'left' || name.endsWith('l') || (name !== 'right' && !name.endsWith('r') && d![0] !== ')');
        const t = d![0] === '|' ? (opening ? 'l|' : 'r|') : d![0].startsWith('\\') && d![0].length > 2 ? d![0].slice(1) : d![0];
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

const CLOSERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '\\{': '\\}', '{': '}', 'l|': 'r|', '|': '|', lfloor: 'rfloor', lceil: 'rceil' };

class LatexParser extends TokenParser<Token> {
  /** The indices of the sums (and the family definition) being read, innermost last. */
  private readonly bound: string[] = [];
  /** Names used as families, where a number subscript is a member: `z_1` is z[1] when `z_k` is written too. */
  private readonly families: ReadonlySet<string>;

  constructor(text: string, options: ParseOptions) {
    super(text, options, tokenize);
    const here = familiesIn(this.tokens, options.indices);
    this.families = options.families ? new Set([...options.families, ...here]) : here;
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
      const at = this.tok.offset;
      if (this.isOp('+')) {
        this.i++;
        const t = this.product();
        const left = e;
        e = this.shaped ? this.shapedAt(at, () => this.shaped!.plus(left, t)) : add(e, t);
      } else if (this.isOp('-')) {
        this.i++;
        const t = this.product();
        const left = e;
        e = this.shaped ? this.shapedAt(at, () => this.shaped!.plus(left, mul(num(-1), t))) : sub(e, t);
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
    const r = this.shaped;
    for (;;) {
      const at = this.tok.offset;
      const left = e;
      if (this.isOp('*')) {
        this.i++;
        const f = this.unary();
        e = r ? this.shapedAt(at, () => r.times(left, f)) : mul(e, f);
      } else if (this.isOp('.*')) {
        // `\odot`: the Hadamard product.
        this.i++;
        const f = this.unary();
        e = r ? this.shapedAt(at, () => r.hadamard(left, f)) : mul(e, f);
      } else if (this.isOp('/')) {
        this.i++;
        const f = this.unary();
        e = r ? this.shapedAt(at, () => r.divide(left, f)) : div(e, f);
      } else if (this.startsImplicitFactor()) {
        if (this.tok.kind === 'num') this.fail(`missing operator before number ${this.tok.text}`);
        // Through unary (no sign can start here), so the factor is noted where it was written.
        const f = this.unary();
        e = r ? this.shapedAt(at, () => r.times(left, f)) : mul(e, f);
      } else break;
    }
    return e;
  }

  /** How many tokens `^` and a transpose mark take here (`^T`, `^\\top`, `^\\intercal`, or the mark in braces); 0 if none. */
  private transposeMarkAfter(): number {
    const isMark = (t: Token | undefined): boolean =>
      t !== undefined && ((t.kind === 'letter' && t.text === 'T' && !this.shaped!.knows('T')) || (t.kind === 'cmd' && (t.text === 'top' || t.text === 'intercal')));
    const a = this.tokens[this.i + 1];
    if (isMark(a)) return 2;
    if (a && this.isOp('{', a) && isMark(this.tokens[this.i + 2]) && this.isOp('}', this.tokens[this.i + 3])) return 4;
    return 0;
  }

  protected power(): Expr {
    const first = this.tok;
    const isLetterE = (t: Token): boolean => t.kind === 'letter' && t.text === 'e';
    const base = this.primary();
    if (!this.isOp('^')) return base;
    const at = this.tok.offset;
    // Of a matrix only: `x^T` of a scalar x stays a power.
    const transposed = this.shaped && this.shapedAt(at, () => this.shaped!.shape(base)) !== null ? this.transposeMarkAfter() : 0;
    if (transposed) {
      // `W^{\top}`, `W^\top`, `W^T`, `W^{T}`: the transpose.
      this.i += transposed;
      return this.shapedAt(at, () => this.shaped!.transposed(base));
    }
    // A name took its layer superscript; after anything else `^{(2)}` is no power either.
    if (this.layerScript() !== undefined && !isLetterE(first)) this.fail('a layer superscript goes right after a name: a^{(2)}, W^{[l]}', at);
    this.i++;
    this.enter(at);
    const exponent = this.script('^');
    this.depth--;
    // `e^{u}` is exp(u); a parenthesised `\left(e^{1}\right)^{x}` stays a power.
    if (isLetterE(first) && base === call('exp', num(1))) return call('exp', exponent);
    if (this.shaped) return this.shapedAt(at, () => this.shaped!.power(base, exponent, false));
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
    if (open.text === 'lfloor' || open.text === 'lceil') return call(this.knownFunction(open.text.slice(1), open), e);
    return open.text === '|' || open.text === 'l|' ? call('abs', e) : e;
  }

  private primary(): Expr {
    const t = this.tok;
    if (t.kind === 'num') {
      const value = this.located(() => ratFromDecimal(t.text));
      this.i++;
      return num(value);
    }
    if (t.kind === 'letter') {
      const word = this.functionWord();
      if (word) {
        // `softplus(z)` typed without `\operatorname`: the function, never s*o*f*t*p*l*u*s*z.
        this.i += word.length;
        if (!this.isOp('(')) this.fail(`'${word}' is a function: write ${FUNCTIONS.has(word) ? `\\${word}` : `\\operatorname{${word}}`} x or ${word}(x), or put spaces between letters meant as a product`, t.offset);
        return this.application(FUNCTIONS.get(word) ?? word, t, word);
      }
      return this.nameOrCall();
    }
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
      let n: Expr | undefined;
      if (this.isOp('[')) {
        // `\sqrt[3]{x}` is the real cube root (as the printer writes cbrt), `\sqrt[n]{x}` nthRoot.
        this.i++;
        n = this.expression();
        this.take(']');
      }
      this.enter(t.offset);
      const radicand = this.script('\\sqrt');
      const cube = n?.kind === 'num' && n.value.n === 3n && n.value.d === 1n;
      const e = n === undefined ? call(this.knownFunction('sqrt', t), radicand) : cube ? call(this.knownFunction('cbrt', t), radicand) : call(this.knownFunction('nthRoot', t), radicand, n);
      this.depth--;
      return e;
    }
    if (c === 'operatorname') {
      this.i++;
      const name = this.braced(t);
      // `\operatorname{softmax}(Z)`, `\operatorname{sum}(A)`, `\operatorname{rowsum}(A)`: calls of shaped terms.
      const matrixFn = name === 'sum' ? SUM_ALL : name;
      if (this.shaped && MATRIX_CALLS.has(matrixFn) && this.isOp('(')) {
        const e = this.callArgs(matrixFn, t);
        return this.shapedAt(t.offset, () => this.shaped!.checked(e));
      }
      return this.application(this.functionNamed(name) ?? this.unknownFunction(name, t), t, `\\operatorname{${name}}`);
    }
    const fn = FUNCTIONS.get(c);
    if (fn === 'log' && this.isOp('_', this.tokens[this.i + 1])) return this.logToBase(t);
    if (fn) {
      this.i++;
      return this.application(fn, t, `\\${c}`);
    }
    if (c === 'partial') this.fail('\\partial outside a \\frac{\\partial ...}{\\partial ...}');
    this.fail(`unknown command \\${c}`);
  }

  /** `\log_{10} x` is log10, `\log_2 x` log2, `\log_b x` the two-argument log(x, b). */
  private logToBase(t: Token): Expr {
    this.i += 2;
    const base = this.script('_');
    const ten = base.kind === 'num' && base.value.d === 1n && base.value.n === 10n;
    const two = base.kind === 'num' && base.value.d === 1n && base.value.n === 2n;
    if (ten || two) return this.application(ten ? 'log10' : 'log2', t, ten ? '\\log_{10}' : '\\log_2');
    const e = this.application('log', t, '\\log_b');
    if (e.kind !== 'call' || e.fn !== 'log') this.fail('\\log_b takes its argument alone: write \\log_b\\left(x\\right)', t.offset);
    return call(this.knownFunction('log', t), e.args[0]!, base);
  }

  private unknownFunction(name: string, at: Token): never {
    const near = nearestName(name, [...this.functions]);
    this.fail(`unknown function '${name}'${near ? `; did you mean '${near}'?` : ''}`, at.offset, 'unknown-function');
  }

  private knownFunction(fn: string, at: Token): string {
    if (!this.functions.has(fn)) this.unknownFunction(fn, at);
    return fn;
  }

  /**
   * The function `\operatorname{name}` or `\mathrm{name}` names: itself, a textbook's spelling
   * (`arctan` is atan), or the one known function it is in other letter case (`ReLU` is relu).
   */
  private functionNamed(name: string): string | undefined {
    if (this.functions.has(name)) return name;
    const lower = name.toLowerCase();
    const alias = FUNCTION_ALIASES.get(lower);
    if (alias) return alias;
    const same = [...this.functions].filter((f) => f.toLowerCase() === lower);
    return same.length === 1 ? same[0] : undefined;
  }

  /**
   * `fn` applied, its head `at` written `shown`: `\log(1 - a_2)`, `\operatorname{f}\left(x, y\right)`,
   * or without parentheses (`\log a_2`, `\sin 2x`: see bareArgument). Before the argument,
   * `^2` is a power of the value (`\tanh^2 z` is tanh(z)^2), `^{-1}` the inverse function
   * (`\sin^{-1} x` is asin(x)), never a reciprocal; primes are the derivative (`\tanh'(z)`).
   */
  private application(fn: string, at: Token, shown: string): Expr {
    this.enter(at.offset);
    let primes = 0;
    while (this.isOp("'")) {
      this.i++;
      primes++;
    }
    let power: Expr | undefined;
    if (primes === 0 && this.isOp('^')) {
      const hat = this.tok;
      this.i++;
      const exponent = this.script('^');
      const n = exponent.kind === 'num' && exponent.value.d === 1n ? exponent.value.n : undefined;
      if (n === -1n) fn = this.inverseOf(fn, shown, at);
      else if (n !== undefined && n > 0n) power = exponent;
      else this.fail(`${shown}^{...} is read only as a whole power (${shown}^2 x) or the inverse (${shown}^{-1}); write \\left(${shown} x\\right)^{...}`, hat.offset);
    }
    // `\arcsin` is asin: a function by another name is named as written.
    const renamed = shown !== `\\${fn}` && shown !== `\\operatorname{${fn}}` && shown !== `\\mathrm{${fn}}`;
    if (renamed && !this.functions.has(fn)) this.fail(`${shown} is ${fn}, which is not a known function`, at.offset, 'unknown-function');
    const known = this.knownFunction(fn, at);
    let e = this.isOp('(') ? this.callArgs(known, at) : call(known, this.bareArgument(known, at, shown));
    if (primes > 0) e = this.derivativeAt(e as Expr & { kind: 'call' }, primes, shown + "'".repeat(primes), at);
    if (power) e = pow(e, power);
    this.depth--;
    return e;
  }

  /** `f^{-1}`: the inverse function, when it has one by name; else refused with both readings. */
  private inverseOf(fn: string, shown: string, at: Token): string {
    const inverse = INVERSES.get(fn);
    if (inverse === undefined) {
      const named = fn === 'sigmoid' ? '\\operatorname{logit}(z) for the inverse, ' : '';
      this.fail(`${shown}^{-1} could be the inverse of ${fn} or the reciprocal 1/${fn}: write ${named}\\frac{1}{...} for the reciprocal`, at.offset);
    }
    if (!this.functions.has(inverse)) this.fail(`${shown}^{-1} is ${inverse}, the inverse of ${fn}, which is not a known function`, at.offset, 'unknown-function');
    return inverse;
  }

  /**
   * `f'(z)`, the derivative of the one-argument function f at z: diff(f(z), z), as in ASCII
   * (`sigmoid'(z)`). Only at a name (or a member z[i]): diff(f(u), x) is not f'(u).
   */
  private derivativeAt(e: Expr & { kind: 'call' }, primes: number, shown: string, at: Token): Expr {
    if (e.args.length !== 1) this.fail(`${shown} is the derivative of a one-argument function; ${e.fn} has ${e.args.length} arguments here`, at.offset);
    const u = e.args[0]!;
    // `\sigma'(z_1)` of a matrix is σ′ entrywise.
    if (this.shaped && this.shapedAt(at.offset, () => this.shaped!.shape(u)) !== null) {
      if (primes !== 1) this.fail(`${shown} of a matrix: only a first derivative is read entrywise`, at.offset);
      return prime(e.fn, u);
    }
    if (!((u.kind === 'sym' && u.name !== 'pi') || isIndexed(u))) {
      this.fail(`${shown}(u) is read at a name: name the argument (let u = ...) and write ${shown}(u)`, at.offset);
    }
    let d: Expr = e;
    for (let k = 0; k < primes; k++) d = diff(d, u);
    return d;
  }

  /**
   * The argument of a function written without parentheses, as textbooks set it: one factor
   * (`\log a_2`, `\log \frac{a}{b}`, `\log x^2`), or constants and then one factor (`\sin 2x`,
   * `\sin 2\pi t` are sin(2x), sin(2πt)). It ends at an operator (`+ - = , \cdot /`), a closing
   * bracket, a number, and a command that is not a name: `\sin x \cos x` is sin(x)cos(x). A
   * further name or bracket after it (`\log xy`, `\sin x y`, `\log x (1 - x)`) could be inside
   * or outside the function: refused, with both readings.
   */
  private bareArgument(fn: string, at: Token, shown: string): Expr {
    if (this.tok.kind === 'end') this.fail(`${fn} needs an argument`, at.offset);
    const factors = [this.power()];
    while (this.continuesArgument()) factors.push(this.power());
    let k = 0;
    while (k < factors.length - 1 && isConstant(factors[k]!)) k++;
    if (k === factors.length - 1) return mul(...factors);
    // Both readings as written, factors in the user's order (a tree would sort them).
    const product = (fs: readonly Expr[]): string => fs.map((f) => (f.kind === 'add' ? `(${toAscii(f)})` : toAscii(f))).join('*');
    const inside = `${fn}(${factors.length === 1 ? toAscii(factors[0]!) : product(factors)})`;
    const outside = `${fn}(${product(factors.slice(0, k + 1))})*${product(factors.slice(k + 1))}`;
    const written = this.text.slice(at.offset, this.tok.offset).trim();
    this.fail(`ambiguous: ${written} could be ${inside} or ${outside}; write it with parentheses (${shown}(...))`, at.offset);
  }

  /**
   * A known function's name spelt by the letters at the cursor, written without a space between
   * them (`softplus`, `tanh`, `ln`), ending where the letters end; undefined otherwise. A product
   * of one-letter names is written with spaces or `\cdot` when its letters spell a function.
   */
  private functionWord(): string | undefined {
    let k = this.i;
    let word = '';
    while (this.tokens[k]?.kind === 'letter' && /^[A-Za-z]$/.test(this.tokens[k]!.text) && (k === this.i || this.tokens[k]!.offset === this.tokens[k - 1]!.offset + 1)) word += this.tokens[k++]!.text;
    if (word.length < 2) return undefined;
    const known = (w: string): boolean => this.functions.has(FUNCTIONS.get(w) ?? w) && (w.length >= 3 || FUNCTIONS.has(w));
    if (known(word)) return word;
    // `sinx`: a function's name run into its argument is refused, never s*i*n*x.
    for (let n = word.length - 1; n >= 3; n--) {
      const head = word.slice(0, n);
      if (known(head)) this.fail(`'${word}' starts with the function ${head}: write ${FUNCTIONS.has(head) ? `\\${head}` : `\\operatorname{${head}}`} ${word.slice(n)}, or put spaces between letters meant as a product`, this.tok.offset);
    }
    return undefined;
  }

  /** Whether a name or a bracket follows, written right after a function's bare argument. */
  private continuesArgument(): boolean {
    const t = this.tok;
    if (t.kind === 'letter') return !this.functionAhead();
    if (t.kind === 'cmd') return (GREEK.has(t.text) || NAME_COMMANDS.has(t.text)) && !this.functionAhead();
    return t.kind === 'op' && ['(', '[', '{', '\\{', 'l|'].includes(t.text);
  }

  /**
   * The function a name at the cursor is, when it is used as one: `\sigma(z)`, `\sigma'(z)`,
   * `\sigma^2(z)` (sigmoid), `\mathrm{ReLU}(z)`; a call follows it, after primes or a `^`.
   * A `\mathrm{word}` of three or more letters before a call that is no known function is an error.
   */
  private functionAhead(): { fn: string; shown: string; next: number } | undefined {
    const t = this.tok;
    let k = this.i + 1;
    let fn: string | undefined;
    let shown: string;
    if ((t.kind === 'cmd' && t.text === 'sigma') || (t.kind === 'letter' && t.text === 'σ')) {
      fn = 'sigmoid';
      shown = t.kind === 'cmd' ? '\\sigma' : 'σ';
    } else if (t.kind === 'cmd' && NAME_COMMANDS.has(t.text) && this.isOp('{', this.tokens[k])) {
      while (k < this.tokens.length && !this.isOp('}', this.tokens[k])) k++;
      k++;
      const word = this.text.slice(this.tokens[this.i + 1]!.offset + 1, this.tokens[k - 1]?.offset ?? 0).replace(/\\_/g, '_').replace(/\s+/g, '');
      if (!/^[A-Za-z_]{3,}$/.test(word)) return undefined;
      fn = word;
      shown = `\\${t.text}{${word}}`;
    } else return undefined;
    const next = k;
    while (this.isOp("'", this.tokens[k])) k++;
    if (this.isOp('^', this.tokens[k])) {
      k++;
      if (this.isOp('{', this.tokens[k])) {
        let level = 0;
        for (; k < this.tokens.length; k++) {
          if (this.isOp('{', this.tokens[k])) level++;
          else if (this.isOp('}', this.tokens[k]) && --level === 0) break;
        }
      }
      k++;
    }
    if (!this.isOp('(', this.tokens[k])) return undefined;
    return { fn, shown, next };
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
    const stem = this.stem();
    let name = stem;
    let layer: string | undefined;
    for (let n = 0; n < 2; n++) {
      if (this.isOp('_') && name === stem) {
        this.i++;
        name += this.subscript();
      } else if (layer === undefined && stem !== 'e' && this.layerScript()) layer = this.layer();
    }
    if (layer !== undefined) name += `${LAYER}${layer}`;
    while (this.isOp("'")) {
      this.i++;
      name += "'";
    }
    return name;
  }

  /**
   * Whether `^{(...)}` or `^{[...]}` follows: a layer superscript (Nielsen's `a^{(l)}`, Ng's
   * `W^{[2]}`), never a power. The index of the token after it, or undefined.
   */
  private layerScript(k = this.i): number | undefined {
    const t = this.tokens;
    if (!this.isOp('^', t[k]) || !this.isOp('{', t[k + 1]) || !(this.isOp('(', t[k + 2]) || this.isOp('[', t[k + 2]))) return undefined;
    const close = this.isOp('(', t[k + 2]) ? ')' : ']';
    let level = 0;
    for (let j = k + 2; j < t.length; j++) {
      if (this.isOp(t[k + 2]!.text, t[j])) level++;
      else if (this.isOp(close, t[j]) && --level === 0) return this.isOp('}', t[j + 1]) ? j + 2 : undefined;
    }
    return undefined;
  }

  /** The layer of `^{(l)}`, `^{[2]}`, `^{(\ell)}`: a number or a one-letter name; anything else is refused. */
  private layer(): string {
    const at = this.tok;
    const end = this.layerScript()!;
    const inner = this.tokens.slice(this.i + 3, end - 2);
    const t = inner[0];
    const one = inner.length === 1 ? t : undefined;
    let layer: string | undefined;
    if (one?.kind === 'num' && /^\d+$/.test(one.text)) layer = one.text;
    else if (one?.kind === 'letter' && /^[A-Za-z]$/.test(one.text)) layer = one.text;
    else if (one?.kind === 'cmd' && one.text === 'ell') layer = 'l';
    if (layer === undefined) {
      this.fail('a superscript in brackets is a layer, a number or a one-letter name (a^{(2)}, W^{[l]}); write a power as x^{n - 1}', at.offset);
    }
    this.i = end;
    return layer!;
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
      // In a family, `z_1` is the member z[1]; elsewhere the name z1.
      if (t.kind === 'num' && /^\d$/.test(t.text) && this.families.has(family)) {
        this.i++;
        return indexed(family, num(Number(t.text)));
      }
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
    const number = index.kind === 'num' && index.value.d === 1n && index.value.n >= 0n && this.families.has(family);
    return explicit || number || this.isIndexExpression(index) ? indexed(family, index) : undefined;
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
    // `\sigma(z)`, `\mathrm{ReLU}(z)`: a name before a call is the function, read like the ASCII name before `(`.
    const ahead = this.functionAhead();
    if (ahead) {
      const fn = ahead.fn === 'sigmoid' ? ahead.fn : (this.functionNamed(ahead.fn) ?? this.unknownFunction(ahead.fn, t));
      this.i = ahead.next;
      return this.application(fn, t, ahead.shown);
    }
    const member = this.member();
    if (member) return member;
    const name = this.name();
    if (name === 'e') return call('exp', num(1));
    if (this.shaped) return this.shaped.leaf(name === 'π' ? 'pi' : name);
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

/**
 * The names an input uses as families: `z_k` or `z_{k+1}` with k an index (declared, or bound
 * by a `\sum_{k=...}` anywhere in it), and `z_{[e]}`. In them a number subscript is a member.
 */
function familiesIn(tokens: readonly Token[], declared?: ReadonlySet<string>): Set<string> {
  const op = (t: Token | undefined, text: string): boolean => t?.kind === 'op' && t.text === text;
  const indices = new Set(declared);
  tokens.forEach((t, j) => {
    if (t.kind === 'cmd' && t.text === 'sum' && op(tokens[j + 1], '_') && op(tokens[j + 2], '{') && tokens[j + 3]?.kind === 'letter' && op(tokens[j + 4], '=')) {
      indices.add(tokens[j + 3]!.text);
    }
  });
  const out = new Set<string>();
  const isIndex = (t: Token | undefined): boolean => t?.kind === 'letter' && indices.has(t.text);
  tokens.forEach((t, j) => {
    if (!(t.kind === 'letter' || (t.kind === 'cmd' && GREEK.has(t.text) && t.text !== 'delta')) || !op(tokens[j + 1], '_')) return;
    const [a, b, c] = [tokens[j + 2], tokens[j + 3], tokens[j + 4]];
    if (isIndex(a) || (op(a, '{') && (op(b, '[') || (isIndex(b) && (op(c, '}') || op(c, '+') || op(c, '-')))))) out.add(t.text);
  });
  return out;
}

/** The families the LaTeX texts use (see familiesIn); a text that does not read is passed over here. */
export function latexFamilies(texts: readonly string[], indices?: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const text of texts) {
    try {
      for (const f of familiesIn(tokenize(text), indices)) out.add(f);
    } catch (err) {
      if (!(err instanceof GradproofError)) throw err;
    }
  }
  return out;
}

/**
 * A variable as LaTeX writes it (`z_2`, `z_i`, `a^{(2)}`), as the name or member `wrt` takes
 * (`z2`, `z[i]`, `a__2`); undefined for anything else. A plain name or member (`z2`, `z[i]`) is itself.
 */
export function parseLatexVariable(text: string, options: ParseOptions = {}): string | undefined {
  // Without `_` (LaTeX's subscript), but for the layer's `__`.
  if (/^\s*[A-Za-z][A-Za-z0-9]*(__[A-Za-z0-9]+)?\s*(\[\s*([A-Za-z][A-Za-z0-9]*|\d+)\s*\]\s*)?$/.test(text)) return text.replace(/\s+/g, '');
  const e = parseLatex(text, options);
  if (e.kind === 'sym' && e.name !== 'pi') return e.name;
  // A name declared with a shape reads as its leaf mat(W1, n1, n0): the variable is W1.
  if (isMatSym(e)) return matName(e);
  if (!isIndexed(e)) return undefined;
  const [family, index] = e.args as [Expr & { kind: 'sym' }, Expr];
  if (index.kind === 'sym') return `${family.name}[${index.name}]`;
  return index.kind === 'num' && index.value.d === 1n && index.value.n >= 0n ? `${family.name}[${index.value.n}]` : undefined;
}

/** A member `a[k]` with a plain name for its index: the head of a family's definition. */
const isFamilyHead = (e: Expr): boolean => e.kind === 'call' && e.fn === 'at' && e.args[1]!.kind === 'sym';

/** A factor without a variable, which a function's bare argument may start with: `2`, `\pi`, `e`, `\frac{1}{2}`. */
function isConstant(e: Expr): boolean {
  if (e.kind === 'num') return true;
  if (e.kind === 'sym') return e.name === 'pi';
  if (e.kind === 'call') return e.fn === 'exp' && e.args.length === 1 && isConstant(e.args[0]!);
  return e.args.every(isConstant);
}
