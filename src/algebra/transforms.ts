/**
 * The simplifier's moves. Each looks at one node and proposes a sequence of forms, each
 * citing an algebra rule; the simplifier records every form as a step. Moves that can make
 * an expression bigger (combining fractions, expanding) are proposed only when their last
 * form is cheaper than the node they start from.
 */
import { type Expr, add, mul, num, pow } from '../expr/node.js';
import { type Rational, ZERO, isNegative, isOne, isZero, rat, ratAdd, ratInv, ratMul } from '../expr/rational.js';
import { isImpossible, lostDefinedness } from '../expr/defined.js';
import { AtomTable, PolyLimit, toRationalFunction } from '../expr/poly.js';
import type { Condition } from '../proof/types.js';
import { collect, expand } from './expand.js';
import { cost } from './cost.js';
import { distributeToCancel } from './distribute.js';

export interface Move {
  readonly rule: string;
  /** The node's new form. */
  readonly form: Expr;
  readonly conditions: readonly Condition[];
}

export type Transform = (node: Expr) => Move[] | undefined;

const isMinusOne = (e: Expr): boolean => e.kind === 'num' && e.value.n === -1n && e.value.d === 1n;

/**
 * What the constructors leave because it may be undefined, folded as a step that states
 * where it is defined: `0*log(x)` → `0` (x > 0), `u^0` → `1`, `1^u` → `1`, and
 * `(x^-1)^-1` → `x` (x != 0). A term undefined everywhere (`0/0`) is left as it is.
 */
export const foldWithConditions: Transform = (node) => {
  let form: Expr | undefined;
  const [a, b] = node.args;
  if (node.kind === 'mul' && a!.kind === 'num' && isZero(a!.value)) form = num(0);
  else if (node.kind === 'pow' && b!.kind === 'num' && isZero(b!.value)) form = num(1);
  else if (node.kind === 'pow' && a!.kind === 'num' && a!.value.n === 1n && a!.value.d === 1n) form = num(1);
  else if (node.kind === 'pow' && a!.kind === 'pow' && isNegativeInteger(b!) && isNegativeInteger(a!.args[1])) {
    form = pow(a!.args[0], num(ratMul((a!.args[1] as Expr & { kind: 'num' }).value, (b as Expr & { kind: 'num' }).value)));
  }
  if (form === undefined) return undefined;
  const conditions = lostDefinedness(node, form);
  if (conditions.some(isImpossible)) return undefined;
  return [{ rule: 'alg.rearrange', form, conditions }];
};

const isNegativeInteger = (e: Expr): boolean => e.kind === 'num' && e.value.d === 1n && e.value.n < 0n;

/** `-(a + b)` → `-a - b`. */
export const distributeSign: Transform = (node) => {
  if (node.kind !== 'mul' || node.args.length !== 2 || !isMinusOne(node.args[0]!) || node.args[1]!.kind !== 'add') return undefined;
  const sum = node.args[1]!;
  return [{ rule: 'alg.distribute', form: add(...sum.args.map((t) => mul(num(-1), t))), conditions: [] }];
};

/** A factor as base and numeric exponent: `x^-2` is (x, -2), `x` is (x, 1). */
function baseExp(f: Expr): [Expr, Rational] | undefined {
  if (f.kind === 'num') return undefined;
  if (f.kind === 'pow') return f.args[1].kind === 'num' ? [f.args[0], f.args[1].value] : undefined;
  return [f, { n: 1n, d: 1n }];
}

