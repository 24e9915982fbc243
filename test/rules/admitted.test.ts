/**
 * The kernel checks proofs against the rules `loadRules` admitted, never against the rule
 * set object a caller hands in: a rule set built by hand, edited after it loaded, or decoded
 * from JSON proves nothing; and a theorem rests on exactly the user files it used.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProof, type AdmittedRules } from '../../src/kernel/index.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { loadRules } from '../../src/api/rules.js';
import { derive } from '../../src/api/derive.js';
import { proofFromJson } from '../../src/api/serialize.js';
import { parse } from '../../src/parse/ascii.js';
import { sym } from '../../src/expr/node.js';
import type { Proof } from '../../src/proof/types.js';
import type { Rule, RuleSet } from '../../src/rules/types.js';
import { ROOT } from '../support/source.js';

const fixture = (name: string) => ({ name: `test/fixtures/rules/${name}`, text: readFileSync(join(ROOT, 'test/fixtures/rules', name), 'utf8') });

/** `diff(tanh(z), z) = (1 + tanh(z)^2)*diff(z, z)` by d.tanh: false, and a one-step proof of it. */
function badTanhProof(): Proof {
  const before = parse('diff(tanh(z), z)');
  const after = parse('(1 + tanh(z)^2)*diff(z, z)');
  return {
    start: before,
    lemmas: [],
    steps: [{ rule: 'd.tanh', kind: 'rule', path: [], bindings: { u: sym('z'), x: sym('z') }, before, after, conditions: [], phase: 0, derivation: 0 }],
    phases: [],
    result: after,
    definitions: [],
    assumptions: [],
  };
}

/** The built-in rules with d.tanh's right side replaced: 1 + tanh(u)^2. */
function withBadTanh(set: RuleSet): { rules: Rule[]; byId: Map<string, Rule> } {
  const good = set.byId.get('d.tanh')!;
  const bad: Rule = { ...good, rhs: parse('(1 + tanh(u)^2)*diff(u, x)'), outer: { ...good.outer!, derivative: parse('1 + tanh(u)^2') } };
  const rules = set.rules.map((r) => (r.id === 'd.tanh' ? bad : r));
  return { rules, byId: new Map(rules.map((r) => [r.id, r])) };
}

describe('checkProof refuses rules that did not come through loadRules', () => {
  it('the false step is refused with the admitted built-in rules', () => {
    const r = checkProof(badTanhProof(), builtinRules().admitted);
    expect(r.ok).toBe(false);
    expect(r.ok ? 0 : r.step).toBe(1);
  });
  it.each([
    ['an empty object', {}],
    ['a JSON-decoded copy of the admitted handle', JSON.parse(JSON.stringify(builtinRules().admitted)) as unknown],
    ['a copy of the admitted handle', { ...builtinRules().admitted }],
    ['a rule map', withBadTanh(builtinRules()).byId],
  ])('%s is not an admitted rule set', (_name, handle) => {
    expect(checkProof(badTanhProof(), handle as AdmittedRules)).toEqual({ ok: false, step: 0, reason: 'the rules were not loaded through validation' });
  });
});

