/**
 * Loading matrix rules (a `shapes` line, rules/matrix.rules). A matrix rule is checked twice:
 * - by shape, with every dimension a name of its own: wherever the left side is well-shaped
 *   (each `any` variable tried as a scalar and as a matrix), the right side must be too, with
 *   the same shape; so a missing transpose, or a rule that needs a square matrix, is refused;
 * - by value, at random matrices of several sizes, each dimension drawn on its own from 1 to
 *   4: the variable differentiated by (the last argument of `vjp`, `diff`) is a random leaf,
 *   scalar or shaped, the others random functions of it (a variable with `free(v, X)` a random
 *   constant), and `vjp` and `diff` are central differences (src/expr/matrix-eval.ts).
 * A size where the right side is not well-shaped (a 1×1 block is a scalar) is skipped: the
 * matcher never applies the rule there. Sampling proves nothing: it only refuses.
 * A scalar on the right (the number 0, or `s` in `bcast(s, m) = s`) is that scalar at every
 * entry of the left side; the kernel lets such a step stand only where every enclosing
 * operation is entrywise up to an operand of the left side's shape.
 */
import { type Expr, add, call, mul, num, pow, sym } from '../expr/node.js';
import { substitute, symbols } from '../expr/traverse.js';
import type { FunctionTable } from '../expr/eval.js';
import { ShapeError, type Shape, STRUCTURAL, PRIME, VJP, matSym, matmul, sameShape, shapeOf, showShape, sumAll } from '../expr/matrix.js';
import { type Value, entry, evaluateShaped, isMatrix, matrix } from '../expr/matrix-eval.js';
import { seededRandom, uniform, type Random } from '../expr/random.js';
import { rat } from '../expr/rational.js';
import type { PatternShape, Rule } from './types.js';
import type { FailAt } from './validate.js';
import { dimensionNames, literalNames, showPatternShape } from './shapes.js';

/** Functions a matrix rule may name besides the evaluator's: the calls of shaped terms. */
export const MATRIX_FUNCTIONS: ReadonlySet<string> = new Set([...STRUCTURAL, PRIME, 'diff']);

/** Names: every variable declared and on the left, literals only functions (or pi), dimensions apart from variables. */
export function checkMatrixNames(r: Rule, known: ReadonlySet<string>, fail: FailAt): void {
  const shapes = r.shapes!;
  const left = symbols(r.lhs!);
  for (const v of Object.keys(shapes)) if (!left.has(v)) fail(r, `rule ${r.id} declares a shape for ${v}, which its left side does not have`);
  for (const d of dimensionNames(shapes)) if (Object.hasOwn(shapes, d)) fail(r, `rule ${r.id}: ${d} is a pattern variable and a dimension`);
  for (const s of literalNames(r)) if (s !== 'pi' && !known.has(s)) fail(r, `rule ${r.id}: ${s} has no shape (every pattern variable of a matrix rule declares one; other names are functions)`);
  const unbound = [...symbols(r.rhs!)].filter((s) => Object.hasOwn(shapes, s) && !left.has(s));
  if (unbound.length) fail(r, `rule ${r.id}: the right side uses ${unbound.join(', ')}, which the left side does not bind`);
}

/** The variables differentiated by: the last argument of a `vjp` or `diff` on the left, when a pattern variable. */
function wrtVariables(r: Rule): Set<string> {
  const out = new Set<string>();
  const walk = (e: Expr): void => {
    if (e.kind === 'call' && (e.fn === VJP || e.fn === 'diff')) {
      const x = e.args[e.args.length - 1]!;
      if (x.kind === 'sym' && Object.hasOwn(r.shapes!, x.name)) out.add(x.name);
    }
    e.args.forEach(walk);
  };
  walk(r.lhs!);
  return out;
}

/** Each `any` variable as a scalar or a matrix: every combination, scalars first. */
function anyChoices(names: readonly string[]): Array<ReadonlyMap<string, boolean>> {
  const out: Array<Map<string, boolean>> = [];
  for (let mask = 0; mask < 1 << names.length; mask++) out.push(new Map(names.map((n, i) => [n, ((mask >> i) & 1) === 1])));
  return out;
}

/** A name no dimension or variable of the rule uses. */
function freshDims(r: Rule, want: readonly string[]): string[] {
  const used = new Set([...dimensionNames(r.shapes!), ...Object.keys(r.shapes!)]);
  return want.map((w) => {
    let n = w;
    for (let i = 1; used.has(n); i++) n = `${w}${i}`;
    used.add(n);
    return n;
  });
}

