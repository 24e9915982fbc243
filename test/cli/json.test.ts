/** `--format json`: one object with the fields of `DeriveResult`, whose expressions parse back. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { derive, type DeriveResult, type StepJson } from '../../src/api/derive.js';
import { parse } from '../../src/parse/ascii.js';
import { toAscii } from '../../src/expr/print.js';
import { BCE, ROOT, SIGMOID, gradproof } from './run.js';

// Exhaustive at compile time: a field added to DeriveResult or StepJson must be added here.
const RESULT_KEYS = {
  title: true, wrt: true, goal: true, result: true, resultLatex: true, verdict: true, checked: true, replayed: true,
  expectations: true, steps: true, lemmas: true, phases: true, definitions: true, assumptions: true, conditions: true,
  dischargedConditions: true, premises: true, counterexample: true, lines: true, stopped: true,
} satisfies Record<keyof DeriveResult, true>;
const STEP_KEYS = {
  rule: true, kind: true, path: true, before: true, after: true, latex: true, conditions: true,
  bindings: true, derivation: true, phase: true, lemma: true, explanation: true,
} satisfies Record<keyof StepJson, true>;
const OPTIONAL_STEP_KEYS = new Set(['lemma']);

/** Every rule id that rules/*.rules declares. */
const RULE_IDS = new Set(
  readdirSync(join(ROOT, 'rules'))
    .filter((n) => n.endsWith('.rules'))
    .flatMap((n) => [...readFileSync(join(ROOT, 'rules', n), 'utf8').matchAll(/^(?:rule|derivative|algebra|step)\s+(\S+)/gm)].map((m) => m[1]!)),
);

function json(...args: string[]): { status: number | null; out: DeriveResult } {
  const r = gradproof(...args, '--format', 'json');
  expect(r.stderr).toBe('');
  expect(r.stdout.endsWith('}\n')).toBe(true);
  const out = JSON.parse(r.stdout) as DeriveResult;
  expect(typeof out === 'object' && out !== null && !Array.isArray(out)).toBe(true);
  return { status: r.status, out };
}

/** `s` parses, and prints back as itself. */
function expectParsesBack(s: string): void {
  expect(toAscii(parse(s)), s).toBe(s);
}

