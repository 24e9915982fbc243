/**
 * Hand-built matrix proofs for the kernel's tests: the matrix rules of the contract (common to every area, with their
 * declared shapes) admitted beside the built-in rules, and a walk that turns a list of changes into steps.
 */
import { admitRules, type AdmittedRules, type KernelRule } from '../../src/kernel/index.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { type Expr, add, call, mul, num, sym } from '../../src/expr/node.js';
import { matSym, matmul, transpose, sumAll, rowsum, bcast, vjp } from '../../src/expr/matrix.js';
import { at, replaceAt } from '../../src/expr/traverse.js';
import type { Assumption, Condition, Proof, Step } from '../../src/proof/types.js';

const [G, A, B, X] = ['G', 'A', 'B', 'X'].map(sym) as [Expr, Expr, Expr, Expr];
type Shapes = NonNullable<KernelRule['shapes']>;
const rule = (id: string, lhs: Expr, rhs: Expr, shapes: Shapes, free = false): KernelRule & { file: string } => ({
  id, kind: 'rewrite', lhs, rhs, shapes, conditions: free ? [{ pred: 'free', args: ['A', 'X'] }] : [], file: 'test-matrix.rules',
});

/** The matrix rules of the contract used here (ids and shapes as in common.md). */
export const MATRIX_RULES = [
  rule('m.vjp-self', vjp(G, X, X), G, { G: ['r', 'c'], X: ['r', 'c'] }),
  rule('m.vjp-const', vjp(G, A, X), num(0), { G: 'any', A: 'any', X: 'any' }, true),
  rule('m.vjp-add', vjp(G, add(A, B), X), add(vjp(G, A, X), vjp(G, B, X)), { G: 'any', A: 'any', B: 'any', X: 'any' }),
  rule('m.vjp-hadamard', vjp(G, mul(A, B), X), add(vjp(mul(G, B), A, X), vjp(mul(G, A), B, X)), { G: 'any', A: 'any', B: 'any', X: 'any' }),
  rule('m.vjp-matmul', vjp(G, matmul(A, B), X), add(vjp(matmul(G, transpose(B)), A, X), vjp(matmul(transpose(A), G), B, X)), { G: ['r', 'c'], A: ['r', 'k'], B: ['k', 'c'], X: 'any' }),
  rule('m.vjp-sum-all', vjp(G, sumAll(A), X), vjp(G, A, X), { G: 'scalar', A: 'any', X: 'any' }),
  rule('m.vjp-bcast', vjp(G, bcast(B, sym('m')), X), vjp(rowsum(G), B, X), { G: ['r', 'm'], B: ['r', '1'], X: 'any' }),
  rule('m.colsum-column', call('colsum', A), sumAll(A), { A: ['r', '1'] }),
  // Unsound on matrices, sound on scalars: a rule without declared shapes that speaks of matrix products.
  { id: 'x.matmul-commutes', kind: 'rewrite' as const, lhs: matmul(A, B), rhs: matmul(B, A), conditions: [], file: 'test-matrix.rules' },
];

const builtin = builtinRules();
export const rules: AdmittedRules = admitRules([...builtin.rules, ...MATRIX_RULES], builtin.defs.values(), []);

/** One change: the rule, the kind, where, and what the subterm there becomes. */
export interface Change { rule: string; kind: Step['kind']; path: number[]; to: Expr; bindings?: Record<string, Expr>; lemma?: number; conditions?: Condition[] }

/** The steps of one derivation from `start`, each change applied where it says; and its result. */
export function walk(start: Expr, derivation: number, changes: readonly Change[]): { steps: Step[]; result: Expr } {
  let cur = start;
  const steps = changes.map((c): Step => {
    if (!at(cur, c.path)) throw new Error(`no path ${c.path.join('.')} in the test's term`);
    const after = replaceAt(cur, c.path, c.to);
    const st: Step = { rule: c.rule, kind: c.kind, path: c.path, bindings: c.bindings ?? {}, before: cur, after, conditions: c.conditions ?? [], phase: 0, derivation, ...(c.lemma ? { lemma: c.lemma } : {}) };
    cur = after;
    return st;
  });
  return { steps, result: cur };
}

export function proofOf(start: Expr, steps: Step[], result: Expr, definitions: Proof['definitions'], lemmas: Proof['lemmas'] = [], assumptions: Assumption[] = []): Proof {
  return { start, result, steps, lemmas, phases: [], definitions, assumptions };
}

/** The index of the operand of `e` (a sum) that is `part`. */
export const operand = (e: Expr, part: Expr): number => {
  const i = e.args.indexOf(part);
  if (i < 0) throw new Error('not an operand');
  return i;
};

export { G, A, B, X, add, call, mul, num, sym, matSym, matmul, transpose, sumAll, rowsum, bcast, vjp };
