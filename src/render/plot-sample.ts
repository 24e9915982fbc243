/**
 * The numbers behind a page's plot: the derived gradient and a central finite difference of
 * the loss, over a range of the differentiation variable, the other variables fixed.
 *
 * - The other free variables take the sample values 0.3, 0.7, 0.4, 0.6, ... in the order of
 *   their names: inside (0, 1), so inside the domain of probabilities, labels, rates and
 *   scales alike. If the loss is not defined there (or a stated fact fails), seeded random
 *   values are tried instead. Stated equations (`y1 + y2 + y3 = 1`) are then solved for.
 * - The range: the variable is scanned over [-4, 4] (around 0, where logits and weights
 *   live), then wider; the plot spans the points where the loss, both curves and every
 *   stated fact are defined and hold. So a probability is plotted inside (0, 1), `assume
 *   z > 0` selects the side of a kink, and a kink without one is a gap between its sides.
 * - Points where either curve is undefined or not finite are gaps, never guessed.
 *
 * A named intermediate as the variable (`--all` gives those too) is moved by itself, what
 * it depends on fixed and what depends on it recomputed: the meaning of `diff`.
 *
 * In index notation (`z[i]`, `sum(k, 1, K, ...)`), a sum's upper limit is K = 3, the other
 * indices are 1, 2, ... in the order of their names, and each free family gets members
 * 1 to 3 with sample values; the variable is the member its index names (`z[1]`).
 */
import { type Expr, sym } from '../expr/node.js';
import type { Definitions } from '../expr/context.js';
import { evaluate, type FunctionTable, type Valuation } from '../expr/eval.js';
import { familyOf, isIndexed, memberKey, parseMemberKey } from '../expr/indexed.js';
import { close } from '../expr/numeric.js';
import { seededRandom, uniform } from '../expr/random.js';
import { type IndexRoles, indexRoles } from '../expr/sample.js';
import { satisfyEquations } from '../verdict/equality.js';
import type { Assumption } from '../proof/types.js';
import { isShaped } from '../expr/matrix.js';

/** What is plotted: `result` against `diff(lossName, variable)` computed numerically. */
export interface PlotProblem {
  readonly defs: Definitions;
  readonly lossName: string;
  /** A name (`z2`) or an indexed name (`z[i]`). */
  readonly variable: Expr;
  readonly result: Expr;
  readonly assumptions: readonly Assumption[];
  readonly fns: FunctionTable;
}

/** One abscissa; `derived` and `numeric` are NaN where the point is a gap. */
export interface PlotPoint {
  readonly x: number;
  readonly derived: number;
  readonly numeric: number;
}

/** What is drawn: both curves over the range, and what was held fixed. */
export interface PlotSeries {
  readonly lossName: string;
  /** The variable moved: a name, or a family's member (`z[1]`). */
  readonly wrt: string;
  /** The values of the other free variables. */
  readonly fixed: Readonly<Record<string, number>>;
  readonly range: readonly [number, number];
  readonly points: readonly PlotPoint[];
  /** How many points have both values. */
  readonly plotted: number;
  /** The largest |derived - numeric| / max(1, |numeric|) over the plotted points. */
  readonly maxDifference: number;
}

/** The documented sample values of the other variables, assigned in the order of their names. */
export const SAMPLE_VALUES: readonly number[] = [0.3, 0.7, 0.4, 0.6, 0.2, 0.8, 0.45, 0.55, 0.35, 0.65, 0.25, 0.75];

const WINDOWS: ReadonlyArray<readonly [number, number]> = [[-4, 4], [-20, 20], [-100, 100]];
const COARSE = 241;
const FINE = 161;
/** Fewer valid points than this in a window, and the next candidate is tried. */
const ENOUGH = 12;
const RANDOM_TRIES = 40;
/** The number of classes of a sum `sum(k, 1, K, ...)`. */
const CLASSES = 3;

/** The plot's points, or undefined when no range of the variable has enough defined points. */
export function samplePlot(p: PlotProblem): PlotSeries | undefined {
  // A loss of whole matrices is no curve in one variable.
  if (isShaped(p.variable) || isShaped(p.result) || p.defs.list.some((d) => isShaped(d.expr))) return undefined;
  const sides = p.assumptions.flatMap((a) => [a.lhs, a.rhs]);
  const roles = indexRoles([p.result, p.variable, ...sides, ...p.defs.list.map((d) => d.expr)], (f) => p.defs.isFamily(f));
  const names = p.defs.freeVariables([p.result, p.variable, ...sides]);
  for (const draw of valueSources()) {
    const point = fixedPoint(names, roles, draw);
    const wrt = variableKey(p.variable, point, p.fns);
    if (wrt === undefined) continue;
    const defined = p.defs.has(wrt) || p.defs.isFamily(parseMemberKey(wrt)?.family ?? '');
    if (!defined) point[wrt] = 0.5;
    if (!satisfyEquations(p.assumptions, point, p.defs, { fns: p.fns })) continue;
    if (!Object.values(point).every(Number.isFinite)) continue;
    const at = evaluator(p, wrt, defined, point);
    for (const [lo, hi] of WINDOWS) {
      const ok = grid(lo, hi, COARSE).filter((x) => valid(at(x)));
      if (ok.length < ENOUGH) continue;
      const range = [ok[0]!, ok[ok.length - 1]!] as const;
      const points = grid(range[0], range[1], FINE).map(at);
      const good = points.filter(valid);
      if (good.length < ENOUGH) continue;
      const fixed = Object.fromEntries(Object.entries(point).filter(([k]) => k !== wrt));
      const maxDifference = Math.max(...good.map((q) => Math.abs(q.derived - q.numeric) / Math.max(1, Math.abs(q.numeric))));
      return { lossName: p.lossName, wrt, fixed, range, points, plotted: good.length, maxDifference };
    }
  }
  return undefined;
}

