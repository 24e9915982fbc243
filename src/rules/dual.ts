/**
 * High-precision values with exact derivatives, for checking rules as they load: each
 * `diff(F, x)` is F's derivative by forward-mode differentiation over decimals (a value and
 * its derivative carried together through every operation), not a difference quotient,
 * so it is right even where F is flat to the working precision (erf at 57). The functions'
 * derivatives are written here once, independently of `rules/`. At a kink (a comparison
 * between equal values, abs or relu at 0) the derivative is undefined (NaN).
 */
import type { Decimal } from 'decimal.js';
import type { Expr } from '../expr/node.js';
import { NotPrecise, preciseFunctions } from '../expr/precise.js';

interface Dual {
  readonly v: Decimal;
  readonly d: Decimal;
}

type Setup = ReturnType<typeof preciseFunctions>;
const SETUPS = new Map<number, Setup>();

/**
 * The value of `e` at `point` with `digits` digits (`diff` nodes by exact differentiation),
 * and its scale: the largest magnitude among the terms of any sum computed on the way (and
 * the arguments of sin and cos), so that a result whose digits all cancelled can be told
 * from a small one: its error is about 10^-digits times the scale, not times itself.
 */
export function dualValue(e: Expr, point: Readonly<Record<string, number>>, digits: number): { readonly value: Decimal; readonly scale: Decimal } {
  let setup = SETUPS.get(digits);
  if (!setup) SETUPS.set(digits, (setup = preciseFunctions(digits)));
  const scale = { v: new setup.D(0), d: new setup.D(0) };
  const value = evaluate(setup, e, point, undefined, scale).v;
  return { value, scale: scale.v };
}

/** The running scales of values and of derivatives. */
interface Scale {
  v: Decimal;
  d: Decimal;
}

function evaluate({ D, fns }: Setup, root: Expr, point: Readonly<Record<string, number>>, wrt: string | undefined, scale: Scale): Dual {
  const zero = new D(0);
  const nan = new D(NaN);
  const memo = new Map<Expr, Dual>();
  const bump = (x: Dual): Dual => {
    if (x.v.isFinite() && x.v.abs().gt(scale.v)) scale.v = x.v.abs();
    if (wrt !== undefined && x.d.isFinite() && x.d.abs().gt(scale.d)) scale.d = x.d.abs();
    return x;
  };
  const go = (n: Expr): Dual => {
    const hit = memo.get(n);
    if (hit) return hit;
    let r: Dual;
    switch (n.kind) {
      case 'num':
        r = { v: new D(n.value.n.toString()).div(n.value.d.toString()), d: zero };
        break;
      case 'sym': {
        if (n.name === 'pi') {
          r = { v: D.acos(-1), d: zero };
          break;
        }
        const x = point[n.name];
        if (x === undefined) throw new NotPrecise(`no value for ${n.name}`);
        r = { v: new D(x), d: new D(n.name === wrt ? 1 : 0) };
        break;
      }
      case 'add':
        r = n.args.map(go).reduce((s, a) => bump({ v: s.v.plus(a.v), d: s.d.plus(a.d) }), { v: zero, d: zero });
        n.args.forEach((a) => bump(go(a)));
        break;
      case 'mul':
        r = n.args.map(go).reduce((s, a) => {
          // The product rule's two terms are a sum too.
          if (wrt !== undefined) [s.d.times(a.v), s.v.times(a.d)].forEach((d) => bump({ v: zero, d }));
          return { v: s.v.times(a.v), d: s.d.times(a.v).plus(s.v.times(a.d)) };
        }, { v: new D(1), d: zero });
        break;
      case 'pow':
        r = power(D, go(n.args[0]), go(n.args[1]), nan);
        break;
      case 'call': {
        if (n.fn === 'diff') {
          const x = n.args[1]!;
          // A derivative of a derivative, or by a non-name: not here.
          if (wrt !== undefined || x.kind !== 'sym') throw new NotPrecise('a nested derivative');
          const inner = { v: zero, d: zero };
          r = { v: evaluate({ D, fns }, n.args[0]!, point, x.name, inner).d, d: nan };
          // The derivative's error scales with the terms its sums added up.
          bump({ v: inner.d, d: zero });
          break;
        }
        const args = n.args.map(go);
        if (n.fn === 'sin' || n.fn === 'cos') bump({ v: args[0]!.v, d: zero });
        const f = fns[n.fn];
        if (!f) throw new NotPrecise(`no precise ${n.fn}`);
        const v = f(...args.map((a) => a.v));
        r = { v, d: wrt === undefined ? zero : derivative(D, n.fn, args, v, nan) };
        break;
      }
    }
    memo.set(n, r);
    return r;
  };
  return go(root);
}

