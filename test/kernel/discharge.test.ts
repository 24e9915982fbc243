/**
 * Conditions that hold at every point are discharged by the kernel: the theorem itself has fewer conditions, and the
 * derivation prints the kernel's list. A condition that fails somewhere stays, and a proof file cannot claim a discharge.
 */
import { describe, expect, it } from 'vitest';
import { derive } from '../../src/index.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { proofFromJson } from '../../src/api/serialize.js';
import { verifyProof } from '../../src/api/check.js';
import { RANGES } from '../../src/kernel/facts.js';
import { functionSpec } from '../../src/expr/registry/index.js';
import { conditionToText } from '../../src/render/conditions.js';
import { readFileSync } from 'node:fs';
import { parseProblem } from '../../src/parse/problem.js';
import { allToJson, deriveAll } from '../../src/api/all.js';
import { formatAll } from '../../src/cli/format.js';

const rules = builtinRules();
type Input = Parameters<typeof derive>[0];
/** The derivation's printed conditions, and the conditions of the theorem the kernel makes when it replays the proof file. */
function conditions(input: Input): { shown: readonly string[]; theorem: readonly string[] } {
  const r = derive(input);
  const v = verifyProof(proofFromJson(JSON.parse(JSON.stringify(r)), { functions: rules.functions }), rules);
  if (!v.result.ok) throw new Error(v.result.reason);
  return { shown: r.conditions, theorem: v.result.checked.theorem.conditions.map(conditionToText) };
}
const none = { shown: [], theorem: [] };

describe('conditions that always hold are discharged by the kernel', () => {
  it('by the functions ranges: sigmoid > 0, cosh >= 1, 1 + exp > 0, squares plus a positive number', () => {
    expect(conditions({ loss: 'log(sigmoid(z))', wrt: 'z' })).toEqual(none);
    expect(conditions({ loss: 'log(cosh(z))', wrt: 'z' })).toEqual(none);
    expect(conditions({ loss: 'log(1 + exp(z))', wrt: 'z' })).toEqual(none);
    expect(conditions({ loss: 'log(x^2 + 1)', wrt: 'x' })).toEqual(none);
  });

  it('by the definitions: the seed (a2 = sigmoid(z2)) needs no condition, its result a2 - y proven', () => {
    const input = { loss: '-(y*log(a2) + (1-y)*log(1-a2))', let: { a2: 'sigmoid(z2)' }, wrt: 'z2', expect: 'a2 - y' };
    expect(conditions(input)).toEqual(none);
    expect(derive(input).verdict).toBe('proven');
  });

  it('softmax: exp(z1) + exp(z2) + exp(z3) != 0 and a1 > 0 are discharged', () => {
    const sum = 'exp(z1) + exp(z2) + exp(z3)';
    const input = { loss: '-(y1*log(a1) + y2*log(a2) + y3*log(a3))', let: { a1: `exp(z1)/(${sum})`, a2: `exp(z2)/(${sum})`, a3: `exp(z3)/(${sum})` }, wrt: 'z1' };
    expect(conditions(input)).toEqual(none);
  });
});

