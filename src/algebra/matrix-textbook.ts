/**
 * The books' form of a matrix result: scalar factors out of products and sums
 * (`matmul((A2 - Y)/m, A1ᵀ)` is `(1/m)·(A2 − Y) A1ᵀ`, `rowsum(dZ/m)` is `(1/m)·rowsum(dZ)`),
 * a sum over one line as the sum of all (`colsum` of a column), a broadcast scalar as the
 * scalar; each one a cited rule of matrix.rules, then the entrywise simplifier.
 */
import { type Expr, call, mul, num, sym } from '../expr/node.js';
import { replaceAt, substitute, type Path } from '../expr/traverse.js';
import { BCAST, BCAST_ROW, COLSUM, MATMUL, ONES, ROWSUM, SUM_ALL, TRANSPOSE, type ShapeOfName, sameShape, bcast, bcastRow, colsum, matmul, ones, rowsum, shapeOf, transpose } from '../expr/matrix.js';
import type { Derivation } from '../rewrite/builder.js';
import { type MatrixRule, applyMatrixRule, matrixRule, rulesFor } from './matrix-apply.js';
import type { RuleSet } from '../rules/types.js';
import { simplify } from './simplify.js';

const [c, A, B, s, r, m] = ['c', 'A', 'B', 's', 'r', 'm'].map(sym) as [Expr, Expr, Expr, Expr, Expr, Expr];

/** Each rule's left side has one scaled operand `c*A` (c scalar), at `scaled`. */
const PULL: ReadonlyArray<readonly [MatrixRule, number]> = [
  [matrixRule('m.matmul-scalar', matmul(mul(c, A), B), mul(c, matmul(A, B)), [], ['c']), 0],
  [matrixRule('m.matmul-scalar-right', matmul(A, mul(c, B)), mul(c, matmul(A, B)), [], ['c']), 1],
  [matrixRule('m.rowsum-scale', rowsum(mul(c, A)), mul(c, rowsum(A)), [], ['c']), 0],
  [matrixRule('m.colsum-scale', colsum(mul(c, A)), mul(c, colsum(A)), [], ['c']), 0],
  [matrixRule('m.bcast-scale', bcast(mul(c, A), m), mul(c, bcast(A, m)), [], ['c']), 0],
  [matrixRule('m.bcast-row-scale', bcastRow(mul(c, A), r), mul(c, bcastRow(A, r)), [], ['c']), 0],
  [matrixRule('m.transpose-scale', transpose(mul(s, A)), mul(s, transpose(A)), [], ['s']), 0],
  [matrixRule('m.sum-all-scale', call(SUM_ALL, mul(c, A)), mul(c, call(SUM_ALL, A)), [], ['c']), 0],
];
const PULLED_FROM: ReadonlySet<string> = new Set([MATMUL, ROWSUM, COLSUM, SUM_ALL, BCAST, BCAST_ROW, TRANSPOSE]);

/** A sum over one line is the sum of everything; a broadcast scalar is that scalar, repeated entrywise. */
const TIDY: readonly MatrixRule[] = [
  // A 1×1 factor (a scalar gradient through aᵀb) scales the other; a transpose of a transpose is the matrix.
  matrixRule('m.matmul-scalar-operand', matmul(s, A), mul(s, A), [], ['s']),
  matrixRule('m.matmul-operand-scalar', matmul(A, s), mul(s, A), [], ['s']),
  matrixRule('m.transpose-transpose', transpose(transpose(A)), A),
  matrixRule('m.colsum-column', colsum(A), call(SUM_ALL, A)),
  matrixRule('m.rowsum-row', rowsum(A), call(SUM_ALL, A)),
  matrixRule('m.bcast-scalar', bcast(s, m), s, [], ['s'], true),
  matrixRule('m.bcast-row-scalar', bcastRow(s, r), s, [], ['s'], true),
  matrixRule('m.bcast-ones', bcast(ones(r, 1), m), ones(r, m)),
  matrixRule('m.bcast-row-ones', bcastRow(ones(1, c), r), ones(r, c)),
  matrixRule('m.ones-scalar', ones(r, c), num(1), [], [], true),
];

/** Pulls every scalar factor out of matrix products and sums, writes sums of one line and broadcast scalars plainly, then simplifies. */
export function scalarsOut(d: Derivation, named: ShapeOfName, loaded?: RuleSet): void {
  const rules = PULL.map(([r, i]) => [rulesFor([r], loaded)[0]!, i] as const);
  const tidy = rulesFor(TIDY, loaded);
  for (;;) {
    const hit = firstPull(d.current, [], named, rules) ?? firstTidy(d.current, [], named, tidy, true, d.current);
    if (!hit) break;
    d.replace('rule', hit.rule.id, hit.path, hit.after, [], hit.bindings);
  }
  simplify(d);
}

/**
 * The innermost node a tidying rule applies to. A rule that writes a broadcast as the scalar
 * it repeats holds only where the scalar is repeated anyway: with every enclosing node
 * entrywise (`+`, `*`, `^`, a function of the entries), never inside a product or a sum.
 */
