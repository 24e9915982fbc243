/**
 * A property of every algebra step the engine records, across the textbook's problems:
 * its before and after have the same value at random points where both are defined.
 */
import { describe, expect, it } from 'vitest';
import { problemFromInput, runProblem, type DeriveInput } from '../../src/api/derive.js';
import { Definitions } from '../../src/expr/context.js';
import { close, valueAt } from '../../src/expr/numeric.js';
import { seededRandom, uniform } from '../../src/expr/random.js';
import { toAscii } from '../../src/expr/print.js';
import { functionTable } from '../../src/rules/load.js';
import { TEXTBOOK } from '../support/problems.js';

const problems: ReadonlyArray<readonly [string, DeriveInput]> = TEXTBOOK.flatMap((r) => {
  const base = { loss: r.loss, wrt: r.wrt, ...(r.let ? { let: r.let } : {}) };
  // With a proven expectation the proof also holds the `expect` step (an algebra step too).
  return [[r.what, base] as const, ...(r.expect ? [[`${r.what}, expecting ${r.expect}`, { ...base, expect: r.expect }] as const] : [])];
});

describe('every algebra step holds numerically', () => {
  let total = 0;

  it.each(problems)('%s', (_, input) => {
    const o = runProblem(problemFromInput(input));
    const defs = new Definitions(o.proof.definitions);
    const fns = { fns: functionTable(o.rules.defs) };
    const steps = o.proof.steps.filter((s) => s.kind === 'algebra');
    for (const s of steps) {
      const vars = defs.freeVariables([s.before, s.after]);
      const rnd = seededRandom(1234 + s.before.id);
      let agreed = 0;
      for (let t = 0; t < 200 && agreed < 5; t++) {
        const point: Record<string, number> = {};
        for (const v of vars) point[v] = uniform(rnd, -2.5, 2.5);
        const l = valueAt(s.before, point, defs, fns);
        const r = valueAt(s.after, point, defs, fns);
        if (!Number.isFinite(l) || !Number.isFinite(r)) continue;
        expect(close(l, r, 1e-9), `${s.rule}: ${toAscii(s.before)} = ${toAscii(s.after)} at ${JSON.stringify(point)}: ${l} vs ${r}`).toBe(true);
        agreed++;
      }
      expect(agreed, `${s.rule}: ${toAscii(s.before)} = ${toAscii(s.after)} could be checked`).toBe(5);
    }
    total += steps.length;
  });

  it('checked many steps', () => expect(total).toBeGreaterThanOrEqual(100));
});
