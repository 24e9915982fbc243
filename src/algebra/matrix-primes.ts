/**
 * The entrywise functions with a matrix backprop rule, and `prime(F, A)` written out for each
 * (ids as in `rules/matrix.rules`, whose rule under the same id wins: algebra/matrix-apply.ts).
 */
import { type Expr, call, mul, num, pow, sub, sym } from '../expr/node.js';
import { prime } from '../expr/matrix.js';
import { type MatrixRule, matrixRule as rule, nonzero, positive } from './matrix-apply.js';

const A = sym('A');

/** The entrywise functions with a backprop rule, and their derivative written entrywise. */
export const PRIMES: ReadonlyArray<readonly [string, Expr, false | 'nonzero' | 'positive']> = [
  ['sigmoid', mul(call('sigmoid', A), sub(num(1), call('sigmoid', A))), false],
  ['tanh', sub(num(1), pow(call('tanh', A), num(2))), false],
  ['exp', call('exp', A), false],
  ['log', pow(A, num(-1)), 'positive'],
  ['softplus', call('sigmoid', A), false],
  // Where A is not 0 (rules/piecewise.rules' d.relu, entrywise).
  ['relu', call('piecewise', call('gt', A, num(0)), num(1), call('lt', A, num(0)), num(0)), 'nonzero'],
];

/** `prime(F, A)` written out, one rule per function. */
export const PRIME_RULES: readonly MatrixRule[] = PRIMES.map(([f, rhs, cond]) => rule(`m.prime.${f}`, prime(f, A), rhs, cond === 'nonzero' ? [nonzero('A', A)] : cond === 'positive' ? [positive('A', A)] : []));
