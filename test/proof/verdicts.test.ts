/**
 * Verdicts that can be trusted: every `proven` carries the kernel's theorem; a refutation is
 * a point on the stated facts where the two sides really differ (confirmed at 60 and 120
 * digits, each equation solved again at that precision); assumptions that contradict each
 * other are refused, and satisfiable ones, however they look, are not.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Definitions } from '../../src/expr/context.js';
import { GradproofError } from '../../src/expr/errors.js';
import { diff, sym } from '../../src/expr/node.js';
import { preciseValue } from '../../src/expr/precise.js';
import { type Relation, parse } from '../../src/parse/ascii.js';
import { parseProblem } from '../../src/parse/problem.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { type Decision, decideEquality } from '../../src/verdict/equality.js';
import { checkDerivation, decideLink } from '../../src/api/check-chain.js';
import { runProblem, toAssumptions } from '../../src/api/derive.js';
import { equivalent } from '../../src/api/equivalent.js';
import { derive } from '../../src/api/derive.js';
import type { Assumption } from '../../src/proof/types.js';
import { assumptionText, contradiction } from '../../src/verdict/consistency.js';
import { seededRandom } from '../../src/expr/random.js';
import { valueAt } from '../../src/expr/numeric.js';
import { type AdmittedRules, checkProof } from '../../src/kernel/index.js';

const rules = builtinRules();
const NO_DEFS = new Definitions([]);
/** `a op b`, one relation. */
const relationOf = (s: string): Relation => {
  const m = /^(.*?)\s*(<=|>=|!=|=|<|>)\s*(.*)$/.exec(s)!;
  return { operands: [parse(m[1]!), parse(m[3]!)], ops: [m[2] as Assumption['op']] };
};
const facts = (list: readonly string[]): Assumption[] => list.map(relationOf).flatMap(toAssumptions);
const decide = (a: string, b: string, assume: readonly string[] = []): Decision => decideLink(parse(a), parse(b), NO_DEFS, rules, facts(assume));
const UNSATISFIED = 'no point satisfying all the assumptions was found: they may contradict each other, so nothing is decided from them';

