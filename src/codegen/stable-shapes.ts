/**
 * The shapes the stable forms of stable.ts look for, each seen through the definitions
 * (`see` opens a name into its body): sigmoid(u) however written, 1 - s, Σ exp(v),
 * softmax, tanh written out, the sigmoid's slope, positive factors of a product.
 */
import { type Expr, isNum, mul, neg, num } from '../expr/node.js';

/** Opens a name into its definition's body (a free variable stays itself). */
export type See = (x: Expr) => Expr;

/**
 * A product's factors split into powers `s^k` of a form that is positive everywhere
 * (sigmoid(u), 1 - sigmoid(u), exp(u); k a number) and the rest, or undefined when there is
 * no such factor. log of the product is then the sum of the logs wherever it is defined.
 */
export function positiveFactors(x: Expr, see: See): { positive: Array<readonly [Expr, Expr]>; rest: Expr[] } | undefined {
  if (x.kind !== 'mul') return undefined;
  const positive: Array<readonly [Expr, Expr]> = [];
  const rest: Expr[] = [];
  for (const f of x.args) {
    const [b, k] = f.kind === 'pow' && f.args[1]!.kind === 'num' ? [f.args[0]!, f.args[1]!] : [f, num(1)];
    const m = oneMinus(b, see);
    if (sigmoidArg(b, see) || (m && sigmoidArg(m, see)) || expArg(b, see)) positive.push([b, k]);
    else rest.push(f);
  }
  return positive.length ? { positive, rest } : undefined;
}

/** `u` when `e` is sigmoid(u), 1/(1 + exp(-u)), exp(u)/(1 + exp(u)), or (1 + tanh(u/2))/2 (2t for (1 + tanh(t))/2). */
export function sigmoidArg(e: Expr, see: See): Expr | undefined {
  const x = see(e);
  if (x.kind === 'call' && x.fn === 'sigmoid' && x.args.length === 1) return x.args[0];
  const t = halfOnePlusTanh(x, see);
  if (t) return mul(num(2), t);
  if (x.kind === 'pow' && isNum(x.args[1], -1)) {
    const w = onePlusExp(x.args[0], see);
    return w && neg(w);
  }
  if (x.kind === 'mul' && x.args.length === 2) {
    const top = x.args.find((f) => f.kind !== 'pow');
    const bottom = x.args.find((f) => f.kind === 'pow' && isNum(f.args[1], -1));
    if (!top || !bottom) return undefined;
    const u = expArg(top, see);
    const w = onePlusExp(bottom.args[0]!, see);
    return u && w === u ? u : undefined;
  }
  return undefined;
}

/** `u` when `x` is (1 + tanh(u))/2, written so or as 1/2 + tanh(u)/2. */
export function halfOnePlusTanh(x: Expr, see: See): Expr | undefined {
  const tanhArg = (t: Expr): Expr | undefined => {
    const y = see(t);
    return y.kind === 'call' && y.fn === 'tanh' && y.args.length === 1 ? y.args[0] : undefined;
  };
  const half = (h: Expr | undefined): boolean => h?.kind === 'num' && h.value.n === 1n && h.value.d === 2n;
  if (x.kind === 'mul' && x.args.length === 2 && half(x.args[0])) {
    const sum = see(x.args[1]!);
    if (sum.kind !== 'add' || sum.args.length !== 2 || !isNum(sum.args[0]!, 1)) return undefined;
    const other = sum.args[1]!;
    if (other.kind === 'mul' && other.args.length === 2 && isNum(other.args[0]!, -1)) {
      const u = tanhArg(other.args[1]!);
      return u && neg(u);
    }
    return tanhArg(other);
  }
  if (x.kind === 'add' && x.args.length === 2 && half(x.args[0]) && x.args[1]!.kind === 'mul') {
    const m = x.args[1]!;
    if (m.args.length !== 2) return undefined;
    if (half(m.args[0])) return tanhArg(m.args[1]!);
    const c = m.args[0]!;
    if (c.kind === 'num' && c.value.n === -1n && c.value.d === 2n) {
      const u = tanhArg(m.args[1]!);
      return u && neg(u);
    }
  }
  return undefined;
}