const valid = (q: PlotPoint): boolean => Number.isFinite(q.derived) && Number.isFinite(q.numeric);

/** Where the values come from: the sample values in turn, then seeded random values in [-2, 2] and in (0, 3]. */
function valueSources(): Array<() => number> {
  let n = 0;
  const out = [(): number => SAMPLE_VALUES[n++ % SAMPLE_VALUES.length]!];
  const rnd = seededRandom(20240607);
  for (let t = 0; t < RANDOM_TRIES; t++) {
    const [lo, hi] = t % 2 === 0 ? [-2, 2] : [0.05, 3];
    out.push(() => Math.round(uniform(rnd, lo, hi) * 100) / 100);
  }
  return out;
}

/** Values for the free names in order; in index notation, members for families and integers for indices. */
function fixedPoint(names: readonly string[], roles: IndexRoles, draw: () => number): Record<string, number> {
  const point: Record<string, number> = {};
  let index = 0;
  for (const name of names) {
    if (roles.limits.has(name)) point[name] = CLASSES;
    else if (roles.indices.has(name)) point[name] = (index++ % CLASSES) + 1;
    else if (roles.families.has(name)) for (let n = 1; n <= CLASSES; n++) point[memberKey(name, n)] = draw();
    else point[name] = draw();
  }
  return point;
}

/** The key of the value the variable is: its name, or the member `z[1]` that `z[i]` is at the point. */
function variableKey(v: Expr, point: Readonly<Record<string, number>>, fns: FunctionTable): string | undefined {
  if (v.kind === 'sym') return v.name;
  if (!isIndexed(v)) return undefined;
  const i = value(v.args[1]!, (n) => point[n], fns);
  return Number.isInteger(i) ? memberKey(familyOf(v), i) : undefined;
}

/** `n` evenly spaced points from `lo` to `hi`, both included. */
function grid(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? hi : lo + ((hi - lo) * i) / (n - 1)));
}

/**
 * Both curves at an abscissa: the variable set to `x` (a free variable) or shifted to `x`
 * (a named intermediate), the loss's central difference taken the same way.
 */
function evaluator(p: PlotProblem, wrt: string, defined: boolean, point: Readonly<Record<string, number>>): (x: number) => PlotPoint {
  const base = defined ? valueOf(p, wrt, point, 0)(wrt) ?? NaN : 0;
  // A valuation with the variable at x: a free variable is set, an intermediate shifted.
  const values = (x: number): Valuation => (defined ? valueOf(p, wrt, point, x - base) : valueOf(p, wrt, { ...point, [wrt]: x }, 0));
  const loss = sym(p.lossName);
  return (x) => {
    const gap = { x, derived: NaN, numeric: NaN };
    const here = values(x);
    if (!p.assumptions.every((a) => holds(a, here, p.fns))) return gap;
    if (!Number.isFinite(value(loss, here, p.fns))) return gap;
    const h = 1e-5 * Math.max(1, Math.abs(x));
    const numeric = (value(loss, values(x + h), p.fns) - value(loss, values(x - h), p.fns)) / (2 * h);
    return { x, derived: value(p.result, here, p.fns), numeric };
  };
}

/** The values of every name at `point`, with the variable (if defined) shifted by `delta`. */
function valueOf(p: PlotProblem, wrt: string, point: Readonly<Record<string, number>>, delta: number): Valuation {
  try {
    return p.defs.valuation(point, delta === 0 ? [] : [{ name: wrt, delta }], { fns: p.fns });
  } catch {
    return () => NaN;
  }
}

/** The value of `e`; NaN where it is undefined or names something without a value. */
function value(e: Expr, values: Valuation, fns: FunctionTable): number {
  try {
    return evaluate(e, values, { fns });
  } catch {
    return NaN;
  }
}

/** Whether a stated fact holds (equations to 1e-9, as the checker samples them). */
function holds(a: Assumption, values: Valuation, fns: FunctionTable): boolean {
  const l = value(a.lhs, values, fns);
  const r = value(a.rhs, values, fns);
  switch (a.op) {
    case '=':
      return close(l, r, 1e-9);
    case '!=':
      return Number.isFinite(l - r) && !close(l, r, 1e-12);
    case '<':
      return l < r;
    case '<=':
      return l <= r;
    case '>':
      return l > r;
    case '>=':
      return l >= r;
  }
}
