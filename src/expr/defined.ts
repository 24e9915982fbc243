/**
 * Where a term is defined: the conditions every partial piece of it puts on its arguments.
 * A step that makes a subterm disappear must state them, or it would erase where the
 * subterm was undefined (`0*log(x) = 0` holds for x > 0, `(x^-1)^-1 = x` for x != 0).
 * Pure, no memo.
 *
 * - a denominator `u` (a negative integer power of u): `u != 0`;
 * - `log(u)`: `u > 0`;
 * - `sqrt(u)`, and `u^(p/q)` with q even: `u >= 0`;
 * - `u^(p/q)` with p/q negative and not an integer, and `u^v` with v symbolic: `u > 0`
 *   (for a number u that is not positive, the power itself: `(-1)^k` is defined for an integer k only);
 * - `piecewise(p > q, u, p < q, v)` (a derivative's two sides of a kink): `p - q != 0`;
 * - any other term not defined wherever its operands are (`definedGivenOperands`: a call of
 *   a user's `def`, `asin`, `log(x, b)`, a derivative of what is not smooth wherever it is
 *   defined (`diff(relu(x), x)`, not `diff(log(x), x)`), a piecewise not
 *   covering every point, `(-1)^k`): the term itself is defined.
 * Conditions on a positive constant (`1/2`, `log(pi)`) are true and left out; a condition
 * on another number stays, so that `0/0` or `log(-1)` shows as impossible.
 */
import { type Expr, add, mul, num } from './node.js';
import { definedGivenOperands, isDefinedEverywhere, isPositiveForm, smoothWhereDefined } from './total.js';
import { isPositiveConstant, nodes } from './traverse.js';
import type { FunctionDefs } from './functions.js';

export { isDefinedEverywhere };

/** A condition: `nonzero(u)` is `u != 0`, `positive(u)` is `u > 0`, `nonnegative(u)` is `u >= 0`, `defined(u)` is "u is defined". */
export interface Definedness {
  readonly kind: 'nonzero' | 'positive' | 'nonnegative' | 'defined';
  readonly expr: Expr;
}

/** Defined functions by name, with their number of parameters, whose call is defined wherever its arguments are. */
export type TotalCalls = ReadonlyMap<string, number>;

const TOTAL_CALLS = new WeakMap<FunctionDefs, TotalCalls>();

/**
 * The defined functions whose body, over their parameters, needs nothing (`def gauss(u) =
 * exp(-u^2)`): a call of one with as many arguments is defined wherever they are, as the
 * kernel also judges. One that needs something (`def f(u) = log(u)`) is not.
 */
export function totalByDefinition(functions: FunctionDefs): TotalCalls {
  let out = TOTAL_CALLS.get(functions);
  if (!out) {
    out = new Map([...functions].filter(([, d]) => definednessConditions(d.body).length === 0).map(([name, d]) => [name, d.params.length]));
    TOTAL_CALLS.set(functions, out);
  }
  return out;
}

/** Whether `e` is a call of one of the `total` defined functions, with as many arguments as it has parameters. */
export const isTotalCall = (e: Expr, total: TotalCalls | undefined): boolean => e.kind === 'call' && total?.get(e.fn) === e.args.length;

