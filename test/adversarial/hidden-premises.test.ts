/**
 * Class 2: a theorem is its statement and its premises. A proof file carries its own
 * assumptions and definitions; `check` must say which ones a `checked` proof rests on (a
 * `premises` field: `{assumptions, definitions, ruleFiles}`), so an edited file cannot pass
 * as a proof of the user's problem. Edits that make the proof wrong are rejected; edits
 * that keep it valid show up in the premises. Contradictory premises prove nothing.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { GradproofError, check, derive, equivalent, loadRules } from '../../src/index.js';
import { parseProblem } from '../../src/parse/problem.js';
import { outcomeToJson, runProblem } from '../../src/api/derive.js';
import { parse } from '../../src/parse/ascii.js';
import { toAscii } from '../../src/expr/print.js';

type Json = Record<string, unknown> & { assumptions: string[]; definitions: Array<{ name: string; expr: string }>; steps: Array<Record<string, unknown>> };

/** The example's proof as `derive --format json` writes it, a fresh copy each time. */
const cache = new Map<string, string>();
function proofOf(name: string): Json {
  if (!cache.has(name)) cache.set(name, JSON.stringify(outcomeToJson(runProblem(parseProblem(readFileSync(`examples/${name}.grad`, 'utf8'), `${name}.grad`)))));
  return JSON.parse(cache.get(name)!) as Json;
}

/** An expression or relation text in canonical ASCII, for comparing premises whatever their shape. */
const canonical = (text: string): string =>
  text
    .split(/(<=|>=|!=|=|<|>)/)
    .map((part, i) => (i % 2 ? part : toAscii(parse(part))))
    .join(' ');
/** A fact, or a chain of them (`1 <= i <= K`), as canonical binary relations. */
const relations = (text: string): string[] => {
  const parts = text.split(/(<=|>=|!=|=|<|>)/).map((x) => x.trim());
  const out: string[] = [];
  for (let i = 1; i < parts.length; i += 2) out.push(canonical(`${parts[i - 1]} ${parts[i]} ${parts[i + 1]}`));
  return out;
};
const textOf = (v: unknown): string => (typeof v === 'string' ? v : toAscii(v as Parameters<typeof toAscii>[0]));

/** The premises of a result, as canonical texts: `a = b` for facts, `name = expr` for definitions. */
function premisesOf(r: unknown): { assumptions: string[]; definitions: string[]; ruleFiles: string[] } | 'missing' {
  const p = (r as { premises?: { assumptions?: unknown[]; definitions?: unknown[]; ruleFiles?: unknown[] } }).premises;
  if (!p || !Array.isArray(p.assumptions) || !Array.isArray(p.definitions) || !Array.isArray(p.ruleFiles)) return 'missing';
  const fact = (a: unknown): string[] => {
    if (typeof a === 'string') return relations(a);
    const o = a as { lhs: unknown; op: string; rhs: unknown };
    return relations(`${textOf(o.lhs)} ${o.op} ${textOf(o.rhs)}`);
  };
  const definition = (d: unknown): string => {
    if (typeof d === 'string') return canonical(d);
    const o = d as { name: string; expr: unknown; index?: string };
    return `${o.index ? `${o.name}[${o.index}]` : o.name} = ${canonical(textOf(o.expr))}`;
  };
  return { assumptions: p.assumptions.flatMap(fact).sort(), definitions: p.definitions.map(definition).sort(), ruleFiles: p.ruleFiles.map(String).sort() };
}

/** What the proof file states, canonical, to compare with the premises. */
const stated = (j: Json, ruleFiles: string[] = []) => ({
  assumptions: j.assumptions.flatMap(relations).sort(),
  definitions: j.definitions.map((d) => `${(d as { index?: string }).index ? `${d.name}[${(d as { index?: string }).index}]` : d.name} = ${canonical(d.expr)}`).sort(),
  ruleFiles,
});

const examples = ['bce-sigmoid', 'bce-logit', 'mse-sigmoid', 'tanh-mse', 'two-layer', 'softmax-cce-3', 'softmax-cce-K', 'mse-exp', 'focal-sigmoid', 'lemma-softplus', 'kl-bernoulli-sigmoid', 'poisson-nll-exp'];

describe('check(): a checked proof states the premises it rests on', () => {
  it.each(examples)('%s: checked, with exactly the file’s assumptions and definitions', (name) => {
    const j = proofOf(name);
    const r = check(j);
    expect(r).toMatchObject({ checked: true });
    expect(premisesOf(r)).toEqual(stated(j));
  });
});

const step = (o: Record<string, unknown>) => ({ conditions: [], bindings: {}, phase: 0, path: [], derivation: 0, ...o });
/** `diff(L, z2) = result` from a definition of L put in the file: valid, but only under it. */
const trivialLoss = (expr: string, steps: Array<Record<string, unknown>>, result: string) => ({
  goal: 'diff(L, z2)',
  result,
  definitions: [{ name: 'L', expr }],
  assumptions: [],
  steps: [step({ rule: 'def.unfold', kind: 'definition', path: [0], before: 'diff(L, z2)', after: `diff(${expr}, z2)` }), ...steps],
});

