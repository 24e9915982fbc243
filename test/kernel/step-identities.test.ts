/**
 * The case-written steps that read as heaviside and sign hold only away from the jump: a
 * hand-built proof citing them without the condition is refused by the kernel, with it accepted;
 * a covering piecewise that differs at the jump is never proven equal to them.
 */
import { describe, expect, it } from 'vitest';
import { checkProof } from '../../src/kernel/index.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { parse } from '../../src/parse/ascii.js';
import { equivalent } from '../../src/api/equivalent.js';
import type { Condition, Proof } from '../../src/proof/types.js';

const rules = builtinRules();
const p = (s: string) => parse(s, { functions: rules.functions });

function stepProof(rule: string, before: string, after: string, bindings: Record<string, string>, conditions: Condition[]): Proof {
  const [b, a] = [p(before), p(after)];
  return {
    start: b, result: a, lemmas: [], phases: [], assumptions: [], definitions: [],
    steps: [{ rule, kind: 'rule', path: [], bindings: Object.fromEntries(Object.entries(bindings).map(([k, v]) => [k, p(v)])), before: b, after: a, conditions, phase: 0, derivation: 0 }],
  };
}

describe('steps as heaviside and sign, only away from the jump', () => {
  const heaviside = (conditions: Condition[]) => stepProof('id.step-gt-1', 'piecewise(x > 1, 1, x < 1, 0)', 'heaviside(x - 1)', { a: 'x', b: '1' }, conditions);
  const sign = (conditions: Condition[]) => stepProof('id.sign-slope', 'piecewise(x > 0, 1, x < 0, -1)', 'sign(x)', { x: 'x' }, conditions);

  it('is refused by the kernel without its condition', () => {
    expect(checkProof(heaviside([]), rules.admitted)).toEqual({ ok: false, step: 1, reason: 'it needs -1 + x != 0 but does not record it' });
    expect(checkProof(sign([]), rules.admitted)).toEqual({ ok: false, step: 1, reason: 'it needs x != 0 but does not record it' });
  });

  it('is accepted with it, and the theorem carries it', () => {
    const r = checkProof(heaviside([{ kind: 'nonzero', expr: p('x - 1') }]), rules.admitted);
    expect(r.ok).toBe(true);
    expect(checkProof(sign([{ kind: 'nonzero', expr: p('x') }]), rules.admitted).ok).toBe(true);
  });

  it('a covering piecewise, defined at the jump with another value, is never proven equal', () => {
    expect(equivalent('piecewise(x > 0, 1, x <= 0, 0)', 'heaviside(x)').verdict).not.toBe('proven');
    expect(equivalent('piecewise(x >= 0, 1, x < 0, -1)', 'sign(x)').verdict).not.toBe('proven');
  });
});