describe('a proven decision is a kernel theorem', () => {
  it('a one-step algebra proof: the theorem states both sides and the denominators that disappear', () => {
    const d = decide('a2*(1-a2)*(a2-y)/(a2*(1-a2))', 'a2 - y');
    if (d.verdict !== 'proven') throw new Error(`expected proven, got ${d.verdict}`);
    expect([d.theorem.lhs, d.theorem.rhs]).toEqual([parse('a2*(1-a2)*(a2-y)/(a2*(1-a2))'), parse('a2 - y')]);
    expect(d.theorem.conditions.map((c) => `${c.kind}:${c.expr === parse('a2') || c.expr === parse('1 - a2') ? 'ok' : 'other'}`).sort()).toEqual(['nonzero:ok', 'nonzero:ok']);
    expect(d.proof.proof.steps.map((s) => s.rule)).toEqual(['alg.rearrange']);
  });

  it('a stated equation: an assumption step, the equation among the premises', () => {
    const d = decide('y1', '1 - y2 - y3', ['y1 + y2 + y3 = 1']);
    if (d.verdict !== 'proven') throw new Error(`expected proven, got ${d.verdict}`);
    expect(d.proof.proof.steps.map((s) => s.kind)).toEqual(['assumption']);
    expect(d.theorem.premises.assumptions).toEqual(facts(['y1 + y2 + y3 = 1']));
  });

  it('a log that disappears is recorded as positive', () => {
    const d = decide('log(x) - log(x) + y', 'y');
    if (d.verdict !== 'proven') throw new Error(`expected proven, got ${d.verdict}`);
    expect(d.theorem.conditions).toEqual([{ kind: 'positive', expr: parse('x') }]);
  });

  it('a negative fractional power that disappears is recorded as positive', () => {
    const d = decide('x^(-1/2)*x^(1/2)*y', 'y');
    if (d.verdict !== 'proven') throw new Error(`expected proven, got ${d.verdict}`);
    expect(d.theorem.conditions.filter((c) => c.kind === 'positive')).toEqual([{ kind: 'positive', expr: parse('x') }]);
  });

  it("derive: an expectation's theorem is about the goal, diff(L, z2) = the expected form, for one expectation or several", () => {
    const lets = { a2: 'sigmoid(z2)' };
    const loss = 'L = -(y*log(a2) + (1-y)*log(1-a2))';
    for (const expect_ of [['a2 - y'], ['a2 - y', '-(y - a2)']]) {
      const spec = { definitions: [{ name: 'a2', expr: parse(lets.a2) }], loss: parse('-(y*log(a2) + (1-y)*log(1-a2))'), lossName: 'L', wrt: 'z2', expects: expect_.map((e) => parse(e)), assumptions: [] };
      const o = runProblem(spec, { rules });
      for (const [i, e] of o.expectations.entries()) {
        if (e.decision.verdict !== 'proven') throw new Error(`expected proven, got ${e.decision.verdict}`);
        expect([e.decision.theorem.lhs, e.decision.theorem.rhs]).toEqual([diff(sym('L'), sym('z2')), parse(expect_[i]!)]);
      }
      expect(derive({ loss, let: lets, wrt: 'z2', expect: expect_ }).verdict).toBe('proven');
    }
  });

  it('derive: an expectation proven by identity rules (a lemma) is composed with the derivation into one theorem', () => {
    const spec = { definitions: [], loss: parse('log(sigmoid(z))'), lossName: 'L', wrt: 'z', expects: [parse('1 - sigmoid(z)'), parse('sigmoid(-z)')], assumptions: [] };
    const second = runProblem(spec, { rules }).expectations[1]!.decision;
    if (second.verdict !== 'proven') throw new Error(`expected proven, got ${second.verdict}`);
    expect([second.theorem.lhs, second.theorem.rhs]).toEqual([diff(sym('L'), sym('z')), parse('sigmoid(-z)')]);
    expect(second.proof.proof.lemmas.length).toBeGreaterThan(0);
  });

  it('a proof the kernel rejects is unknown, with the kernel\'s reason, never proven', () => {
    const bogus = (a: ReturnType<typeof parse>, b: ReturnType<typeof parse>) => ({
      start: a,
      result: b,
      lemmas: [],
      steps: [{ rule: 'alg.rearrange', kind: 'algebra' as const, path: [], bindings: {}, before: a, after: b, conditions: [], phase: 0, derivation: 0 }],
      phases: [],
      definitions: [],
      assumptions: [],
    });
    const d = decideEquality(parse('sin(x)^2 + cos(x)^2'), parse('1'), NO_DEFS, { replay: (p) => checkProof(p, rules.admitted), prove: bogus });
    expect(d).toEqual({ verdict: 'unknown', evidence: 'the checker rejected the proof at step 1: cos(x)^2 + sin(x)^2 and 1 are not equal by algebra' });
  });

  it('rules that were not admitted by loadRules prove nothing', () => {
    const d = decideEquality(parse('x'), parse('x'), NO_DEFS, { replay: (p) => checkProof(p, {} as AdmittedRules) });
    expect(d).toEqual({ verdict: 'unknown', evidence: 'the checker rejected the proof at step 0: the rules were not loaded through validation' });
  });

  it('the type admits no proven decision without a theorem', () => {
    // @ts-expect-error: a proven decision needs the kernel's theorem and proof.
    const d: Decision = { verdict: 'proven' };
    expect(d.verdict).toBe('proven');
  });
});

