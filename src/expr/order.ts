/**
 * The canonical order of operands in `+` and `*`. It is structural (never creation order),
 * so the same input prints the same way in every run, and it is chosen to read well:
 * numbers first, then names (`a2` before `a10` before `y`), sums, calls, products.
 * Powers sort by their base, so `x`, `x^2` and `1/x` sit together.
 */
import type { Expr } from './node.js';
import { type Rational, ONE, ratCompare } from './rational.js';

const RANK = { num: 0, sym: 1, add: 3, call: 4, mul: 5, pow: 6 } as const;
// A function of plain names reads like a name (`y*log(a2)`, `sigmoid(z)*(1 - sigmoid(z))`);
// a function of a compound argument reads after sums (`(1 - y)*log(1 - a2)`).
const SIMPLE_CALL = 2;

const rankOf = (e: Expr): number =>
  e.kind === 'call' && e.args.every((a) => a.kind === 'sym' || a.kind === 'num') ? SIMPLE_CALL : RANK[e.kind];

/** Compares names with runs of digits as numbers: `a2 < a10 < b`. */
export function compareNames(a: string, b: string): number {
  const ra = a.match(/\d+|\D+/g) ?? [];
  const rb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const x = ra[i]!;
    const y = rb[i]!;
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const c = Number(x) - Number(y);
      if (c !== 0) return c < 0 ? -1 : 1;
    }
    return x < y ? -1 : 1;
  }
  return ra.length - rb.length || (a < b ? -1 : a > b ? 1 : 0);
}

function compareLists(a: readonly Expr[], b: readonly Expr[], cmp: (x: Expr, y: Expr) => number): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = cmp(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** The part of a term that is not its numeric coefficient, as the factors of a product. */
function termBody(e: Expr): readonly Expr[] {
  if (e.kind !== 'mul') return [e];
  return e.args[0]!.kind === 'num' ? e.args.slice(1) : e.args;
}

function coefficient(e: Expr): Rational {
  return e.kind === 'mul' && e.args[0]!.kind === 'num' ? e.args[0]!.value : ONE;
}

/**
 * Total order on expressions; 0 exactly when the two are the same node.
 * Keys, compared lexicographically: numbers first; then the term's body factor by factor
 * (so `2*x` sits next to `x`); then the coefficient.
 */
export function compareExpr(a: Expr, b: Expr): number {
  if (a === b) return 0;
  if (a.kind === 'num' || b.kind === 'num') {
    if (a.kind === 'num' && b.kind === 'num') return ratCompare(a.value, b.value);
    return a.kind === 'num' ? -1 : 1;
  }
  const c = compareLists(termBody(a), termBody(b), compareFactor);
  return c !== 0 ? c : ratCompare(coefficient(a), coefficient(b));
}

/** Factors compare by base, then exponent (a plain `x` before any `x^k`). */
function compareFactor(a: Expr, b: Expr): number {
  if (a === b) return 0;
  const ba = a.kind === 'pow' ? a.args[0] : a;
  const bb = b.kind === 'pow' ? b.args[0] : b;
  if (ba !== bb) return compareAtom(ba, bb);
  if (a.kind !== 'pow') return -1;
  if (b.kind !== 'pow') return 1;
  return compareExpr(a.args[1], b.args[1]);
}

function compareAtom(a: Expr, b: Expr): number {
  const ra = rankOf(a);
  const rb = rankOf(b);
  if (ra !== rb) return ra - rb;
  if (a.kind !== b.kind) return RANK[a.kind] - RANK[b.kind];
  switch (a.kind) {
    case 'num':
      return ratCompare(a.value, (b as typeof a).value);
    case 'sym':
      return compareNames(a.name, (b as typeof a).name);
    case 'call': {
      const bc = b as typeof a;
      if (a.fn !== bc.fn) return compareNames(a.fn, bc.fn);
      return compareLists(a.args, bc.args, compareExpr);
    }
    default:
      return compareLists(a.args, b.args, compareExpr);
  }
}
