/** Floating-point evaluation, used only for numeric checks (never to decide a proof). */
import type { Expr } from './node.js';
import { ratToNumber } from './rational.js';

const erf = (x: number): number => {
  // Abramowitz-Stegun 7.1.26 is too coarse for derivative checks; use the series / continued fraction.
  const t = Math.abs(x);
  if (t < 3) {
    let sum = t;
    let term = t;
    for (let n = 1; n < 60; n++) {
      term *= (-t * t) / n;
      sum += term / (2 * n + 1);
    }
    return Math.sign(x) * ((2 / Math.sqrt(Math.PI)) * sum);
  }
  let f = 0;
  for (let n = 60; n >= 1; n--) f = n / 2 / (t + f);
  const erfc = Math.exp(-t * t) / Math.sqrt(Math.PI) / (t + f);
  return Math.sign(x) * (1 - erfc);
};

/** The functions the evaluator knows natively. What they mean symbolically comes from `rules/`. */
export const PRIMITIVES: Readonly<Record<string, (...xs: number[]) => number>> = {
  exp: Math.exp,
  log: (x) => (x > 0 ? Math.log(x) : NaN),
  sqrt: (x) => (x >= 0 ? Math.sqrt(x) : NaN),
  tanh: Math.tanh,
  sinh: Math.sinh,
  cosh: Math.cosh,
  sin: Math.sin,
  cos: Math.cos,
  abs: Math.abs,
  erf,
  sigmoid: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  softplus: (x) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))),
};

/** Values of names; undefined for a name without a value. */
export type Valuation = (name: string) => number | undefined;

/** Evaluates `e` in floating point. Throws for unknown names or functions; NaN outside the domain. */
export function evaluate(e: Expr, valueOf: Valuation, memo = new Map<Expr, number>()): number {
  const hit = memo.get(e);
  if (hit !== undefined) return hit;
  let v: number;
  switch (e.kind) {
    case 'num':
      v = ratToNumber(e.value);
      break;
    case 'sym': {
      const x = e.name === 'pi' ? Math.PI : valueOf(e.name);
      if (x === undefined) throw new ReferenceError(`no value for ${e.name}`);
      v = x;
      break;
    }
    case 'add':
      v = 0;
      for (const a of e.args) v += evaluate(a, valueOf, memo);
      break;
    case 'mul':
      v = 1;
      for (const a of e.args) v *= evaluate(a, valueOf, memo);
      break;
    case 'pow': {
      const b = evaluate(e.args[0], valueOf, memo);
      const x = evaluate(e.args[1], valueOf, memo);
      v = b === 0 && x < 0 ? NaN : Math.pow(b, x);
      break;
    }
    case 'call': {
      const f = PRIMITIVES[e.fn];
      if (!f) throw new ReferenceError(`no numeric value for function ${e.fn}`);
      v = f(...e.args.map((a) => evaluate(a, valueOf, memo)));
      break;
    }
  }
  memo.set(e, v);
  return v;
}