/** Refutation cases: [a, b, assumptions, expected verdict]. */
const REFUTATIONS: ReadonlyArray<readonly [string, string, readonly string[], Decision['verdict']]> = [
  // Near misses: a float point near the constraint is not a counterexample.
  ['x', '0', ['x*x = 0'], 'unknown'],
  ['x', '0', ['x^2 = 0'], 'unknown'],
  ['exp(x)', '1', ['x^3 = 0'], 'unknown'],
  ['(y1 + y2)^(10^9)', '1', ['y1 + y2 = 1'], 'unknown'],
  ['exp(10^12*(y1 + y2 - 1))', '1', ['y1 + y2 = 1'], 'unknown'],
  ['sin(pi*(y1 + y2))', '0', ['y1 + y2 = 1'], 'unknown'],
  ['log(y1)', 'log(1 - y2)', ['y1 + y2 = 1'], 'unknown'],
  ['sqrt(y1 + y2)', '1', ['y1 + y2 = 1'], 'unknown'],
  ['a', 'b', ['exp(a) = exp(b)'], 'unknown'],
  ['x', '1/2', ['x + y = 1', 'x - y = 0'], 'unknown'],
  ['x*y', '1/2', ['x^2 + y^2 = 1', 'x - y = 0'], 'unknown'],
  ['z', '1', ['z >= 1', 'z <= 1'], 'unknown'],
  ['y[1]', '1 - sum(k, 2, K, y[k])', ['sum(k, 1, K, y[k]) = 1'], 'unknown'],
  // Real counterexamples, on the constraint.
  ['y1', '2*y2', ['y1 + y2 = 1'], 'refuted'],
  ['y1*y2', '1/4', ['y1 + y2 = 1'], 'refuted'],
  ['x', '1', ['x^2 = 1'], 'refuted'],
  ['x', '0', ['sin(x) = 0', 'x > 1'], 'refuted'],
  ['x + y', '2', ['x*y = 1'], 'refuted'],
  ['x', '1/4', ['x + y = 1', 'x - y = 0'], 'refuted'],
  ['z', '1', ['z > 0', 'z < 2'], 'refuted'],
  ['y1 + y2', '1', ['y1 + y2 + y3 = 1'], 'refuted'],
  ['a', '2*b', ['exp(a) = 3'], 'refuted'],
  // Proven from the equation itself.
  ['(y1 + y2 - 1)*10^20', '0', ['y1 + y2 = 1'], 'proven'],
  ['x', '1/y', ['x*y = 1'], 'proven'],
  ['(y1 + y2)^3', '1', ['y1 + y2 = 1'], 'proven'],
  ['tanh(x)', '1/2', ['tanh(x) = 1/2'], 'proven'],
];

describe('refutations are real: the point satisfies every stated fact, and the sides differ at 60 and 120 digits', () => {
  it.each(REFUTATIONS)('%s = %s under %j: %s', (a, b, assume, verdict) => {
    const d = decide(a, b, assume);
    expect(d.verdict).toBe(verdict);
    if (d.verdict !== 'refuted') return;
    const { point, left, right } = d.counterexample;
    // Every fact holds at the reported point, to the last digits of a double.
    for (const f of facts(assume)) {
      const [l, r] = [Number(preciseValue(f.lhs, point, NO_DEFS, 50)), Number(preciseValue(f.rhs, point, NO_DEFS, 50))];
      if (f.op === '=') expect(Math.abs(l - r)).toBeLessThanOrEqual(4e-16 * Math.max(1, Math.abs(l), Math.abs(r)));
      else expect({ '<': l < r, '<=': l <= r, '>': l > r, '>=': l >= r, '!=': l !== r }[f.op]).toBe(true);
    }
    // Both values are the sides' values there, and differ.
    expect(left).toBeCloseTo(Number(preciseValue(parse(a), point, NO_DEFS, 50)), 12);
    expect(right).toBeCloseTo(Number(preciseValue(parse(b), point, NO_DEFS, 50)), 12);
    expect(Math.abs(left - right)).toBeGreaterThan(1e-6);
  });

  it('equal through the public API: x = 0 under x*x = 0 is not refuted', () => {
    const r = equivalent('x', '0', { assume: 'x*x = 0' });
    expect([r.verdict, r.counterexample]).toEqual(['unknown', null]);
    expect(r.evidence).toMatch(/^the two sides differ in floating point at \d+ sample points, but no difference could be confirmed at high precision$/);
  });
});

