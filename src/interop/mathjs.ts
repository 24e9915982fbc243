/**
 * Conversion between gradproof expressions and mathjs expression trees. gradproof does not
 * depend on mathjs at run time: `fromMathjs` reads a node by its fields, and `toMathjs` asks
 * the caller's mathjs instance to parse gradproof's ASCII text, which is mathjs syntax.
 */
import { type Expr, add, call, div, mul, neg, num, pow, sub, sym } from '../expr/node.js';
import { ratFromDecimal } from '../expr/rational.js';
import { GradproofError } from '../expr/errors.js';
import { toAscii } from '../expr/print.js';
import { BUILTIN_FUNCTIONS, parse } from '../parse/ascii.js';
import { functionSpec, takesArguments } from '../expr/registry/index.js';

/** The fields of a mathjs node that gradproof reads; every mathjs `MathNode` has this shape. */
export interface MathjsNode {
  readonly type: string;
  /** ConstantNode. */
  readonly value?: unknown;
  /** SymbolNode. */
  readonly name?: string;
  /** OperatorNode: `op` is `+`, `fn` is `add`; FunctionNode: `fn` is a SymbolNode. */
  readonly op?: string;
  readonly fn?: string | MathjsNode;
  readonly args?: readonly MathjsNode[];
  /** ParenthesisNode. */
  readonly content?: MathjsNode;
  /** ConditionalNode: `condition ? trueExpr : falseExpr`. */
  readonly condition?: MathjsNode;
  readonly trueExpr?: MathjsNode;
  readonly falseExpr?: MathjsNode;
}

/** Options of `fromMathjs`: which function names to keep as calls. */
export interface FromMathjsOptions {
  /** Functions kept as calls by name (a rule set's `functions`); the built-in ones by default. */
  readonly functions?: ReadonlySet<string>;
}

const COMPARISONS: Readonly<Record<string, string>> = { larger: 'gt', smaller: 'lt', largerEq: 'ge', smallerEq: 'le' };
const NEGATED: Readonly<Record<string, string>> = { gt: 'le', lt: 'ge', ge: 'lt', le: 'gt' };

/** `e^u` is exp(u), as gradproof reads it. */
const power = (a: Expr, b: Expr): Expr => (a === call('exp', num(1)) ? call('exp', b) : pow(a, b));

/** mathjs functions that gradproof writes in its own functions. */
const REWRITTEN: Readonly<Record<string, (xs: readonly Expr[]) => Expr | undefined>> = {
  log: ([x, b, ...rest]) => (rest.length || !x ? undefined : b ? div(call('log', x), call('log', b)) : call('log', x)),
  log10: ([x, ...rest]) => (rest.length || !x ? undefined : div(call('log', x), call('log', num(10)))),
  log2: ([x, ...rest]) => (rest.length || !x ? undefined : div(call('log', x), call('log', num(2)))),
  log1p: ([x, ...rest]) => (rest.length || !x ? undefined : call('log', add(num(1), x))),
  expm1: ([x, ...rest]) => (rest.length || !x ? undefined : sub(call('exp', x), num(1))),
  square: ([x, ...rest]) => (rest.length || !x ? undefined : pow(x, num(2))),
  cube: ([x, ...rest]) => (rest.length || !x ? undefined : pow(x, num(3))),
  cbrt: ([x, ...rest]) => (rest.length || !x ? undefined : pow(x, div(num(1), num(3)))),
  nthRoot: ([x, n, ...rest]) => (rest.length || !x || !n ? undefined : pow(x, pow(n, num(-1)))),
  pow: ([a, b, ...rest]) => (rest.length || !a || !b ? undefined : power(a, b)),
  tan: ([x, ...rest]) => (rest.length || !x ? undefined : div(call('sin', x), call('cos', x))),
  cot: ([x, ...rest]) => (rest.length || !x ? undefined : div(call('cos', x), call('sin', x))),
  sec: ([x, ...rest]) => (rest.length || !x ? undefined : pow(call('cos', x), num(-1))),
  csc: ([x, ...rest]) => (rest.length || !x ? undefined : pow(call('sin', x), num(-1))),
  sech: ([x, ...rest]) => (rest.length || !x ? undefined : pow(call('cosh', x), num(-1))),
  csch: ([x, ...rest]) => (rest.length || !x ? undefined : pow(call('sinh', x), num(-1))),
  coth: ([x, ...rest]) => (rest.length || !x ? undefined : div(call('cosh', x), call('sinh', x))),
};

/** mathjs operators (by `fn`), and functions of the same names. */
const OPERATORS: Readonly<Record<string, (xs: readonly Expr[]) => Expr | undefined>> = {
  add: (xs) => (xs.length ? add(...xs) : undefined),
  multiply: (xs) => (xs.length ? mul(...xs) : undefined),
  subtract: ([a, b, ...rest]) => (rest.length || !a || !b ? undefined : sub(a, b)),
  divide: ([a, b, ...rest]) => (rest.length || !a || !b ? undefined : div(a, b)),
  pow: ([a, b, ...rest]) => (rest.length || !a || !b ? undefined : power(a, b)),
  unaryMinus: ([a, ...rest]) => (rest.length || !a ? undefined : neg(a)),
  unaryPlus: ([a, ...rest]) => (rest.length || !a ? undefined : a),
};

