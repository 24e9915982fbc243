/**
 * A rule is never trusted because it is written down. When a file loads, every rule is
 * checked: its id is unique, its right side uses only variables its left side binds, its
 * functions are known, and it holds at hundreds of points of both signs and many
 * magnitudes, near its boundaries too, compared in high precision (precise-check.ts).
 * A wrong rule refuses to load with its file, line and id. Sampling proves nothing: a
 * theorem that cites a user's rule names its file among its premises.
 */
import { Decimal } from 'decimal.js';
import { type Expr, sym } from '../expr/node.js';
import { GradproofError, positionOf } from '../expr/errors.js';
import { functions, substitute, symbols } from '../expr/traverse.js';
import type { FunctionTable } from '../expr/eval.js';
import { close } from '../expr/numeric.js';
import { seededRandom, uniform } from '../expr/random.js';
import { Definitions } from '../expr/context.js';
import { preciseFunctions, preciseValue } from '../expr/precise.js';
import type { FunctionDef, Rule } from './types.js';
import { AT, SUM, freeSymbols, memberKey } from '../expr/indexed.js';
import { type FunctionDefs, familyParams, openAllCalls } from '../expr/functions.js';
import { boundaries, conditionVariables, floatValue, isCoefficient, nudgeToBoundary, testComparison, testFunction, wideValue } from './sampling.js';
import { type PointCondition, preciseCompare } from './precise-check.js';
import { checkBinderScopes, checkIndexRuleNumerically, usesIndexNotationRule } from './validate-index.js';
import { MATRIX_FUNCTIONS, checkMatrixNames, checkMatrixShapes, checkMatrixValues } from './validate-matrix.js';

export interface Located {
  readonly file: string;
  readonly line: number;
}

/** Throws a `rule` error at the rule's file and line. */
export type FailAt = (where: Located, message: string) => never;

/** Checks rules and the new definitions `defs`; `known` are the functions that may be used, `all` every definition. */
export function validate(
  rules: readonly Rule[],
  defs: readonly FunctionDef[],
  fns: FunctionTable,
  all: FunctionDefs,
  fail: FailAt,
  fresh: ReadonlySet<Rule> = new Set(rules),
): void {
  const known = new Set([...Object.keys(fns), 'diff', AT, SUM]);
  // Definitions opened for the precise check: those of functions it has no value of its own for.
  const native = preciseFunctions(30).fns;
  const opening: FunctionDefs = new Map([...all].filter(([name]) => !(name in native)));
  const ids = new Map<string, Rule>();
  for (const r of rules) {
    const prev = ids.get(r.id);
    if (prev) fail(r, `rule ${r.id} is already defined at ${prev.file}:${prev.line}`);
    ids.set(r.id, r);
  }
  for (const d of defs) {
    for (const f of functions(d.body)) if (!known.has(f)) fail(d, `def ${d.name} uses the unknown function ${f}`);
    const unbound = [...freeSymbols(d.body)].filter((s) => !d.params.includes(s) && s !== 'pi');
    if (unbound.length) fail(d, `def ${d.name} uses ${unbound.join(', ')}, which is not a parameter`);
    checkDef(d, fns, all, fail);
  }
  for (const r of rules) {
    if (!r.lhs || !r.rhs || !fresh.has(r)) continue;
    if (r.shapes) {
      validateMatrixRule(r, known, fns, fail, hash(r.id));
      continue;
    }
    for (const f of [...functions(r.lhs), ...functions(r.rhs)]) {
      if (!known.has(f)) fail(r, `rule ${r.id} uses the unknown function ${f}`);
    }
    const bound = symbols(r.lhs);
    const unbound = [...symbols(r.rhs)].filter((s) => !bound.has(s) && s !== 'pi');
    if (unbound.length) fail(r, `rule ${r.id}: the right side uses ${unbound.join(', ')}, which the left side does not bind`);
    for (const c of r.conditions) {
      for (const a of c.args) if (!bound.has(a)) fail(r, `rule ${r.id}: condition ${c.pred}(${c.args.join(', ')}) names ${a}, which the left side does not bind`);
    }
    if (usesIndexNotationRule(r)) {
      checkBinderScopes(r, fail);
      checkIndexRuleNumerically(r, fns, fail, hash(r.id));
    } else checkNumerically(r, fns, opening, fail);
  }
}