// Refused up front, before any derivation: the kernel's own refusal is tested above.
describe('derive never proves through a rule set built or changed by hand', () => {
  const problem = { loss: 'tanh(z)', wrt: 'z', expect: '1 + tanh(z)^2' };
  const outcome = (rules: RuleSet): string => {
    try {
      const r = derive(problem, { rules });
      return `${r.verdict} ${r.checked}`;
    } catch (err) {
      return (err as Error).message;
    }
  };

  it('with the real rules, the false expectation is refuted', () => {
    expect(outcome(builtinRules())).toBe('refuted true');
  });
  it('a hand-built rule set whose d.tanh says 1 + tanh^2', () => {
    const fake = { ...builtinRules(), ...withBadTanh(builtinRules()) };
    expect(outcome(fake)).toBe('the rule set was changed after loadRules: rule d.tanh is not the one loaded');
  });
  it('a byId edited after loading changes nothing: still refuted', () => {
    const loaded = loadRules(fixture('gauss.rules'));
    (loaded.byId as Map<string, Rule>).set('d.tanh', withBadTanh(loaded).byId.get('d.tanh')!);
    expect(outcome(loaded)).toBe('the rule set was changed after loadRules: rule d.tanh is not the one loaded');
    // The loaded rules themselves are frozen.
    expect(() => (loaded.rules as Rule[]).push(loaded.byId.get('d.tanh')!)).toThrow(TypeError);
  });
  it('a JSON-decoded look-alike', () => {
    const lookalike = { ...builtinRules(), ...withBadTanh(builtinRules()), admitted: JSON.parse(JSON.stringify(builtinRules().admitted)) as AdmittedRules };
    expect(outcome(lookalike)).toBe('the rule set was not made by loadRules: load rules with loadRules (or pass none for the built-in rules)');
  });
  it('a hand-built set is no base for loadRules', () => {
    const fake = { ...builtinRules(), ...withBadTanh(builtinRules()), admitted: {} as AdmittedRules };
    expect(() => loadRules(fixture('gauss.rules'), { base: fake })).toThrow('the rules to add to must come from loadRules: this rule set was built or changed by hand');
    expect(() => loadRules(fixture('gauss.rules'), { base: { ...fake, admitted: JSON.parse(JSON.stringify(builtinRules().admitted)) as AdmittedRules } })).toThrow('the rules to add to must come from loadRules');
  });
  it('a set edited after loading is a base with its rules as loaded', () => {
    const loaded = loadRules(fixture('gauss.rules'));
    const edited = { ...loaded, ...withBadTanh(loaded) };
    const both = loadRules(fixture('bent.rules'), { base: edited });
    expect(both.byId.get('d.tanh')).toBe(builtinRules().byId.get('d.tanh'));
    expect(Object.isFrozen(both.byId.get('d.tanh'))).toBe(true);
  });
});

describe('a theorem rests on the user files it uses, and only on them', () => {
  const theoremFiles = (rules: RuleSet, problem: Parameters<typeof derive>[0]): readonly string[] => {
    const proof = proofFromJson(derive(problem, { rules }), { functions: rules.functions });
    const r = checkProof(proof, rules.admitted);
    if (!r.ok) throw new Error(r.reason);
    return r.checked.theorem.premises.ruleFiles;
  };
  const both = loadRules([fixture('gauss.rules'), fixture('bent.rules')]);

  it('a derivation through d.gauss rests on gauss.rules alone', () => {
    expect(theoremFiles(both, { loss: '(a - y)^2/2', let: { a: 'gauss(z)' }, wrt: 'z' })).toEqual(['test/fixtures/rules/gauss.rules']);
  });
  it('through both functions, on both files', () => {
    expect(theoremFiles(both, { loss: 'bent(a)', let: { a: 'gauss(w*x)' }, wrt: 'w' })).toEqual(['test/fixtures/rules/bent.rules', 'test/fixtures/rules/gauss.rules']);
  });
  it('a derivation that uses neither rests on neither', () => {
    expect(theoremFiles(both, { loss: 'tanh(z)', wrt: 'z' })).toEqual([]);
  });
  it('an equality opened through a definition rests on its file', () => {
    const proof = proofFromJson(derive({ loss: 'gauss(z)', wrt: 'z' }, { rules: both }), { functions: both.functions });
    const opened: Proof = { ...proof, start: parse('gauss(z)', { functions: both.functions }), steps: [], phases: [], lemmas: [], result: parse('gauss(z)', { functions: both.functions }) };
    const r = checkProof(opened, both.admitted);
    expect(r.ok && r.checked.theorem.premises.ruleFiles).toEqual(['test/fixtures/rules/gauss.rules']);
  });
});