/** `x * x^-1 * y` → `y` (cancel, recording x ≠ 0); `x * x` → `x^2`. */
export const combinePowers: Transform = (node) => {
  if (node.kind !== 'mul') return undefined;
  const groups = new Map<Expr, { exp: Rational; count: number; negative: boolean; positive: boolean }>();
  for (const f of node.args) {
    const be = baseExp(f);
    if (!be) continue;
    const g = groups.get(be[0]) ?? { exp: ZERO, count: 0, negative: false, positive: false };
    groups.set(be[0], {
      exp: ratAdd(g.exp, be[1]),
      count: g.count + 1,
      negative: g.negative || isNegative(be[1]),
      positive: g.positive || !isNegative(be[1]),
    });
  }
  if (![...groups.values()].some((g) => g.count > 1)) return undefined;
  const out: Expr[] = [];
  const conditions: Condition[] = [];
  let cancels = false;
  for (const f of node.args) {
    const be = baseExp(f);
    if (!be) {
      out.push(f);
      continue;
    }
    const g = groups.get(be[0])!;
    if (g.count === 1) {
      out.push(f);
      continue;
    }
    if (g.count < 0) continue; // already emitted
    if (g.negative && g.positive) {
      cancels = true;
      conditions.push({ kind: 'nonzero', expr: be[0] });
    }
    if (!isZero(g.exp)) out.push(pow(be[0], num(g.exp)));
    groups.set(be[0], { ...g, count: -1 });
  }
  return [{ rule: cancels ? 'alg.cancel-common-factor' : 'alg.multiply-powers', form: mul(...out), conditions }];
};

/** Splits a term into its numerator and its symbolic denominator factors (base → exponent). */
function splitTerm(t: Expr): { top: Expr[]; bottom: Map<Expr, bigint> } {
  const top: Expr[] = [];
  const bottom = new Map<Expr, bigint>();
  for (const f of t.kind === 'mul' ? t.args : [t]) {
    if (f.kind === 'pow' && f.args[1].kind === 'num' && f.args[1].value.d === 1n && f.args[1].value.n < 0n) {
      bottom.set(f.args[0], (bottom.get(f.args[0]) ?? 0n) - f.args[1].value.n);
    } else top.push(f);
  }
  return { top, bottom };
}

/**
 * A sum with symbolic denominators → one fraction over the least common denominator, then
 * the numerator expanded, collected, and any denominator factor that divides it cancelled.
 */
export const combineFractions: Transform = (node) => {
  if (node.kind !== 'add') return undefined;
  const parts = node.args.map(splitTerm);
  if (!parts.some((p) => p.bottom.size > 0)) return undefined;
  const lcd = new Map<Expr, bigint>();
  for (const p of parts) for (const [b, k] of p.bottom) if ((lcd.get(b) ?? 0n) < k) lcd.set(b, k);
  const numerators = parts.map((p) => {
    const extra = [...lcd].map(([b, k]) => pow(b, num(k - (p.bottom.get(b) ?? 0n))));
    return mul(...p.top, ...extra);
  });
  const denominator = [...lcd].map(([b, k]) => pow(b, num(-k)));
  // A numerator that is zero is the whole fraction's value: the move states the denominators.
  const over = (top: Expr): Expr => (top === num(0) ? top : mul(top, ...denominator));
  const moves: Move[] = [];
  let top = add(...numerators);
  const conditions = [...lcd.keys()].map((b): Condition => ({ kind: 'nonzero', expr: b }));
  moves.push({ rule: 'alg.combine-fractions', form: over(top), conditions });
  const expanded = expand(top);
  if (expanded) {
    top = expanded;
    moves.push({ rule: 'alg.expand', form: over(top), conditions: [] });
  }
  const collected = collect(top);
  if (collected) {
    top = collected;
    moves.push({ rule: 'alg.collect', form: over(top), conditions: [] });
  }
  const cancelled = cancelDivisors(top, lcd);
  if (cancelled) moves.push(cancelled);
  return cost(moves[moves.length - 1]!.form) < cost(node) ? moves : undefined;
};