describe('conditions that fail somewhere stay', () => {
  it('sigmoid(z) - 1/2 > 0, exp(z) - 1 > 0, tanh(z) != 0, cos(x) != 0', () => {
    expect(conditions({ loss: 'log(sigmoid(z) - 1/2)', wrt: 'z' })).toEqual({ shown: ['sigmoid(z) - 1/2 > 0'], theorem: ['sigmoid(z) - 1/2 > 0'] });
    expect(conditions({ loss: 'log(exp(z) - 1)', wrt: 'z' })).toEqual({ shown: ['exp(z) - 1 > 0'], theorem: ['exp(z) - 1 > 0'] });
    expect(conditions({ loss: 'log(tanh(z)^2)', wrt: 'z' })).toEqual({ shown: ['tanh(z)^2 > 0', 'tanh(z) != 0'], theorem: ['tanh(z)^2 > 0', 'tanh(z) != 0'] });
    expect(conditions({ loss: 'tan(x)', wrt: 'x' }).shown).toEqual(['cos(x) != 0']);
  });

  it('kinks: abs, relu and the step keep x != 0', () => {
    for (const loss of ['abs(x)', 'relu(x)', 'heaviside(x)']) expect(conditions({ loss, wrt: 'x' })).toEqual({ shown: ['x != 0'], theorem: ['x != 0'] });
  });

  it('a definition that does not bound the name: a = exp(z) - 1 keeps a > 0', () => {
    expect(conditions({ loss: 'log(a)', let: { a: 'exp(z) - 1' }, wrt: 'z' })).toEqual({ shown: ['a > 0'], theorem: ['a > 0'] });
  });

  it('a defined name the goal differentiates by is not opened: ∂L/∂a2 keeps 0 < a2 < 1', () => {
    const r = conditions({ loss: '-(y*log(a2) + (1-y)*log(1-a2))', let: { a2: 'sigmoid(z2)' }, wrt: 'a2' });
    expect(r.shown).toEqual(['a2 > 0', 'a2 < 1']);
    expect(r.theorem).toEqual(['a2 > 0', 'a2 < 1', 'a2 != 0', 'a2 != 1']);
  });

  it('a stated fact discharges in the theorem; the derivation shows it as discharged', () => {
    const r = derive({ loss: 'log(x)', wrt: 'x', assume: 'x > 0' });
    expect([r.conditions, r.dischargedConditions]).toEqual([[], ['x > 0']]);
    expect(conditions({ loss: 'log(x)', wrt: 'x', assume: 'x > 0' }).theorem).toEqual([]);
  });
});

describe('a proof file cannot claim a discharge', () => {
  const json = (): { steps: { conditions: string[] }[]; conditions: string[] } => JSON.parse(JSON.stringify(derive({ loss: 'log(sigmoid(z) - 1/2)', wrt: 'z' })));
  const replay = (j: unknown) => verifyProof(proofFromJson(j, { functions: rules.functions }), rules).result;

  it('a step with its condition removed is refused', () => {
    const j = json();
    const at = j.steps.findIndex((s) => s.conditions.includes('sigmoid(z) - 1/2 > 0'));
    j.steps[at]!.conditions = [];
    expect(replay(j)).toEqual({ ok: false, step: at + 1, reason: 'it needs -1/2 + sigmoid(z) > 0 but does not record it' });
  });

  it('the file saying its conditions are none changes nothing: the theorem keeps it', () => {
    const j = { ...json(), conditions: [], dischargedConditions: ['sigmoid(z) - 1/2 > 0'] };
    const r = replay(j);
    expect(r.ok && r.checked.theorem.conditions.map(conditionToText)).toEqual(['sigmoid(z) - 1/2 > 0']);
  });
});

describe("the kernel's ranges of functions", () => {
  it('hold at sample points of the evaluator', () => {
    const points = Array.from({ length: 401 }, (_, i) => (i - 200) / 4).concat([-1e3, 1e3, 1e-9, -1e-9]);
    for (const [name, [lo, hi]] of Object.entries(RANGES)) {
      const f = functionSpec(name)!.float as (x: number) => number;
      for (const x of points) {
        const v = f(x);
        const [l, h] = [lo && Number(lo[0].n) / Number(lo[0].d), hi && Number(hi[0].n) / Number(hi[0].d)];
        // Floating point reaches 1 for sigmoid(40); the exact value never does, so a strict bound is checked as >=.
        if (l !== undefined) expect(v >= l, `${name}(${x}) = ${v}`).toBe(true);
        if (h !== undefined) expect(v <= h, `${name}(${x}) = ${v}`).toBe(true);
        if (lo?.[1] && Math.abs(x) < 5) expect(v > l!, `${name}(${x}) = ${v}`).toBe(true);
        if (hi?.[1] && Math.abs(x) < 5) expect(v < h!, `${name}(${x}) = ${v}`).toBe(true);
      }
    }
  });
});

describe('--all lists what the gradients need together', () => {
  it('the seed: ∂L/∂a2 keeps 0 < a2 < 1 (a2 varies), though ∂L/∂z2 needs nothing', () => {
    const o = deriveAll(parseProblem(readFileSync('examples/bce-sigmoid.grad', 'utf8'), 'bce-sigmoid.grad', { functions: rules.functions }), rules);
    expect((allToJson(o) as { conditions: string[] }).conditions).toEqual(['a2 > 0', 'a2 < 1']);
    expect(formatAll(o, 'text', 'en')).toContain('\nConditions  a2 > 0, a2 < 1\nPremises');
  });
});