const kept: ReadonlyArray<readonly [string, () => Json, string[], string[]]> = [
  ['L defined as 3, so diff(L, z2) = 0', () => trivialLoss('3', [step({ rule: 'd.const', kind: 'rule', before: 'diff(3, z2)', after: '0', bindings: { c: '3', x: 'z2' } })], '0') as unknown as Json, [], ['L = 3']],
  ['L defined as y, so diff(L, z2) = 0', () => trivialLoss('y', [step({ rule: 'd.const', kind: 'rule', before: 'diff(y, z2)', after: '0', bindings: { c: 'y', x: 'z2' } })], '0') as unknown as Json, [], ['L = y']],
  ['L defined as z2, so diff(L, z2) = 1', () => trivialLoss('z2', [step({ rule: 'd.self', kind: 'rule', before: 'diff(z2, z2)', after: '1', bindings: { x: 'z2' } })], '1') as unknown as Json, [], ['L = z2']],
  ['L defined as exp(y), so diff(L, z2) = 0', () => trivialLoss('exp(y)', [step({ rule: 'd.const', kind: 'rule', before: 'diff(exp(y), z2)', after: '0', bindings: { c: 'exp(y)', x: 'z2' } })], '0') as unknown as Json, [], ['L = exp(y)']],
  [
    'the seed with an extra fact y = 1/2',
    () => {
      const j = proofOf('bce-sigmoid');
      j.assumptions.push('y = 1/2');
      return j;
    },
    ['y = 1/2'],
    [],
  ],
  [
    'the seed with an extra, unused definition q = 7',
    () => {
      const j = proofOf('bce-sigmoid');
      j.definitions.push({ name: 'q', expr: '7' });
      return j;
    },
    [],
    ['q = 7'],
  ],
  [
    'softmax with the labels’ fact written another way',
    () => {
      const j = proofOf('softmax-cce-3');
      j.assumptions = ['y1 = 1 - y2 - y3'];
      return j;
    },
    ['y1 = 1 - y2 - y3'],
    [],
  ],
];

describe('check(): an edited proof that still replays shows the edit in its premises', () => {
  it.each(kept)('%s', (_l, make, facts, defs) => {
    const j = make();
    const r = check(j);
    if (!r.checked) return; // a rejection hides nothing
    const p = premisesOf(r);
    expect(p).not.toBe('missing');
    if (p === 'missing') return;
    for (const f of facts) expect(p.assumptions).toContain(canonical(f));
    for (const d of defs) expect(p.definitions).toContain(`${d.split(' = ')[0]} = ${canonical(d.split(' = ')[1]!)}`);
    expect(p).toEqual(stated(j));
  });
});

const rejected: ReadonlyArray<readonly [string, () => unknown]> = [
  [
    'softmax without the labels’ fact',
    () => {
      const j = proofOf('softmax-cce-3');
      j.assumptions = [];
      return j;
    },
  ],
  [
    'softmax with the labels summing to 2',
    () => {
      const j = proofOf('softmax-cce-3');
      j.assumptions = ['y1 + y2 + y3 = 2'];
      return j;
    },
  ],
  [
    'softmax with the labels summing to 1 and to 2',
    () => {
      const j = proofOf('softmax-cce-3');
      j.assumptions = ['y1 + y2 + y3 = 1', 'y1 + y2 + y3 = 2'];
      return j;
    },
  ],
  [
    'softmax with a contradictory extra fact',
    () => {
      const j = proofOf('softmax-cce-3');
      j.assumptions.push('y1 > 1', 'y1 < 0');
      return j;
    },
  ],
  [
    'the seed with its loss replaced by squared error',
    () => {
      const j = proofOf('bce-sigmoid');
      j.definitions = j.definitions.map((d) => (d.name === 'L' ? { name: 'L', expr: '(a2 - y)^2/2' } : d));
      return j;
    },
  ],
  [
    'the seed with a2 defined by tanh',
    () => {
      const j = proofOf('bce-sigmoid');
      j.definitions = j.definitions.map((d) => (d.name === 'a2' ? { name: 'a2', expr: 'tanh(z2)' } : d));
      return j;
    },
  ],
  [
    'the seed with its definitions dropped',
    () => {
      const j = proofOf('bce-sigmoid');
      j.definitions = [];
      return j;
    },
  ],
  ['x^2 + 1 = 0 from x^2 = -1', () => ({ goal: 'x^2 + 1', result: '0', assumptions: ['x^2 = -1'], steps: [step({ rule: 'assume', kind: 'assumption', before: 'x^2 + 1', after: '0' })] })],
  ['exp(x) = 0 from itself', () => ({ goal: 'exp(x)', result: '0', assumptions: ['exp(x) = 0'], steps: [step({ rule: 'assume', kind: 'assumption', before: 'exp(x)', after: '0' })] })],
  ['1 - sigmoid(z) = 0 from sigmoid(z) = 1', () => ({ goal: '1 - sigmoid(z)', result: '0', assumptions: ['sigmoid(z) = 1'], steps: [step({ rule: 'assume', kind: 'assumption', before: '1 - sigmoid(z)', after: '0' })] })],
  ['the kink’s slope is 1 from z > 1 and z < 0', () => ({ goal: 'piecewise(z > 0, 1, z < 0, 0)', result: '1', assumptions: ['z > 1', 'z < 0'], steps: [step({ rule: 'assume', kind: 'assumption', before: 'piecewise(z > 0, 1, z < 0, 0)', after: '1' })] })],
  ['the kink’s slope is 0 from z > 1 and z < 0', () => ({ goal: 'piecewise(z > 0, 1, z < 0, 0)', result: '0', assumptions: ['z > 1', 'z < 0'], steps: [step({ rule: 'assume', kind: 'assumption', before: 'piecewise(z > 0, 1, z < 0, 0)', after: '0' })] })],
  ['1 = 2 from x = 1 and x = 2', () => ({ goal: 'x', result: '2', assumptions: ['x = 1', 'x = 2'], steps: [step({ rule: 'assume', kind: 'assumption', before: 'x', after: '2' })] })],
];

