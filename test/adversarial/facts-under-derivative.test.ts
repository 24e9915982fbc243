/**
 * Class 1: a fact holds on a set, not on a neighbourhood. A stated equation (`y1 + y2 = 1`)
 * or a closed bound (`z >= 0`) may be used where it holds, but never under `diff(·, v)`
 * for a variable `v` it constrains: not directly, and not through a lemma proven from it.
 *
 * Each proof below is written by hand: a lemma `S = R` proven from the fact (which the
 * kernel accepts on its own), then cited inside a derivative by a constrained variable.
 * Its conclusion is false (checked here: the two sides' derivatives differ at a point where
 * the fact holds), so the kernel must reject it at the step that cites the lemma.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/index.js';
import { parse } from '../../src/parse/ascii.js';
import { pathsOf, replaceAt, substitute } from '../../src/expr/traverse.js';
import { sym } from '../../src/expr/node.js';
import { toAscii } from '../../src/expr/print.js';
import { factsHold, hp } from './support.js';

/** A fact, a lemma `start = result` it proves, the variables it constrains, and a point where it holds. */
interface Fact {
  readonly fact: string;
  readonly start: string;
  readonly result: string;
  readonly vars: readonly string[];
  readonly point: Readonly<Record<string, number>>;
}

const facts: readonly Fact[] = [
  { fact: 'y1 + y2 + y3 = 1', start: 'y1 + y2 + y3', result: '1', vars: ['y1', 'y2', 'y3'], point: { y1: 0.2, y2: 0.3, y3: 0.5, w: 1.5 } },
  { fact: 'y1 + y2 = 1', start: 'y1 + y2', result: '1', vars: ['y1', 'y2'], point: { y1: 0.25, y2: 0.75, w: 1.5 } },
  { fact: 'y1 + y2 = 1', start: 'y1', result: '1 - y2', vars: ['y1', 'y2'], point: { y1: 0.25, y2: 0.75, w: 1.5 } },
  { fact: 'y1 + y2 = 1', start: 'y1*y2', result: 'y2 - y2^2', vars: ['y1', 'y2'], point: { y1: 0.25, y2: 0.75, w: 1.5 } },
  { fact: 'a*b = 2', start: 'a*b', result: '2', vars: ['a', 'b'], point: { a: 0.5, b: 4, w: 1.5 } },
  { fact: 'x^2 = 4', start: 'x^2', result: '4', vars: ['x'], point: { x: 2, w: 1.5 } },
  { fact: 'p + q + r + s = 1', start: 'p + q + r + s', result: '1', vars: ['p', 'q', 'r', 's'], point: { p: 0.1, q: 0.2, r: 0.3, s: 0.4, w: 1.5 } },
  { fact: 'u - v = 0', start: 'u', result: 'v', vars: ['u', 'v'], point: { u: 0.7, v: 0.7, w: 1.5 } },
  // Closed bounds: abs and relu written as the cases the kernel selects by a bound; at the
  // boundary the left side has no derivative, the right side has one.
  { fact: 'z >= 0', start: 'piecewise(z >= 0, z, z < 0, -z)', result: 'z', vars: ['z'], point: { z: 0, w: 1.5 } },
  { fact: 'z >= 0', start: 'piecewise(z >= 0, z, z < 0, 0)', result: 'z', vars: ['z'], point: { z: 0, w: 1.5 } },
  { fact: 'z <= 0', start: 'piecewise(z <= 0, 0, z > 0, z)', result: '0', vars: ['z'], point: { z: 0, w: 1.5 } },
  { fact: 'z <= 0', start: 'piecewise(z <= 0, -z, z > 0, z)', result: '-z', vars: ['z'], point: { z: 0, w: 1.5 } },
  { fact: 't >= 1', start: 'piecewise(t >= 1, t - 1, t < 1, 1 - t)', result: 't - 1', vars: ['t'], point: { t: 1, w: 1.5 } },
  { fact: 'z >= 0', start: 'piecewise(z >= 0, z^2, z < 0, 0)', result: 'z^2', vars: ['z'], point: { z: 0, w: 1.5 } },
];

/** Where the lemma is cited: `S` stands for its start, `v` for the variable differentiated by. */
const contexts: readonly string[] = ['diff(S, v)', '3*diff(S, v)', 'diff(exp(S), v)', 'diff(w*S, v)', 'diff(S, v) + w', 'diff(S^2, v)'];

type Json = Record<string, unknown>;
const step = (o: Json): Json => ({ conditions: [], bindings: {}, phase: 0, path: [], derivation: 0, ...o });

/** The hand-written proof: lemma 1 is `S = R` by the fact, cited at the first `S` in `goal`. */
function proofOf(f: Fact, goal: string): { json: Json; after: string; lemmaStep: number } {
  const g = parse(goal);
  const path = pathsOf(g, parse(f.start))[0]!;
  const after = toAscii(replaceAt(g, path, parse(f.result)));
  return {
    json: {
      goal,
      result: after,
      assumptions: [f.fact],
      lemmas: [{ start: f.start, result: f.result }],
      steps: [
        step({ rule: 'assume', kind: 'assumption', before: f.start, after: f.result, derivation: 1 }),
        step({ rule: 'lemma', kind: 'lemma', path, before: goal, after, lemma: 1 }),
      ],
    },
    after,
    lemmaStep: 2,
  };
}

