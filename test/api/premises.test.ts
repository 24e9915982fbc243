/**
 * The API states what a `proven` rests on, read from the kernel's theorem (never from the
 * input), and `check(proof, { problem })` confirms a proof proves exactly a problem.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, checkChain, derive, equivalent, loadRules } from '../../src/index.js';
import { parseProblem } from '../../src/parse/problem.js';
import { ROOT } from '../support/source.js';

const gauss = loadRules({ name: 'gauss.rules', text: readFileSync(join(ROOT, 'examples/rules/gauss.rules'), 'utf8') });
const SEED = { loss: '-(y*log(a2) + (1-y)*log(1-a2))', let: { a2: 'sigmoid(z2)' }, wrt: 'z2' };
const SEED_PROBLEM = readFileSync(join(ROOT, 'examples/bce-sigmoid.grad'), 'utf8');

describe('derive(): premises beside the verdict', () => {
  it('definitions and a stated fact', () => {
    const r = derive({ loss: 'a*(y1 + y2 + y3) - y1*log(b)', let: { b: 'exp(a)' }, wrt: 'a', assume: ['y1 + y2 + y3 = 1', '0 < y1 < 1'] });
    expect(r.premises).toEqual({ assumptions: ['y1 + y2 + y3 = 1', '0 < y1', 'y1 < 1'], definitions: ['b = exp(a)', 'L = a*(y1 + y2 + y3) - y1*log(b)'], ruleFiles: [] });
  });

  it('a user rule file, by the name it was loaded under', () => {
    const r = derive({ loss: '(a - y)^2/2', let: { a: 'gauss(z)' }, wrt: 'z' }, { rules: gauss });
    expect(r.premises.ruleFiles).toEqual(['gauss.rules']);
    // The built-in rules alone: no file is a premise.
    expect(derive(SEED).premises.ruleFiles).toEqual([]);
  });
});

describe('checkChain() and equivalent(): each proven link, and the whole', () => {
  it('a chain through a user rule', () => {
    const r = checkChain(['diff(gauss(z), z)', '-2*z*gauss(z)', '-2*z*exp(-z^2)'], { rules: gauss });
    expect(r.firstWrong).toBeNull();
    const premises = { assumptions: [], definitions: [], ruleFiles: ['gauss.rules'] };
    expect([r.links.map((l) => l.premises), r.premises]).toEqual([[premises, premises], premises]);
  });

  it('equivalent() through a user definition', () => {
    expect(equivalent('gauss(z)', 'exp(-z^2)', { rules: gauss }).premises).toEqual({ assumptions: [], definitions: [], ruleFiles: ['gauss.rules'] });
  });
});

describe('check(proof, { problem })', () => {
  const proof = derive(SEED);

  it('the problem as file text, or parsed: it proves exactly that problem', () => {
    expect(check(proof, { problem: SEED_PROBLEM, problemSource: 'examples/bce-sigmoid.grad' })).toEqual({
      checked: true,
      replayed: 25,
      claim: 'diff(L, z2) = a2 - y',
      conditions: [],
      premises: { assumptions: [], definitions: ['a2 = sigmoid(z2)', 'L = -(y*log(a2) + (1 - y)*log(1 - a2))'], ruleFiles: [] },
      problem: { source: 'examples/bce-sigmoid.grad', matches: true, differences: [] },
    });
    const spec = parseProblem(SEED_PROBLEM, 'seed');
    expect(check(proof, { problem: spec })).toMatchObject({ checked: true, problem: { source: '<problem>', matches: true } });
  });

  it('a loss with no name is L, as derive names it', () => {
    expect(check(proof, { problem: 'let a2 = sigmoid(z2)\nloss -(y*log(a2) + (1 - y)*log(1 - a2))\nwrt z2\n' })).toMatchObject({ checked: true });
  });

  it.each([
    ['a fact added', { assumptions: ['y > 0'] }, ['extra assumption y > 0']],
    ['a definition added', { definitions: [...proof.definitions, { name: 'b', expr: '2*z2' }] }, ['extra definition b = 2*z2']],
    ['the loss renamed', { goal: 'diff(J, z2)', definitions: [proof.definitions[0]!, { name: 'J', expr: proof.definitions[1]!.expr }], steps: [], lemmas: [], phases: [], result: 'diff(J, z2)' }, [
      'different statement: the proof is about diff(J, z2), the problem about diff(L, z2)',
      'extra definition J = -(y*log(a2) + (1 - y)*log(1 - a2))',
      'missing definition L = -(y*log(a2) + (1 - y)*log(1 - a2))',
    ]],
  ] as const)('%s: rejected, with what differs', (_, edit, differences) => {
    const r = check({ ...proof, ...edit }, { problem: SEED_PROBLEM, problemSource: 'seed.grad' });
    expect(r).toEqual({
      checked: false,
      step: 0,
      reason: `the proof does not prove exactly the problem in seed.grad: ${differences.join('; ')}`,
      claim: r.claim,
      problem: { source: 'seed.grad', matches: false, differences },
    });
  });

  it('a fact written the other way round is the same fact', () => {
    const problem = `${SEED_PROBLEM}assume 0 < y\nassume y1 + y2 = 1\n`;
    expect(check({ ...proof, assumptions: ['y > 0', '1 = y1 + y2'] }, { problem })).toMatchObject({ checked: true });
    expect(check({ ...proof, assumptions: ['y >= 0', '1 = y1 + y2'] }, { problem })).toMatchObject({
      checked: false,
      problem: { differences: ['extra assumption y >= 0', 'missing assumption 0 < y'] },
    });
  });

  it("a result that is not the problem's expectation", () => {
    const problem = SEED_PROBLEM.replace('expect a2 − y', 'expect y - a2');
    expect(check(proof, { problem }).problem?.differences).toEqual(['different result: the proof ends at a2 - y, the problem expects y - a2']);
  });

  it('a step the kernel refuses is named first, the problem aside', () => {
    const tampered = { ...proof, steps: proof.steps.map((s, i) => (i === 5 ? { ...s, after: `${s.after} + 1` } : s)) };
    const r = check(tampered, { problem: SEED_PROBLEM });
    expect([r.checked, r.checked ? 0 : r.step, 'problem' in r]).toEqual([false, 6, false]);
  });
});
