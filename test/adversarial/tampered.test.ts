/**
 * Tampered proofs: real proofs from `derive()` on the examples, edited the way a forger
 * would (the result, the goal, a step's `after`, rule ids, bindings, paths, conditions,
 * lemma statements, the steps themselves). `check` must reject every one. Where the edit
 * makes the conclusion false, that is confirmed here numerically, so a kernel that lets
 * one through has proven a false statement.
 */
import { describe, expect, it } from 'vitest';
import { conclusionFalse as isFalse } from '../support/conclusion.js';
import { readFileSync } from 'node:fs';
import { check } from '../../src/index.js';
import { parseProblem } from '../../src/parse/problem.js';
import { outcomeToJson, runProblem } from '../../src/api/derive.js';
import { proofFromJson } from '../../src/api/serialize.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { Definitions } from '../../src/expr/context.js';
import { parse } from '../../src/parse/ascii.js';
import { toAscii } from '../../src/expr/print.js';

interface StepJ {
  rule: string;
  kind: string;
  path: number[];
  before: string;
  after: string;
  bindings: Record<string, string>;
  conditions: string[];
  derivation: number;
  lemma?: number;
}
interface ProofJ {
  goal: string;
  result: string;
  steps: StepJ[];
  lemmas: Array<{ start: string; result: string }>;
  definitions: Array<{ name: string; expr: string }>;
  assumptions: string[];
  wrt: string;
}

const rules = builtinRules();
const EXAMPLES = ['bce-sigmoid', 'bce-logit', 'mse-sigmoid', 'tanh-mse', 'mse-exp', 'poisson-nll-exp', 'focal-sigmoid', 'kl-bernoulli-sigmoid', 'softmax-cce-3', 'two-layer'];

const cache = new Map<string, string>();
function proofOf(name: string): ProofJ {
  if (!cache.has(name)) cache.set(name, JSON.stringify(outcomeToJson(runProblem(parseProblem(readFileSync(`examples/${name}.grad`, 'utf8'), `${name}.grad`)))));
  return JSON.parse(cache.get(name)!) as ProofJ;
}

/** Whether the conclusion `goal = result` is false where the facts hold (test/support/conclusion.ts). */
const conclusionFalse = (j: ProofJ): boolean => isFalse(proofFromJson(j, { functions: rules.functions }), 7);

const mainSteps = (j: ProofJ) => j.steps.map((s, i) => ({ s, i })).filter(({ s }) => s.derivation === 0);
const lastMain = (j: ProofJ) => mainSteps(j).at(-1)!.s;
const ruleSteps = (j: ProofJ) => j.steps.filter((s) => s.kind === 'rule');
const canonical = (t: string) => toAscii(parse(t, { functions: rules.functions }));

/** A tamper: its name, whether it makes the conclusion false, and the edit (false when it does not apply). */
type Tamper = readonly [name: string, falseConclusion: boolean, edit: (j: ProofJ) => boolean];

const withResult = (f: (r: string) => string) => (j: ProofJ) => {
  j.result = canonical(f(j.result));
  lastMain(j).after = j.result;
  return true;
};

