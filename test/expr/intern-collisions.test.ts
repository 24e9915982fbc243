/**
 * The intern table keys sums and products by a 32-bit hash, the sum of a scrambled id per
 * operand. Different nodes with one hash must stay different nodes, whether built by the
 * constructors or by replaceArg's one-pass merge (which compares without copying): `===`
 * is equality everywhere, so a mix-up would make the kernel accept a wrong step.
 */
import { describe, expect, it } from 'vitest';
import { type Add, type Mul, add, internHash, mul, replaceArg, sym } from '../../src/expr/node.js';
import { toAscii } from '../../src/expr/print.js';
import { collidingPairs } from '../support/collisions.js';

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
