/** `loadRules`: a user's rule files beside the built-in ones, validated as they load. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, derive, equivalent, loadRules, GradproofError } from '../../src/index.js';
import { ROOT } from '../support/source.js';

const fixture = (name: string) => ({ name: `test/fixtures/rules/${name}`, text: readFileSync(join(ROOT, 'test/fixtures/rules', name), 'utf8') });

/** The formatted error of loading the files. */
function refusal(...names: string[]): { code: string; text: string } {
  try {
    loadRules(names.map(fixture));
  } catch (err) {
    if (err instanceof GradproofError) return { code: err.code, text: err.format() };
    throw err;
  }
  throw new Error('the rules loaded');
}

describe('a new activation with its derivative', () => {
  const rules = loadRules(fixture('gauss.rules'));

  it('derives through it, citing the rule by id', () => {
    const r = derive({ loss: '(a - y)^2/2', let: { a: 'gauss(z)' }, wrt: 'z', expect: '-2*z*a*(a - y)' }, { rules });
    expect([r.result, r.verdict]).toEqual(['-2*(a - y)*a*z', 'proven']);
    expect(r.steps.map((s) => s.rule)).toContain('d.gauss');
  });
  it('refutes a wrong expectation through it', () => {
    const r = derive({ loss: '(a - y)^2/2', let: { a: 'gauss(z)' }, wrt: 'z', expect: '2*z*a*(a - y)' }, { rules });
    expect(r.verdict).toBe('refuted');
  });
  it('the built-in rules do not know it', () => {
    expect(() => derive({ loss: '(a - y)^2/2', let: { a: 'gauss(z)' }, wrt: 'z' })).toThrow(GradproofError);
  });
  it('its definition proves equalities', () => {
    expect(equivalent('gauss(z)', 'exp(-z^2)', { rules }).verdict).toBe('proven');
  });
  it('two files at once, each function through the other', () => {
    const both = loadRules([fixture('gauss.rules'), fixture('bent.rules')]);
    expect(derive({ loss: 'bent(a)', let: { a: 'gauss(w*x)' }, wrt: 'w' }, { rules: both }).result).toBe('-a*w*x^2*(2 + a/sqrt(1 + a^2))');
  });
  it('bare text is a file named "rules"', () => {
    expect(loadRules(fixture('gauss.rules').text).byId.get('d.gauss')?.file).toBe('rules');
  });
});

describe('a wrong rule is refused with file, line and id', () => {
  it('a numerically false derivative', () => {
    const r = refusal('wrong-derivative.rules');
    expect(r.code).toBe('rule');
    expect(r.text).toMatch(
      /^test\/fixtures\/rules\/wrong-derivative\.rules:3:1: error: rule d\.gauss does not hold at u = -?[\d.e-]+: the left side is -?[\d.e-]+, the right side -?[\d.e-]+ \(they differ by -?[\d.e-]+\)\n {2}derivative d\.gauss/,
    );
  });
  it('a syntax error in a rule body names the rule and the column', () => {
    expect(refusal('syntax-error.rules')).toEqual({
      code: 'rule',
      text: "test/fixtures/rules/syntax-error.rules:4:20: error: rule d.gauss: missing ')' to close the call to gauss\n    gauss(u) -> -2*u*gauss(u\n                     ^",
    });
  });
  it('an id the built-in rules already use', () => {
    expect(refusal('duplicate-id.rules').text).toMatch(/^test\/fixtures\/rules\/duplicate-id\.rules:3:1: error: rule d\.log is already defined at rules\/derivative\.rules:\d+\n/);
  });
  it('a definition of a built-in function, even a close one', () => {
    expect(refusal('wrong-def.rules').text).toBe('test/fixtures/rules/wrong-def.rules:4:1: error: def erf: erf has a fixed meaning and cannot be redefined\n  def erf(u) = tanh(6*u/5)\n  ^');
  });
  it('the same file twice: its id again', () => {
    expect(refusal('gauss.rules', 'gauss.rules').text).toMatch(/^test\/fixtures\/rules\/gauss\.rules:\d+:1: error: (rule d\.gauss|def gauss) is already defined at test\/fixtures\/rules\/gauss\.rules:\d+\n/);
  });
  it('something that is not a rule file', () => {
    expect(() => loadRules([{ name: 'x' } as never])).toThrow('a rule file is its text, or { name, text }');
  });
});

describe('check() replays only against rules that came through loadRules', () => {
  const proof = derive({ loss: 'tanh(z)', wrt: 'z' });
  // Refused up front, as bad input: the kernel would refuse them too (test/rules/admitted.test.ts).
  const refused = 'the rule set was not made by loadRules: load rules with loadRules (or pass none for the built-in rules)';

  it('the honest proof checks with the loaded rules', () => {
    expect(check(proof, { rules: loadRules(fixture('gauss.rules')) })).toMatchObject({ checked: true });
  });
  it('a hand-built rule set is refused', () => {
    expect(() => check(proof, { rules: { ...loadRules(fixture('gauss.rules')), admitted: {} } as never })).toThrow(refused);
  });
  it('a JSON-decoded look-alike is refused', () => {
    const rules = loadRules(fixture('gauss.rules'));
    expect(() => check(proof, { rules: { ...rules, admitted: JSON.parse(JSON.stringify(rules.admitted)) as never } })).toThrow(refused);
  });
});
