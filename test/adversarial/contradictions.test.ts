/**
 * Class 6: from contradictory facts nothing is proven. Where the facts cannot all hold (a
 * bound and its opposite, an equation with no real solution), the verdict is `unknown` (or
 * the facts are refused as bad input), whatever the statement.
 */
import { describe, expect, it } from 'vitest';
import { derive, equivalent, checkChain, GradproofError } from '../../src/index.js';
import { assertDecision, label, type EqCase } from './support.js';

/** Contradictory facts, each with statements that use them (some would follow from them, some not). */
const contradictions: ReadonlyArray<readonly [readonly string[], ReadonlyArray<readonly [string, string]>]> = [
  [['z > 1', 'z < 0'], [['z', '5'], ['relu(z)', 'z'], ['relu(z)', '0'], ['abs(z)', '-z'], ['z', 'z + 1']]],
  [['x^2 = -1'], [['x', '3'], ['x^2 + 1', '0'], ['x^4', '1'], ['x^2', '5']]],
  [['exp(x) = 0'], [['x', '3'], ['exp(x) + 1', '1'], ['exp(2*x)', '0']]],
  [['sigmoid(z) = 1'], [['z', '3'], ['1 - sigmoid(z)', '0'], ['sigmoid(z)*(1 - sigmoid(z))', '0'], ['log(sigmoid(z))', '0']]],
  [['sigmoid(z) = 0'], [['z', '3'], ['sigmoid(z)', '0']]],
  [['x > 0', 'x < 0'], [['x', '1'], ['abs(x)', 'x'], ['abs(x)', '-x']]],
  [['x >= 1', 'x <= 0'], [['x', '7'], ['relu(x)', 'x']]],
  [['x = 1', 'x = 2'], [['x', '1'], ['1', '2'], ['x^2', '4']]],
  [['x != 0', 'x = 0'], [['x', '5'], ['x/x', '1']]],
  [['y1 + y2 = 1', 'y1 + y2 = 2'], [['y1 + y2', '1'], ['y1 + y2', '2'], ['y1', 'y2']]],
  [['a < b', 'b < a'], [['a', 'b'], ['a - b', '1']]],
  [['x^2 + y^2 = -1'], [['x', 'y'], ['x^2 + y^2 + 1', '0']]],
  [['abs(x) = -1'], [['x', '0'], ['abs(x) + 1', '0']]],
  [['sqrt(x) = -1'], [['x', '1'], ['sqrt(x) + 1', '0']]],
  [['exp(x) < 0'], [['x', '2'], ['exp(x)', '-1']]],
  [['tanh(x) = 2'], [['x', '1'], ['tanh(x) - 2', '0']]],
  [['softplus(x) = 0'], [['x', '0'], ['softplus(x)', '0']]],
  [['x^2 < 0'], [['x', '1'], ['x^2', '-1']]],
  [['cos(x) = 2'], [['x', '0'], ['cos(x)^2', '4']]],
  [['x > 1', 'x < 1'], [['x', '1']]],
  [['relu(x) = -1'], [['x', '1'], ['relu(x) + 1', '0']]],
  [['x > y', 'y > z', 'z > x'], [['x', 'y'], ['x - z', '0']]],
];

const cases: EqCase[] = contradictions.flatMap(([assume, statements]) => statements.map(([a, b]) => ({ a, b, assume, expect: 'unsat' as const })));

describe('contradictory facts prove nothing', () => {
  it.each(cases.map((c) => [label(c), c] as const))('equivalent: %s', (_l, c) => assertDecision(c, () => equivalent(c.a, c.b, { assume: c.assume })));

  it.each(cases.slice(0, 12).map((c) => [label(c), c] as const))('checkChain: %s', (_l, c) =>
    assertDecision(c, () => {
      const l = checkChain([c.a, c.b], { assume: c.assume }).links[0]!;
      return { verdict: l.verdict, counterexample: l.counterexample };
    }),
  );
});

/** A derivation under contradictory facts: its expectation is never proven. */
const derivations = [
  { loss: '(relu(z) - y)^2/2', wrt: 'z', assume: ['z > 1', 'z < 0'], expected: 'z - y' },
  { loss: '(relu(z) - y)^2/2', wrt: 'z', assume: ['z > 1', 'z < 0'], expected: '0' },
  { loss: 'abs(z)', wrt: 'z', assume: ['z > 0', 'z < 0'], expected: '1' },
  { loss: 'x^3', wrt: 'x', assume: ['x^2 = -1'], expected: '-3' },
  { loss: 'y*x^2', wrt: 'x', assume: ['y^2 = -4'], expected: '0' },
  { loss: 'exp(x)', wrt: 'x', assume: ['exp(x) = 0'], expected: '0' },
  { loss: 'log(sigmoid(z))', wrt: 'z', assume: ['sigmoid(z) = 1'], expected: '0' },
  { loss: '-(y*log(a) + (1 - y)*log(1 - a))', let: ['a = sigmoid(z)'], wrt: 'z', assume: ['y > 1', 'y < 0'], expected: 'a' },
  { loss: 'w*x', wrt: 'w', assume: ['x = 1', 'x = 2'], expected: '1' },
  { loss: 'w*x', wrt: 'w', assume: ['x = 1', 'x = 2'], expected: '2' },
];

describe('derive: contradictory facts prove no expectation', () => {
  it.each(derivations.map((d) => [`∂(${d.loss})/∂${d.wrt} = ${d.expected} given ${d.assume.join(', ')}`, d] as const))('%s', (_l, d) => {
    let verdict: string;
    try {
      verdict = derive({ loss: d.loss, let: d.let ?? [], wrt: d.wrt, expect: d.expected, assume: d.assume }).expectations[0]!.verdict;
    } catch (err) {
      if (!(err instanceof GradproofError)) throw err;
      verdict = `error:${err.code}`;
      expect(err.code, err.message).not.toBe('internal');
      return;
    }
    expect(verdict).toBe('unknown');
  });
});