/** `u` and the other factors when the product `m` has the factors sinh(u) and cosh(u)^-1. */
export function sinhOverCosh(m: Expr): { u: Expr; rest: Expr[] } | undefined {
  const top = m.args.find((f) => f.kind === 'call' && f.fn === 'sinh' && f.args.length === 1);
  const u = top?.args[0];
  const bottom = u && m.args.find((f) => f.kind === 'pow' && isNum(f.args[1], -1) && f.args[0]!.kind === 'call' && f.args[0]!.fn === 'cosh' && f.args[0]!.args[0] === u);
  return u && bottom ? { u, rest: m.args.filter((f) => f !== top && f !== bottom) } : undefined;
}

/** `u` when `e` is (exp(u) - exp(-u))/(exp(u) + exp(-u)), tanh written out. */
export function tanhWritten(e: Expr, see: See): Expr | undefined {
  const x = see(e);
  if (x.kind !== 'mul' || x.args.length !== 2) return undefined;
  const bottom = x.args.find((f) => f.kind === 'pow' && isNum(f.args[1], -1));
  const top = x.args.find((f) => f !== bottom);
  if (!bottom || !top) return undefined;
  const sum = expTerms(bottom.args[0]!, see);
  const t = see(top);
  if (!sum || sum.length !== 2 || t.kind !== 'add' || t.args.length !== 2) return undefined;
  for (const u of sum) {
    if (!sum.includes(neg(u))) continue;
    // exp(u) - exp(-u): the term exp(u) and the term -1*exp(-u).
    const plus = t.args.find((a) => expArg(a, see) === u);
    const minus = t.args.find((a) => a.kind === 'mul' && a.args.length === 2 && isNum(a.args[0]!, -1) && expArg(a.args[1]!, see) === neg(u));
    if (plus && minus) return u;
  }
  return undefined;
}

/** `u` when `e` is exp(u)*(1 + exp(u))^-2, the sigmoid's slope written out. */
export function sigmoidSlope(e: Expr, see: See): Expr | undefined {
  const x = see(e);
  if (x.kind !== 'mul' || x.args.length !== 2) return undefined;
  const bottom = x.args.find((f) => f.kind === 'pow' && isNum(f.args[1], -2));
  const top = x.args.find((f) => f !== bottom);
  if (!bottom || !top) return undefined;
  const u = expArg(top, see);
  return u && onePlusExp(bottom.args[0]!, see) === u ? u : undefined;
}

/** `u` when `e` is exp(u). */
export function expArg(e: Expr, see: See): Expr | undefined {
  const x = see(e);
  return x.kind === 'call' && x.fn === 'exp' && x.args.length === 1 ? x.args[0] : undefined;
}

/** `u` when `e` is 1 + exp(u). */
export function onePlusExp(e: Expr, see: See): Expr | undefined {
  const x = see(e);
  if (x.kind !== 'add' || x.args.length !== 2) return undefined;
  const one = x.args.find((t) => isNum(t, 1));
  const other = x.args.find((t) => t !== one);
  return one && other ? expArg(other, see) : undefined;
}

/** `s` when `e` is 1 - s. */
export function oneMinus(e: Expr, see: See): Expr | undefined {
  const x = see(e);
  if (x.kind !== 'add' || x.args.length !== 2) return undefined;
  const one = x.args.find((t) => isNum(t, 1));
  const other = x.args.find((t) => t !== one);
  if (!one || !other || other.kind !== 'mul' || other.args.length !== 2 || !isNum(other.args[0]!, -1)) return undefined;
  return other.args[1];
}

/** The exponents `v` when `e` is a sum of two or more exponentials Σ exp(v). */
export function expTerms(e: Expr, see: See): Expr[] | undefined {
  const x = see(e);
  if (x.kind !== 'add') return undefined;
  const vs = x.args.map((t) => expArg(t, see));
  return vs.every((v) => v !== undefined) ? (vs as Expr[]) : undefined;
}

/** `{u, vs}` when `e` is exp(u)/Σ exp(v). */
export function softmaxParts(e: Expr, see: See): { u: Expr; vs: Expr[] } | undefined {
  const x = see(e);
  if (x.kind !== 'mul' || x.args.length !== 2) return undefined;
  const bottom = x.args.find((f) => f.kind === 'pow' && isNum(f.args[1], -1));
  const top = x.args.find((f) => f !== bottom);
  if (!bottom || !top) return undefined;
  const u = expArg(top, see);
  const vs = expTerms(bottom.args[0]!, see);
  return u && vs ? { u, vs } : undefined;
}