/** Assumption sets that contradict each other, and the message that names them. */
const CONTRADICTIONS: ReadonlyArray<readonly [readonly string[], string]> = [
  [['z > 1', 'z < 0'], 'the assumptions contradict each other: z > 1 and z < 0'],
  [['x^2 = -1'], 'the assumption x^2 = -1 can never hold'],
  [['exp(x) = 0'], 'the assumption exp(x) = 0 can never hold'],
  [['sigmoid(z) = 1'], 'the assumption sigmoid(z) = 1 can never hold'],
  [['sigmoid(z) >= 1'], 'the assumption sigmoid(z) >= 1 can never hold'],
  [['sigmoid(z) <= 0'], 'the assumption sigmoid(z) <= 0 can never hold'],
  [['sigmoid(z) = 3/2'], 'the assumption sigmoid(z) = 3/2 can never hold'],
  [['tanh(x) = -1'], 'the assumption tanh(x) = -1 can never hold'],
  [['tanh(x) > 1'], 'the assumption tanh(x) > 1 can never hold'],
  [['softplus(x) <= 0'], 'the assumption softplus(x) <= 0 can never hold'],
  [['exp(x) < 0'], 'the assumption exp(x) < 0 can never hold'],
  [['x^2 < 0'], 'the assumption x^2 < 0 can never hold'],
  [['x^2 + 1 = 0'], 'the assumption 1 + x^2 = 0 can never hold'],
  [['exp(x) + exp(y) = 0'], 'the assumption exp(x) + exp(y) = 0 can never hold'],
  [['sqrt(x) = -1'], 'the assumption sqrt(x) = -1 can never hold'],
  [['1/x = 0'], 'the assumption 1/x = 0 can never hold'],
  [['x/x = 2'], 'the assumption x/x = 2 can never hold'],
  [['x = 1', 'x = 2'], 'the assumptions contradict each other: x = 1 and x = 2'],
  [['x + y = 1', 'x + y = 2'], 'the assumptions contradict each other: x + y = 1 and x + y = 2'],
  [['x >= 0', 'x < 0'], 'the assumptions contradict each other: x >= 0 and x < 0'],
  [['x > 2', 'x^2 < 1'], 'the assumptions contradict each other: x > 2 and x^2 < 1'],
  [['log(x) = 1', 'x < 0'], 'the assumptions contradict each other: log(x) = 1 and x < 0'],
  [['x > 3', 'y = x^2', 'y < 4'], 'the assumptions contradict each other: x > 3 and y = x^2 and y < 4'],
  [['w > 0', 'z > 1', 'q = 2', 'z < 0'], 'the assumptions contradict each other: z > 1 and z < 0'],
  [['2*z - 3 > 1', 'z < 1'], 'the assumptions contradict each other: 2*z - 3 > 1 and z < 1'],
];

describe('contradictory assumptions are refused, naming them', () => {
  it.each(CONTRADICTIONS)('%j', (assume, message) => {
    const error = (f: () => unknown): GradproofError => {
      try {
        f();
      } catch (err) {
        if (err instanceof GradproofError) return err;
        throw err;
      }
      throw new Error('no error');
    };
    // equal, check (a written chain) and derive alike.
    const equal = error(() => equivalent('u', 'u', { assume }));
    expect([equal.code, equal.message]).toEqual(['contradiction', message]);
    const chain = error(() => checkDerivation({ definitions: [], assumptions: assume.map(relationOf), chains: [[{ expr: parse('u') }, { expr: parse('u') }]] }, rules));
    expect(chain.message).toBe(message);
    const derived = error(() => derive({ loss: 'u^2', wrt: 'u', assume, expect: '2*u' }));
    expect(derived.message).toBe(message);
  });

  it('through a definition: a2 = sigmoid(z2) is never above 1', () => {
    expect(() => equivalent('a2', 'a2', { let: { a2: 'sigmoid(z2)' }, assume: 'a2 > 1' })).toThrow('the assumption a2 > 1 can never hold');
  });

  it('a set no sample point satisfies, that intervals cannot decide, decides nothing', () => {
    for (const assume of [['a > b', 'b > c', 'c > a'], ['2*x = 1', 'x > 1/2'], ['exp(x) > 1', 'x < 0']]) {
      const r = equivalent('u', 'u', { assume });
      expect([r.verdict, r.evidence]).toEqual(['unknown', UNSATISFIED]);
    }
  });
});

