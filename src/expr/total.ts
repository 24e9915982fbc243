/**
 * Whether a term is defined at every real point: what a constructor may erase (`0*u` is 0
 * and `u^0` is 1 only for such a `u`). Syntactic and conservative: `false` means "not known
 * to be", never "undefined somewhere". Pure, no memo; it imports only types and the function
 * registry (which imports nothing of the expression core), so the constructors in node.ts can use it.
 */
import type { Expr } from './node.js';
import { namesWhere } from './registry/index.js';

/**
 * Functions defined on all reals (with defined arguments): the registry's total ones, and index
 * notation's. The kernel keeps its own list (src/kernel/term.ts); a test checks the two agree.
 * A user's `def` is in neither: not known to be total.
 */
export const TOTAL_FUNCTIONS: ReadonlySet<string> = new Set([...namesWhere((f) => f.total || f.smooth), 'at', 'list']);

/** Those among them that are differentiable everywhere (a derivative of them is defined everywhere). */
export const SMOOTH_FUNCTIONS: ReadonlySet<string> = new Set([...namesWhere((f) => f.smooth), 'at']);

/**
 * Those continuous wherever defined, on an open domain: the smooth ones, the kinked ones, log.
 * The kernel keeps its own list (src/kernel/replay.ts); a test checks the two agree.
 */
export const CONTINUOUS_FUNCTIONS: ReadonlySet<string> = new Set([...namesWhere((f) => f.smooth || f.continuous), 'at']);

/**
 * Whether `e` cannot jump: numbers, names, sums, products, integer powers and calls of
 * CONTINUOUS_FUNCTIONS only. Then `e != 0` at a point holds on a neighbourhood of it (what
 * the rule "a piecewise function differentiates branch by branch" needs of its switch).
 * Names stand for themselves: open the definitions first. Syntactic: `false` is "not known".
 */
export function isContinuousWhereDefined(e: Expr, seen = new Set<Expr>()): boolean {
  if (e.kind === 'num' || e.kind === 'sym' || seen.has(e)) return true;
  if (e.kind === 'pow' && !(e.args[1].kind === 'num' && e.args[1].value.d === 1n)) return false;
  if (e.kind === 'call' && !CONTINUOUS_FUNCTIONS.has(e.fn)) return false;
  seen.add(e);
  return e.args.every((a) => isContinuousWhereDefined(a, seen));
}

/** Comparisons that together cover every point: `p > q` and `p <= q`, `p < q` and `p >= q`. */
const COMPLEMENT: Readonly<Record<string, string>> = { gt: 'le', le: 'gt', lt: 'ge', ge: 'lt' };

/** Whether `e` is defined at every real point of its free names (names are always defined). */
export function isDefinedEverywhere(e: Expr): boolean {
  return everywhere(e, false, new Set());
}

/** `seen`: nodes already found to be so, within this one question (a DAG is walked once). */
function everywhere(e: Expr, smooth: boolean, seen: Set<Expr>): boolean {
  if (e.kind === 'num' || e.kind === 'sym' || seen.has(e)) return true;
  const out = definedGivenOperands(e, smooth, seen) && e.args.every((a) => everywhere(a, smooth, seen));
  if (out) seen.add(e);
  return out;
}

/**
 * Whether `e` is defined (with `smooth`, differentiable) wherever its operands are: a natural
 * power or a power of a positive base, a call of a total function, `log`/`sqrt` of a positive
 * form, a sum, the derivative of what is smooth everywhere, a piecewise covering every point.
 * What is not gets the condition "e is defined" when a step drops it (expr/defined.ts).
 */
export function definedGivenOperands(e: Expr, smooth = false, seen = new Set<Expr>()): boolean {
  if (e.kind === 'pow') {
    const [b, x] = e.args;
    // A positive base has every real power; another base only its natural powers.
    return (x.kind === 'num' && x.value.d === 1n && x.value.n >= 0n) || isPositiveForm(b);
  }
  if (e.kind !== 'call') return true;
  if ((smooth ? SMOOTH_FUNCTIONS : TOTAL_FUNCTIONS).has(e.fn)) return true;
  if ((e.fn === 'log' || e.fn === 'sqrt') && e.args.length === 1) return isPositiveForm(e.args[0]!);
  // The derivative of a differentiable term; a nested one asks for differentiability only.
  // A name may stand for anything (a defined name's derivative may not exist): only x itself and pi.
  if (e.fn === 'diff' && e.args.length === 2) return everywhere(e.args[0]!, true, smooth ? seen : new Set()) && ownNames(e.args[0]!, e.args[1]!);
  if (e.fn === 'sum' && e.args.length === 4) return true;
  return e.fn === 'piecewise' && !smooth && coveringBranches(e);
}

/**
 * Smooth on the open set where its own condition holds: `log(u)` (u > 0), `u^-2` (u != 0),
 * `u^(-1/2)` and `u^v` (u > 0). A derivative of a term built of these and of smooth pieces is
 * defined wherever their conditions hold; `sqrt(u)` at 0, `relu` or `u^(1/3)` at 0 are not so.
 */
export function smoothWhereDefined(e: Expr): boolean {
  if (definedGivenOperands(e, true)) return true;
  if (e.kind === 'call') return e.fn === 'log' && e.args.length === 1;
  if (e.kind !== 'pow') return false;
  const [b, x] = e.args;
  return x.kind === 'num' ? x.value.d === 1n || x.value.n < 0n : b.kind !== 'num';
}

/** `piecewise(p op q, u, p op' q, v)` whose two conditions cover every point. */
function coveringBranches(e: Expr & { kind: 'call' }): boolean {
  if (e.args.length !== 4) return false;
  const c1 = e.args[0]!;
  const c2 = e.args[2]!;
  if (c1.kind !== 'call' || c2.kind !== 'call' || c1.args.length !== 2 || c2.args.length !== 2) return false;
  return COMPLEMENT[c1.fn] === c2.fn && c1.args[0] === c2.args[0] && c1.args[1] === c2.args[1];
}

/** Positive wherever defined, by its form: a positive number, pi, exp and sigmoid, sums and products of those. */
export function isPositiveForm(e: Expr): boolean {
  switch (e.kind) {
    case 'num':
      return e.value.n > 0n;
    case 'sym':
      return e.name === 'pi';
    case 'add':
    case 'mul':
      return e.args.every(isPositiveForm);
    case 'pow':
      return isPositiveForm(e.args[0]);
    case 'call':
      return (e.fn === 'exp' || e.fn === 'sigmoid' || e.fn === 'cosh' || e.fn === 'softplus') && e.args.length === 1;
  }
}

/** Whether the only names in `u` are `x` and pi. */
function ownNames(u: Expr, x: Expr): boolean {
  return u.kind === 'sym' ? u === x || u.name === 'pi' : u.kind === 'num' || u.args.every((a) => ownNames(a, x));
}
