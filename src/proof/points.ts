/**
 * Points on the stated facts, in doubles: equations solved by Newton's method (one variable
 * each, or the system together), and whether every fact holds at a point.
 */
import { type Expr, add, mul, num } from '../expr/node.js';
import type { Definitions } from '../expr/context.js';
import { close, valueAt } from '../expr/numeric.js';
import type { FunctionTable } from '../expr/eval.js';
import { freeSymbols } from '../expr/indexed.js';
import { baseName, indexRoles, isRealKey } from '../expr/sample.js';
import { ratToNumber } from '../expr/rational.js';
import { nearestMember, setVariable } from './label-sets.js';
import type { Assumption } from './types.js';

/**
 * Moves the point onto each label set (`y in {0, 1}`: y becomes 0 or 1) and onto each stated
 * equation by Newton's method, so sampling respects facts such as `y1 + y2 + y3 = 1`. Each equation moves a free variable of its own where it can
 * (a member of a family counts; an index does not), and a few sweeps let equations that
 * share variables settle together (`x + y = 1`, `x - y = 0`).
 */
export function satisfyEquations(assumptions: readonly Assumption[], point: Record<string, number>, defs: Definitions, opt: { fns?: FunctionTable }): boolean {
  const taken = new Set<string>();
  // A label set puts its name on the nearest member (never between two), and no equation moves it.
  const fixed = new Set<string>();
  for (const f of assumptions) {
    const v = setVariable(f);
    if (v === undefined || point[v] === undefined) continue;
    point[v] = ratToNumber(nearestMember(f, point[v]));
    fixed.add(v);
  }
  const plan = assumptions
    // A set whose name is not a variable of the point (a defined name) is an equation like any other.
    .filter((f) => f.op === '=' && !fixed.has(setVariable(f) ?? ''))
    .map((f) => {
      const g = add(f.lhs, mul(num(-1), f.rhs));
      const roles = indexRoles([g, ...defs.list.map((d) => d.expr)], (x) => defs.isFamily(x));
      const names = freeSymbols(g);
      const all = Object.keys(point).filter((k) => names.has(baseName(k)) && isRealKey(k, roles) && !fixed.has(k)).sort();
      const candidates = [...all.filter((v) => !taken.has(v)), ...all.filter((v) => taken.has(v))];
      if (candidates[0] !== undefined) taken.add(candidates[0]);
      return { g, candidates };
    });
  if (plan.length < 2) return plan.every(({ g, candidates }) => candidates.some((v) => newton(g, v, point, defs, opt)));
  // Several equations: Newton's method on the system, in one variable of its own each.
  const vars = plan.map((p) => p.candidates[0]);
  if (vars.every((v) => v !== undefined) && new Set(vars).size === vars.length) {
    return newtonSystem(plan.map((p) => p.g), vars as string[], point, defs, opt);
  }
  for (let sweep = 0; sweep < 5; sweep++) {
    for (const { g, candidates } of plan) if (!candidates.some((v) => newton(g, v, point, defs, opt))) return false;
    if (plan.every(({ g }) => Math.abs(valueAt(g, point, defs, opt)) < 1e-13)) return true;
  }
  return true;
}

/** Newton's method on the system `gs = 0` in `vars` (as many as equations), the Jacobian by differences. */
function newtonSystem(gs: readonly Expr[], vars: readonly string[], point: Record<string, number>, defs: Definitions, opt: { fns?: FunctionTable }): boolean {
  const values = (): number[] => gs.map((g) => valueAt(g, point, defs, opt));
  for (let i = 0; i < 50; i++) {
    const y = values();
    if (y.some((v) => !Number.isFinite(v))) return false;
    if (y.every((v) => Math.abs(v) < 1e-13)) return true;
    const jacobian = vars.map((v) => {
      const x0 = point[v]!;
      const h = 1e-7 * Math.max(1, Math.abs(x0));
      point[v] = x0 + h;
      const column = values().map((w, k) => (w - y[k]!) / h);
      point[v] = x0;
      return column;
    });
    // jacobian[j][k] = d g_k / d v_j: solve sum_j jacobian[j][k] * d_j = -y_k.
    const d = solveLinear(gs.map((_, k) => vars.map((_, j) => jacobian[j]![k]!)), y.map((v) => -v));
    if (!d) return false;
    vars.forEach((v, j) => (point[v] = point[v]! + d[j]!));
  }
  return values().every((v) => Math.abs(v) < 1e-9);
}

/** The solution of `a x = b` by Gaussian elimination with partial pivoting, or undefined when `a` is singular. */
export function solveLinear(a: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    if (!Number.isFinite(m[p]![c]!) || Math.abs(m[p]![c]!) < 1e-300) return undefined;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r]![n]!;
    for (let k = r + 1; k < n; k++) sum -= m[r]![k]! * x[k]!;
    x[r] = sum / m[r]![r]!;
  }
  return x;
}

/** Newton's method on `g = 0` in the variable `v`; false when g does not move with v. */
function newton(g: Expr, v: string, point: Record<string, number>, defs: Definitions, opt: { fns?: FunctionTable }): boolean {
  for (let i = 0; i < 40; i++) {
    const y = valueAt(g, point, defs, opt);
    if (!Number.isFinite(y)) return false;
    if (Math.abs(y) < 1e-13) return true;
    const h = 1e-6 * Math.max(1, Math.abs(point[v]!));
    const x0 = point[v]!;
    point[v] = x0 + h;
    const slope = (valueAt(g, point, defs, opt) - y) / h;
    point[v] = x0;
    if (!Number.isFinite(slope) || slope === 0) return false;
    point[v] = x0 - y / slope;
  }
  return Math.abs(valueAt(g, point, defs, opt)) < 1e-9;
}

/** Whether every assumption holds at the point (equations to 1e-9). */
export function assumptionsHold(
  assumptions: readonly Assumption[],
  point: Readonly<Record<string, number>>,
  defs: Definitions,
  fns?: FunctionTable,
): boolean {
  const opt = fns ? { fns } : {};
  for (const s of assumptions) {
    const l = valueAt(s.lhs, point, defs, opt);
    const r = valueAt(s.rhs, point, defs, opt);
    const ok =
      s.op === '=' ? close(l, r, 1e-9) : s.op === '!=' ? !close(l, r, 1e-12) : s.op === '<' ? l < r : s.op === '<=' ? l <= r : s.op === '>' ? l > r : l >= r;
    if (!ok) return false;
  }
  return true;
}