function firstTidy(e: Expr, path: number[], named: ShapeOfName, rules: readonly MatrixRule[], entrywise: boolean, root: Expr): Pull | undefined {
  if (e.kind === 'call' && e.fn === 'diff') return undefined;
  const inner = entrywise && isEntrywise(e);
  for (let i = 0; i < e.args.length; i++) {
    const hit = firstTidy(e.args[i]!, [...path, i], named, rules, inner, root);
    if (hit) return hit;
  }
  if (e.kind !== 'call' || !TIDIED.has(e.fn)) return undefined;
  const a = applyMatrixRule(entrywise ? rules : rules.filter((r) => !r.repeats), e, named);
  // A scalar for a matrix needs a node above, through entrywise ones, that repeats it to the matrix's shape (as the kernel asks).
  if (a && shapeOf(a.after, named) === null && shapeOf(e, named) !== null && !repeatedAbove(root, path, a.after, named)) return undefined;
  return a && { rule: a.rule, path, after: a.after, bindings: a.bindings };
}
const TIDIED: ReadonlySet<string> = new Set([COLSUM, ROWSUM, BCAST, BCAST_ROW, ONES, MATMUL, TRANSPOSE]);
/** Calls the kernel knows act entry by entry (a subset of its list): a scalar among their operands is repeated. */
const ENTRYWISE_CALLS: ReadonlySet<string> = new Set(['sigmoid', 'tanh', 'exp', 'log', 'softplus', 'relu', 'swish', 'sqrt', 'piecewise', 'prime', 'gt', 'lt']);
const isEntrywise = (e: Expr): boolean => e.kind === 'add' || e.kind === 'mul' || e.kind === 'pow' || (e.kind === 'call' && ENTRYWISE_CALLS.has(e.fn));

/** Whether some node above `path`, every one between entrywise, keeps its shape with `r` at `path`. */
function repeatedAbove(root: Expr, path: readonly number[], r: Expr, named: ShapeOfName): boolean {
  for (let k = path.length - 1; k >= 0; k--) {
    let n = root;
    for (const i of path.slice(0, k)) n = n.args[i]!;
    if (!isEntrywise(n)) return false;
    if (sameShape(shapeOf(replaceAt(n, path.slice(k), r), named), shapeOf(n, named))) return true;
  }
  return false;
}
/**
 * The bindings that make the rule's left side this node, whatever the rule file names its
 * variables: the scaled operand's scalar variable takes the scalar factors, the other the
 * rest; every other operand of the left side is a variable taking the node's operand.
 */
function pullBindings(rule: MatrixRule, i: number, e: Expr, scalar: Expr, rest: Expr): Map<string, Expr> | undefined {
  const lhs = rule.lhs!;
  const scaled = lhs.args[i]!;
  if (scaled.kind !== 'mul' || scaled.args.length !== 2 || scaled.args.some((v) => v.kind !== 'sym')) return undefined;
  const names = scaled.args.map((v) => (v as Expr & { kind: 'sym' }).name);
  const isScalar = (v: string): boolean => rule.shapes?.[v] === 'scalar' || (rule.scalars ?? []).includes(v);
  const orders: ReadonlyArray<readonly [string, string]> = [[names[0]!, names[1]!], [names[1]!, names[0]!]];
  for (const [sv, rv] of orders) {
    if (!isScalar(sv)) continue;
    const b = new Map<string, Expr>([[sv, scalar], [rv, rest]]);
    lhs.args.forEach((a, j) => j !== i && a.kind === 'sym' && b.set(a.name, e.args[j]!));
    // The kernel re-matches with these bindings: the instance must be this very node.
    if (substitute(lhs, b) === e) return b;
  }
  return undefined;
}

interface Pull {
  readonly rule: MatrixRule;
  readonly path: Path;
  readonly after: Expr;
  readonly bindings: ReadonlyMap<string, Expr>;
}

/** The innermost node (post-order) a rule pulls a scalar out of. */
function firstPull(e: Expr, path: number[], named: ShapeOfName, rules: ReadonlyArray<readonly [MatrixRule, number]>): Pull | undefined {
  if (e.kind === 'call' && e.fn === 'diff') return undefined;
  for (let i = 0; i < e.args.length; i++) {
    const hit = firstPull(e.args[i]!, [...path, i], named, rules);
    if (hit) return hit;
  }
  if (e.kind !== 'call' || !PULLED_FROM.has(e.fn)) return undefined;
  for (const [rule, i] of rules) {
    const scaled = e.args[i];
    if (!rule.lhs || rule.lhs.kind !== 'call' || rule.lhs.fn !== e.fn || rule.lhs.args.length !== e.args.length || scaled?.kind !== 'mul') continue;
    const scalars = scaled.args.filter((f) => shapeOf(f, named) === null);
    const rest = scaled.args.filter((f) => shapeOf(f, named) !== null);
    if (!scalars.length || !rest.length) continue;
    const b = pullBindings(rule, i, e, mul(...scalars), mul(...rest));
    if (!b || !rule.rhs) continue;
    return { rule, path, after: substitute(rule.rhs, b), bindings: b };
  }
  return undefined;
}
