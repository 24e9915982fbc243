/**
 * A rule is never trusted because it is written down. When a file loads, every rule is
 * checked: its id is unique, its right side uses only variables its left side binds, its
 * functions are known, and it holds numerically at random points (derivative rules against
 * central finite differences). A wrong rule refuses to load with its file, line and id.
 */
import { type Expr, add, call, mul, num, sym } from '../expr/node.js';
import { rat } from '../expr/rational.js';
import { GradproofError, positionOf } from '../expr/errors.js';
import { functions, substitute, symbols } from '../expr/traverse.js';
import type { FunctionTable } from '../expr/eval.js';
import { close, valueAt, type Point } from '../expr/numeric.js';
import { seededRandom, uniform, type Random } from '../expr/random.js';
import { Definitions } from '../expr/context.js';
import type { FunctionDef, Rule } from './types.js';
import { AT, SUM, freeSymbols, memberKey } from '../expr/indexed.js';
import { familyParams } from '../expr/functions.js';
import { checkBinderScopes, checkIndexRuleNumerically, usesIndexNotationRule } from './validate-index.js';

export interface Located {
  readonly file: string;
  readonly line: number;
}

/** Throws a `rule` error at the rule's file and line. */
export type FailAt = (where: Located, message: string) => never;

const SAMPLES = 6;
const TRIES = 60;

/** Checks rules and definitions; `known` are the functions that may be used. */
export function validate(
  rules: readonly Rule[],
  defs: readonly FunctionDef[],
  fns: FunctionTable,
  fail: FailAt,
  fresh: ReadonlySet<Rule> = new Set(rules),
): void {
  const known = new Set([...Object.keys(fns), 'diff', AT, SUM]);
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
    checkDef(d, fns, fail);
  }
  for (const r of rules) {
    if (!r.lhs || !r.rhs || !fresh.has(r)) continue;
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
    } else checkNumerically(r, fns, fail);
  }
}

/** Variables that must stay positive (or away from zero) in a numeric check. */
function positiveVars(r: Rule): Set<string> {
  return new Set(r.conditions.filter((c) => c.pred !== 'free' && c.expr?.kind === 'sym').map((c) => c.args[0]!));
}

function checkNumerically(r: Rule, fns: FunctionTable, fail: FailAt): void {
  const rnd = seededRandom(hash(r.id));
  const lhs = r.lhs!;
  const rhs = r.rhs!;
  const positive = positiveVars(r);
  // The differentiation variable(s): whatever stands second in a diff on the left.
  const wrt = new Set<string>();
  const collect = (e: Expr): void => {
    if (e.kind === 'call' && e.fn === 'diff' && e.args[1]!.kind === 'sym') wrt.add(e.args[1]!.name);
    e.args.forEach(collect);
  };
  collect(lhs);
  const constants = new Set(r.conditions.filter((c) => c.pred === 'free').map((c) => c.args[0]!));

  let good = 0;
  for (let t = 0; t < TRIES && good < SAMPLES; t++) {
    // Pattern variables become numbers (constants, or everything in an algebra rule) or
    // smooth test functions of the differentiation variable.
    const point: Record<string, number> = {};
    const subst = new Map<string, Expr>();
    // An outer derivative is checked at the function's own argument: u is the variable.
    const inner = r.outer?.params[0];
    if (inner) subst.set(inner, sym([...wrt][0]!));
    for (const v of symbols(lhs)) {
      if (v === 'pi' || v === inner) continue;
      if (wrt.has(v)) point[v] = uniform(rnd, -1.5, 1.5);
      else if (wrt.size === 0 || constants.has(v)) subst.set(v, num(randomRational(rnd, positive.has(v))));
      else subst.set(v, testFunction(rnd, [...wrt][0]!, positive.has(v)));
    }
    const l = substitute(lhs, subst);
    const rr = substitute(rhs, subst);
    const lv = safeValue(l, point, fns);
    const rv = safeValue(rr, point, fns);
    if (!Number.isFinite(lv) || !Number.isFinite(rv)) continue;
    good++;
    if (!close(lv, rv, 1e-6)) {
      const shown = (k: string): string => (inner && wrt.has(k) ? inner : k);
      const at = Object.entries(point).map(([k, v]) => `${shown(k)} = ${v.toPrecision(6)}`).join(', ');
      fail(r, `rule ${r.id} does not hold${at ? ` at ${at}` : ''}: the left side is ${lv.toPrecision(8)}, the right side ${rv.toPrecision(8)}`);
    }
  }
  if (good < SAMPLES) fail(r, `rule ${r.id} could not be checked: it is undefined at most sample points`);
}

function checkDef(d: FunctionDef, fns: FunctionTable, fail: FailAt): void {
  const native = fns[d.name];
  const rnd = seededRandom(hash(d.name));
  let good = 0;
  for (let t = 0; t < TRIES && good < SAMPLES; t++) {
    const point: Record<string, number> = {};
    const families = familyParams(d);
    // Over families: a size from 1 to 6 (the last parameter) and positive members, checked
    // against the function for listed classes (their number, then each family's members).
    const size = 1 + Math.floor(rnd() * 6);
    const listed: number[] = [size];
    if (families.length) {
      for (const p of d.params) point[p] = size;
      for (const f of families) for (let m = 1; m <= size; m++) listed.push((point[memberKey(f, m)] = uniform(rnd, 0.1, 2.5)));
    } else for (const p of d.params) point[p] = uniform(rnd, 0.1, 2.5) * (rnd() < 0.5 ? -1 : 1);
    const v = safeValue(d.body, point, fns);
    const w = !native ? v : families.length ? native(...listed) : native(...d.params.map((p) => point[p]!));
    if (!Number.isFinite(v) || !Number.isFinite(w)) continue;
    good++;
    if (!close(v, w, 1e-9)) fail(d, `def ${d.name} disagrees with the numeric ${d.name}: ${v} vs ${w}`);
  }
  if (good < SAMPLES) fail(d, `def ${d.name} could not be checked: it is undefined at most sample points`);
}

function safeValue(e: Expr, point: Point, fns: FunctionTable): number {
  try {
    return valueAt(e, point, EMPTY, { fns });
  } catch {
    return NaN;
  }
}

const EMPTY = new Definitions([]);

function randomRational(rnd: Random, positive: boolean): ReturnType<typeof rat> {
  const v = Math.round(uniform(rnd, positive ? 0.3 : -2, 2) * 16);
  return rat(v === 0 ? 5 : v, 16);
}

/** `a*sin(b*x + c) + d`, with `d > |a|` when the rule needs the function positive. */
function testFunction(rnd: Random, x: string, positive: boolean): Expr {
  const a = num(randomRational(rnd, false));
  const inner = add(mul(num(randomRational(rnd, false)), sym(x)), num(randomRational(rnd, false)));
  const d = positive ? add(call('abs', a), num(rat(1, 2))) : num(randomRational(rnd, false));
  return add(mul(a, call('sin', inner)), d);
}

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