describe('check(): an edit that makes the proof wrong, or its premises contradictory, is rejected', () => {
  // Rejected by the kernel, or refused before any replay when the edit made the facts contradict each other.
  const outcome = (make: () => unknown): string => {
    try {
      return check(make() as object).checked ? 'accepted' : 'rejected';
    } catch (err) {
      if (err instanceof GradproofError && err.code === 'contradiction') return 'rejected';
      throw err;
    }
  };
  it.each(rejected)('%s', (_l, make) => expect(outcome(make)).toBe('rejected'));
});

describe('derive() and equivalent(): a proven verdict states its premises', () => {
  const gauss = () => loadRules({ name: 'gauss.rules', text: readFileSync('examples/rules/gauss.rules', 'utf8') });
  it('derive: softmax over 3 classes rests on the labels’ fact and the definitions', () => {
    const r = derive({ loss: '-(y1*log(a1) + y2*log(a2))', let: ['a1 = exp(z1)/(exp(z1) + exp(z2))', 'a2 = exp(z2)/(exp(z1) + exp(z2))'], wrt: 'z1', assume: 'y1 + y2 = 1', expect: 'a1 - y1' });
    expect(r.verdict).toBe('proven');
    const p = premisesOf(r);
    expect(p === 'missing' ? p : p.assumptions).toEqual([canonical('y1 + y2 = 1')]);
    expect(p === 'missing' ? p : p.definitions).toEqual(
      [`a1 = ${canonical('exp(z1)/(exp(z1) + exp(z2))')}`, `a2 = ${canonical('exp(z2)/(exp(z1) + exp(z2))')}`, `L = ${canonical('-(y1*log(a1) + y2*log(a2))')}`].sort(),
    );
  });
  it('derive: a gradient through a user rule names its file', () => {
    const r = derive({ loss: '(a - y)^2/2', let: { a: 'gauss(z)' }, wrt: 'z', expect: '-2*z*a*(a - y)' }, { rules: gauss() });
    expect(r.verdict).toBe('proven');
    const p = premisesOf(r);
    expect(p === 'missing' ? p : p.ruleFiles).toEqual(['gauss.rules']);
  });
  it('equivalent: an identity from a fact names the fact', () => {
    const r = equivalent('y1', '1 - y2', { assume: 'y1 + y2 = 1' });
    expect(r.verdict).toBe('proven');
    const p = premisesOf(r);
    expect(p === 'missing' ? p : p.assumptions).toEqual([canonical('y1 + y2 = 1')]);
  });
  it('equivalent: an identity through a name names the definition', () => {
    const r = equivalent('a*(1 - a)', 'a - a^2', { let: { a: 'sigmoid(z)' } });
    expect(r.verdict).toBe('proven');
    const p = premisesOf(r);
    expect(p).not.toBe('missing');
  });
  it('equivalent: an identity through a user definition names its file', () => {
    const r = equivalent('gauss(z)', 'exp(-z^2)', { rules: gauss() });
    expect(r.verdict).toBe('proven');
    const p = premisesOf(r);
    expect(p === 'missing' ? p : p.ruleFiles).toEqual(['gauss.rules']);
  });
  it('equivalent: an identity with no premises says so', () => {
    const r = equivalent('sigmoid(-x)', '1 - sigmoid(x)');
    expect(r.verdict).toBe('proven');
    expect(premisesOf(r)).toEqual({ assumptions: [], definitions: [], ruleFiles: [] });
  });
});
