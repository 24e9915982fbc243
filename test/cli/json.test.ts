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
  dischargedConditions: true, counterexample: true,
} satisfies Record<keyof DeriveResult, true>;
const STEP_KEYS = {
  rule: true, kind: true, path: true, before: true, after: true, latex: true, conditions: true,
  bindings: true, derivation: true, phase: true, lemma: true,
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
      conditions: ['a2 > 0', 'a2 < 1'],
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
});
