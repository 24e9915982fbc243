/**
 * The backprop rules of matrix calculus (ids as in `rules/matrix.rules`), applied to one
 * `vjp` or `prime` node at a time. A rule loaded from the rule files under its id is used as
 * loaded; until that file is there, the same rule is taken from the table below, written
 * exactly as the contract states it, so the kernel re-matches the step either way.
 */
import { type Expr, add, call, mul, num, pow, sub, sym } from '../expr/node.js';
import { contains, substitute } from '../expr/traverse.js';
import { match } from '../rewrite/match.js';
import {
  BCAST, BCAST_ROW, COLSUM, MATMUL, PRIME, ROWSUM, SUM_ALL, TRANSPOSE, VJP, bcast, bcastRow, colsum, matmul, prime, rowsum, transpose, vjp,
  type ShapeOfName, sameShape, shapeOf,
} from '../expr/matrix.js';
import type { Rule, RuleCondition, RuleSet } from '../rules/types.js';
import type { Condition } from '../proof/types.js';

const [G, A, B, X, N] = ['G', 'A', 'B', 'X', 'n'].map(sym) as [Expr, Expr, Expr, Expr, Expr];
/** The entrywise functions with a backprop rule, and their derivative written entrywise. */
const PRIMES: ReadonlyArray<readonly [string, Expr, boolean]> = [
  ['sigmoid', mul(call('sigmoid', A), sub(num(1), call('sigmoid', A))), false],
  ['tanh', sub(num(1), pow(call('tanh', A), num(2))), false],
  ['exp', call('exp', A), false],
  ['log', pow(A, num(-1)), true],
  ['softplus', call('sigmoid', A), false],
];

const rule = (id: string, lhs: Expr, rhs: Expr, conditions: RuleCondition[] = []): Rule => ({
  id, kind: 'rewrite', name: { en: id, zh: id }, lhs, rhs, conditions, file: 'matrix.rules', line: 0,
});
const free = (e: string, x: string): RuleCondition => ({ pred: 'free', args: [e, x] });
const nonzero = (e: Expr): RuleCondition => ({ pred: 'nonzero', args: ['A'], expr: e });

/** The contract's rules, in the order they are tried on a `vjp` node. */
export const VJP_RULES: readonly Rule[] = [
  rule('m.vjp-const', vjp(G, A, X), num(0), [free('A', 'X')]),
  rule('m.vjp-self', vjp(G, X, X), G),
  rule('m.vjp-add', vjp(G, add(A, B), X), add(vjp(G, A, X), vjp(G, B, X))),
  rule('m.vjp-hadamard', vjp(G, mul(A, B), X), add(vjp(mul(G, B), A, X), vjp(mul(G, A), B, X))),
  rule('m.vjp-pow', vjp(G, pow(A, N), X), vjp(mul(G, N, pow(A, sub(N, num(1)))), A, X), [free('n', 'X')]),
  rule('m.vjp-matmul', vjp(G, matmul(A, B), X), add(vjp(matmul(G, transpose(B)), A, X), vjp(matmul(transpose(A), G), B, X))),
  rule('m.vjp-transpose', vjp(G, transpose(A), X), vjp(transpose(G), A, X)),
  rule('m.vjp-bcast', vjp(G, bcast(B, sym('m')), X), vjp(rowsum(G), B, X)),
  rule('m.vjp-bcast-row', vjp(G, bcastRow(B, sym('m')), X), vjp(colsum(G), B, X)),
  rule('m.vjp-sum-all', vjp(G, call(SUM_ALL, A), X), vjp(G, A, X)),
  rule('m.vjp-rowsum', vjp(G, rowsum(A), X), vjp(bcast(G, sym('c')), A, X)),
  rule('m.vjp-colsum', vjp(G, colsum(A), X), vjp(bcastRow(G, sym('r')), A, X)),
  ...PRIMES.map(([f, , cond]) => rule(`m.vjp-fn.${f}`, vjp(G, call(f, A), X), vjp(mul(G, prime(f, A)), A, X), cond ? [nonzero(A)] : [])),
];

