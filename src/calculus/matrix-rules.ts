/**
 * The backprop rules of matrix calculus (ids as in `rules/matrix.rules`), each written
 * exactly as the contract states it, so the kernel re-matches the step whichever copy is used
 * (a rule the rule files load under the same id wins: algebra/matrix-apply.ts).
 */
import { type Expr, add, call, mul, num, pow, sub, sym } from '../expr/node.js';
import { PRIME, SOFTMAX, SOFTMAX_ROWS, SUM_ALL, VJP, ones, sumAll, bcast, bcastRow, colsum, matmul, prime, rowsum, transpose, vjp } from '../expr/matrix.js';
import { type MatrixRule, free, matrixRule as rule, nonzero, positive } from '../algebra/matrix-apply.js';
import { PRIMES } from '../algebra/matrix-primes.js';
export { PRIME_RULES } from '../algebra/matrix-primes.js';

const [G, A, B, X, N, S] = ['G', 'A', 'B', 'X', 'n', 's'].map(sym) as [Expr, Expr, Expr, Expr, Expr, Expr];



/** The contract's rules, in the order they are tried on a `vjp` node. */
export const VJP_RULES: readonly MatrixRule[] = [
  rule('m.vjp-const', vjp(G, A, X), num(0), [free('A', 'X')], [], true),
  rule('m.vjp-self', vjp(G, X, X), G, [], [], true),
  // A scalar X repeated over a shaped G (a scalar bias added to every entry): its gradient adds G up.
  rule('m.vjp-self-sum', vjp(G, X, X), sumAll(G), [], ['X']),
  rule('m.vjp-add', vjp(G, add(A, B), X), add(vjp(G, A, X), vjp(G, B, X)), [], [], false, { A: ['r', 'c'], B: ['r', 'c'] }),
  rule('m.vjp-add-scalar', vjp(G, add(A, B), X), add(vjp(G, A, X), vjp(G, B, X)), [], [], false, { G: ['r', 'c'], A: 'scalar', B: ['r', 'c'] }),
  rule('m.vjp-hadamard', vjp(G, mul(A, B), X), add(vjp(mul(G, B), A, X), vjp(mul(G, A), B, X))),
  rule('m.vjp-pow', vjp(G, pow(A, N), X), vjp(mul(G, N, pow(A, sub(N, num(1)))), A, X), [free('n', 'X')], ['n']),
  rule('m.vjp-matmul', vjp(G, matmul(A, B), X), add(vjp(matmul(G, transpose(B)), A, X), vjp(matmul(transpose(A), G), B, X))),
  rule('m.vjp-transpose', vjp(G, transpose(A), X), vjp(transpose(G), A, X)),
  rule('m.vjp-bcast', vjp(G, bcast(B, sym('m')), X), vjp(rowsum(G), B, X)),
  rule('m.vjp-bcast-row', vjp(G, bcastRow(B, sym('m')), X), vjp(colsum(G), B, X)),
  rule('m.vjp-sum-all', vjp(G, call(SUM_ALL, A), X), vjp(G, A, X)),
  rule('m.vjp-rowsum', vjp(G, rowsum(A), X), vjp(bcast(G, sym('c')), A, X)),
  rule('m.vjp-colsum', vjp(G, colsum(A), X), vjp(bcastRow(G, sym('r')), A, X)),
  rule('m.vjp-softmax', vjp(G, call(SOFTMAX, A), X), vjp(mul(call(SOFTMAX, A), sub(G, bcastRow(colsum(mul(call(SOFTMAX, A), G)), sym('r')))), A, X)),
  rule('m.vjp-softmax-rows', vjp(G, call(SOFTMAX_ROWS, A), X), vjp(mul(call(SOFTMAX_ROWS, A), sub(G, bcast(rowsum(mul(call(SOFTMAX_ROWS, A), G)), sym('c')))), A, X)),
  ...PRIMES.map(([f, , cond]) => rule(`m.vjp-fn.${f}`, vjp(G, call(f, A), X), vjp(mul(G, prime(f, A)), A, X), cond === 'nonzero' ? [nonzero('A', A)] : cond === 'positive' ? [positive('A', A)] : [])),
  // Last: a scalar upstream gradient (from sum(...)) through a product or a broadcast is a matrix of ones.
  rule('m.vjp-repeat', vjp(S, A, X), vjp(mul(S, ones(sym('r'), sym('c'))), A, X), [], ['s']),
];


export const isVjp = (e: Expr): boolean => e.kind === 'call' && e.fn === VJP;
export const isPrime = (e: Expr): boolean => e.kind === 'call' && e.fn === PRIME;