/** Where the left side is well-shaped, the right side is too and has the same shape. */
export function checkMatrixShapes(r: Rule, fail: FailAt): void {
  const shapes = r.shapes!;
  const wrt = wrtVariables(r);
  const [p, q, s, t] = freshDims(r, ['p', 'q', 's', 't']);
  const anys = Object.keys(shapes).filter((v) => shapes[v] === 'any');
  let wellShaped = 0;
  for (const matrixAny of anyChoices(anys)) {
    const declared = new Map<string, PatternShape>();
    const subst = new Map<string, Expr>();
    for (const [v, sh] of Object.entries(shapes)) {
      const d: PatternShape = sh !== 'any' ? sh : !matrixAny.get(v) ? 'scalar' : wrt.has(v) ? [s!, t!] : [p!, q!];
      declared.set(v, d);
      // A dimension variable stands for a dimension name of its own.
      subst.set(v, d === 'scalar' || d === 'dim' ? sym(v) : matSym(v, dimExpr(d[0]!), dimExpr(d[1]!)));
    }
    const l = shapeIfWell(substitute(r.lhs!, subst));
    if (l === undefined) continue;
    wellShaped++;
    const at = [...declared].map(([v, d]) => `${v} ${showPatternShape(d)}`).join(', ');
    const right = substitute(r.rhs!, subst);
    let rs: Shape;
    try {
      rs = shapeOf(right);
    } catch (e) {
      if (!(e instanceof ShapeError)) throw e;
      return fail(r, `rule ${r.id}: where its left side is well-shaped (${at}), its right side is not: ${e.message}`);
    }
    // A scalar right side of a shaped left side is that scalar repeated (the kernel admits it only entry by entry).
    if (rs !== null && !sameShape(l, rs)) fail(r, `rule ${r.id}: its left side is ${showShape(l)} but its right side ${showShape(rs)} (${at})`);
  }
  if (!wellShaped) fail(r, `rule ${r.id}: its left side is well-shaped for none of its declared shapes`);
}

const dimExpr = (d: string): Expr => (/^[0-9]/.test(d) ? num(Number(d)) : sym(d));

/** The shape of `e`, or undefined when it is not well-shaped. */
function shapeIfWell(e: Expr): Shape | undefined {
  try {
    return shapeOf(e);
  } catch (err) {
    if (err instanceof ShapeError) return undefined;
    throw err;
  }
}

const TARGET = 24;
const ENOUGH = 12;
const TRIES = 240;
/** Both sides are central differences (or exact): entries further apart than this, relative, differ. */
const TOLERANCE = 1e-5;

/** Checks the rule's values at random matrices of several sizes; refuses it with the sizes and the entry where it fails. */
export function checkMatrixValues(r: Rule, fns: FunctionTable, fail: FailAt, seed: number): void {
  const rnd = seededRandom(seed);
  const shapes = r.shapes!;
  const wrt = wrtVariables(r);
  const x = [...wrt][0];
  const constants = new Set(r.conditions.filter((c) => c.pred === 'free').map((c) => c.args[0]!));
  const dims = dimensionNames(shapes);
  const [p, q, s, t] = freshDims(r, ['p', 'q', 's', 't']);
  let good = 0;
  for (let trial = 0; trial < TRIES && good < TARGET; trial++) {
    const size = new Map<string, number>([...dims, p!, q!, s!, t!].map((d) => [d, 1 + Math.floor(rnd() * 4)]));
    const sizeOf = (d: string): number => (/^[0-9]/.test(d) ? Number(d) : size.get(d)!);
    const leaves = new Leaves(rnd);
    // The shapes this trial gives each variable: an `any` one is a scalar or a matrix at random.
    const concrete = new Map<string, [number, number] | null>();
    const dimVars = new Map<string, number>();
    for (const [v, sh] of Object.entries(shapes)) {
      if (sh === 'dim') {
        dimVars.set(v, 1 + Math.floor(rnd() * 4));
        continue;
      }
      const d = sh === 'any' ? (rnd() < 0.5 ? null : wrt.has(v) ? ([s!, t!] as const) : ([p!, q!] as const)) : sh === 'scalar' ? null : sh;
      concrete.set(v, d === null ? null : [sizeOf(d[0]), sizeOf(d[1])]);
    }
    const subst = new Map<string, Expr>();
    const X = x === undefined ? undefined : leaves.leaf('X', concrete.get(x)!);
    if (x !== undefined) subst.set(x, X!.term);
    for (const [v, d] of concrete) {
      if (v === x) continue;
      subst.set(v, X === undefined || constants.has(v) ? leaves.leaf(v, d).term : leaves.functionOf(X, d));
    }
    for (const d of dims) subst.set(d, num(size.get(d)!));
    for (const [v, n] of dimVars) subst.set(v, num(n));
    const lhs = substitute(r.lhs!, subst);
    const rhs = substitute(r.rhs!, subst);
    if (shapeIfWell(lhs) === undefined || shapeIfWell(rhs) === undefined) continue;
    const point = { dims: new Map<string, number>(), values: leaves.values, fns };
    const valueOf = (e: Expr): Value | undefined => {
      try {
        return evaluateShaped(e, point);
      } catch (err) {
        if (err instanceof ReferenceError) return fail(r, `rule ${r.id} could not be checked: ${err.message}`);
        throw err;
      }
    };
    const conditionsHold = r.conditions.every((c) => {
      if (c.pred !== 'nonzero' && c.pred !== 'positive') return true;
      const v = valueOf(substitute(c.expr!, subst))!;
      return entries(v).every((e) => (c.pred === 'nonzero' ? Number.isFinite(e) && e !== 0 : e > 0));
    });
    if (!conditionsHold) continue;
    const lv = valueOf(lhs)!;
    const rv = valueOf(rhs)!;
    if (![lv, rv].every((v) => entries(v).every(Number.isFinite))) continue;
    good++;
    const differs = compare(lv, rv);
    if (differs) fail(r, `rule ${r.id} does not hold at random values of shapes ${[...concrete].map(([v, d]) => `${v} ${showSize(d)}`).join(', ')}: ${differs}`);
  }
  if (good < ENOUGH) fail(r, `rule ${r.id} could not be checked: both sides are defined, with its conditions holding, at only ${good} of ${TRIES} random points (${ENOUGH} are needed)`);
}