/**
 * Reads a mathjs node tree as a gradproof expression.
 *
 * mathjs functions gradproof lacks are written in its own (`sech(x)` is `1/cosh(x)`,
 * `log(x, 2)` is `log(x)/log(2)`); anything else without a counterpart is a GradproofError.
 * @example
 * toAscii(fromMathjs(math.derivative('x^2*log(x)', 'x'))); // 'x*(2*log(x) + 1)'
 */
export function fromMathjs(node: MathjsNode, options: FromMathjsOptions = {}): Expr {
  const functions = options.functions ?? BUILTIN_FUNCTIONS;
  const go = (n: MathjsNode): Expr => {
    switch (n.type) {
      case 'ConstantNode':
        return constant(n.value);
      case 'SymbolNode':
        return symbol(n.name ?? '');
      case 'ParenthesisNode':
        if (!n.content) break;
        return go(n.content);
      case 'OperatorNode': {
        const fn = typeof n.fn === 'string' ? n.fn : '';
        const args = (n.args ?? []).map(go);
        const cmp = COMPARISONS[fn];
        if (cmp && args.length === 2) return call(cmp, ...args);
        const built = OPERATORS[fn]?.(args);
        if (built) return built;
        throw new GradproofError('syntax', `mathjs operator '${n.op ?? fn}' has no gradproof counterpart`);
      }
      case 'FunctionNode': {
        const name = typeof n.fn === 'object' && n.fn.type === 'SymbolNode' ? (n.fn.name ?? '') : '';
        if (!name) throw new GradproofError('syntax', 'a mathjs call of something that is not a function name has no gradproof counterpart');
        const args = (n.args ?? []).map(go);
        // A function gradproof knows with these arguments stays a call; others are written in its own functions.
        const spec = functionSpec(name);
        if (functions.has(name) && !OPERATORS[name] && (spec ? takesArguments(spec.arity, args.length) : true)) return call(name, ...args);
        const built = (REWRITTEN[name] ?? OPERATORS[name])?.(args);
        if (built) return built;
        throw new GradproofError('unknown-function', `mathjs function '${name}' (with ${args.length} argument${args.length === 1 ? '' : 's'}) has no gradproof counterpart`);
      }
      case 'ConditionalNode': {
        if (!n.condition || !n.trueExpr || !n.falseExpr) break;
        const c = go(n.condition);
        const otherwise = c.kind === 'call' ? NEGATED[c.fn] : undefined;
        if (!otherwise) throw new GradproofError('syntax', 'a mathjs condition that is not one comparison has no gradproof counterpart');
        return call('piecewise', c, go(n.trueExpr), call(otherwise, ...c.args), go(n.falseExpr));
      }
    }
    throw new GradproofError('syntax', `a mathjs ${n.type} has no gradproof counterpart`);
  };
  return go(node);
}

/** A number, exactly as written: the double 0.1 is the rational 1/10. */
function constant(value: unknown): Expr {
  const text = typeof value === 'number' || typeof value === 'bigint' ? String(value) : isBigNumber(value) ? value.toString() : undefined;
  if (text === undefined) throw new GradproofError('syntax', `a mathjs constant ${JSON.stringify(String(value))} is not a number`);
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  if (!/^\d*\.?\d*(e[+-]?\d+)?$/i.test(digits) || !/\d/.test(digits)) throw new GradproofError('syntax', `the mathjs constant ${text} is not a finite number`);
  const r = num(ratFromDecimal(digits));
  return negative ? neg(r) : r;
}

function isBigNumber(v: unknown): v is { isBigNumber: true; toString(): string } {
  return typeof v === 'object' && v !== null && (v as { isBigNumber?: unknown }).isBigNumber === true;
}

/** mathjs's constants by their gradproof forms; other names are variables. */
function symbol(name: string): Expr {
  if (name === 'pi' || name === 'PI') return sym('pi');
  if (name === 'e' || name === 'E') return call('exp', num(1));
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new GradproofError('syntax', `the mathjs symbol '${name}' is not a gradproof name`);
  return sym(name);
}

/** What `toMathjs` needs of mathjs: its `parse`, typed as mathjs types it (one text, or many). */
export interface MathjsParser<N> {
  readonly parse: { (text: string): N; (texts: string[]): N[] };
}

/**
 * Writes a gradproof expression (or ASCII text) as a mathjs node tree, built by the caller's mathjs.
 *
 * gradproof does not load mathjs itself: the instance is passed in. Functions mathjs does
 * not know (`sigmoid`) stay calls by name; open them first to have mathjs evaluate them.
 * @example
 * toMathjs('a2*(1 - a2)', math).evaluate({ a2: 0.25 }); // 0.1875
 */
export function toMathjs<N>(expr: Expr | string, math: MathjsParser<N>): N {
  return math.parse(toAscii(typeof expr === 'string' ? parse(expr, { source: 'expression' }) : expr));
}