/** `prime(F, A)` written out, one rule per function. */
export const PRIME_RULES: readonly Rule[] = PRIMES.map(([f, rhs, cond]) => rule(`m.prime.${f}`, prime(f, A), rhs, cond ? [nonzero(A)] : []));

/** The loaded rule under the same id wins: the rule files are the source of truth. */
export const rulesFor = (table: readonly Rule[], loaded: RuleSet | undefined): readonly Rule[] =>
  table.map((r) => loaded?.byId.get(r.id) ?? r);

export interface MatrixApplication {
  readonly rule: Rule;
  readonly bindings: ReadonlyMap<string, Expr>;
  readonly after: Expr;
  readonly conditions: Condition[];
}

/**
 * The first rule that applies to `node`, with its bindings. Inside a vjp a defined name is
 * held fixed, so `free(A, X)` means X does not occur in A (not "A does not depend on X").
 * Dimension variables (`m`, `c`, `r`) are bound from the shapes, and every instance must be
 * well shaped with the gradient shaped as X: a rule whose instance is not is skipped.
 */
export function applyMatrixRule(rules: readonly Rule[], node: Expr, named: ShapeOfName): MatrixApplication | undefined {
  for (const r of rules) {
    if (!r.lhs || !r.rhs) continue;
    for (const found of match(r.lhs, node)) {
      const b = new Map(found);
      // `prime(sigmoid, A)`: a function's name in a pattern is itself, not a variable.
      if (PRIMES.some(([f]) => b.has(f) && b.get(f) !== sym(f))) continue;
      if (!bindDimensions(r, b, named)) continue;
      if (!r.conditions.every((c) => c.pred !== 'free' || !contains(b.get(c.args[0]!)!, b.get(c.args[1]!)!))) continue;
      if (r.id === 'm.vjp-pow' && shapeOf(b.get('n')!, named) !== null) continue;
      const after = substitute(r.rhs, b);
      if (!wellShaped(node, after, named)) continue;
      const conditions: Condition[] = r.conditions.filter((c) => c.pred === 'nonzero' && c.expr).map((c) => ({ kind: 'nonzero', expr: substitute(c.expr!, b) }));
      return { rule: r, bindings: b, after, conditions };
    }
  }
  return undefined;
}

/** Binds the dimension variables of the right side that the left side does not bind. */
function bindDimensions(r: Rule, b: Map<string, Expr>, named: ShapeOfName): boolean {
  const a = b.get('A');
  const g = b.get('G');
  if (r.id === 'm.vjp-rowsum' || r.id === 'm.vjp-colsum') {
    const s = a && shapeOf(a, named);
    if (!s) return false;
    if (r.id === 'm.vjp-rowsum') b.set('c', s.cols);
    else b.set('r', s.rows);
  }
  // A scalar gradient through a broadcast or a product would need repeating first.
  if ((r.id.startsWith('m.vjp-bcast') || r.id === 'm.vjp-matmul' || r.id === 'm.vjp-transpose') && g && shapeOf(g, named) === null) return false;
  return true;
}

/** The step keeps the shape, and the gradient of `vjp(G, X, X) = G` has X's shape (or both are scalars). */
function wellShaped(before: Expr, after: Expr, named: ShapeOfName): boolean {
  try {
    const s = shapeOf(after, named);
    if (!sameShape(s, shapeOf(before, named)) && s !== null) return false;
    return true;
  } catch {
    return false;
  }
}

export const isVjp = (e: Expr): boolean => e.kind === 'call' && e.fn === VJP;
export const isPrime = (e: Expr): boolean => e.kind === 'call' && e.fn === PRIME;
export const STRUCTURAL_OPS = [MATMUL, TRANSPOSE, BCAST, BCAST_ROW, ROWSUM, COLSUM] as const;
