/**
 * A second, independent witness for every derived gradient: the value of the result at
 * random points (seeded) must match a central finite difference of the loss, computed
 * through the definitions (perturb `wrt`, recompute what depends on it).
 */
import { expect } from 'vitest';
import { type Expr, sym } from '../../src/expr/node.js';
import { Definitions } from '../../src/expr/context.js';
import { close, numericDerivative, perturbedName, valueAt } from '../../src/expr/numeric.js';
import { variableName, wrtVariable } from '../../src/expr/indexed.js';
import { hasIndexRoles, indexRoles, placeIndexed } from '../../src/expr/sample.js';
import { seededRandom, uniform } from '../../src/expr/random.js';
import { nodes } from '../../src/expr/traverse.js';
import { toAscii } from '../../src/expr/print.js';
import type { FunctionTable } from '../../src/expr/eval.js';
import { parse, parseRelation } from '../../src/parse/ascii.js';
import { assumptionsHold, satisfyEquations } from '../../src/verdict/equality.js';
import type { Assumption } from '../../src/proof/types.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { functionTable } from '../../src/rules/load.js';
import type { DeriveResult, Outcome } from '../../src/api/derive.js';
import type { GradientDerivation } from '../../src/calculus/gradient.js';

/** What can be checked: the JSON result, an outcome, or the calculus stage's own derivation. */
export type Derived = DeriveResult | Outcome | GradientDerivation;

export interface FdOptions {
  /** Seed of the point generator. */
  readonly seed?: number;
  /** How many points must be checked (points where the loss is not finite do not count). */
  readonly points?: number;
  /** Range of every free variable; `ranges` overrides it per name. */
  readonly range?: readonly [number, number];
  readonly ranges?: Readonly<Record<string, readonly [number, number]>>;
  /** Relative tolerance (absolute near zero). */
  readonly tol?: number;
}

export interface FdPoint {
  readonly point: Readonly<Record<string, number>>;
  readonly numeric: number;
  readonly symbolic: number;
}

/** What the helper compared, so a test can show it is not vacuous. */
export interface FdReport {
  readonly lossName: string;
  readonly wrt: string;
  readonly result: string;
  readonly variables: readonly string[];
  readonly checked: readonly FdPoint[];
}

interface Problem {
  readonly defs: Definitions;
  readonly lossName: string;
  readonly wrt: string;
  readonly result: Expr;
  readonly fns: FunctionTable;
  readonly assumptions: readonly Assumption[];
}

const isOutcome = (r: Derived): r is Outcome => 'proof' in r;
const isGradient = (r: Derived): r is GradientDerivation => 'main' in r && 'recorder' in r;

function problemOf(r: Derived): Problem {
  if (isGradient(r)) {
    const x = r.main.start.args[1]!;
    expect(x.kind).toBe('sym');
    return {
      defs: r.defs,
      lossName: r.lossName,
      wrt: (x as Expr & { kind: 'sym' }).name,
      result: r.main.current,
      fns: functionTable(builtinRules().defs),
      assumptions: [],
    };
  }
  if (isOutcome(r)) {
    const start = r.proof.start;
    expect(start.kind === 'call' && start.fn === 'diff', `the goal ${toAscii(start)} is a derivative`).toBe(true);
    const loss = start.args[0]!;
    expect(loss.kind, `the goal ${toAscii(start)} differentiates a named loss`).toBe('sym');
    return {
      defs: new Definitions(r.proof.definitions),
      lossName: (loss as Expr & { kind: 'sym' }).name,
      wrt: r.wrt,
      result: r.proof.result,
      fns: functionTable(r.rules.defs),
      assumptions: r.proof.assumptions,
    };
  }
  const rules = builtinRules();
  const opts = { functions: rules.functions };
  const m = /^diff\((\w+), (\w+(?:\[\w+\])?)\)$/.exec(r.goal);
  expect(m, `the goal ${r.goal} is diff(L, x)`).not.toBeNull();
  expect(m![2]).toBe(r.wrt);
  return {
    defs: new Definitions(r.definitions.map((d) => ({ name: d.name, expr: parse(d.expr, opts), ...(d.index === undefined ? {} : { index: d.index }) }))),
    lossName: m![1]!,
    wrt: r.wrt,
    result: parse(r.result, opts),
    fns: functionTable(rules.defs),
    assumptions: r.assumptions.flatMap((a) => {
      const rel = parseRelation(a, opts);
      return rel.ops.map((op, i) => ({ lhs: rel.operands[i]!, op, rhs: rel.operands[i + 1]! }));
    }),
  };
}

/**
 * Checks the derived gradient against central finite differences of the loss at seeded
 * random points inside the domain, and returns what it compared. Fails when fewer than
 * `points` points could be checked, so it can never pass by checking nothing.
 */
export function expectMatchesFiniteDifferences(r: Derived, options: FdOptions = {}): FdReport {
  const { defs, lossName, wrt, result, fns, assumptions } = problemOf(r);
  const shown = toAscii(result);
  expect(defs.has(lossName), `the loss ${lossName} is among the definitions`).toBe(true);
  expect(
    nodes(result).some((n) => n.kind === 'call' && n.fn === 'diff'),
    `the result ${shown} still holds a derivative`,
  ).toBe(false);
  const variables = defs.freeVariables([result]);
  const x = wrtVariable(wrt);
  if (!defs.has(variableName(x)!)) expect(variables, `${wrt} is a variable of the loss`).toContain(variableName(x));
  // Index notation: families get members, a sum's limit K runs over 2..5, subscripts are integers.
  const roles = indexRoles([result, ...defs.list.map((d) => d.expr), ...assumptions.flatMap((a) => [a.lhs, a.rhs]), x], (f) => defs.isFamily(f));

  const want = options.points ?? 8;
  const tol = options.tol ?? 1e-5;
  const rnd = seededRandom(options.seed ?? 20240607);
  const checked: FdPoint[] = [];
  const num = { fns };
  for (let t = 0; t < want * 25 && checked.length < want; t++) {
    const point: Record<string, number> = {};
    for (const v of variables) {
      const [lo, hi] = options.ranges?.[v] ?? options.range ?? [-2, 2];
      point[v] = uniform(rnd, lo, hi);
    }
    if (hasIndexRoles(roles)) placeIndexed(point, roles, rnd, () => uniform(rnd, ...(options.range ?? [-2, 2])));
    // Points where the stated facts hold: equations solved for, inequalities kept.
    if (!satisfyEquations(assumptions, point, defs, num) || !assumptionsHold(assumptions, point, defs, fns)) continue;
    const loss = valueAt(sym(lossName), point, defs, num);
    if (!Number.isFinite(loss)) continue;
    // The member z[i] stands for at this point (z[3] when i = 3).
    const key = perturbedName(x, (e) => valueAt(e, point, defs, num));
    if (key === undefined) continue;
    const numeric = numericDerivative(sym(lossName), key, point, defs, num);
    if (!Number.isFinite(numeric)) continue; // on the edge of the domain
    const symbolic = valueAt(result, point, defs, num);
    const at = Object.entries(point).map(([k, v]) => `${k} = ${v}`).join(', ');
    expect(
      close(numeric, symbolic, tol),
      `∂${lossName}/∂${wrt} = ${shown} at ${at}: the result is ${symbolic}, finite differences give ${numeric}`,
    ).toBe(true);
    checked.push({ point, numeric, symbolic });
  }
  expect(checked.length, `points of the domain where ${shown} could be checked`).toBeGreaterThanOrEqual(want);
  return { lossName, wrt, result: shown, variables, checked };
}
