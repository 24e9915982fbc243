/**
 * The kernel and bound indices: a fact about a free name says nothing about a bound index
 * of the same name, so definition, algebra, lemma and assumption steps inside such a sum
 * are refused; a family is never a cut of the chain rule; members fold and unfold by
 * instance.
 */
import { describe, expect, it } from 'vitest';
import { checkProof } from '../../src/kernel/index.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { parse } from '../../src/parse/ascii.js';
import type { Proof, Step } from '../../src/proof/types.js';

const rules = builtinRules();
const p = (s: string) => parse(s);
const step = (kind: Step['kind'], rule: string, path: number[], before: string, after: string): Step => ({
  rule, kind, path, bindings: {}, before: p(before), after: p(after), conditions: [], phase: 0, derivation: 0,
});
const proof = (start: string, steps: Step[], definitions: Proof['definitions']): Proof => ({
  start: p(start), lemmas: [], steps, phases: [], result: steps[steps.length - 1]!.after, definitions, assumptions: [],
});
const check = (pr: Proof) => checkProof(pr, rules.admitted);

describe('facts about a free name do not apply to a bound index', () => {
  // s is defined with a free k; inside sum(k, ...), k is another variable.
  const defs = [{ name: 's', expr: p('z[k]') }];

  it('unfolding inside a sum over a name the definition uses is refused', () => {
    const r = check(proof('sum(k, 1, K, s)', [step('definition', 'def.unfold', [3], 'sum(k, 1, K, s)', 'sum(k, 1, K, z[k])')], defs));
    expect(r).toEqual({ ok: false, step: 1, reason: 'it is used inside a sum over k, a name the definitions or stated facts use' });
  });

  it('so is algebra that would unfold it there', () => {
    const r = check(proof('sum(k, 1, K, s)', [step('algebra', 'alg.collect', [3], 'sum(k, 1, K, s)', 'sum(k, 1, K, z[k])')], defs));
    expect(r.ok).toBe(false);
  });

  it('outside the sum, or in a sum over another name, it is fine', () => {
    expect(check(proof('s', [step('definition', 'def.unfold', [], 's', 'z[k]')], defs)).ok).toBe(true);
    expect(check(proof('sum(j, 1, K, s)', [step('definition', 'def.unfold', [3], 'sum(j, 1, K, s)', 'sum(j, 1, K, z[k])')], defs)).ok).toBe(true);
  });
});

describe('families', () => {
  const defs = [{ name: 'a', index: 'k', expr: p('exp(z[k])/sum(j, 1, K, exp(z[j]))') }];

  it('a member unfolds to the body at its index, and folds back', () => {
    const r = check(proof('log(a[i])', [
      step('definition', 'def.unfold', [0], 'log(a[i])', 'log(exp(z[i])/sum(j, 1, K, exp(z[j])))'),
      step('definition', 'def.fold', [0], 'log(exp(z[i])/sum(j, 1, K, exp(z[j])))', 'log(a[i])'),
    ], defs));
    expect(r.ok).toBe(true);
  });

  it('a member does not unfold to another member', () => {
    const r = check(proof('a[i]', [step('definition', 'def.unfold', [], 'a[i]', 'exp(z[k])/sum(j, 1, K, exp(z[j]))')], defs));
    expect(r.ok).toBe(false);
  });

  it('the family name alone is not a definition', () => {
    const r = check(proof('a', [step('definition', 'def.unfold', [], 'a', 'exp(z[k])/sum(j, 1, K, exp(z[j]))')], defs));
    expect(r.ok).toBe(false);
  });

  it('the chain rule does not go through a family', () => {
    const r = check(proof('diff(L, z)', [step('chain', 'chain', [], 'diff(L, z)', 'diff(L, a)*diff(a, z)')], [...defs, { name: 'L', expr: p('sum(k, 1, K, a[k])') }]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('the chain rule goes through names, and a is a family');
  });

  it('algebra sees through members, and records what it divides by', () => {
    const fold = step('algebra', 'alg.fold-name', [], 'sum(k, 1, K, a[k])*exp(z[1])/sum(j, 1, K, exp(z[j]))', 'sum(k, 1, K, a[k])*a[1]');
    expect(check(proof('sum(k, 1, K, a[k])*exp(z[1])/sum(j, 1, K, exp(z[j]))', [fold], defs))).toEqual({ ok: false, step: 1, reason: 'it needs sum(j, 1, K, exp(z[j])) != 0 but does not record it' });
    const recorded = { ...fold, conditions: [{ kind: 'nonzero' as const, expr: p('sum(j, 1, K, exp(z[j]))') }] };
    expect(check(proof('sum(k, 1, K, a[k])*exp(z[1])/sum(j, 1, K, exp(z[j]))', [recorded], defs)).ok).toBe(true);
  });
});
