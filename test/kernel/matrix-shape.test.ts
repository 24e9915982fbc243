/**
 * The kernel computes shapes on its own terms (src/kernel/shape.ts), independent of the engine's (src/expr/matrix.ts):
 * the two agree on every term here, well-shaped or not; the scalar softmax(z, i, K) is not a matrix call.
 */
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/kernel/term.js';
import { Shapes, showShape as kernelShow } from '../../src/kernel/shape.js';
import { type Expr, add, call, diff, mul, num, pow, sym } from '../../src/expr/node.js';
import { bcast, bcastRow, colsum, matSym, matmul, ones, prime, rowsum, shapeOf, showShape, sumAll, transpose, vjp } from '../../src/expr/matrix.js';

const [W, x, X, b, r] = [matSym('W', 'n1', 'n0'), matSym('x', 'n0', 1), matSym('X', 'n0', 'm'), matSym('b', 'n1', 1), matSym('r', 1, 'n0')];
const z = matmul(W, x);
const TERMS: Expr[] = [
  z, transpose(z), sumAll(z), mul(num(2), call('sigmoid', z)), add(matmul(W, X), bcast(b, 'm')), rowsum(matmul(W, X)), colsum(X),
  bcastRow(r, 'm'), ones('m', 1), matmul(transpose(x), x), call('softmax', matmul(W, X)), prime('sigmoid', z), diff(sym('L'), W), vjp(z, call('tanh', z), W),
  pow(z, num(2)), matmul(ones(1, 'n1'), z), call('softmax', sym('z'), sym('i'), sym('K')),
  // ill-shaped
  matmul(x, W), add(x, b), mul(x, b), bcast(matmul(x, transpose(x)), 'm'), diff(z, W), vjp(x, z, W), rowsum(num(3)), matmul(W, W),
];

const engine = (e: Expr): string => { try { return showShape(shapeOf(e)); } catch { return 'error'; } };
const kernel = (e: Expr): string => {
  const s = new Store();
  try { return kernelShow(new Shapes(s, () => null).of(s.of(e))); } catch { return 'error'; }
};

describe('the kernel shapes terms as the engine does', () => {
  it.each(TERMS.map((e, i) => [i, e] as const))('term %i', (_, e) => {
    expect(kernel(e)).toBe(engine(e));
  });
  it('some terms are ill-shaped and some are not (the comparison can fail)', () => {
    expect(TERMS.map(kernel).filter((v) => v === 'error')).toHaveLength(8);
    expect(kernel(matmul(transpose(x), x))).toBe('scalar');
    expect(kernel(add(matmul(W, X), bcast(b, 'm')))).toBe('[n1, m]');
  });
});
