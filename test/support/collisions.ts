/** Test helper: sums and products whose intern hashes collide. */
import { type Add, type Expr, type Mul, add, internHash, sym } from '../../src/expr/node.js';

/** Four names with h(a) + h(b) = h(c) + h(d) for the hash's per-operand part, {a, b} ≠ {c, d}. */
export function collidingPairs(): [Expr, Expr, Expr, Expr] {
  const z = sym('zz');
  const names = Array.from({ length: 1000 }, (_, k) => sym(`c${k}`));
  // The hash is additive: hash(n + z) - hash(m + z) = part(n) - part(m), so part(n) up to a constant.
  const part = names.map((n) => internHash(add(n, z) as Add | Mul) | 0);
  const seen = new Map<number, [number, number]>();
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const h = (part[i]! + part[j]!) | 0;
      const other = seen.get(h);
      if (other && other[0] !== i && other[1] !== j && other[0] !== j && other[1] !== i) {
        return [names[other[0]]!, names[other[1]]!, names[i]!, names[j]!];
      }
      if (!other) seen.set(h, [i, j]);
    }
  }
  throw new Error('no colliding pair among 1000 names');
}