/** b^x: with a constant exponent by the power rule (any base it is defined for), else through exp(x log b). */
function power(D: Setup['D'], b: Dual, x: Dual, nan: Decimal): Dual {
  const v = b.v.isZero() && x.v.isNeg() ? nan : b.v.pow(x.v);
  if (x.d.isZero()) {
    if (b.d.isZero()) return { v, d: new D(0) };
    // x*b^(x-1)*b'; at b = 0 with 0 < x < 1 the derivative is infinite: undefined.
    const slope = x.v.isZero() ? new D(0) : b.v.isZero() && x.v.lt(1) ? nan : x.v.times(b.v.pow(x.v.minus(1)));
    return { v, d: slope.times(b.d) };
  }
  if (!b.v.gt(0)) return { v, d: nan };
  return { v, d: v.times(x.d.times(b.v.ln()).plus(x.v.times(b.d).div(b.v))) };
}

/** The derivative of `fn(args)` whose value is `v`, by the chain rule. */
function derivative(D: Setup['D'], fn: string, args: readonly Dual[], v: Decimal, nan: Decimal): Decimal {
  const [a, b] = [args[0]!, args[1]];
  const one = new D(1);
  switch (fn) {
    case 'exp':
      return v.times(a.d);
    case 'log':
      return a.d.div(a.v);
    case 'sqrt':
      return a.v.gt(0) ? a.d.div(v.times(2)) : nan;
    case 'tanh':
      // 1/cosh^2 rather than 1 - tanh^2, whose digits all cancel for large |u|.
      return one.div(a.v.cosh().pow(2)).times(a.d);
    case 'sinh':
      return a.v.cosh().times(a.d);
    case 'cosh':
      return a.v.sinh().times(a.d);
    case 'sin':
      return a.v.cos().times(a.d);
    case 'cos':
      return a.v.sin().neg().times(a.d);
    case 'abs':
      return a.v.isZero() ? nan : a.d.times(a.v.s);
    case 'relu':
      return a.v.isZero() ? nan : a.v.gt(0) ? a.d : new D(0);
    case 'erf':
      return a.v.times(a.v).neg().exp().times(2).div(D.acos(-1).sqrt()).times(a.d);
    case 'sigmoid':
      // sigmoid(u)*sigmoid(-u), without the cancellation in 1 - sigmoid(u).
      return v.div(one.plus(a.v.exp())).times(a.d);
    case 'softplus':
      return one.div(one.plus(a.v.neg().exp())).times(a.d);
    case 'gt':
    case 'lt':
    case 'ge':
    case 'le':
    case 'delta':
      // Constant where the two sides differ; at equality the value jumps.
      return a.v.eq(b!.v) ? nan : new D(0);
    case 'piecewise':
      // The chosen branch's derivative, unless a condition looked at is at its jump.
      for (let i = 0; i + 1 < args.length; i += 2) {
        if (args[i]!.d.isNaN()) return nan;
        if (args[i]!.v.eq(1)) return args[i + 1]!.d;
      }
      return nan;
    default:
      throw new NotPrecise(`no derivative of ${fn}`);
  }
}
