/**
 * Multiplying a factor into a sum where it cancels a denominator, as a textbook does with
 * `a*(1 - a)*(… - a/(1 - a) …)`: each term gets the factors its fractions divide by, the
 * rest stays outside. Two steps: the distribution, then the cancellation (which states the
 * factors it divides by); taken only when the result is cheaper than the product.
 */
import { type Expr, add, mul, num, pow } from '../expr/node.js';
import { isNegativeTerm } from '../expr/display.js';
import type { Condition } from '../proof/types.js';
import { cost } from './cost.js';
import type { Move, Transform } from './transforms.js';

/** A factor as base and integer exponent: `x^-2` is (x, -2), `x` is (x, 1); other powers are their own base. */
function baseExp(f: Expr): [Expr, bigint] {
  if (f.kind === 'pow' && f.args[1].kind === 'num' && f.args[1].value.d === 1n) return [f.args[0], f.args[1].value.n];
  return [f, 1n];
}

const factorsOf = (e: Expr): readonly Expr[] => (e.kind === 'mul' ? e.args : [e]);

/** The bases `e` divides by, through its sums and products (not inside calls or powers). */
function denominators(e: Expr): ReadonlySet<Expr> {
  const known = DENOMINATORS.get(e);
  if (known) return known;
  const out = new Set<Expr>();
  if (e.kind === 'add') for (const t of e.args) for (const b of denominators(t)) out.add(b);
  else if (e.kind === 'mul' || e.kind === 'pow') {
    for (const f of factorsOf(e)) {
      const [b, k] = baseExp(f);
      if (k < 0n) out.add(b);
      else if (f.kind === 'add') for (const x of denominators(f)) out.add(x);
    }
  }
  DENOMINATORS.set(e, out);
  return out;
}

/** Per node, its denominators: a memo (nodes are interned), so a long product is scanned once per change. */
const DENOMINATORS = new WeakMap<Expr, ReadonlySet<Expr>>();

/**
 * `outside * e`, with the factors of `outside` multiplied into the sums of `e` whose fractions
 * they divide, and, when `cancel`, powers of one base added up (a base that cancels is noted).
 */
function spread(outside: readonly Expr[], e: Expr, cancel: boolean, cancelled: Set<Expr>): Expr {
  if (e.kind === 'add') return add(...e.args.map((t) => spread(outside, t, cancel, cancelled)));
  const all = [...outside, ...factorsOf(e)];
  const factors = cancel ? combined(all, cancelled) : all;
  const i = factors.findIndex((f) => f.kind === 'add' && pushable(factors, f).length > 0);
  if (i < 0) return mul(...factors);
  const sum = factors[i]!;
  const into = pushable(factors, sum);
  const kept = factors.filter((f, j) => j !== i && !into.includes(f));
  const inner = spread(into, sum, cancel, cancelled);
  // A minus outside goes in too where most terms inside are negative: `a*(a - 2*log(1 - a))`, not `-a*(2*log(1 - a) - a)`.
  const outsideNegative = isNegativeTerm(mul(...kept));
  if (cancel && outsideNegative && inner.kind === 'add' && 2 * inner.args.filter(isNegativeTerm).length >= inner.args.length) {
    return mul(num(-1), ...kept, add(...inner.args.map((t) => mul(num(-1), t))));
  }
  return mul(...kept, inner);
}

/** The factors (not sums themselves) whose base is a denominator somewhere in `sum`. */
function pushable(factors: readonly Expr[], sum: Expr): Expr[] {
  const bottoms = denominators(sum);
  return factors.filter((f) => f !== sum && f.kind !== 'num' && baseExp(f)[1] > 0n && bottoms.has(baseExp(f)[0]));
}

/** The factors with the powers of each base added up; a base whose powers meet with opposite signs is `cancelled`. */
function combined(factors: readonly Expr[], cancelled: Set<Expr>): Expr[] {
  const exps = new Map<Expr, { k: bigint; signs: number }>();
  const rest: Expr[] = [];
  for (const f of factors) {
    if (f.kind === 'num') {
      rest.push(f);
      continue;
    }
    const [b, k] = baseExp(f);
    const g = exps.get(b) ?? { k: 0n, signs: 0 };
    exps.set(b, { k: g.k + k, signs: g.signs | (k < 0n ? 1 : 2) });
  }
  for (const [b, g] of exps) {
    if (g.signs === 3) cancelled.add(b);
    if (g.k !== 0n) rest.push(pow(b, num(g.k)));
  }
  return rest;
}

/**
 * A product of factors and a sum whose fractions those factors divide → the factors
 * multiplied in (`alg.distribute`), then cancelled (`alg.cancel-common-factor`), when cheaper.
 */
export const distributeToCancel: Transform = (node) => {
  if (node.kind !== 'mul') return undefined;
  // The bases of the factors first, so that a product of many factors is one pass.
  const bases = new Set(node.args.flatMap((f) => (f.kind !== 'num' && baseExp(f)[1] > 0n ? [baseExp(f)[0]] : [])));
  const sum = node.args.find((f) => f.kind === 'add' && [...denominators(f)].some((b) => bases.has(b)));
  if (!sum) return undefined;
  const into = pushable(node.args, sum);
  const kept = node.args.filter((f) => f !== sum && !into.includes(f));
  const none = new Set<Expr>();
  const distributed = mul(...kept, spread(into, sum, false, none));
  const cancelled = new Set<Expr>();
  const form = mul(...kept, spread(into, sum, true, cancelled));
  if (cancelled.size === 0 || cost(form) >= cost(node)) return undefined;
  const conditions = [...cancelled].map((b): Condition => ({ kind: 'nonzero', expr: b }));
  const moves: Move[] = [
    { rule: 'alg.distribute', form: distributed, conditions: [] },
    { rule: 'alg.cancel-common-factor', form, conditions },
  ];
  return moves;
};
