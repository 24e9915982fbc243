/** The finite-difference witness itself: it checks real points, and it catches a wrong gradient. */
import { describe, expect, it } from 'vitest';
import { derive, problemFromInput, runProblem, type DeriveResult } from '../../src/api/derive.js';
import { expectMatchesFiniteDifferences } from '../support/fd.js';

const SEED = { loss: '-(y*log(a2) + (1-y)*log(1-a2))', let: ['a2 = sigmoid(z2)'], wrt: 'z2' };
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

describe('expectMatchesFiniteDifferences', () => {
  it('checks the requested number of points of every free variable, and the values are the gradient', () => {
    const report = expectMatchesFiniteDifferences(derive(SEED), { points: 12 });
    expect([report.lossName, report.wrt, report.result, report.variables]).toEqual(['L', 'z2', 'a2 - y', ['y', 'z2']]);
    expect(report.checked).toHaveLength(12);
    for (const p of report.checked) {
      const exact = sigmoid(p.point.z2!) - p.point.y!;
      expect(p.symbolic).toBeCloseTo(exact, 12);
      expect(p.numeric).toBeCloseTo(exact, 7);
    }
    // Seeded: the same points every run, and different points for another seed.
    const again = expectMatchesFiniteDifferences(derive(SEED), { points: 12 });
    expect(again.checked.map((p) => p.point)).toEqual(report.checked.map((p) => p.point));
    const other = expectMatchesFiniteDifferences(derive(SEED), { points: 12, seed: 7 });
    expect(other.checked[0]!.point).not.toEqual(report.checked[0]!.point);
  });

  it('takes an Outcome as well as the JSON result', () => {
    const report = expectMatchesFiniteDifferences(runProblem(problemFromInput(SEED)));
    expect([report.result, report.checked.length]).toEqual(['a2 - y', 8]);
  });

  it('skips points where the loss is undefined, and still checks enough', () => {
    const report = expectMatchesFiniteDifferences(derive({ loss: 'sqrt(x)', wrt: 'x' }));
    expect(report.checked).toHaveLength(8);
    expect(report.checked.every((p) => p.point.x! > 0)).toBe(true);
  });

  it.each([
    ['a2 + y'],
    ['(a2 - y)*a2*(1 - a2)'],
    ['y - a2'],
    ['1.001*(a2 - y)'],
  ])('rejects the wrong gradient %s', (wrong) => {
    const tampered: DeriveResult = { ...derive(SEED), result: wrong };
    expect(() => expectMatchesFiniteDifferences(tampered)).toThrow(/finite differences give/);
  });

  it('rejects a result that still holds a derivative', () => {
    const tampered: DeriveResult = { ...derive(SEED), result: 'diff(L, z2)' };
    expect(() => expectMatchesFiniteDifferences(tampered)).toThrow(/still holds a derivative/);
  });

  it('rejects a problem with no point of its domain', () => {
    const r = derive({ loss: 'log(-1 - x^2)', wrt: 'x' });
    expect(r.result).toBe('-2*x/(-1 - x^2)');
    expect(() => expectMatchesFiniteDifferences(r)).toThrow(/could be checked/);
  });
});