const tampers: readonly Tamper[] = [
  ['the result plus 1, with the last step', true, withResult((r) => `(${r}) + 1`)],
  ['the result doubled, with the last step', true, withResult((r) => `2*(${r})`)],
  ['the result negated, with the last step', true, withResult((r) => `-(${r})`)],
  ['the result squared, with the last step', true, withResult((r) => `(${r})^2`)],
  ['the result plus 1e-9, with the last step', true, withResult((r) => `(${r}) + 10^(-9)`)],
  ['the result alone plus 1', true, (j) => ((j.result = canonical(`(${j.result}) + 1`)), true)],
  ['the goal plus 1', true, (j) => ((j.goal = canonical(`${j.goal} + 1`)), true)],
  ['the goal doubled', true, (j) => ((j.goal = canonical(`2*${j.goal}`)), true)],
  [
    'the goal by another variable, with the first step',
    true,
    (j) => {
      const g = parse(j.goal);
      const names = new Definitions(proofFromJson(j, { functions: rules.functions }).definitions).freeVariables([g]).filter((v) => v !== j.wrt);
      for (const v of names) {
        const goal = j.goal.replace(`, ${j.wrt})`, `, ${v})`);
        const trial = { ...j, goal };
        if (!conclusionFalse(trial)) continue;
        j.goal = goal;
        return true;
      }
      return false;
    },
  ],
  [
    'the last step’s after plus 1, alone',
    false,
    (j) => {
      lastMain(j).after = canonical(`(${lastMain(j).after}) + 1`);
      return true;
    },
  ],
  [
    'the first step’s after doubled, alone',
    false,
    (j) => {
      j.steps[0]!.after = canonical(`2*(${j.steps[0]!.after})`);
      return true;
    },
  ],
  [
    'every condition dropped',
    false,
    (j) => {
      if (!j.steps.some((s) => s.conditions.length)) return false;
      for (const s of j.steps) s.conditions = [];
      return true;
    },
  ],
  [
    'a rule step’s id changed',
    false,
    (j) => {
      const s = ruleSteps(j).find((x) => x.rule !== 'd.const');
      if (!s) return false;
      s.rule = s.rule === 'd.self' ? 'd.const' : 'd.self';
      return true;
    },
  ],
  [
    'a rule step’s bindings changed',
    false,
    (j) => {
      const s = ruleSteps(j).find((x) => Object.keys(x.bindings).length);
      if (!s) return false;
      const k = Object.keys(s.bindings)[0]!;
      s.bindings[k] = canonical(`(${s.bindings[k]}) + 1`);
      return true;
    },
  ],
  [
    'a rule step’s path changed',
    false,
    (j) => {
      const s = ruleSteps(j)[0];
      if (!s) return false;
      s.path = [...s.path, 0];
      return true;
    },
  ],
  [
    'a lemma’s result plus 1',
    false,
    (j) => {
      const l = j.lemmas[0];
      if (!l) return false;
      l.result = canonical(`(${l.result}) + 1`);
      return true;
    },
  ],
  [
    'two lemmas’ statements swapped',
    false,
    (j) => {
      if (j.lemmas.length < 2) return false;
      [j.lemmas[0], j.lemmas[1]] = [j.lemmas[1]!, j.lemmas[0]!];
      return true;
    },
  ],
  [
    'a lemma’s start changed to another name',
    false,
    (j) => {
      const l = j.lemmas[0];
      if (!l) return false;
      l.start = l.start.replace(/diff\((\w+), /, 'diff(q9, ');
      return l.start.includes('q9');
    },
  ],
  ['no steps at all', false, (j) => ((j.steps = []), true)],
  ['only the last step', false, (j) => ((j.steps = [lastMain(j)]), true)],
  ['the steps in reverse', false, (j) => ((j.steps = [...j.steps].reverse()), j.steps.length > 1)],
  [
    'a step replayed twice',
    false,
    (j) => {
      j.steps.splice(1, 0, j.steps[1]!);
      return true;
    },
  ],
  [
    'a step left out',
    false,
    (j) => {
      if (j.steps.length < 3) return false;
      j.steps.splice(1, 1);
      return true;
    },
  ],
];

const cases = EXAMPLES.flatMap((name) =>
  tampers.flatMap(([what, falseConclusion, edit]) => {
    const j = proofOf(name);
    return edit(j) ? [{ label: `${name}: ${what}`, json: j, falseConclusion }] : [];
  }),
);

describe('tampered proofs of the examples are rejected', () => {
  it('the untampered proofs are accepted', () => {
    for (const name of EXAMPLES) expect(check(proofOf(name)), name).toMatchObject({ checked: true });
  });

  it.each(cases.map((c) => [c.label, c] as const))('%s', (_l, c) => {
    if (c.falseConclusion) expect(conclusionFalse(c.json), 'the tampered conclusion is false').toBe(true);
    expect(check(c.json)).toMatchObject({ checked: false });
  });
});
