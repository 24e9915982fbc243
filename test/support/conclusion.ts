/**
 * Test helper: whether a proof's conclusion `start = result` is false, decided numerically
 * and independently of the kernel: the two sides differ at a point where the proof's facts
 * hold (stated equations solved onto, and checked in 60 digits), confirmed in high precision
 * where the difference is small. The mutation test and the adversarial suite judge tampered
 * proofs with it: the kernel must reject every one it calls false.
 */
import type { Expr } from '../../src/expr/node.js';
import { add, mul, num } from '../../src/expr/node.js';
import { Definitions } from '../../src/expr/context.js';
import { substitute } from '../../src/expr/traverse.js';
import { valueAt } from '../../src/expr/numeric.js';
import { preciseValue, reallyDifferent } from '../../src/expr/precise.js';
import { seededRandom } from '../../src/expr/random.js';
import type { Assumption, Proof } from '../../src/proof/types.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { functionTable } from '../../src/rules/load.js';

const rules = builtinRules();
const fns = functionTable(rules.defs);

/**
 * Moves `point` onto every stated equation (solving for its last variable that the equation
 * is affine in, on a grid of 1e-6 so the point is exact in decimal) and checks every fact
 * there: equations in 60 digits to 1e-30, bounds in doubles. False when it cannot.
 */
function onFacts(facts: readonly Assumption[], point: Record<string, number>, defs: Definitions): boolean {
  const at = (e: Expr) => valueAt(e, point, defs, { fns });
  for (const f of facts) {
    if (f.op !== '=') continue;
    const g = add(f.lhs, mul(num(-1), f.rhs));
    // The last variable of the point that the equation moves with, affinely.
    const solved = Object.keys(point)
      .sort()
      .reverse()
      .some((v) => {
        const values = [0, 1, 2].map((x) => at(replaceVar(g, v, x)));
        const [g0, g1, g2] = values as [number, number, number];
        const slope = g1 - g0;
        if (!values.every(Number.isFinite) || Math.abs(g2 - 2 * g1 + g0) > 1e-9 || Math.abs(slope) < 1e-9) return false;
        point[v] = Math.round((-g0 / slope) * 1e6) / 1e6;
        return true;
      });
    if (!solved) return false;
  }
  return facts.every((f) => {
    if (f.op === '=') {
      const [l, r] = [preciseValue(f.lhs, point, defs, 60, rules.defs), preciseValue(f.rhs, point, defs, 60, rules.defs)];
      return l !== 'NaN' && r !== 'NaN' && Math.abs(Number(l) - Number(r)) < 1e-30 && l.slice(0, 40) === r.slice(0, 40);
    }
    const d = at(f.lhs) - at(f.rhs);
    if (!Number.isFinite(d)) return false;
    return f.op === '!=' ? d !== 0 : f.op === '<' ? d < 0 : f.op === '<=' ? d <= 0 : f.op === '>' ? d > 0 : d >= 0;
  });
}

/** `g` with the name `v` replaced by the number `x`. */
const replaceVar = (g: Expr, v: string, x: number): Expr => substitute(g, new Map([[v, num(x)]]));

/** The sample points of a conclusion: 12 in [-2, 2], 6 in [-10, 10], 6 in [-0.05, 0.05]. */
const SCALES: ReadonlyArray<readonly [width: number, grid: number, count: number]> = [
  [4, 100, 12],
  [20, 10, 6],
  [0.1, 1000, 6],
];

/**
 * Whether the proof's conclusion `start = result` is false: the sides differ at a point
 * where its facts hold. A small difference is confirmed in high precision (at most twice
 * per proof, since each such check costs a precise evaluation of both sides).
 */
export function conclusionFalse(p: Proof, seed: number): boolean {
  let defs: Definitions;
  try {
    defs = new Definitions(p.definitions);
  } catch {
    return false; // broken definitions claim nothing (and are counted as broken elsewhere)
  }
  const vars = defs.freeVariables([p.start, p.result, ...p.assumptions.flatMap((a) => [a.lhs, a.rhs])]);
  const rnd = seededRandom(seed);
  let precise = 2;
  for (const [width, grid, count] of SCALES)
    for (let t = 0; t < count; t++) {
      const point: Record<string, number> = Object.fromEntries(vars.map((v) => [v, Math.round((rnd() - 0.5) * width * grid) / grid || 0.37]));
      let l: number;
      let r: number;
      try {
        if (!onFacts(p.assumptions, point, defs)) continue;
        l = valueAt(p.start, point, defs, { fns });
        r = valueAt(p.result, point, defs, { fns });
      } catch {
        continue;
      }
      if (!Number.isFinite(l) || !Number.isFinite(r)) continue;
      const gap = Math.abs(l - r) / Math.max(1, Math.abs(l), Math.abs(r));
      // A large gap is confirmed too: a derivative taken by finite differences of a huge loss (an
      // exp of a sampled sum; past 1e6 a difference quotient can lose every digit) has rounding
      // errors far above 1e-6, though the sides are equal.
      if (gap > 1e-6) {
        try {
          if (reallyDifferent(p.start, p.result, point, defs, rules.defs)) return true;
          continue;
        } catch {
          if (Math.max(Math.abs(l), Math.abs(r)) > 1e6) continue; // undecided at this point
          return true; // not precisely computable: the double-precision gap stands
        }
      }
      if (gap > 1e-12 && precise-- > 0) {
        try {
          if (reallyDifferent(p.start, p.result, point, defs, rules.defs)) return true;
        } catch {
          // not precisely computable: undecided at this point
        }
      }
    }
  return false;
}
