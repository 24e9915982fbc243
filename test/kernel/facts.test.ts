/**
 * Class 1: a stated fact holds on a set, not on a neighbourhood. No step may use a fact,
 * directly or through a lemma, inside a derivative by a variable the fact constrains
 * (its free names and every name they depend on through the definitions).
 */
import { describe, expect, it } from 'vitest';
import { checkProof } from '../../src/kernel/index.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { parse } from '../../src/parse/ascii.js';
import { loadRules } from '../../src/index.js';
import type { Assumption, Proof, Step } from '../../src/proof/types.js';

const rules = builtinRules();
const p = (s: string) => parse(s);
type Extra = Partial<Pick<Step, 'derivation' | 'lemma' | 'conditions'>> & { bindings?: Record<string, string> };
const step = (kind: Step['kind'], rule: string, path: number[], before: string, after: string, x: Extra = {}): Step => ({
  rule, kind, path, before: p(before), after: p(after), phase: 0,
  bindings: Object.fromEntries(Object.entries(x.bindings ?? {}).map(([k, v]) => [k, p(v)])),
  conditions: x.conditions ?? [], derivation: x.derivation ?? 0, ...(x.lemma === undefined ? {} : { lemma: x.lemma }),
});
const fact = (lhs: string, op: Assumption['op'], rhs: string): Assumption => ({ lhs: p(lhs), op, rhs: p(rhs) });
const proof = (start: string, result: string, steps: Step[], more: Partial<Proof> = {}): Proof => ({
  start: p(start), result: p(result), lemmas: [], steps, phases: [], definitions: [], assumptions: [], ...more,
});
const check = (pr: Proof) => checkProof(pr, rules.admitted);

const simplex = [fact('y1 + y2 + y3', '=', '1')];
/** diff(y1 + y2 + y3, y1) = 1 by the sum, self and constant rules (derivation `d`). */
const honest = (d: number): Step[] => [
  step('rule', 'd.sum', [], 'diff(y1 + y2 + y3, y1)', 'diff(y1, y1) + diff(y2 + y3, y1)', { derivation: d, bindings: { u: 'y1', v: 'y2 + y3', x: 'y1' } }),
  step('rule', 'd.self', [0], 'diff(y1, y1) + diff(y2 + y3, y1)', '1 + diff(y2 + y3, y1)', { derivation: d, bindings: { x: 'y1' } }),
  step('rule', 'd.const', [1], '1 + diff(y2 + y3, y1)', '1', { derivation: d, bindings: { c: 'y2 + y3', x: 'y1' } }),
];

