/**
 * Label sets as facts: `y in {0, 1}` is the equation y^2 = y for the engine and the kernel,
 * the set as stated for the reader, and the only values sampling gives y.
 */
import { describe, expect, it } from 'vitest';
import { equivalent } from '../../src/api/equivalent.js';
import { derive } from '../../src/api/derive.js';
import { parseProblem } from '../../src/parse/problem.js';
import { runProblem, outcomeToJson } from '../../src/api/derive.js';
import { parseAnyRelation } from '../../src/parse/auto.js';
import { GradproofError } from '../../src/expr/errors.js';
import { toAscii } from '../../src/expr/print.js';
import { labelSetFact } from '../../src/proof/label-sets.js';
import { parse } from '../../src/parse/ascii.js';
import { proofFromJson } from '../../src/api/serialize.js';
import { check } from '../../src/api/check.js';

describe('a label set is the equation it implies', () => {
  it.each([
    ['{0, 1}', 'y^2 = y'],
    ['{-1, 1}', 'y^2 = 1'],
    ['{0, 1, 2}', 'y^3 = 3*y^2 - 2*y'],
    ['{1/2}', 'y = 1/2'],
  ])('y in %s is %s', (set, equation) => {
    const r = parseAnyRelation(`y in ${set}`);
    const f = labelSetFact(r.operands[0]!, r.among!);
    expect(`${toAscii(f.lhs)} ${f.op} ${toAscii(f.rhs)}`).toBe(equation);
  });
});

describe('equal under a label set', () => {
  it('y^2 = y on {0, 1}: proven from the stated set, which is its premise', () => {
    expect(equivalent('y^2', 'y', { assume: 'y in {0, 1}' })).toMatchObject({ verdict: 'proven', rules: ['assume'], premises: { assumptions: ['y in {0, 1}'] } });
  });

  it('y^2 = 1 on {-1, 1}; y*(y - 1) = 0 and y^3 = y on {0, 1}', () => {
    expect(equivalent('y^2', '1', { assume: 'y in {-1, 1}' }).verdict).toBe('proven');
    expect(equivalent('y*(y - 1)', '0', { assume: 'y in {0, 1}' }).verdict).toBe('proven');
    expect(equivalent('y^3', 'y', { assume: 'y in {0, 1}' }).verdict).toBe('proven');
  });

  it('y^2 = y on {-1, 1} is refuted at y = -1, a member of the set', () => {
    const r = equivalent('y^2', 'y', { assume: 'y in {-1, 1}' });
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample).toEqual({ y: -1 });
    expect(r.values).toEqual({ left: 1, right: -1 });
  });

  it('a counterexample is a member of the set: y = 1 on {0, 1} is refuted at y = 0', () => {
    const r = equivalent('y', '1', { assume: 'y in {0, 1}' });
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample).toEqual({ y: 0 });
  });

  it('a claim true on the set is never refuted between its members', () => {
    // log(1 + y) = y*log(2) holds at 0 and 1 only; no algebra proves it, and no point refutes it.
    const r = equivalent('log(1 + y)', 'y*log(2)', { assume: 'y in {0, 1}' });
    expect(r.verdict).toBe('unknown');
    expect(r.evidence).toBe('the two sides agree at 24 sample points, but no algebraic proof was found');
    // Without the set it is false, at y = 0.5.
    expect(equivalent('log(1 + y)', 'y*log(2)').verdict).toBe('refuted');
  });

  it('LaTeX `y \\in \\{0, 1\\}` and `∈` state the same set', () => {
    expect(equivalent('y^2', 'y', { assume: 'y \\in \\{0, 1\\}' }).premises!.assumptions).toEqual(['y in {0, 1}']);
    expect(equivalent('y^2', 'y', { assume: 'y ∈ {0, 1}' }).verdict).toBe('proven');
  });

  it('the softplus form of BCE, proven and derived', () => {
    const bce = '-(y*log(sigmoid(z)) + (1 - y)*log(1 - sigmoid(z)))';
    for (const loss of [bce, 'softplus(z) - y*z']) {
      expect(derive({ loss, wrt: 'z', expect: 'sigmoid(z) - y', assume: 'y in {0, 1}' }).expectations[0]!.verdict).toBe('proven');
    }
  });

  it('with labels in {-1, 1}: softplus(-y*z), its gradient, and the {0, 1} form agree on the set', () => {
    const r = derive({ loss: 'softplus(-y*z)', wrt: 'z', expect: '-y*sigmoid(-y*z)', assume: 'y in {-1, 1}' });
    expect(r.expectations[0]!.verdict).toBe('proven');
    expect(r.assumptions).toEqual(['y in {-1, 1}']);
    // True at y = -1 and y = 1 only: never refuted (a proof needs a case split the kernel does not have).
    const t = equivalent('-((1 + y)/2*log(sigmoid(z)) + (1 - y)/2*log(1 - sigmoid(z)))', 'softplus(-y*z)', { assume: 'y in {-1, 1}' });
    expect(t.verdict).not.toBe('refuted');
    expect(equivalent('-((1 + y)/2*log(sigmoid(z)) + (1 - y)/2*log(1 - sigmoid(z)))', 'softplus(-y*z)').verdict).toBe('refuted');
  });

  it('an expectation uses the set: softplus(z) - y^2*z has gradient sigmoid(z) - y', () => {
    expect(derive({ loss: 'softplus(z) - y^2*z', wrt: 'z', expect: 'sigmoid(z) - y', assume: 'y in {0, 1}' }).expectations[0]!.verdict).toBe('proven');
    expect(derive({ loss: 'softplus(z) - y^2*z', wrt: 'z', expect: 'sigmoid(z) - y' }).expectations[0]!.verdict).toBe('refuted');
  });

  it('a problem file states the set with `assume`', () => {
    const spec = parseProblem('loss L = softplus(z) - y^2*z\nassume y in {0, 1}\nwrt z\nexpect sigmoid(z) - y\n', 'p.grad');
    const json = outcomeToJson(runProblem(spec));
    expect(json.expectations[0]!.verdict).toBe('proven');
    expect(json.assumptions).toEqual(['y in {0, 1}']);
    // The JSON reads back: the set again, the same equation for the kernel.
    const back = proofFromJson({ goal: 'x', result: 'x', steps: [], assumptions: json.assumptions });
    expect(back.assumptions[0]).toMatchObject({ lhs: parse('y^2'), op: '=', rhs: parse('y'), among: { name: parse('y') } });
  });
});

