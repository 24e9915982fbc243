/**
 * Softmax for any K in index notation: the Jacobian a_k(δ_ki − a_i) as a proven lemma, and
 * softmax + categorical cross-entropy ∂L/∂z_i = a_i − y_i once for all K (given that the
 * labels sum to 1), each replayed by the kernel from its JSON and checked against finite
 * differences at K = 2..5.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProblem } from '../../src/parse/problem.js';
import { outcomeToJson, runProblem } from '../../src/api/derive.js';
import { proofFromJson } from '../../src/api/serialize.js';
import { checkProof } from '../../src/kernel/index.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { expectMatchesFiniteDifferences } from '../support/fd.js';

const rules = builtinRules();
const problem = (file: string, drop?: RegExp) => {
  const text = readFileSync(`examples/${file}`, 'utf8');
  return parseProblem(drop ? text.split('\n').filter((l) => !drop.test(l)).join('\n') : text, file);
};
const replay = (json: unknown) => checkProof(proofFromJson(JSON.parse(JSON.stringify(json)), { functions: rules.functions }), rules.admitted);
/** The K values the finite-difference points were taken at. */
const ksOf = (points: ReadonlyArray<{ point: Readonly<Record<string, number>> }>) => [...new Set(points.map((p) => p.point.K!))].sort();

describe('the softmax Jacobian for any K', () => {
  const outcome = runProblem(problem('softmax-jacobian-K.grad'));
  const json = outcomeToJson(outcome);

  it('is a_k(δ_ki − a_i), proven and replayed', () => {
    expect(json.goal).toBe('diff(L, z[i])');
    expect(json.result).toBe('a[k]*(delta(k, i) - a[i])');
    expect(json.verdict).toBe('proven');
    expect(json.lemmas).toContainEqual({ start: 'diff(a[k], z[i])', result: 'a[k]*(delta(k, i) - a[i])' });
    expect(json.definitions).toContainEqual({ name: 'a', index: 'k', expr: 'exp(z[k])/sum(j, 1, K, exp(z[j]))' });
    const r = replay(json);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.checked.replayed).toBe(json.steps.length);
  });

  it('cites the rules of index notation and the sifting of the delta', () => {
    const used = new Set(json.steps.map((s) => s.rule));
    for (const id of ['d.indexed', 'd.sum-index', 'sum.delta', 'd.quotient', 'alg.fold-name']) expect(used).toContain(id);
    const sift = json.steps.find((s) => s.rule === 'sum.delta')!;
    expect(sift.kind).toBe('index');
  });

  it('agrees with finite differences at K = 2..5', () => {
    const report = expectMatchesFiniteDifferences(outcome, { points: 40 });
    expect(ksOf(report.checked)).toEqual([2, 3, 4, 5]);
    // Both k = i (the diagonal) and k != i are among the points.
    expect(report.checked.some((p) => p.point.k === p.point.i)).toBe(true);
    expect(report.checked.some((p) => p.point.k !== p.point.i)).toBe(true);
  });

  it('without i in range, the sum of the delta is not sifted and the claim is not proven', () => {
    const o = outcomeToJson(runProblem(problem('softmax-jacobian-K.grad', /^assume/)));
    expect(o.steps.some((s) => s.rule === 'sum.delta')).toBe(false);
    expect(o.result).toBe('a[k]*(delta(k, i) - sum(j, 1, K, a[j]*delta(j, i)))');
    // And rightly so: out of range, a_i is not what the sum keeps.
    expect(o.verdict).toBe('refuted');
    const c = o.expectations[0]!.counterexample!;
    expect(c.i! > c.K!).toBe(true);
  });
});

describe('softmax and categorical cross-entropy for any K', () => {
  const outcome = runProblem(problem('softmax-cce-K.grad'));
  const json = outcomeToJson(outcome);

  it('∂L/∂z_i = a_i − y_i, citing that the labels sum to 1', () => {
    expect(json.result).toBe('a[i] - y[i]');
    expect(json.verdict).toBe('proven');
    expect(json.assumptions).toEqual(['1 <= i', 'i <= K', 'sum(k, 1, K, y[k]) = 1']);
    const last = json.steps[json.steps.length - 1]!;
    expect([last.rule, last.kind, last.before, last.after]).toEqual(['assume', 'assumption', 'a[i]*sum(k, 1, K, y[k]) - y[i]', 'a[i] - y[i]']);
    // The Jacobian is proven once, as a lemma, and cited inside the sum over k.
    expect(json.lemmas).toContainEqual({ start: 'diff(a[k], z[i])', result: 'a[k]*(delta(k, i) - a[i])' });
    expect(json.steps.filter((s) => s.kind === 'lemma' && s.derivation === 0)).toHaveLength(1);
    const r = replay(json);
    expect(r.ok).toBe(true);
  });

  it('agrees with finite differences at K = 2..5', () => {
    const report = expectMatchesFiniteDifferences(outcome, { points: 40 });
    expect(ksOf(report.checked)).toEqual([2, 3, 4, 5]);
    expectMatchesFiniteDifferences(json, { points: 12 });
  });

  it('without the labels summing to 1, the honest result, and a_i − y_i refuted', () => {
    const o = outcomeToJson(runProblem(problem('softmax-cce-K.grad', /^assume sum/)));
    expect(o.result).toBe('a[i]*sum(k, 1, K, y[k]) - y[i]');
    expect(o.verdict).toBe('refuted');
    const c = o.expectations[0]!.counterexample!;
    expect(c.K).toBeGreaterThanOrEqual(2);
    expect(Number.isInteger(c.i)).toBe(true);
    expect(replay(o).ok).toBe(true);
  });

  it('refuses a proof whose sifting goes out of the stated range', () => {
    const j = JSON.parse(JSON.stringify(json));
    j.assumptions = j.assumptions.filter((a: string) => a !== 'i <= K');
    const r = replay(j);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('no stated fact gives i <= K');
  });

  it('refuses a sifting that keeps the wrong term', () => {
    const j = JSON.parse(JSON.stringify(json));
    const i = j.steps.findIndex((s: { rule: string; derivation: number }) => s.rule === 'sum.delta' && s.derivation === 0);
    expect(i).toBeGreaterThan(0);
    j.steps[i].after = j.steps[i].after.replace('y[i]', 'y[K]');
    j.steps[i + 1].before = j.steps[i].after;
    const r = replay(j);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.step).toBe(i + 1);
  });

  it('refuses the last step when the stated fact is another', () => {
    const j = JSON.parse(JSON.stringify(json));
    j.assumptions = j.assumptions.map((a: string) => a.replace('sum(k, 1, K, y[k]) = 1', 'sum(k, 1, K, y[k]) = 2'));
    const r = replay(j);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('no stated equation turns a[i]*sum(k, 1, K, y[k]) - y[i] into a[i] - y[i]');
  });
});