describe('gradproof derive examples/bce-sigmoid.grad --format json', () => {
  const { status, out } = json('derive', 'examples/bce-sigmoid.grad');

  it('exits 0 and prints exactly the DeriveResult fields', () => {
    expect(status).toBe(0);
    expect(Object.keys(out).sort()).toEqual(Object.keys(RESULT_KEYS).sort());
  });

  it('gives the result, proven, with no counterexample', () => {
    expect(out).toMatchObject({
      title: 'Formula 8-13: ∂L/∂z2 for binary cross-entropy on a sigmoid output',
      wrt: 'z2',
      goal: 'diff(L, z2)',
      result: 'a2 - y',
      resultLatex: 'a_{2} - y',
      verdict: 'proven',
      checked: true,
      replayed: out.steps.length,
      counterexample: null,
      conditions: [],
      dischargedConditions: [],
      assumptions: [],
      definitions: [
        { name: 'a2', expr: 'sigmoid(z2)' },
        { name: 'L', expr: '-(y*log(a2) + (1 - y)*log(1 - a2))' },
      ],
    });
    expect(out.expectations).toEqual([{ expected: 'a2 - y', verdict: 'proven', counterexample: null, values: null, evidence: null }]);
  });

  it('lists steps with rule, kind, before, after, latex and conditions', () => {
    expect(out.steps.length).toBeGreaterThan(5);
    for (const s of out.steps) {
      const keys = Object.keys(s);
      expect(keys.filter((k) => !(k in STEP_KEYS))).toEqual([]);
      expect(Object.keys(STEP_KEYS).filter((k) => !OPTIONAL_STEP_KEYS.has(k) && !keys.includes(k))).toEqual([]);
      expect(typeof s.rule).toBe('string');
      expect(['rule', 'algebra', 'definition', 'assumption', 'chain', 'lemma']).toContain(s.kind);
      expect(s.latex).toMatch(/&= .* && \\text\{/);
      expect(Array.isArray(s.conditions) && s.conditions.every((c) => typeof c === 'string')).toBe(true);
    }
    expect(out.steps[0]).toMatchObject({ rule: 'chain', kind: 'chain', before: 'diff(L, z2)', after: 'diff(L, a2)*diff(a2, z2)' });
    expect(out.steps.at(-1)).toMatchObject({ after: 'a2 - y' });
  });

  it('cites only rules that rules/*.rules declares', () => {
    expect(out.steps.map((s) => s.rule).filter((id) => !RULE_IDS.has(id))).toEqual([]);
    expect(out.steps.map((s) => s.rule)).toEqual(expect.arrayContaining(['chain', 'd.log', 'd.sigmoid', 'alg.cancel-common-factor']));
  });

  it('carries each step condition, e.g. the logarithm rule needs a2 > 0', () => {
    const logs = out.steps.filter((s) => s.rule === 'd.log');
    expect(logs.map((s) => s.conditions)).toEqual([['a2 > 0'], ['a2 < 1']]);
  });

  it('writes every expression so that it parses back', () => {
    expectParsesBack(out.result);
    expectParsesBack(out.goal);
    for (const s of out.steps) {
      expectParsesBack(s.before);
      expectParsesBack(s.after);
    }
    for (const d of out.definitions) expectParsesBack(d.expr);
    for (const l of out.lemmas) [l.start, l.result].forEach(expectParsesBack);
    for (const p of out.phases) [p.lhs, p.from, p.to].forEach(expectParsesBack);
    for (const l of out.lines) [l.lhs, l.rhs].forEach(expectParsesBack);
  });

  it('explains every step by its rule', () => {
    expect(out.steps[0]!.explanation).toBe(
      'By the chain rule, the derivative through an intermediate is the derivative with respect to the intermediate times the derivative of the intermediate.',
    );
    expect(out.steps.find((s) => s.rule === 'alg.combine-fractions')!.explanation).toBe(
      'Combine the fractions into one over a common denominator, which must not be zero.',
    );
    expect(out.steps.every((s) => /^[A-Z(].*\.$/.test(s.explanation))).toBe(true);
  });

  it('lists the textbook lines, each with its rules and its explanation', () => {
    expect(out.lines.map((l) => [l.lhs, l.rhs, l.continued])).toEqual([
      ['diff(L, z2)', 'diff(L, a2)*diff(a2, z2)', false],
      ['diff(L, a2)', '(1 - y)/(1 - a2) - y/a2', false],
      ['diff(L, a2)', '(a2 - y)/(a2*(1 - a2))', true],
      ['diff(a2, z2)', 'sigmoid(z2)*(1 - sigmoid(z2))', false],
      ['diff(a2, z2)', 'a2*(1 - a2)', true],
      ['diff(L, z2)', 'diff(L, a2)*diff(a2, z2)', false],
      ['diff(L, z2)', 'a2*(1 - a2)*(a2 - y)/(a2*(1 - a2))', true],
      ['diff(L, z2)', 'a2 - y', true],
    ]);
    expect(out.lines.at(-1)).toEqual({
      lhs: 'diff(L, z2)',
      rhs: 'a2 - y',
      continued: true,
      rules: ['alg.cancel-common-factor'],
      names: ['cancel the common factor'],
      cited: ['cancel the common factor'],
      conditions: ['a2 != 0', 'a2 != 1'],
      latex: '&= a_{2} - y && \\text{cancel the common factor} \\quad (a_{2} \\neq 0,\\ a_{2} \\neq 1)',
      explanation: 'Cancel the factor common to numerator and denominator, which must not be zero.',
    });
    expect(out.lines[5]!.explanation).toBe('Take up the expression from above and go on.');
    // Every rule of a line in rules and names; the textbook line cites its main one.
    expect(out.lines[3]).toMatchObject({
      rules: ['def.unfold', 'd.sigmoid', 'd.self'],
      names: ['substitute the definition', 'sigmoid derivative', 'derivative of the variable itself'],
      cited: ['sigmoid derivative, and 2 routine steps'],
    });
  });
});

describe('--format json on inline input', () => {
  it('a refuted expectation: verdict refuted, exit 1, a counterexample with a number for y and z2', () => {
    const { status, out } = json('derive', BCE, '--let', SIGMOID, '--wrt', 'z2', '--expect', 'a2 + y');
    expect(status).toBe(1);
    expect(out.verdict).toBe('refuted');
    expect(out.result).toBe('a2 - y');
    const c = out.counterexample!;
    expect(Object.keys(c).sort()).toEqual(['y', 'z2']);
    expect(Number.isFinite(c.y) && Number.isFinite(c.z2)).toBe(true);
    const e = out.expectations[0]!;
    expect(e).toMatchObject({ expected: 'a2 + y', verdict: 'refuted', counterexample: c });
    const a2 = 1 / (1 + Math.exp(-c.z2!));
    expect(e.values!.result).toBeCloseTo(a2 - c.y!, 9);
    expect(e.values!.expected).toBeCloseTo(a2 + c.y!, 9);
  });

  it('prints exactly what the API derive() returns', () => {
    const { out } = json('derive', BCE, '--let', SIGMOID, '--wrt', 'z2', '--expect', 'a2 - y');
    const api = derive({ loss: BCE, let: [SIGMOID], wrt: 'z2', expect: 'a2 - y' });
    expect(out).toEqual(JSON.parse(JSON.stringify(api)));
  });

  it('no expectation: verdict null, exit 0', () => {
    const { status, out } = json('derive', BCE, '--let', SIGMOID, '--wrt', 'z2');
    expect(status).toBe(0);
    expect(out).toMatchObject({ verdict: null, expectations: [], counterexample: null, result: 'a2 - y', title: null });
  });

  // --lang is "the language of rule names and explanations"; the step LaTeX in JSON ignores it.
  it('--lang zh names the rules in Chinese in the step LaTeX too', () => {
    const { out } = json('derive', 'examples/bce-sigmoid.grad', '--lang', 'zh');
    expect(out.steps[0]!.latex).toContain('\\text{链式法则}');
  });

  it('--lang zh explains the steps and lines in Chinese', () => {
    const { out } = json('derive', 'examples/bce-sigmoid.grad', '--lang', 'zh');
    expect(out.steps[0]!.explanation).toBe('根据链式法则，经过中间变量的导数等于对中间变量的导数乘以中间变量对自变量的导数。');
    expect(out.lines.map((l) => l.explanation).at(-1)).toBe('约分，约去分子和分母的公因子，公因子不能为零。');
    expect(out.lines[2]!.explanation).toBe('通分，把几个分数合并成一个分数，公分母不能为零。');
  });

  it('--all: each step and each line explained', () => {
    const r = gradproof('derive', 'examples/two-layer.grad', '--all', '--format', 'json', '--lang', 'zh');
    const all = JSON.parse(r.stdout) as { steps: StepJson[]; lines: Array<{ explanation: string }> };
    expect(all.steps.length).toBeGreaterThan(10);
    expect(all.steps.every((s) => /[\u4e00-\u9fff]/.test(s.explanation))).toBe(true);
    expect(all.lines.length).toBeGreaterThan(5);
    expect(all.lines.every((l) => /。$/.test(l.explanation))).toBe(true);
  });
});
