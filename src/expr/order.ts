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

function rankOf(e: Expr): number {
  if (e.kind !== 'call') return RANK[e.kind];
  for (const a of e.args) if (a.kind !== 'sym' && a.kind !== 'num') return RANK.call;
  return SIMPLE_CALL;
}

/** Compares names with runs of digits as numbers: `a2 < a10 < b`. */
export function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  // Run by run (digits, or not digits), scanning in place: this is the innermost loop of
  // sorting every sum and product, so it allocates nothing until two runs differ.
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const da = isDigit(a.charCodeAt(i));
    const db = isDigit(b.charCodeAt(j));
    let ie = i + 1;
    while (ie < a.length && isDigit(a.charCodeAt(ie)) === da) ie++;
    let je = j + 1;
    while (je < b.length && isDigit(b.charCodeAt(je)) === db) je++;
    if (ie - i === je - j && sameChars(a, i, b, j, ie - i)) {
      i = ie;
      j = je;
      continue;
    }
    const x = a.slice(i, ie);
    const y = b.slice(j, je);
    if (da && db) {
      const c = Number(x) - Number(y);
      if (c !== 0) return c < 0 ? -1 : 1;
    }
    return x < y ? -1 : 1;
  }
  // Every run so far the same: the name with runs left comes after.
  return i < a.length ? 1 : j < b.length ? -1 : 0;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

function sameChars(a: string, i: number, b: string, j: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (a.charCodeAt(i + k) !== b.charCodeAt(j + k)) return false;
  return true;
}

function compareLists(a: readonly Expr[], b: readonly Expr[], cmp: (x: Expr, y: Expr) => number): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = cmp(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Where a term's body starts among its factors: after a product's numeric coefficient. */
const bodyStart = (e: Expr): number => (e.kind === 'mul' && e.args[0]!.kind === 'num' ? 1 : 0);

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
  // The bodies, factor by factor (a product's factors after its coefficient, or the term
  // itself), read in place rather than sliced: sorting calls this most of all.
  const fa = a.kind === 'mul' ? a.args : undefined;
  const fb = b.kind === 'mul' ? b.args : undefined;
  const sa = bodyStart(a);
  const sb = bodyStart(b);
  const na = fa ? fa.length - sa : 1;
  const nb = fb ? fb.length - sb : 1;
  const n = Math.min(na, nb);
  for (let i = 0; i < n; i++) {
    const c = compareFactor(fa ? fa[sa + i]! : a, fb ? fb[sb + i]! : b);
    if (c !== 0) return c;
  }
  if (na !== nb) return na - nb;
  return ratCompare(coefficient(a), coefficient(b));
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
