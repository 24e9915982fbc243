/**
 * A call the kernel does not know to be defined everywhere (a user's `def`, a derivative of
 * what is not smooth, a piecewise that leaves a point out) is never dropped silently: a step
 * that makes it disappear states "f(x) is defined", the kernel refuses the step without it,
 * and a statement that needs a call defined nowhere is unknown.
 */
import { describe, expect, it } from 'vitest';
import { check, equivalent, loadRules } from '../../src/index.js';
import { call, sym } from '../../src/expr/node.js';
import { conditionFrom } from '../../src/api/serialize.js';
import { conditionInLatex, conditionInText, conditionToText } from '../../src/render/conditions.js';
import { evidenceText } from '../../src/render/evidence.js';

const rules = loadRules({ name: 'f.rules', text: 'def f(u) = log(u)\n' });

type Case = readonly [a: string, b: string, verdict: 'proven' | 'unknown' | 'refuted', conditions: readonly string[], evidence: string | null];

const CASES: readonly Case[] = [
  // The hole: 0*f(-1) was proven by algebra, as if f were defined at -1.
  ['0*f(-1)', '0', 'unknown', [], '0*f(-1) = 0 holds nowhere: it needs f(-1) to be defined, and it is not a real number'],
  ['0*f(-1 - x^2) + x', 'x', 'unknown', [], 'x + 0*f(-1 - x^2) = x holds nowhere: it needs -1 - x^2 > 0'],
  ['0*f(x)', '0', 'proven', ['f(x) is defined'], null],
  ['f(x) - f(x)', '0', 'proven', ['f(x) is defined'], null],
  ['f(x)^0', '1', 'proven', ['f(x) is defined'], null],
  ['f(x)/f(x)', '1', 'proven', ['f(x) is defined', 'f(x) != 0'], null],
  ['0*f(1 + x^2)', '0', 'proven', ['f(1 + x^2) is defined'], null],
  // Built-in partial pieces the kernel knows by name keep their own conditions.
  ['0*log(x)', '0', 'proven', ['x > 0'], null],
  ['0*diff(log(x), x)', '0', 'proven', ['x > 0'], null],
  ['0*x^y', '0', 'proven', ['x > 0'], null],
  ['0*piecewise(x > 0, 1, x < 0, 0)', '0', 'proven', ['x != 0'], null],
  // What the kernel cannot see inside.
  ['0*log(x, 2)', '0', 'proven', ['log(x, 2) is defined'], null],
  ['0*diff(relu(x), x)', '0', 'proven', ['diff(relu(x), x) is defined'], null],
  ['0*piecewise(x > 0, 1, x <= 1, 0)', '0', 'proven', ['piecewise(x > 0, 1, x <= 1, 0) is defined'], null],
  ['0*(-1)^k', '0', 'proven', ['(-1)^k is defined'], null],
  // Total functions need nothing.
  ['0*relu(x)', '0', 'proven', [], null],
  ['0*diff(sigmoid(x), x)', '0', 'proven', [], null],
];

describe('equivalent(): a call not known total leaves "is defined" when it disappears', () => {
  it.each(CASES)('%s = %s is %s under %j', (a, b, verdict, conditions, evidence) => {
    const r = equivalent(a, b, { rules });
    expect([r.verdict, r.conditions, r.evidence]).toEqual([verdict, conditions, evidence]);
    expect(r.checked).toBe(verdict === 'proven');
  });
});

describe('check(): a proof file that drops the condition is refused by the kernel', () => {
  const proof = (before: string, conditions: string[]) => ({
    goal: before, result: '0', steps: [{ rule: 'alg.collect', kind: 'algebra', path: [], bindings: {}, before, after: '0', conditions }],
  });
  it.each(['0*f(x)', 'f(x) - f(x)'])('%s = 0', (before) => {
    expect(check(proof(before, ['f(x) is defined']), { rules })).toMatchObject({ checked: true, replayed: 1 });
    expect(check(proof(before, []), { rules })).toEqual({ checked: false, step: 1, reason: 'it needs f(x) to be defined but does not record it', claim: `${before} = 0` });
    expect(check(proof(before, ['f(x) > 0']), { rules })).toMatchObject({ checked: false, step: 1, reason: 'it needs f(x) to be defined but does not record it' });
    expect(check(proof(before, ['f(y) is defined']), { rules })).toMatchObject({ checked: false, step: 1 });
  });
});

describe('a defined function whose body needs nothing is defined wherever its arguments are', () => {
  const gauss = loadRules({ name: 'gauss.rules', text: 'def gauss(u) = exp(-u^2)\ndef g2(u, v) = log(u) + v\n' });
  it.each([
    ['0*gauss(z)', '0', []],
    ['gauss(z) - gauss(z)', '0', []],
    ['0*gauss(log(z))', '0', ['z > 0']],
    ['0*g2(z, w)', '0', ['g2(z, w) is defined']],
    ['diff(gauss(z), z)', '-2*z*exp(-z^2)', []],
  ])('%s = %s under %j', (a, b, conditions) => {
    const r = equivalent(a, b, { rules: gauss });
    expect([r.verdict, r.conditions]).toEqual(['proven', conditions]);
  });

  it('the kernel takes such a call as defined without a condition, and no other', () => {
    const proof = (before: string) => ({ goal: before, result: '0', steps: [{ rule: 'alg.collect', kind: 'algebra', path: [], bindings: {}, before, after: '0', conditions: [] }] });
    expect(check(proof('0*gauss(z)'), { rules: gauss })).toMatchObject({ checked: true });
    expect(check(proof('0*g2(z, w)'), { rules: gauss })).toMatchObject({ checked: false, step: 1, reason: 'it needs g2(z, w) to be defined but does not record it' });
    expect(check(proof('0*f(z)'), { rules })).toMatchObject({ checked: false, step: 1, reason: 'it needs f(z) to be defined but does not record it' });
  });
});

describe('the condition written and read', () => {
  const c = { kind: 'defined', expr: call('f', sym('x')) } as const;
  it('in English, Chinese and LaTeX', () => {
    expect(conditionToText(c)).toBe('f(x) is defined');
    expect(conditionInText('zh')(c)).toBe('f(x) 有定义');
    expect(conditionInLatex('en')(c)).toBe(String.raw`\operatorname{f}\left(x\right)\ \text{is defined}`);
    expect(conditionInLatex('zh')(c)).toBe(String.raw`\operatorname{f}\left(x\right)\ \text{有定义}`);
  });
  it('read back from a proof file as the same condition', () => {
    expect(conditionFrom('f(x) is defined', 'c', { functions: rules.functions })).toEqual(c);
  });
  it('the evidence of a call defined nowhere, in Chinese', () => {
    expect(evidenceText('0*f(-1) = 0 holds nowhere: it needs f(-1) to be defined, and it is not a real number', 'zh')).toBe('0*f(-1) = 0 在任何点上都不成立：它要求 f(-1) 有定义，而 f(-1) 不是实数');
  });
});