/** Satisfiable sets, some of which look contradictory. */
const SATISFIABLE: ReadonlyArray<readonly string[]> = [
  ['z >= 0', 'z <= 0'],
  ['x^2 = 0'],
  ['x^2 <= 0'],
  ['exp(x) = 1'],
  ['exp(x) = 10^-30'],
  ['exp(x) < 10^-300'],
  ['sigmoid(z) = 999999/1000000'],
  ['sigmoid(z) < 10^-30'],
  ['sigmoid(z) > 99/100'],
  ['tanh(u) = -1/2'],
  ['tanh(x) > 9999999/10000000'],
  ['softplus(z) = 1/1000'],
  ['softplus(x) < 10^-10'],
  ['x > 3/10', 'x < 30001/100000'],
  ['z > 1', 'z < 10001/10000'],
  ['1 <= i', 'i <= K'],
  ['sqrt(x) = 2'],
  ['log(x) = -50'],
  ['x*y = 1', 'x > 0', 'y > 0'],
  ['cosh(x) = 1'],
  ['x >= 1', 'x <= 1'],
  ['exp(x) > 10^10'],
  ['x^3 = -8'],
  ['x^2 = 4', 'x < 0'],
  ['abs(x) = 3'],
  ['relu(x) = 0'],
  ['relu(x) = 2'],
  ['1/x = 4'],
  ['x + y = 1', 'x - y = 0'],
  ['x^2 + y^2 = 1', 'x - y = 0'],
  ['sum(k, 1, K, y[k]) = 1'],
  ['x > 10^6'],
  ['x < -10^6'],
  ['exp(x) + exp(y) = 1'],
  ['sin(x) = 1'],
  ['a > b', 'b > c'],
  ['x != 0', 'x^2 < 10^-6'],
  ['x^2 < 10^-20', 'x != 0'],
  ['y1 + y2 + y3 = 1', '0 < y1', '0 < y2', '0 < y3'],
  ['a2 != 0', 'a2 != 1'],
  // Bounds beyond the largest double: overflow is not emptiness.
  ['x > 10^200', 'x^2 > 1'],
  ['x > 1000', 'exp(x) > 5'],
  ['x < -10^200', 'x^3 < -1'],
];

describe('satisfiable assumptions are not called contradictory, and decide as before', () => {
  it.each(SATISFIABLE)('%j', (...assume) => {
    const r = equivalent('u', 'u', { assume });
    expect([r.verdict, r.evidence]).toEqual(['proven', null]);
  });

  it('beyond doubles: x > 10^400 is no contradiction, but no double satisfies it, so nothing is decided', () => {
    const r = equivalent('u', 'u', { assume: 'x > 10^400' });
    expect([r.verdict, r.evidence]).toEqual(['unknown', UNSATISFIED]);
  });

  it("every example's assumptions: each example derives, and every expectation stated is proven", () => {
    const dir = join(import.meta.dirname, '../../examples');
    const files = readdirSync(dir).filter((f) => f.endsWith('.grad'));
    expect(files.length).toBeGreaterThan(30);
    const withFacts = files.filter((f) => /^assume /m.test(readFileSync(join(dir, f), 'utf8')));
    expect(withFacts.length).toBeGreaterThan(4);
    for (const f of withFacts) {
      const spec = parseProblem(readFileSync(join(dir, f), 'utf8'), f, { functions: rules.functions });
      const o = runProblem(spec, { rules });
      expect([f, o.expectations.map((e) => e.decision.verdict)]).toEqual([f, o.expectations.map(() => 'proven')]);
    }
  });
});

