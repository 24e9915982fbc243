import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseProblem } from '../../src/parse/problem.js';
import { outcomeToJson, runProblem } from '../../src/api/derive.js';
import { proofFromJson } from '../../src/api/serialize.js';
import { checkProof } from '../../src/kernel/index.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { parse } from '../../src/parse/ascii.js';
import type { Proof, Step } from '../../src/proof/types.js';

const rules = builtinRules();
const seedJson = () => outcomeToJson(runProblem(parseProblem(readFileSync('examples/bce-sigmoid.grad', 'utf8'), 'bce-sigmoid.grad')));
const replayJson = (json: unknown) => checkProof(proofFromJson(JSON.parse(JSON.stringify(json)), { functions: rules.functions }), rules.admitted);
type J = ReturnType<typeof seedJson>;
const mutate = (f: (j: { -readonly [K in keyof J]: any }) => void) => {
  const j = JSON.parse(JSON.stringify(seedJson()));
  f(j);
  return replayJson(j);
};
const stepIndex = (j: J, rule: string) => j.steps.findIndex((s) => s.rule === rule);

describe('the kernel replays proofs from their JSON alone', () => {
  it.each(['bce-sigmoid', 'bce-logit', 'mse-sigmoid', 'tanh-mse', 'two-layer'])('%s replays in full', (name) => {
    const json = outcomeToJson(runProblem(parseProblem(readFileSync(`examples/${name}.grad`, 'utf8'), name)));
    const r = replayJson(json);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.checked.replayed).toBe(json.steps.length);
    expect(json.checked).toBe(true);
    expect(json.replayed).toBe(json.steps.length);
  });

  it('rejects a changed expression, naming the step', () => {
    const r = mutate((j) => {
      const i = stepIndex(j, 'd.log');
      j.steps[i].after = j.steps[i].after.replace('/a2', '/a2^2');
      j.steps[i + 1].before = j.steps[i].after;
    });
    expect(r).toEqual({ ok: false, step: 6, reason: "replacing diff(log(a2), a2) by diff(a2, a2)/a2 does not give its 'after'" });
  });

  it('rejects a changed rule id', () => {
    const r = mutate((j) => (j.steps[stepIndex(j, 'd.log')].rule = 'd.exp'));
    expect(r).toEqual({ ok: false, step: 6, reason: 'd.exp with these bindings does not match diff(log(a2), a2)' });
  });

  it('rejects an unknown rule id', () => {
    const r = mutate((j) => (j.steps[stepIndex(j, 'd.log')].rule = 'd.magic'));
    expect(r).toEqual({ ok: false, step: 6, reason: "unknown rule 'd.magic'" });
  });

  it('rejects a changed path', () => {
    const r = mutate((j) => (j.steps[stepIndex(j, 'd.log')].path = [0]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.step).toBe(6);
  });

  it('rejects a changed binding', () => {
    const r = mutate((j) => (j.steps[stepIndex(j, 'd.log')].bindings.u = 'y'));
    expect(r).toEqual({ ok: false, step: 6, reason: 'd.log with these bindings does not match diff(log(a2), a2)' });
  });

  it('rejects a changed result', () => {
    const r = mutate((j) => (j.result = 'a2 + y'));
    expect(r).toEqual({ ok: false, step: 25, reason: 'the proof ends at a2 - y, not at its stated result a2 + y' });
  });

  it('rejects a cancellation that does not record what it divides by', () => {
    const r = mutate((j) => (j.steps[stepIndex(j, 'alg.cancel-common-factor')].conditions = []));
    expect(r).toEqual({ ok: false, step: 25, reason: 'it needs a2 != 0 but does not record it' });
  });

  it('rejects a changed definition', () => {
    const r = mutate((j) => (j.definitions.find((d: { name: string }) => d.name === 'a2').expr = 'tanh(z2)'));
    expect(r).toEqual({ ok: false, step: 18, reason: "def.unfold does not turn a2 into its 'after'" });
  });

  it('rejects a false algebra step', () => {
    const r = mutate((j) => {
      const i = stepIndex(j, 'alg.collect');
      j.steps[i].after = '(a2 + y)/(a2*(1 - a2))';
      j.lemmas[0].result = '(a2 + y)/(a2*(1 - a2))';
    });
    expect(r).toEqual({
      ok: false,
      step: 17,
      reason: 'a2 - a2*y + a2*y - y and a2 + y are not equal by algebra',
    });
  });
});

describe('the kernel on hand-made proofs', () => {
  const step = (over: Partial<Step> & Pick<Step, 'before' | 'after' | 'rule' | 'kind'>): Step => ({
    path: [],
    bindings: {},
    conditions: [],
    phase: 0,
    derivation: 0,
    ...over,
  });
  const proof = (start: string, steps: Step[], result: string, defs: Array<[string, string]> = []): Proof => ({
    start: parse(start),
    steps,
    result: parse(result),
    lemmas: [],
    phases: [],
    definitions: defs.map(([name, e]) => ({ name, expr: parse(e) })),
    assumptions: [],
  });

  it('rejects the chain rule through a name that is not a cut', () => {
    // L uses a and z directly, and a depends on z: diff(L, z) is not diff(L, a)*diff(a, z).
    const p = proof('diff(L, z)', [step({ rule: 'chain', kind: 'chain', before: parse('diff(L, z)'), after: parse('diff(L, a)*diff(a, z)') })], 'diff(L, a)*diff(a, z)', [
      ['a', 'sigmoid(z)'],
      ['L', 'a*z'],
    ]);
    expect(checkProof(p, rules.admitted)).toEqual({ ok: false, step: 1, reason: 'the chain rule needs L to depend on z only through other names' });
  });

  it('rejects unfolding a name inside a derivative by that name', () => {
    const p = proof('diff(a, a)', [step({ rule: 'def.unfold', kind: 'definition', path: [0], before: parse('diff(a, a)'), after: parse('diff(sigmoid(z), a)') })], 'diff(sigmoid(z), a)', [['a', 'sigmoid(z)']]);
    expect(checkProof(p, rules.admitted)).toEqual({ ok: false, step: 1, reason: 'a is changed inside a derivative by a' });
  });

  it('rejects d.const on something that depends on the variable through a definition', () => {
    const p = proof('diff(a, z)', [step({ rule: 'd.const', kind: 'rule', before: parse('diff(a, z)'), after: parse('0'), bindings: { c: parse('a'), x: parse('z') } })], '0', [['a', 'sigmoid(z)']]);
    expect(checkProof(p, rules.admitted)).toEqual({ ok: false, step: 1, reason: 'a depends on z' });
  });

  it('rejects an assumption step that no stated equation justifies', () => {
    const p = proof('x', [step({ rule: 'assume', kind: 'assumption', before: parse('x'), after: parse('1') })], '1');
    expect(checkProof({ ...p, assumptions: [{ lhs: parse('x + y'), op: '=', rhs: parse('1') }] }, rules.admitted)).toEqual({
      ok: false,
      step: 1,
      reason: 'no stated equation turns x into 1',
    });
  });

  it('accepts an assumption step that a stated equation justifies', () => {
    const p = proof('a*(y1 + y2) - y1', [step({ rule: 'assume', kind: 'assumption', before: parse('a*(y1 + y2) - y1'), after: parse('a - y1') })], 'a - y1');
    expect(checkProof({ ...p, assumptions: [{ lhs: parse('y1 + y2'), op: '=', rhs: parse('1') }] }, rules.admitted).ok).toBe(true);
  });
});