describe('bad label sets are refused where they are wrong', () => {
  const error = (text: string): string => {
    try {
      parseAnyRelation(text, { source: '--assume' });
    } catch (err) {
      if (err instanceof GradproofError) return err.format();
      throw err;
    }
    return 'no error';
  };
  it.each([
    ['y in {0, x}', "--assume:1:10: error: a set of values lists numbers, as in 'y in {0, 1}'; 'x' is not a number\n  y in {0, x}\n           ^"],
    ['2*y in {0, 1}', "--assume:1:1: error: a set of values is stated for a name, as in 'y in {0, 1}', not for '2*y'\n  2*y in {0, 1}\n  ^"],
    ['y in {0, 1', "--assume:1:6: error: missing '}' to close the set of values\n  y in {0, 1\n       ^"],
    ['y in {}', '--assume:1:7: error: the set of values is empty\n  y in {}\n        ^'],
    ['y in {0, 1 +}', "--assume:1:13: error: unexpected end of input\n  y in {0, 1 +}\n              ^"],
  ])('%s', (text, message) => {
    expect(error(text)).toBe(message);
  });
});

describe('the engine uses a label set', () => {
  it('a result reads y where the derivation gives y^2 (an assumption step, replayed)', () => {
    const r = derive({ loss: 'log(1 + exp(z)) - y^2*z', wrt: 'z', assume: 'y in {0, 1}', expect: 'sigmoid(z) - y' });
    expect(r.result).toBe('sigmoid(z) - y');
    expect(r.checked).toBe(true);
    expect(r.steps.at(-1)).toMatchObject({ rule: 'assume', kind: 'assumption', before: 'sigmoid(z) - y^2', after: 'sigmoid(z) - y' });
    expect(r.expectations[0]!.verdict).toBe('proven');
    // Without the set, y^2 stays.
    expect(derive({ loss: 'log(1 + exp(z)) - y^2*z', wrt: 'z' }).result).toBe('sigmoid(z) - y^2');
  });

  it('on {-1, 1}, y^3 is y', () => {
    expect(derive({ loss: 'softplus(z) - y^3*z', wrt: 'z', assume: 'y in {-1, 1}' }).result).toBe('sigmoid(z) - y');
  });

  it('an identity and the set together: sigmoid(z) - y^2 = exp(z)/(1 + exp(z)) - y', () => {
    const r = equivalent('sigmoid(z) - y^2', 'exp(z)/(1 + exp(z)) - y', { assume: 'y in {0, 1}' });
    expect(r.verdict).toBe('proven');
    expect(r.rules).toContain('assume');
    expect(equivalent('sigmoid(z) - y^2', 'exp(z)/(1 + exp(z)) - y').verdict).toBe('refuted');
  });

  it('a LaTeX problem file states the set as y \\in \\{0, 1\\}', () => {
    const spec = parseProblem('loss L = \\log(1 + e^{z}) - y^2 z\nassume y \\in \\{0, 1\\}\nwrt z\nexpect \\frac{e^{z}}{1 + e^{z}} - y\n', 'p.grad');
    const json = outcomeToJson(runProblem(spec));
    expect([json.result, json.expectations[0]!.verdict, json.assumptions]).toEqual(['sigmoid(z) - y', 'proven', ['y in {0, 1}']]);
  });
});

describe('a proof from a label set, read back and replayed', () => {
  it('replays from its JSON; with the set tampered, the step citing it is rejected', () => {
    const r = derive({ loss: 'softplus(z) - y^2*z', wrt: 'z', assume: 'y in {0, 1}' });
    expect(check(r)).toMatchObject({ checked: true, premises: { assumptions: ['y in {0, 1}'] } });
    const tampered = JSON.parse(JSON.stringify(r).replace('y in {0, 1}', 'y in {0, 2}'));
    expect(check(tampered)).toMatchObject({ checked: false, reason: 'no stated equation turns y^2 into y' });
  });
});