describe('facts under a derivative', () => {
  it('the honest derivative replays', () => {
    expect(check(proof('diff(y1 + y2 + y3, y1)', '1', honest(0), { assumptions: simplex })).ok).toBe(true);
  });

  it('diff(y1 + y2 + y3, y1) = 0 from y1 + y2 + y3 = 1 is refused', () => {
    const r = check(proof('diff(y1 + y2 + y3, y1)', '0', [
      step('assumption', 'assume', [0], 'diff(y1 + y2 + y3, y1)', 'diff(1, y1)'),
      step('rule', 'd.const', [], 'diff(1, y1)', '0', { bindings: { c: '1', x: 'y1' } }),
    ], { assumptions: simplex }));
    expect(r).toEqual({ ok: false, step: 1, reason: 'it uses a stated fact on y1 inside a derivative by y1' });
  });

  // 1 = diff(y1 + y2 + y3, y1) (honest, lemma 1) = diff(1, y1) (lemma 2 under the derivative) = 0.
  const oneIsZero = (lemma2: Proof['lemmas'][number], lemma2Steps: Step[], more: Partial<Proof> = {}): Proof =>
    proof('1', '0', [
      ...honest(1),
      ...lemma2Steps,
      step('lemma', 'lemma', [], '1', 'diff(y1 + y2 + y3, y1)', { lemma: 1 }),
      step('lemma', 'lemma', [0], 'diff(y1 + y2 + y3, y1)', 'diff(1, y1)', { lemma: 2 }),
      step('rule', 'd.const', [], 'diff(1, y1)', '0', { bindings: { c: '1', x: 'y1' } }),
    ], { lemmas: [{ start: p('diff(y1 + y2 + y3, y1)'), result: p('1') }, lemma2], assumptions: simplex, ...more });

  it('1 = 0 through a lemma proven from the fact is refused', () => {
    const r = check(oneIsZero({ start: p('y1 + y2 + y3'), result: p('1') }, [step('assumption', 'assume', [], 'y1 + y2 + y3', '1', { derivation: 2 })]));
    expect(r).toEqual({ ok: false, step: 6, reason: 'it uses a stated fact on y1 inside a derivative by y1' });
  });

  it('and through a lemma that cites such a lemma', () => {
    const r = check(
      proof('1', '0', [
        ...honest(1),
        step('assumption', 'assume', [], 'y1 + y2 + y3', '1', { derivation: 3 }),
        step('lemma', 'lemma', [], 'y1 + y2 + y3', '1', { derivation: 2, lemma: 3 }),
        step('lemma', 'lemma', [], '1', 'diff(y1 + y2 + y3, y1)', { lemma: 1 }),
        step('lemma', 'lemma', [0], 'diff(y1 + y2 + y3, y1)', 'diff(1, y1)', { lemma: 2 }),
        step('rule', 'd.const', [], 'diff(1, y1)', '0', { bindings: { c: '1', x: 'y1' } }),
      ], {
        lemmas: [{ start: p('diff(y1 + y2 + y3, y1)'), result: p('1') }, { start: p('y1 + y2 + y3'), result: p('1') }, { start: p('y1 + y2 + y3'), result: p('1') }],
        assumptions: simplex,
      }),
    );
    expect(r).toEqual({ ok: false, step: 7, reason: 'it uses a stated fact on y1 inside a derivative by y1' });
  });

  it('and when the fact reaches y1 through a definition', () => {
    const defs = [{ name: 's', expr: p('y1 + y2 + y3') }];
    const r = check(
      proof('diff(s, y1)', '0', [
        step('assumption', 'assume', [], 's', '1', { derivation: 1 }),
        step('lemma', 'lemma', [0], 'diff(s, y1)', 'diff(1, y1)', { lemma: 1 }),
        step('rule', 'd.const', [], 'diff(1, y1)', '0', { bindings: { c: '1', x: 'y1' } }),
      ], { lemmas: [{ start: p('s'), result: p('1') }], definitions: defs, assumptions: [fact('s', '=', '1')] }),
    );
    expect(r).toEqual({ ok: false, step: 2, reason: 'it uses a stated fact on y1 inside a derivative by y1' });
  });

  it('and when the fact is on a name defined from the variable (a = 1/2 with a = sigmoid(z): not dσ/dz = 0)', () => {
    const defs = [{ name: 'a', expr: p('sigmoid(z)') }];
    const r = check(
      proof('diff(a, z)', '0', [
        step('assumption', 'assume', [], 'a', '1/2', { derivation: 1 }),
        step('lemma', 'lemma', [0], 'diff(a, z)', 'diff(1/2, z)', { lemma: 1 }),
        step('rule', 'd.const', [], 'diff(1/2, z)', '0', { bindings: { c: '1/2', x: 'z' } }),
      ], { lemmas: [{ start: p('a'), result: p('1/2') }], definitions: defs, assumptions: [fact('a', '=', '1/2')] }),
    );
    expect(r).toEqual({ ok: false, step: 2, reason: 'it uses a stated fact on z inside a derivative by z' });
  });

  it('a lemma from a fact on other names may be used under a derivative by w', () => {
    // y1 + y2 + y3 = 1 constrains the y's; perturbing w leaves them where they are.
    const r = check(
      proof('diff(w*(y1 + y2 + y3), w)', 'diff(w, w)', [
        step('assumption', 'assume', [], 'y1 + y2 + y3', '1', { derivation: 1 }),
        step('lemma', 'lemma', [0, 1], 'diff(w*(y1 + y2 + y3), w)', 'diff(w, w)', { lemma: 1 }),
      ], { lemmas: [{ start: p('y1 + y2 + y3'), result: p('1') }], assumptions: simplex }),
    );
    expect(r.ok).toBe(true);
  });

  const relu = 'diff(piecewise(z > 0, z, z < 0, 0), z)';
  it('a strict bound selects a branch under the derivative (an open set)', () => {
    const r = check(proof(relu, 'diff(z, z)', [step('assumption', 'assume', [0], relu, 'diff(z, z)')], { assumptions: [fact('z', '>', '0')] }));
    expect(r.ok).toBe(true);
  });

  it('a closed bound does not: z >= 1 holds at z = 1, where the neighbourhood leaves it', () => {
    const r = check(proof(relu, 'diff(z, z)', [step('assumption', 'assume', [0], relu, 'diff(z, z)')], { assumptions: [fact('z', '>=', '1')] }));
    expect(r).toEqual({ ok: false, step: 1, reason: 'it uses a stated fact on z inside a derivative by z' });
  });

  it('nor through a lemma', () => {
    const r = check(
      proof(relu, 'diff(z, z)', [
        step('assumption', 'assume', [], 'piecewise(z > 0, z, z < 0, 0)', 'z', { derivation: 1 }),
        step('lemma', 'lemma', [0], relu, 'diff(z, z)', { lemma: 1 }),
      ], { lemmas: [{ start: p('piecewise(z > 0, z, z < 0, 0)'), result: p('z') }], assumptions: [fact('z', '>=', '1')] }),
    );
    expect(r).toEqual({ ok: false, step: 2, reason: 'it uses a stated fact on z inside a derivative by z' });
  });

  it('a strict bound on a name defined through a jump is closed for this purpose', () => {
    const defs = [{ name: 'h', expr: p('piecewise(z > 0, 1, z < 0, 0) + z') }];
    const e = 'diff(piecewise(h > 0, h, h < 0, 0), z)';
    const r = check(proof(e, 'diff(h, z)', [step('assumption', 'assume', [0], e, 'diff(h, z)')], { definitions: defs, assumptions: [fact('h', '>', '0')] }));
    expect(r).toEqual({ ok: false, step: 1, reason: 'it uses a stated fact on z inside a derivative by z' });
  });

  it('so is one through a call the kernel does not know to be continuous (a user\'s def may jump)', () => {
    // With def step(u) = piecewise(u >= 0, 1, u < 0, 0): h > 1/2 is z >= 0, closed, and at z = 0
    // the derivative of piecewise(h > 1/2, z, h <= 1/2, 2*z) does not exist.
    const withStep = loadRules({ name: 'step.rules', text: 'def jump(u) = piecewise(u >= 0, 1, u < 0, 0)\n' });
    const q = (s: string) => parse(s, { functions: withStep.functions });
    const e = 'diff(piecewise(h > 1/2, z, h <= 1/2, 2*z), z)';
    const pr = (body: string): Proof => ({
      start: q(e), result: q('diff(z, z)'), lemmas: [], phases: [], definitions: [{ name: 'h', expr: q(body) }], assumptions: [{ lhs: q('h'), op: '>', rhs: q('1/2') }],
      steps: [{ rule: 'assume', kind: 'assumption', path: [0], bindings: {}, before: q(e), after: q('diff(z, z)'), conditions: [], phase: 0, derivation: 0 }],
    });
    expect(checkProof(pr('jump(z)'), withStep.admitted)).toEqual({ ok: false, step: 1, reason: 'it uses a stated fact on z inside a derivative by z' });
    // Through functions known continuous, the set is open and the step stands.
    expect(checkProof(pr('sigmoid(z) + tanh(z)'), withStep.admitted).ok).toBe(true);
  });
});