/** Divides denominator factors out of a polynomial numerator where they divide it exactly. */
function cancelDivisors(top: Expr, lcd: Map<Expr, bigint>): Move | undefined {
  try {
    const atoms = new AtomTable();
    let n = toRationalFunction(top, atoms, { normalizeAtoms: false }).num;
    const left = new Map(lcd);
    const conditions: Condition[] = [];
    for (const [b, k] of lcd) {
      const d = toRationalFunction(b, atoms, { normalizeAtoms: false });
      if (d.den.constantValue === undefined || d.num.constantValue !== undefined) continue;
      for (let i = 0n; i < k; i++) {
        const q = n.divide(d.num.scale(d.den.constantValue));
        if (!q) break;
        n = q;
        left.set(b, left.get(b)! - 1n);
        if (i === 0n) conditions.push({ kind: 'nonzero', expr: b });
      }
    }
    if (!conditions.length) return undefined;
    const form = mul(n.toExpr(atoms), ...[...left].filter(([, k]) => k > 0n).map(([b, k]) => pow(b, num(-k))));
    return { rule: 'alg.cancel-common-factor', form, conditions };
  } catch (err) {
    if (err instanceof PolyLimit) return undefined;
    throw err;
  }
}

/** A sum of products of sums (no symbolic denominators) → expanded and collected, when cheaper. */
export const expandAndCollect: Transform = (node) => {
  if (node.kind !== 'add') return undefined;
  if (!node.args.some((t) => t.kind === 'mul' && t.args.some((f) => f.kind === 'add'))) return undefined;
  const expanded = expand(node);
  if (!expanded) return undefined;
  const moves: Move[] = [{ rule: 'alg.expand', form: expanded, conditions: [] }];
  const collected = collect(expanded);
  if (collected) moves.push({ rule: 'alg.collect', form: collected, conditions: [] });
  return cost(moves[moves.length - 1]!.form) < cost(node) ? moves : undefined;
};

/** A term as its numeric coefficient and the rest: `-2*x*(a - y)` is (-2, `x*(a - y)`). */
function coefficientAndBody(t: Expr): [Rational, Expr] {
  if (t.kind === 'num') return [t.value, num(1)];
  if (t.kind === 'mul' && t.args[0]!.kind === 'num') return [t.args[0]!.value, mul(...t.args.slice(1))];
  return [{ n: 1n, d: 1n }, t];
}

/**
 * Terms that are the same product up to a number collected, sums inside them kept whole:
 * `x*(a - y) + (a - y)*x` (one product, its factors sorted) → `2*x*(a - y)`, not expanded.
 */
export const collectEqualTerms: Transform = (node) => {
  if (node.kind !== 'add') return undefined;
  // Only products holding a sum: plain like terms and fractions are the other moves' work.
  const holdsSum = (t: Expr): boolean => (t.kind === 'mul' ? t.args.some(isSumFactor) : isSumFactor(t));
  const groups = new Map<Expr, Rational>();
  let merged = false;
  const rest: Expr[] = [];
  for (const t of node.args) {
    if (!holdsSum(t)) {
      rest.push(t);
      continue;
    }
    const [c, body] = coefficientAndBody(t);
    merged ||= groups.has(body);
    groups.set(body, ratAdd(groups.get(body) ?? ZERO, c));
  }
  if (!merged) return undefined;
  const form = add(...rest, ...[...groups].map(([body, c]) => mul(num(c), body)));
  return [{ rule: 'alg.collect', form, conditions: [] }];
};

/** The positive number every term of a sum is a multiple of (gcd of numerators over lcm of denominators). */
function numericContent(sum: Expr): Rational {
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
  let n = 0n;
  let d = 1n;
  for (const t of sum.args) {
    const c = coefficientAndBody(t)[0];
    n = gcd(n, c.n);
    d = (d * c.d) / gcd(d, c.d);
  }
  return rat(n, d);
}

/**
 * A number every term of a sum factor shares joins the product's coefficient:
 * `z*(2*a - 2*y)` → `2*z*(a - y)`, `-2*x*(1 + a/2)` → `-x*(2 + a)`, when that is shorter. The sign stays inside.
 */