/** A matrix rule: its functions known, its names in order, its shapes kept and its values right (validate-matrix.ts). */
function validateMatrixRule(r: Rule, known: ReadonlySet<string>, fns: FunctionTable, fail: FailAt, seed: number): void {
  const allowed = new Set([...known, ...MATRIX_FUNCTIONS]);
  for (const f of [...functions(r.lhs!), ...functions(r.rhs!)]) if (!allowed.has(f)) fail(r, `rule ${r.id} uses the unknown function ${f}`);
  checkMatrixNames(r, allowed, fail);
  for (const c of r.conditions) {
    for (const a of c.args) if (!Object.hasOwn(r.shapes!, a)) fail(r, `rule ${r.id}: condition ${c.pred}(${c.args.join(', ')}) names ${a}, which has no shape`);
  }
  checkMatrixShapes(r, fail);
  checkMatrixValues(r, fns, fail, seed);
}

const TARGET = 200;
const ENOUGH = 100;
const ENOUGH_EXACT = 20;
const TRIES = 1500;

/** Float sides further apart than this (relative) are looked at in high precision. */
const SUSPECT = { plain: 1e-12, derivative: 1e-6 };

/**
 * Tries the rule at up to TARGET points where both sides are defined and its conditions hold
 * (wideValue, and a quarter near its boundaries): in floats at every point, in high precision
 * at every point where the floats disagree, every boundary point and every sixth other one.
 * Fewer than ENOUGH usable points, and the rule is refused as unchecked.
 */
function checkNumerically(r: Rule, fns: FunctionTable, defs: FunctionDefs, fail: FailAt): void {
  const rnd = seededRandom(hash(r.id));
  // The differentiation variable(s): whatever stands second in a diff on the left.
  const wrt = new Set<string>();
  const collect = (e: Expr): void => {
    if (e.kind === 'call' && e.fn === 'diff' && e.args[1]!.kind === 'sym') wrt.add(e.args[1]!.name);
    e.args.forEach(collect);
  };
  collect(r.lhs!);
  const x = [...wrt][0];
  const constants = new Set(r.conditions.filter((c) => c.pred === 'free').map((c) => c.args[0]!));
  // An outer derivative is checked at the function's own argument: u is the variable.
  const inner = r.outer?.wrt;
  // A variable standing for a piecewise condition becomes a comparison, never a number.
  const comparisons = conditionVariables(r.lhs!);
  const suspect = x === undefined ? SUSPECT.plain : SUSPECT.derivative;

  const forms = new Map<string, { l: Expr; rr: Expr; conditions: PointCondition[]; edges: Expr[] }>();
  let good = 0;
  let exact = 0;
  let sinceExact = 0;
  for (let t = 0; t < TRIES && good < TARGET; t++) {
    // Pattern variables become numbers (constants, or everything in a rule without diff) or
    // smooth test functions of the differentiation variable.
    const point: Record<string, number> = {};
    const subst = new Map<string, Expr>();
    if (inner) subst.set(inner, sym(x!));
    let n = 0;
    for (const v of symbols(r.lhs!)) {
      if (v === 'pi' || v === inner) continue;
      if (comparisons.has(v)) subst.set(v, testComparison(rnd, x, point, () => n++));
      else if (wrt.has(v) || x === undefined || constants.has(v)) point[v] = wideValue(rnd);
      else subst.set(v, testFunction(rnd, x, point, n++));
    }
    // The substituted sides depend only on which form each test function took: made once per form.
    const form = [...subst.values()].map((e) => e.id).join(',');
    let sides = forms.get(form);
    if (!sides) {
      const open = (e: Expr): Expr => openAllCalls(substitute(e, subst), defs);
      const conditions: PointCondition[] = r.conditions.filter((c) => c.pred !== 'free' && c.pred !== 'continuous' && c.expr).map((c) => ({ pred: c.pred as PointCondition['pred'], expr: open(c.expr!) }));
      const [l, rr] = [open(r.lhs!), open(r.rhs!)];
      forms.set(form, (sides = { l, rr, conditions, edges: boundaries([l, rr, ...conditions.map((c) => c.expr)]) }));
    }
    const { l, rr, conditions, edges } = sides;
    const nearEdge = edges.length > 0 && t % 4 === 3 && nudgeToBoundary(edges[Math.floor(rnd() * edges.length)]!, point, fns, rnd, [...wrt]);
    if (!conditions.every((c) => holds(c, point, fns))) continue;
    const lv = floatValue(l, point, fns);
    const rv = floatValue(rr, point, fns);
    if (!Number.isFinite(lv) || !Number.isFinite(rv)) continue;
    const suspicious = !(Math.abs(lv - rv) <= suspect * Math.max(Math.abs(lv), Math.abs(rv)));
    if (!suspicious && !nearEdge && ++sinceExact < 6) {
      good++;
      continue;
    }
    sinceExact = 0;
    const verdict = preciseCompare(l, rr, conditions, point);
    if (verdict.kind === 'unsure') continue;
    good++;
    exact++;
    if (verdict.kind === 'differ') {
      const shown = (k: string): string => (inner && wrt.has(k) ? inner : k);
      const at = Object.entries(point).filter(([k]) => !isCoefficient(k)).map(([k, v]) => `${shown(k)} = ${Number(v.toPrecision(12))}`).join(', ');
      const d = (v: Decimal): string => v.toSignificantDigits(12).toString();
      fail(r, `rule ${r.id} does not hold${at ? ` at ${at}` : ''}: the left side is ${d(verdict.lhs)}, the right side ${d(verdict.rhs)} (they differ by ${verdict.difference.toSignificantDigits(3).toString()})`);
    }
  }
  if (good < ENOUGH || exact < ENOUGH_EXACT) {
    fail(r, `rule ${r.id} could not be checked: its sides are both defined, with its conditions holding, at only ${good} of ${TRIES} sample points, ${exact} of them in high precision (${ENOUGH} and ${ENOUGH_EXACT} are needed)`);
  }
}