const showSize = (d: [number, number] | null): string => (d === null ? 'scalar' : `[${d[0]}, ${d[1]}]`);
const entries = (v: Value): number[] => (isMatrix(v) ? [...v.data] : [v]);
const near = (a: number, b: number): boolean => Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
const shown = (v: number): number => Number(v.toPrecision(6));

/** Why two values differ (a scalar right side is repeated over the left side's entries), or undefined. */
function compare(l: Value, r: Value): string | undefined {
  if (!isMatrix(l) && !isMatrix(r)) return near(l, r) ? undefined : `the left side is ${shown(l)}, the right side ${shown(r)}`;
  if (!isMatrix(l) || (isMatrix(r) && (l.rows !== r.rows || l.cols !== r.cols))) {
    return `the left side is ${sizeText(l)}, the right side ${sizeText(r)}`;
  }
  for (let i = 0; i < l.rows; i++) {
    for (let j = 0; j < l.cols; j++) {
      const a = entry(l, i, j);
      const b = isMatrix(r) ? entry(r, i, j) : r;
      if (!near(a, b)) return `entry (${i + 1}, ${j + 1}) of the left side is ${shown(a)}, of the right side ${shown(b)}`;
    }
  }
  return undefined;
}

const sizeText = (v: Value): string => (isMatrix(v) ? `${v.rows}×${v.cols}` : 'a scalar');

/**
 * Random leaves and random functions of the variable differentiated by. Leaves are named
 * `%…`, which no rule or user can write; a 1×1 leaf is a number, as a 1×1 matrix is a scalar.
 */
class Leaves {
  readonly values = new Map<string, Value>();
  private count = 0;
  constructor(private readonly rnd: Random) {}

  leaf(base: string, d: readonly [number, number] | null): { term: Expr; shape: readonly [number, number] | null } {
    const name = `%${base}${this.count++}`;
    const value = (): number => uniform(this.rnd, -1.5, 1.5);
    if (d === null || (d[0] === 1 && d[1] === 1)) {
      this.values.set(name, value());
      return { term: d === null ? sym(name) : matSym(name, 1, 1), shape: d };
    }
    this.values.set(name, matrix(d[0], d[1], value));
    return { term: matSym(name, d[0], d[1]), shape: d };
  }

  /** A smooth random function of X with the shape d: a product with random matrices around an entrywise function of X, or its exponential (positive). */
  functionOf(X: { term: Expr; shape: readonly [number, number] | null }, d: readonly [number, number] | null): Expr {
    const h = this.wiggle(X.term);
    let f: Expr;
    if (X.shape === null) f = d === null ? add(call('sin', mul(this.leaf('k', null).term, X.term)), this.leaf('c', null).term) : add(call('tanh', mul(X.term, this.leaf('M', d).term)), this.leaf('C', d).term);
    else if (d === null) f = add(sumAll(mul(this.leaf('K', X.shape).term, h)), this.leaf('c', null).term);
    else f = add(matmul(matmul(this.leaf('P', [d[0], X.shape[0]]).term, h), this.leaf('Q', [X.shape[1], d[1]]).term), this.leaf('C', d).term);
    return this.rnd() < 0.35 ? call('exp', mul(num(rat(1n, 2n)), f)) : f;
  }

  private wiggle(x: Expr): Expr {
    const k = Math.floor(this.rnd() * 3);
    return k === 0 ? call('sin', x) : k === 1 ? call('tanh', x) : add(pow(x, num(2)), x);
  }
}
