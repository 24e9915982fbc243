/** (d) Simplification preserves the value at random points (where both sides are defined). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toAscii } from '../../src/expr/print.js';
import { valueAt } from '../../src/expr/numeric.js';
import { simplify } from '../../src/algebra/simplify.js';
import { ProofRecorder } from '../../src/rewrite/builder.js';
import { expression, fns, params, point } from './arbitraries.js';

describe('simplification preserves values', () => {
  it('at random points', () => {
    fc.assert(
      fc.property(expression(), fc.array(point, { minLength: 4, maxLength: 4 }), (e, points) => {
        const d = new ProofRecorder({ maxSteps: 5000, maxSize: 20_000, maxMillis: 5000 }).main(e);
        try {
          simplify(d);
        } catch (err) {
          if ((err as Error).name === 'BudgetExceeded') return;
          throw err;
        }
        for (const p of points) {
          const before = valueAt(e, p, undefined, { fns });
          const after = valueAt(d.current, p, undefined, { fns });
          if (!Number.isFinite(before) || !Number.isFinite(after) || Math.abs(before) > 1e8) continue;
          expect(Math.abs(before - after), `${toAscii(e)} → ${toAscii(d.current)} at ${JSON.stringify(p)}`).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(before)));
        }
      }),
      params(150),
    );
  });
});
