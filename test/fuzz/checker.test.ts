/**
 * (e) The kernel accepts every proof the engine produces and rejects mutated ones: the last
 * step's result doubled (a false equality), or a step dropped from the middle (a broken chain).
 * (f) `equivalent` never says proven for a pair that differs numerically.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Expr, add, mul, num } from '../../src/expr/node.js';
import { GradproofError } from '../../src/expr/errors.js';
import { toAscii } from '../../src/expr/print.js';
import { valueAt } from '../../src/expr/numeric.js';
import { symbols } from '../../src/expr/traverse.js';
import { runProblem } from '../../src/api/derive.js';
import { equivalent } from '../../src/api/equivalent.js';
import { checkProof } from '../../src/kernel/index.js';
import type { Proof } from '../../src/proof/types.js';
import { FUNCTIONS, expression, fns, params, point, rules } from './arbitraries.js';

const BUDGET = { maxSteps: 2000, maxSize: 10_000, maxMillis: 3000 };

function proofOf(e: Expr): Proof | undefined {
  try {
    const o = runProblem({ definitions: [], loss: e, wrt: 'x', expects: [], assumptions: [] }, { rules, budget: BUDGET });
    return o.stopped ? undefined : o.proof;
  } catch (err) {
    if (err instanceof GradproofError && err.code !== 'internal') return undefined;
    throw err;
  }
}

/** Whether `e` is nonzero at some point (so doubling it changes it). */
const somewhereNonzero = (e: Expr): boolean =>
  [{ x: 0.7, y: 1.3, w1: -0.4 }, { x: -1.1, y: 0.6, w1: 1.9 }].some((p) => {
    const v = valueAt(e, p, undefined, { fns });
    return Number.isFinite(v) && Math.abs(v) > 1e-9;
  });

describe('the kernel and the engine', () => {
  it('accepts every proof the engine produces, rejects every mutant', () => {
    fc.assert(
      fc.property(expression().filter((e) => symbols(e).has('x')), fc.nat(), (e, pick) => {
        const proof = proofOf(e);
        if (!proof || proof.steps.length < 2) return;
        expect(checkProof(proof, rules.admitted).ok).toBe(true);
        const last = proof.steps[proof.steps.length - 1]!;
        if (somewhereNonzero(last.after)) {
          const doubled = mul(num(2), last.after);
          const mutant: Proof = { ...proof, steps: [...proof.steps.slice(0, -1), { ...last, after: doubled }], result: doubled };
          expect(checkProof(mutant, rules.admitted).ok, `doubled ${toAscii(last.after)}`).toBe(false);
        }
        const i = 1 + (pick % (proof.steps.length - 1));
        const dropped: Proof = { ...proof, steps: proof.steps.filter((_, k) => k !== i) };
        expect(checkProof(dropped, rules.admitted).ok, `without step ${i}`).toBe(false);
      }),
      params(20),
    );
  });
});

describe('equivalent never proves a pair that differs numerically', () => {
  it('a random pair: proven only if they agree at random points', () => {
    fc.assert(
      fc.property(expression(FUNCTIONS, 3), expression(FUNCTIONS, 3), fc.array(point, { minLength: 4, maxLength: 4 }), (a, b, points) => {
        const r = equivalent(toAscii(a), toAscii(b));
        if (r.verdict !== 'proven') return;
        for (const p of points) {
          const [va, vb] = [valueAt(a, p, undefined, { fns }), valueAt(b, p, undefined, { fns })];
          if (Number.isFinite(va) && Number.isFinite(vb)) expect(Math.abs(va - vb), `${toAscii(a)} = ${toAscii(b)}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(va)));
        }
      }),
      params(30),
    );
  });

  it('e and e + 1 (or 2e where e is nonzero): never proven', () => {
    fc.assert(
      fc.property(expression(FUNCTIONS, 3), fc.boolean(), (e, plusOne) => {
        if (!plusOne && !somewhereNonzero(e)) return;
        const other = plusOne ? add(e, num(1)) : mul(num(2), e);
        expect(equivalent(toAscii(e), toAscii(other)).verdict, `${toAscii(e)} vs ${toAscii(other)}`).not.toBe('proven');
      }),
      params(30),
    );
  });
});