/** The conditions under which `e` is defined, each once, in the order met (outside in); `total`: defined functions known defined wherever their arguments are. */
export function definednessConditions(e: Expr, total?: TotalCalls): Definedness[] {
  const out: Definedness[] = [];
  const keys = new Set<string>();
  const put = (kind: Definedness['kind'], u: Expr): void => {
    if ((kind !== 'defined' && isPositiveConstant(u)) || (kind === 'nonnegative' && u.kind === 'num' && u.value.n >= 0n)) return;
    const key = `${kind}:${u.id}`;
    if (keys.has(key)) return;
    keys.add(key);
    out.push({ kind, expr: u });
  };
  const seen = new Set<Expr>();
  // Inside sum(k, ...) a condition may name the index: `y[k] != 0` is asked of every k.
  const walk = (n: Expr): void => {
    if (n.kind === 'num' || n.kind === 'sym' || seen.has(n)) return;
    seen.add(n);
    if (n.kind === 'pow') {
      // A number to a symbolic power: (-1)^k is defined for an integer k only, so it is asked of the power.
      const [b, x] = n.args;
      if (x.kind === 'num') {
        const v = x.value;
        if (v.d === 1n) {
          if (v.n < 0n) put('nonzero', b);
        } else if (v.n < 0n) put('positive', b);
        else if (v.d % 2n === 0n) put('nonnegative', b);
      } else if (b.kind !== 'num') {
        if (!isPositiveForm(b)) put('positive', b);
      } else if (!definedGivenOperands(n)) put('defined', n);
    } else if (n.kind === 'call' && n.args.length === 1 && (n.fn === 'log' || n.fn === 'sqrt')) {
      put(n.fn === 'log' ? 'positive' : 'nonnegative', n.args[0]!);
    } else if (n.kind === 'call' && n.fn === 'piecewise') {
      const kink = kinkOf(n);
      if (kink) put('nonzero', kink);
      else if (!definedGivenOperands(n)) put('defined', n);
    } else if (n.kind === 'call' && n.fn === 'diff' && n.args.length === 2) {
      // Where each piece's own condition holds, pieces smooth there make the derivative defined.
      // A name other than x may stand for anything whose derivative does not exist everywhere.
      if (!nodes(n.args[0]!).every((m) => smoothWhereDefined(m) && (m.kind !== 'sym' || m === n.args[1] || m.name === 'pi'))) put('defined', n);
    } else if (!definedGivenOperands(n) && !isTotalCall(n, total)) put('defined', n);
    for (const a of n.args) walk(a);
  };
  walk(e);
  return out;
}

/** `p - q` of `piecewise(p > q, u, p < q, v)` (either order): where neither branch is chosen. */
function kinkOf(e: Expr & { kind: 'call' }): Expr | undefined {
  if (e.args.length !== 4) return undefined;
  const c1 = e.args[0]!;
  const c2 = e.args[2]!;
  if (c1.kind !== 'call' || c2.kind !== 'call' || c1.args.length !== 2 || c2.args.length !== 2) return undefined;
  const strict = (c1.fn === 'gt' && c2.fn === 'lt') || (c1.fn === 'lt' && c2.fn === 'gt');
  if (!strict || c1.args[0] !== c2.args[0] || c1.args[1] !== c2.args[1]) return undefined;
  return add(c1.args[0]!, mul(num(-1), c1.args[1]!));
}

/**
 * The conditions of `from` that `to` does not have: what a step from `from` to `to` must
 * state, since the subterms that carried them are gone.
 */
export function lostDefinedness(from: Expr, to: Expr, total?: TotalCalls): Definedness[] {
  const kept = new Set(definednessConditions(to, total).map((c) => `${c.kind}:${c.expr.id}`));
  return definednessConditions(from, total).filter((c) => !kept.has(`${c.kind}:${c.expr.id}`));
}

/** Whether a condition is on a number, and false there: `0 != 0`, `-1 > 0`. Then the term is undefined everywhere. */
export function isImpossible(c: Definedness): boolean {
  if (c.expr.kind !== 'num' || c.kind === 'defined') return false;
  const n = c.expr.value.n;
  return c.kind === 'nonzero' ? n === 0n : c.kind === 'positive' ? n <= 0n : n < 0n;
}

/**
 * `conditions`, with each condition of `lostDefinedness(from, to)` they do not state
 * already. A stated `u > 0` states `u != 0` and `u >= 0`; a nonzero condition counts up to
 * sign when `sameUpToSign` says so (`a2 - 1 != 0` states `1 - a2 != 0`).
 */
export function withLostDefinedness<C extends Definedness>(
  conditions: readonly C[],
  from: Expr,
  to: Expr,
  sameUpToSign: (a: Expr, b: Expr) => boolean = () => false,
  total?: TotalCalls,
): readonly (C | Definedness)[] {
  const covered = (c: Definedness): boolean =>
    conditions.some((r) => (r.kind === c.kind || (r.kind === 'positive' && c.kind !== 'defined')) && (r.expr === c.expr || (c.kind === 'nonzero' && sameUpToSign(r.expr, c.expr))));
  const missing = lostDefinedness(from, to, total).filter((c) => !covered(c));
  return missing.length ? [...conditions, ...missing] : conditions;
}

/**
 * Whether a condition holds wherever its own expression is defined, so that stating it adds
 * nothing: `1/x != 0` (a negative power is never zero). A step still records it (the
 * checker asks for every denominator); a list shown to people leaves it out.
 */
export function holdsWhereDefined(c: Definedness): boolean {
  const e = c.expr;
  return c.kind === 'nonzero' && e.kind === 'pow' && e.args[1].kind === 'num' && e.args[1].value.n < 0n;
}
