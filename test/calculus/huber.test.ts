/**
 * Huber by name is smooth for d > 0: its derivative is the error clipped to [-d, d], with no
 * kink condition, only `d > 0`; in d it is relu(|a - y| - d) for every d. For d <= 0 nothing
 * smooth is claimed: the definition's cases come back, the kink a = y a condition.
 */
import { describe, expect, it } from 'vitest';
import { derive } from '../../src/api/derive.js';
import { Definitions } from '../../src/expr/context.js';
import { numericDerivative, valueAt } from '../../src/expr/numeric.js';
import { parse } from '../../src/parse/ascii.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { functionTable } from '../../src/rules/load.js';
import { expectMatchesFiniteDifferences } from '../support/fd.js';
import { gradproof } from '../cli/run.js';

const fns = functionTable(builtinRules().defs);
const opts = { functions: builtinRules().functions };

/** The result against central differences of the loss (its definition) at each point. */
function matchesAt(loss: string, wrt: string, result: string, points: ReadonlyArray<Record<string, number>>): void {
  for (const p of points) {
    const fd = numericDerivative(parse(loss, opts), wrt, p, new Definitions([]), { fns });
    const got = valueAt(parse(result, opts), p, new Definitions([]), { fns });
    expect(Number.isFinite(got), `${result} at ${JSON.stringify(p)}`).toBe(true);
    expect(got, `${result} at ${JSON.stringify(p)}`).toBeCloseTo(fd, 6);
  }
}

// Inside the quadratic piece, just either side of both seams |a - y| = d, and far outside.
const AROUND = [-5, -1.51, -1.49, -0.3, 0, 0.2, 1.49, 1.51, 7].map((r) => ({ y: 0.25, a: 0.25 + r, d: 1.5 }));

describe('huber(y, a, d) by name: one smooth derivative, for d > 0', () => {
  it.each([
    ['a', 'clip(a - y, -d, d)', ['d > 0'], 'd.huber'],
    ['y', 'clip(y - a, -d, d)', ['d > 0'], 'd.huber.y'],
    ['d', 'relu(abs(a - y) - d)', [], 'd.huber.d'],
  ] as const)('by %s: %s', (wrt, result, conditions, rule) => {
    const r = derive({ loss: 'huber(y, a, d)', wrt });
    expect(r.result).toBe(result);
    expect(r.conditions).toEqual(conditions);
    expect(r.checked).toBe(true);
    expect(r.steps.map((s) => s.rule)).toContain(rule);
    expect(r.steps.some((s) => s.rule.startsWith('d.piecewise'))).toBe(false);
    matchesAt('huber(y, a, d)', wrt, result, AROUND);
    expectMatchesFiniteDifferences(r, { ranges: { d: [0.1, 3] }, points: 20 });
  });

  it('in d it holds for a threshold of any sign', () => {
    const points = [-2, -0.4, 0.3, 2].flatMap((d) => [-3, -0.1, 0.1, 3].map((r) => ({ y: -0.5, a: -0.5 + r, d })));
    matchesAt('huber(y, a, d)', 'd', 'relu(abs(a - y) - d)', points);
  });

  it('a numeric threshold discharges d > 0; through a chain no condition is left', () => {
    const r = derive({ loss: 'huber(y, sigmoid(z), 1/2)', wrt: 'z' });
    expect(r.result).toBe('sigmoid(z)*(1 - sigmoid(z))*clip(sigmoid(z) - y, -1/2, 1/2)');
    expect(r.conditions).toEqual([]);
    expect(r.checked).toBe(true);
    matchesAt('huber(y, sigmoid(z), 1/2)', 'z', r.result, [-6, -1, 0, 0.7, 4].map((z) => ({ y: 0.9, z })));
  });

  it('a prediction and a threshold that both move: both partials, under d > 0', () => {
    const r = derive({ loss: 'huber(y, d*x, d)', wrt: 'd' });
    expect(r.result).toBe('x*clip(d*x - y, -d, d) + relu(abs(d*x - y) - d)');
    expect(r.conditions).toEqual(['d > 0']);
    expect(r.steps.map((s) => s.rule)).toContain('d.huber.chain');
    matchesAt('huber(y, d*x, d)', 'd', r.result, [0.3, 0.8, 2].flatMap((d) => [-4, 0.5, 3].map((x) => ({ y: 1, x, d }))));
  });

  it('for a threshold d <= 0 the definition decides: a kink at a = y, stated', () => {
    const r = derive({ loss: 'huber(y, a, -1)', wrt: 'a' });
    expect(r.result).toBe('piecewise(abs(a - y) < -1, a - y, abs(a - y) > -1, -piecewise(a - y > 0, 1, a - y < 0, -1))');
    expect(r.conditions).toEqual(['a - y != 0']);
    expect(r.steps.some((s) => s.rule.startsWith('d.huber'))).toBe(false);
  });
});

describe('huber in the CLI', () => {
  it('text: the result and the one condition it needs', () => {
    const out = gradproof('derive', 'huber(y, a, d)', '--wrt', 'a').stdout.split('\n');
    expect(out[2]).toBe('∂L/∂a = clip(a - y, -d, d)    Huber loss derivative, and 2 routine steps  [d > 0]');
    expect(out.slice(-4, -1)).toEqual(['Result      ∂L/∂a = clip(a - y, -d, d)', 'Conditions  d > 0', 'Premises    given     L = huber(y, a, d)']);
  });

  it('JSON: the same condition; in d none', () => {
    const a = JSON.parse(gradproof('derive', 'huber(y, a, d)', '--wrt', 'a', '--format', 'json').stdout) as { result: string; conditions: string[] };
    expect([a.result, a.conditions]).toEqual(['clip(a - y, -d, d)', ['d > 0']]);
    const d = JSON.parse(gradproof('derive', 'huber(y, a, d)', '--wrt', 'd', '--format', 'json').stdout) as { result: string; conditions: string[] };
    expect([d.result, d.conditions]).toEqual(['relu(abs(a - y) - d)', []]);
  });
});