describe('interval reasoning never calls a set that holds at a known point contradictory', () => {
  it.each([
    [0.01, 3, 77],
    [1e-9, 4, 11],
  ])('4000 random sets of facts, each true at a random point with a relative margin of %s (depth %s, seed %s)', (margin, depth, seed) => {
    const rnd = seededRandom(seed);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const gen = (depth: number): string => {
      if (depth === 0 || rnd() < 0.25) return pick(['x', 'y', 'x', 'y', '2', '1/3', '-3/2', '10', '1000', '1/1000']);
      const a = gen(depth - 1);
      switch (Math.floor(rnd() * 9)) {
        case 0: return `(${a}) + (${gen(depth - 1)})`;
        case 1: return `(${a})*(${gen(depth - 1)})`;
        case 2: return `(${a})^${pick(['2', '3', '-1', '-2', '1/2'])}`;
        case 3: return `-(${a})`;
        default: return `${pick(['exp', 'log', 'sigmoid', 'tanh', 'softplus', 'sqrt', 'abs', 'relu', 'cosh', 'sinh'])}(${a})`;
      }
    };
    let tested = 0;
    for (let t = 0; t < 20000 && tested < 4000; t++) {
      const point = { x: Math.round((rnd() * 8 - 4) * 100) / 100, y: Math.round((rnd() * 8 - 4) * 100) / 100 };
      const sets: string[] = [];
      for (let k = 0; k < 3; k++) {
        const e = gen(depth);
        const v = valueAt(parse(e), point);
        if (!Number.isFinite(v) || Math.abs(v) > 1e12) continue;
        const m = margin * (1 + Math.abs(v));
        sets.push(`${e} ${pick(['<', '<='])} ${v + m}`, `${e} ${pick(['>', '>='])} ${v - m}`);
      }
      if (!sets.length) continue;
      sets.push(`x > ${point.x - 0.1}`, `y < ${point.y + 0.1}`);
      tested++;
      expect([sets, contradiction(facts(sets), NO_DEFS)?.map(assumptionText)]).toEqual([sets, undefined]);
    }
    expect(tested).toBe(4000);
  });
});

describe('a sum over members the family has no 1..K for', () => {
  const softmax = (loss: string) =>
    parseProblem(
      ['let a[k] = exp(z[k])/sum(j, 1, K, exp(z[j]))', `loss L = ${loss}`, 'wrt z[i]', 'assume 1 <= i <= K', 'assume sum(k, 1, K, y[k]) = 1', 'expect a[i] - y[i]'].join('\n'),
      'softmax',
      { functions: rules.functions },
    );

  it('from 0: the extra term y[0] makes the textbook form wrong, and it is refuted, not an internal error', () => {
    const e = runProblem(softmax('-sum(k, 0, K, y[k]*log(a[k]))'), { rules }).expectations[0]!;
    expect(e.decision.verdict).toBe('refuted');
    expect(Object.keys(e.decision.counterexample!.point)).toContain('y[0]');
  });

  it('to K + 1: refuted too', () => {
    const e = runProblem(softmax('-sum(k, 1, K + 1, y[k]*log(a[k]))'), { rules }).expectations[0]!;
    expect(e.decision.verdict).toBe('refuted');
  });

  it('from 0, with the term k = 0 taken back out: not refuted', () => {
    const e = runProblem(softmax('-sum(k, 0, K, y[k]*log(a[k])) + y[0]*log(a[0])'), { rules }).expectations[0]!;
    expect(e.decision.verdict).not.toBe('refuted');
  });
});