export const takeOutNumber: Transform = (node) => {
  if (node.kind !== 'mul') return undefined;
  const i = node.args.findIndex((f) => f.kind === 'add' && !isOne(numericContent(f)));
  if (i < 0) return undefined;
  const sum = node.args[i]!;
  const c = numericContent(sum);
  const inner = add(...sum.args.map((t) => mul(num(ratInv(c)), t)));
  const form = mul(num(c), ...node.args.slice(0, i), inner, ...node.args.slice(i + 1));
  if (cost(form) >= cost(node)) return undefined;
  return [{ rule: 'alg.factor-out', form, conditions: [] }];
};

/** Whether a factor is a sum, or a power of one (what `expand` multiplies out). */
const isSumFactor = (f: Expr): boolean => f.kind === 'add' || (f.kind === 'pow' && f.args[0].kind === 'add');

/** A sum of plain terms (no factor is a sum) → like terms collected: `2 - x + x` → `2`, `a + a` → `2*a`. */
export const collectLikeTerms: Transform = (node) => {
  if (node.kind !== 'add') return undefined;
  if (node.args.some((t) => (t.kind === 'mul' ? t.args.some(isSumFactor) : isSumFactor(t)))) return undefined;
  const collected = collect(node);
  const terms = (e: Expr): number => (e.kind === 'add' ? e.args.length : 1);
  // Fewer terms is the reason to take it, even when a coefficient makes it a node longer (`x + x` → `2*x`).
  if (!collected || terms(collected) >= terms(node)) return undefined;
  return [{ rule: 'alg.collect', form: collected, conditions: [] }];
};

/** The moves in the order they are tried at each node. */
/**
 * A factor shared by two or more terms of a sum taken out: `a1*y1 + a1*y2 + a1*y3 - y1`
 * is `a1*(y1 + y2 + y3) - y1`, and `a1 - a1^2` is `a1*(1 - a1)`; when it is no dearer.
 */
export const factorOut: Transform = (node) => {
  if (node.kind !== 'add') return undefined;
  const factorsOf = (t: Expr): Expr[] => (t.kind === 'mul' ? t.args : [t]).flatMap((f) => (f.kind === 'num' ? [] : f.kind === 'pow' && f.args[1].kind === 'num' && f.args[1].value.n > 0n && f.args[1].value.d === 1n ? [f.args[0]] : [f]));
  const count = new Map<Expr, number>();
  for (const t of node.args) for (const f of new Set(factorsOf(t))) if (f.kind === 'sym' || f.kind === 'call' || f.kind === 'add') count.set(f, (count.get(f) ?? 0) + 1);
  const best = [...count].filter(([, n]) => n >= 2).sort((x, y) => y[1] - x[1])[0];
  if (!best) return undefined;
  const f = best[0];
  const inv = pow(f, num(-1));
  const withF = node.args.filter((t) => factorsOf(t).includes(f));
  const rest = node.args.filter((t) => !factorsOf(t).includes(f));
  // t/f for each term that has f: one power of f fewer.
  const inner = add(...withF.map((t) => divideOnce(t, f) ?? mul(t, inv)));
  const form = add(mul(f, inner), ...rest);
  if (form === node || cost(form) > cost(node)) return undefined;
  return [{ rule: 'alg.factor-out', form, conditions: [] }];
};

/** `t` with one factor `f` (or one power of it) removed, when t has it as a plain factor. */
function divideOnce(t: Expr, f: Expr): Expr | undefined {
  const fs = t.kind === 'mul' ? t.args : [t];
  const i = fs.findIndex((x) => x === f || (x.kind === 'pow' && x.args[0] === f));
  if (i < 0) return undefined;
  const x = fs[i]!;
  const reduced = x === f ? num(1) : pow(f, add(x.args[1]!, num(-1)));
  return mul(...fs.slice(0, i), reduced, ...fs.slice(i + 1));
}

export const TRANSFORMS: readonly Transform[] = [foldWithConditions, distributeSign, combinePowers, collectEqualTerms, takeOutNumber, combineFractions, expandAndCollect, collectLikeTerms, factorOut, distributeToCancel];
