/**
 * The intern table keys sums and products by a 32-bit hash, the sum of a scrambled id per
 * operand. Different nodes with one hash must stay different nodes, whether built by the
 * constructors or by replaceArg's one-pass merge (which compares without copying): `===`
 * is equality everywhere, so a mix-up would make the kernel accept a wrong step.
 */
import { describe, expect, it } from 'vitest';
import { type Add, type Expr, type Mul, add, internHash, mul, replaceArg, sym } from '../../src/expr/node.js';
import { toAscii } from '../../src/expr/print.js';

/** Four names with h(a) + h(b) = h(c) + h(d) for the hash's per-operand part, {a, b} ≠ {c, d}. */
function collidingPairs(): [Expr, Expr, Expr, Expr] {
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

describe('nodes that share a hash stay apart', () => {
  const [a, b, c, d] = collidingPairs();
  const rest = Array.from({ length: 9 }, (_, k) => sym(`r${k}`));

  it('the constructors', () => {
    for (const make of [add, mul]) {
      const first = make(...rest, a, b) as Add | Mul;
      const second = make(...rest, c, d) as Add | Mul;
      expect(internHash(second)).toBe(internHash(first));
      expect(second).not.toBe(first);
      expect(second.args).toEqual(expect.arrayContaining([c, d]));
      expect(second.args).not.toContain(a);
    }
  });

  it("replaceArg's merge, on a sum and a product of more than eight operands", () => {
    for (const make of [add, mul]) {
      const x = sym('xx');
      const interned = make(...rest, a, b) as Add | Mul;
      const before = make(...rest, c, x) as Add | Mul;
      const merged = replaceArg(before, before.args.indexOf(x), d) as Add | Mul;
      expect(internHash(merged)).toBe(internHash(interned));
      expect(merged).not.toBe(interned);
      expect(toAscii(merged)).toBe(toAscii(make(...rest, c, d)));
      // And the constructors find the node the merge made.
      expect(make(...rest, c, d)).toBe(merged);
    }
  });
});