/** The same with the lemma cited through a second lemma, `S^2 = R^2`. */
function twoLemmas(f: Fact, v: string): { json: Json; after: string } {
  const sq = (e: string) => toAscii(parse(`(${e})^2`));
  const goal = `diff(${sq(f.start)}, ${v})`;
  const after = `diff(${sq(f.result)}, ${v})`;
  return {
    json: {
      goal,
      result: after,
      assumptions: [f.fact],
      lemmas: [
        { start: f.start, result: f.result },
        { start: sq(f.start), result: sq(f.result) },
      ],
      steps: [
        step({ rule: 'assume', kind: 'assumption', before: f.start, after: f.result, derivation: 1 }),
        step({ rule: 'lemma', kind: 'lemma', path: pathsOf(parse(sq(f.start)), parse(f.start))[0]!, before: sq(f.start), after: sq(f.result), derivation: 2, lemma: 1 }),
        step({ rule: 'lemma', kind: 'lemma', path: [0], before: goal, after, lemma: 2 }),
      ],
    },
    after,
  };
}

/** Whether `a = b` is false at the fact's point (in 60 digits, derivatives by central differences). */
const falseAt = (a: string, b: string, f: Fact): boolean => hp(a, f.point).minus(hp(b, f.point)).abs().gt('1e-10');

// Every context, kept where the conclusion is false at the fact's point (the derivative of
// a square at a boundary where both sides vanish, for one, is not).
const cases = facts
  .flatMap((f) => f.vars.flatMap((v) => contexts.map((c) => ({ f, v, goal: toAscii(substitute(parse(c), new Map([['S', parse(f.start)], ['v', sym(v)]]))) }))))
  // (A context where the constructors merge S into its surroundings, (x^2)^2 = x^4, cites nothing.)
  .filter((c) => pathsOf(parse(c.goal), parse(c.f.start)).length > 0)
  .filter((c) => falseAt(c.goal, proofOf(c.f, c.goal).after, c.f));
const twoLemmaCases = facts
  .flatMap((f) => f.vars.map((v) => ({ f, v })))
  .filter(({ f }) => pathsOf(parse(`(${f.start})^2`), parse(f.start)).length > 0)
  .filter(({ f, v }) => falseAt(String((twoLemmas(f, v).json as { goal: string }).goal), twoLemmas(f, v).after, f));

describe('the lemmas themselves hold, and are accepted where no derivative is taken', () => {
  it.each(facts.map((f) => [`${f.start} = ${f.result} given ${f.fact}`, f] as const))('%s', (_l, f) => {
    expect(factsHold([f.fact], f.point)).toBe(true);
    const r = check({ goal: f.start, result: f.result, assumptions: [f.fact], steps: [step({ rule: 'assume', kind: 'assumption', before: f.start, after: f.result })] });
    expect(r).toMatchObject({ checked: true });
  });
});

describe('a lemma proven from a fact is not cited under a derivative by a variable the fact constrains', () => {
  it.each(cases.map((c) => [`${c.goal} with ${c.f.start} = ${c.f.result} (from ${c.f.fact})`, c] as const))('%s', (_l, c) => {
    const { json, lemmaStep } = proofOf(c.f, c.goal);
    expect(check(json)).toMatchObject({ checked: false, step: lemmaStep });
  });

  it.each(twoLemmaCases.map(({ f, v }) => [`diff((${f.start})^2, ${v}) through two lemmas (from ${f.fact})`, f, v] as const))('%s', (_l, f, v) => {
    const { json } = twoLemmas(f, v);
    expect(check(json)).toMatchObject({ checked: false, step: 3 });
  });

  const direct = facts.flatMap((f) => f.vars.map((v) => ({ f, v, goal: `diff(${f.start}, ${v})`, after: `diff(${f.result}, ${v})` }))).filter((c) => falseAt(c.goal, c.after, c.f));
  it.each(direct.map((c) => [`the fact itself under diff(·, ${c.v}): ${c.goal} = ${c.after} (from ${c.f.fact})`, c] as const))('%s', (_l, { f, goal, after }) => {
    const json = { goal, result: after, assumptions: [f.fact], steps: [step({ rule: 'assume', kind: 'assumption', path: [0], before: goal, after })] };
    expect(check(json)).toMatchObject({ checked: false, step: 1 });
  });
});

describe('from a fact under a derivative to 1 = 0', () => {
  it('d(y1 + y2 + y3)/dy1 = 0 through a lemma, then 1 = 0', () => {
    const json = {
      goal: 'diff(y1 + y2 + y3, y1)',
      result: '0',
      assumptions: ['y1 + y2 + y3 = 1'],
      lemmas: [{ start: 'y1 + y2 + y3', result: '1' }],
      steps: [
        step({ rule: 'assume', kind: 'assumption', before: 'y1 + y2 + y3', after: '1', derivation: 1 }),
        step({ rule: 'lemma', kind: 'lemma', path: [0], before: 'diff(y1 + y2 + y3, y1)', after: 'diff(1, y1)', lemma: 1 }),
        step({ rule: 'd.const', kind: 'rule', before: 'diff(1, y1)', after: '0', bindings: { c: '1', x: 'y1' } }),
      ],
    };
    expect(check(json)).toMatchObject({ checked: false, step: 2 });
  });
});
