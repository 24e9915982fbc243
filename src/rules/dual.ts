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
import { type Dual, functionSpec } from '../expr/registry/index.js';


type Setup = ReturnType<typeof preciseFunctions>;
const SETUPS = new Map<number, Setup>();

/**
 * The value of `e` at `point` with `digits` digits (`diff` nodes by exact differentiation),
 * and its error scale: rounding moved the value by about 10^-digits times it. A difference
 * whose digits all cancelled is told from a small one that way.
 */
export function dualValue(e: Expr, point: Readonly<Record<string, number>>, digits: number): { readonly value: Decimal; readonly scale: Decimal } {
  let setup = SETUPS.get(digits);
  if (!setup) SETUPS.set(digits, (setup = preciseFunctions(digits)));
  const r = evaluate(setup, e, point, undefined, { d: new setup.D(0) });
  return { value: r.v, scale: r.e };
}

/** The largest term the derivative parts of a differentiation added up. */
interface Scale {
  d: Decimal;
}

function evaluate({ D, fns }: Setup, root: Expr, point: Readonly<Record<string, number>>, wrt: string | undefined, scale: Scale): Dual {
  const zero = new D(0);
  const nan = new D(NaN);
  const memo = new Map<Expr, Dual>();
  const bump = (d: Decimal): void => {
    if (wrt !== undefined && d.isFinite() && d.abs().gt(scale.d)) scale.d = d.abs();
  };
  const go = (n: Expr): Dual => {
    const hit = memo.get(n);
    if (hit) return hit;
    let r: Dual;
    switch (n.kind) {
      case 'num': {
        const v = new D(n.value.n.toString()).div(n.value.d.toString());
        r = { v, d: zero, e: v.abs() };
        break;
      }
      case 'sym': {
        if (n.name === 'pi') {
          r = { v: D.acos(-1), d: zero, e: new D(4) };
          break;
        }
        const x = point[n.name];
        if (x === undefined) throw new NotPrecise(`no value for ${n.name}`);
        r = { v: new D(x), d: new D(n.name === wrt ? 1 : 0), e: new D(x).abs() };
        break;
      }
      case 'add': {
        const args = n.args.map(go);
        args.forEach((a) => bump(a.d));
        const v = args.reduce((s, a) => s.plus(a.v), zero);
        const d = args.reduce((s, a) => s.plus(a.d), zero);
        r = { v, d, e: args.reduce((s, a) => s.plus(a.e), v.abs()) };
        break;
      }
      case 'mul':
        r = n.args.map(go).reduce((s, a) => {
          // The product rule's two terms are a sum too.
          const [t1, t2] = [s.d.times(a.v), s.v.times(a.d)];
          bump(t1);
          bump(t2);
          const v = s.v.times(a.v);
          return { v, d: t1.plus(t2), e: s.e.times(a.v.abs()).plus(s.v.abs().times(a.e)).plus(v.abs()) };
        }, { v: new D(1), d: zero, e: zero });
        break;
      case 'pow':
        r = power(D, go(n.args[0]), go(n.args[1]), nan);
        break;
      case 'call': {
        if (n.fn === 'diff') {
          const x = n.args[1]!;
          // A derivative of a derivative, or by a non-name: not here.
          if (wrt !== undefined || x.kind !== 'sym') throw new NotPrecise('a nested derivative');
          const inner = { d: zero };
          const v = evaluate({ D, fns }, n.args[0]!, point, x.name, inner).d;
          r = { v, d: nan, e: inner.d.plus(v.abs()) };
          break;
        }
        const args = n.args.map(go);
        const f = fns[n.fn];
        if (!f) throw new NotPrecise(`no precise ${n.fn}`);
        const v = f(...args.map((a) => a.v));
        r = { v, d: wrt === undefined ? zero : derivative(D, n.fn, args, v), e: callError(D, n.fn, args, v) };
        break;
      }
    }
    memo.set(n, r);
    return r;
  };
  return go(root);
}

/** The error scale of `fn(args)` from the registry: by default its slope's bound (2) times its argument's error, plus its own rounding. */
function callError(D: Setup['D'], fn: string, args: readonly Dual[], v: Decimal): Decimal {
  const error = functionSpec(fn)?.dual?.error;
  if (error) return error(D, args, v);
  const own = v.isFinite() ? v.abs() : new D(0);
  return args[0]!.e.times(2).plus(own);
}

/** b^x: with a constant exponent by the power rule (any base it is defined for), else through exp(x log b). */
function power(D: Setup['D'], b: Dual, x: Dual, nan: Decimal): Dual {
  const v = b.v.isZero() && x.v.isNeg() ? nan : b.v.pow(x.v);
  const own = v.isFinite() ? v.abs() : new D(0);
  const constant = x.d.isZero() && x.e.eq(x.v.abs());
  // Error: the slope in b times b's error, and for a computed exponent |v log b| times its error.
  const slope = b.v.isZero() ? new D(0) : x.v.times(v).div(b.v).abs();
  const e = slope.times(b.e).plus(constant ? new D(0) : own.times(b.v.gt(0) ? b.v.ln().abs() : new D(0)).times(x.e)).plus(own);
  if (x.d.isZero()) {
    if (b.d.isZero()) return { v, d: new D(0), e };
    // x*b^(x-1)*b'; at b = 0 with 0 < x < 1 the derivative is infinite: undefined.
    const s = x.v.isZero() ? new D(0) : b.v.isZero() && x.v.lt(1) ? nan : x.v.times(b.v.pow(x.v.minus(1)));
    return { v, d: s.times(b.d), e };
  }
  if (!b.v.gt(0)) return { v, d: nan, e };
  return { v, d: v.times(x.d.times(b.v.ln()).plus(x.v.times(b.d).div(b.v))), e };
}

/** The derivative of `fn(args)` whose value is `v`, by the chain rule, from the registry. */
function derivative(D: Setup['D'], fn: string, args: readonly Dual[], v: Decimal): Decimal {
  const dual = functionSpec(fn)?.dual;
  if (!dual) throw new NotPrecise(`no derivative of ${fn}`);
  return dual.derivative(D, args, v);
}