/** Whether a side condition holds at the point, in floats (the precise check asks again). */
function holds(c: PointCondition, point: Readonly<Record<string, number>>, fns: FunctionTable): boolean {
  const v = floatValue(c.expr, point, fns);
  return c.pred === 'nonzero' ? Number.isFinite(v) && v !== 0 : v > 0;
}

const DEF_SAMPLES = 20;
const DEF_TRIES = 200;

/**
 * A definition must be defined somewhere; one of a function the evaluator also computes
 * natively (the built-in files' sigmoid, tanh, swish, ...) must agree with it, a float
 * disagreement being confirmed in high precision before it refuses.
 */
function checkDef(d: FunctionDef, fns: FunctionTable, defs: FunctionDefs, fail: FailAt): void {
  const native = fns[d.name];
  const rnd = seededRandom(hash(d.name));
  let good = 0;
  for (let t = 0; t < DEF_TRIES && good < DEF_SAMPLES; t++) {
    const point: Record<string, number> = {};
    const families = familyParams(d);
    // Over families: a size from 1 to 6 (the last parameter) and positive members, checked
    // against the function for listed classes (their number, then each family's members).
    const size = 1 + Math.floor(rnd() * 6);
    const listed: number[] = [size];
    if (families.length) {
      // Another parameter (softmax's class i) is a class number from 1 to the size.
      for (const p of d.params) point[p] = families.includes(p) || p === d.params[d.params.length - 1] ? size : 1 + Math.floor(rnd() * size);
      for (const p of d.params.slice(0, -1)) {
        if (!families.includes(p)) listed.push(point[p]!);
        else for (let m = 1; m <= size; m++) listed.push((point[memberKey(p, m)] = uniform(rnd, 0.1, 2.5)));
      }
    } else for (const p of d.params) point[p] = wideValue(rnd);
    const v = floatValue(d.body, point, fns);
    const w = !native ? v : families.length ? native(...listed) : native(...d.params.map((p) => point[p]!));
    if (!Number.isFinite(v) || !Number.isFinite(w)) continue;
    good++;
    if (close(v, w, 1e-9)) continue;
    let exact: number;
    try {
      exact = Number(preciseValue(openAllCalls(d.body, defs), point, EMPTY, 40));
    } catch {
      exact = NaN;
    }
    if (!close(exact, w, 1e-9)) fail(d, `def ${d.name} disagrees with the numeric ${d.name}: ${v} vs ${w}`);
  }
  if (good < DEF_SAMPLES) fail(d, `def ${d.name} could not be checked: it is undefined at most sample points`);
}

const EMPTY = new Definitions([]);

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A FailAt that throws a positioned `rule` error, given the text of each file. */
export function failer(texts: ReadonlyMap<string, string>): FailAt {
  return (where, message) => {
    const text = texts.get(where.file);
    if (text === undefined) throw new GradproofError('rule', `${where.file}:${where.line}: ${message}`);
    const offset = text.split('\n').slice(0, where.line - 1).reduce((s, l) => s + l.length + 1, 0);
    throw new GradproofError('rule', message, positionOf(text, offset, where.file));
  };
}
