/**
 * The seed's proof reads like the textbook: the chain rule, the two local derivatives as
 * lemmas, then the cancellation, with every step citing a rule that exists and every
 * expression printable and parseable back to itself.
 */
import { describe, expect, it } from 'vitest';
import { derive, problemFromInput, runProblem, type DeriveInput } from '../../src/api/derive.js';
import { parse } from '../../src/parse/ascii.js';
import { toAscii } from '../../src/expr/print.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { expectMatchesFiniteDifferences } from '../support/fd.js';
import { readSource, stripComments, tsFiles } from '../support/source.js';

const SEED: DeriveInput = { loss: '-(y*log(a2) + (1-y)*log(1-a2))', let: { a2: 'sigmoid(z2)' }, wrt: 'z2', expect: 'a2 - y' };
const json = derive(SEED);
const outcome = runProblem(problemFromInput(SEED));

describe('the seed, step by step', () => {
  it('is proven, and the result agrees with finite differences', () => {
    expect(json.result).toBe('a2 - y');
    expect(json.verdict).toBe('proven');
    expect(json.conditions).toEqual([]);
    expectMatchesFiniteDifferences(json);
    expectMatchesFiniteDifferences(outcome);
  });

  it('is this proof, line by line', () => {
    const rows = json.steps.map((s) => [s.derivation, s.rule, `${s.before}  =>  ${s.after}`, s.conditions.join(', ')]);
    expect(rows).toEqual([
      [0, 'chain', 'diff(L, z2)  =>  diff(L, a2)*diff(a2, z2)', ''],
      [1, 'def.unfold', 'diff(L, a2)  =>  diff(-(y*log(a2) + (1 - y)*log(1 - a2)), a2)', ''],
      [1, 'd.const-multiple', 'diff(-(y*log(a2) + (1 - y)*log(1 - a2)), a2)  =>  -diff(y*log(a2) + (1 - y)*log(1 - a2), a2)', ''],
      [1, 'd.sum', '-diff(y*log(a2) + (1 - y)*log(1 - a2), a2)  =>  -(diff(y*log(a2), a2) + diff((1 - y)*log(1 - a2), a2))', ''],
      [1, 'd.const-multiple', '-(diff(y*log(a2), a2) + diff((1 - y)*log(1 - a2), a2))  =>  -(y*diff(log(a2), a2) + diff((1 - y)*log(1 - a2), a2))', ''],
      [1, 'd.log', '-(y*diff(log(a2), a2) + diff((1 - y)*log(1 - a2), a2))  =>  -(y*diff(a2, a2)/a2 + diff((1 - y)*log(1 - a2), a2))', 'a2 > 0'],
      [1, 'd.self', '-(y*diff(a2, a2)/a2 + diff((1 - y)*log(1 - a2), a2))  =>  -(y/a2 + diff((1 - y)*log(1 - a2), a2))', ''],
      [1, 'd.const-multiple', '-(y/a2 + diff((1 - y)*log(1 - a2), a2))  =>  -(y/a2 + (1 - y)*diff(log(1 - a2), a2))', ''],
      [1, 'd.log', '-(y/a2 + (1 - y)*diff(log(1 - a2), a2))  =>  -(y/a2 + (1 - y)*diff(1 - a2, a2)/(1 - a2))', 'a2 < 1'],
      [1, 'd.sum', '-(y/a2 + (1 - y)*diff(1 - a2, a2)/(1 - a2))  =>  -(y/a2 + (1 - y)*(diff(1, a2) + diff(-a2, a2))/(1 - a2))', ''],
      [1, 'd.const', '-(y/a2 + (1 - y)*(diff(1, a2) + diff(-a2, a2))/(1 - a2))  =>  -(y/a2 + (1 - y)*diff(-a2, a2)/(1 - a2))', ''],
      [1, 'd.const-multiple', '-(y/a2 + (1 - y)*diff(-a2, a2)/(1 - a2))  =>  -(y/a2 - diff(a2, a2)*(1 - y)/(1 - a2))', ''],
      [1, 'd.self', '-(y/a2 - diff(a2, a2)*(1 - y)/(1 - a2))  =>  -(y/a2 - (1 - y)/(1 - a2))', ''],
      [1, 'alg.distribute', '-(y/a2 - (1 - y)/(1 - a2))  =>  (1 - y)/(1 - a2) - y/a2', ''],
      [1, 'alg.combine-fractions', '(1 - y)/(1 - a2) - y/a2  =>  (a2*(1 - y) - y*(1 - a2))/(a2*(1 - a2))', 'a2 != 0, a2 != 1'],
      [1, 'alg.expand', '(a2*(1 - y) - y*(1 - a2))/(a2*(1 - a2))  =>  (a2 - a2*y + a2*y - y)/(a2*(1 - a2))', ''],
      [1, 'alg.collect', '(a2 - a2*y + a2*y - y)/(a2*(1 - a2))  =>  (a2 - y)/(a2*(1 - a2))', ''],
      [2, 'def.unfold', 'diff(a2, z2)  =>  diff(sigmoid(z2), z2)', ''],
      [2, 'd.sigmoid', 'diff(sigmoid(z2), z2)  =>  diff(z2, z2)*sigmoid(z2)*(1 - sigmoid(z2))', ''],
      [2, 'd.self', 'diff(z2, z2)*sigmoid(z2)*(1 - sigmoid(z2))  =>  sigmoid(z2)*(1 - sigmoid(z2))', ''],
      [2, 'def.fold', 'sigmoid(z2)*(1 - sigmoid(z2))  =>  a2*(1 - sigmoid(z2))', ''],
      [2, 'def.fold', 'a2*(1 - sigmoid(z2))  =>  a2*(1 - a2)', ''],
      [0, 'lemma', 'diff(L, a2)*diff(a2, z2)  =>  diff(a2, z2)*(a2 - y)/(a2*(1 - a2))', ''],
      [0, 'lemma', 'diff(a2, z2)*(a2 - y)/(a2*(1 - a2))  =>  a2*(1 - a2)*(a2 - y)/(a2*(1 - a2))', ''],
      [0, 'alg.cancel-common-factor', 'a2*(1 - a2)*(a2 - y)/(a2*(1 - a2))  =>  a2 - y', 'a2 != 0, a2 != 1'],
    ]);
  });

  it('opens with the chain rule', () => {
    const first = json.steps[0]!;
    expect([first.rule, first.kind, first.before, first.after]).toEqual(['chain', 'chain', 'diff(L, z2)', 'diff(L, a2)*diff(a2, z2)']);
  });

  it('proves ∂L/∂a2 as a lemma through (1 - y)/(1 - a2) - y/a2 to (a2 - y)/(a2*(1 - a2))', () => {
    expect(json.lemmas[0]).toEqual({ start: 'diff(L, a2)', result: '(a2 - y)/(a2*(1 - a2))' });
    const own = json.steps.filter((s) => s.derivation === 1);
    expect(own[0]!.before).toBe('diff(L, a2)');
    expect(own.at(-1)!.after).toBe('(a2 - y)/(a2*(1 - a2))');
    expect(own.map((s) => s.after)).toContain('(1 - y)/(1 - a2) - y/a2');
  });

  it('proves ∂a2/∂z2 as a lemma ending at a2*(1 - a2)', () => {
    expect(json.lemmas[1]).toEqual({ start: 'diff(a2, z2)', result: 'a2*(1 - a2)' });
    const own = json.steps.filter((s) => s.derivation === 2);
    expect(own[0]!.before).toBe('diff(a2, z2)');
    expect(own.at(-1)!.after).toBe('a2*(1 - a2)');
  });

  it('has the textbook phases, in order', () => {
    expect(outcome.proof.phases.map((p) => `${toAscii(p.lhs)} = ${toAscii(p.to)}`)).toEqual([
      'diff(L, z2) = diff(L, a2)*diff(a2, z2)',
      'diff(L, a2) = (1 - y)/(1 - a2) - y/a2',
      'diff(L, a2) = (a2 - y)/(a2*(1 - a2))',
      'diff(a2, z2) = sigmoid(z2)*(1 - sigmoid(z2))',
      'diff(a2, z2) = a2*(1 - a2)',
      'diff(L, z2) = a2*(1 - a2)*(a2 - y)/(a2*(1 - a2))',
      'diff(L, z2) = a2 - y',
    ]);
    // Phases follow the steps: each step's phase number never goes back.
    const phases = json.steps.map((s) => s.phase);
    expect(phases).toEqual([...phases].sort((a, b) => a - b));
  });

  it('cancels the common factor last, recording a2 != 0 and a2 != 1', () => {
    const cancel = json.steps.filter((s) => s.rule === 'alg.cancel-common-factor');
    expect(cancel.map((s) => [s.derivation, s.before, s.after, s.conditions])).toEqual([
      [0, 'a2*(1 - a2)*(a2 - y)/(a2*(1 - a2))', 'a2 - y', ['a2 != 0', 'a2 != 1']],
    ]);
    expect(json.steps.at(-1)!.rule).toBe('alg.cancel-common-factor');
  });

  it('uses the lemmas only after proving them', () => {
    const uses = json.steps.flatMap((s, i) => (s.rule === 'lemma' ? [[i, s.lemma]] : []));
    expect(uses).toEqual([
      [22, 1],
      [23, 2],
    ]);
    for (const [i, k] of uses) {
      const lastOfLemma = json.steps.map((s) => s.derivation).lastIndexOf(k!);
      expect(lastOfLemma).toBeGreaterThan(0);
      expect(lastOfLemma).toBeLessThan(i!);
    }
  });

  it('each derivation is a chain: every step starts where the previous one ended', () => {
    for (const k of [0, 1, 2]) {
      const own = outcome.proof.steps.filter((s) => s.derivation === k);
      expect(own.length).toBeGreaterThan(0);
      own.slice(1).forEach((s, i) => expect(s.before).toBe(own[i]!.after));
      expect(own[0]!.before).toBe(k === 0 ? outcome.proof.start : outcome.proof.lemmas[k - 1]!.start);
      expect(own.at(-1)!.after).toBe(k === 0 ? outcome.proof.result : outcome.proof.lemmas[k - 1]!.result);
    }
  });

  it('every step names a rule that exists', () => {
    const { byId } = builtinRules();
    const missing = json.steps.filter((s) => !byId.has(s.rule)).map((s) => s.rule);
    expect(missing).toEqual([]);
    expect(new Set(json.steps.map((s) => s.rule)).size).toBeGreaterThanOrEqual(12);
  });

  it("every step's before and after parse back to the same node", () => {
    for (const s of outcome.proof.steps) {
      for (const e of [s.before, s.after]) expect(parse(toAscii(e))).toBe(e);
    }
    for (const s of json.steps) {
      for (const text of [s.before, s.after]) expect(toAscii(parse(text))).toBe(text);
    }
  });
});

describe('nothing in src/ knows the seed', () => {
  const files = tsFiles('src');

  it('reads the whole source tree', () => expect(files.length).toBeGreaterThanOrEqual(50));

  it('no a2 or z2 in the code of src/ (comments aside)', () => {
    const hits: string[] = [];
    for (const f of files) {
      stripComments(readSource(f))
        .split('\n')
        .forEach((line, i) => {
          if (/\b(a2|z2)\b/.test(line)) hits.push(`${f}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(hits).toEqual([]);
  });

  it('the search would see a seed name in code, but not in a comment', () => {
    const code = stripComments("// a2 = sigmoid(z2)\n/* z2 */ if (name === 'a2') return;");
    expect(code.split('\n').map((l) => /\b(a2|z2)\b/.test(l))).toEqual([false, true]);
  });
});
