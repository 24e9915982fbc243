/**
 * The simplifier's moves, one named step at a time, through `simplify()` on a fresh
 * derivation: each row is the input, the steps (rule → form, with conditions) and the result.
 */
import { describe, expect, it } from 'vitest';
import { ProofRecorder } from '../../src/rewrite/builder.js';
import { simplify, tidy } from '../../src/algebra/simplify.js';
import { derive } from '../../src/index.js';
import { parse } from '../../src/parse/ascii.js';
import { toAscii } from '../../src/expr/print.js';
import { conditionToText } from '../../src/render/conditions.js';
import { builtinRules } from '../../src/rules/builtin.js';

/** Runs `simplify` (after `tidy` when asked) and returns the steps as `rule: after [conditions]`. */
function run(input: string, withTidy = false): { steps: string[]; result: string } {
  const recorder = new ProofRecorder();
  const d = recorder.main(parse(input));
  if (withTidy) tidy(d);
  simplify(d);
  const steps = recorder.steps.map((s) => {
    const conds = s.conditions.map(conditionToText).join(', ');
    return `${s.rule}: ${toAscii(s.after)}${conds ? `  [${conds}]` : ''}`;
  });
  // The derivation is a chain: each step starts where the previous ended, and ends at the result.
  recorder.steps.forEach((s, i) => expect(s.before).toBe(i === 0 ? d.start : recorder.steps[i - 1]!.after));
  if (recorder.steps.length) expect(recorder.steps.at(-1)!.after).toBe(d.current);
  for (const s of recorder.steps) expect([s.kind, builtinRules().byId.get(s.rule)?.kind]).toEqual(['algebra', 'algebra']);
  return { steps, result: toAscii(d.current) };
}

const table: ReadonlyArray<readonly [what: string, input: string, steps: readonly string[], result: string]> = [
  // Combine fractions, then expand and collect the numerator: the seed's ∂L/∂a2.
  ['combine fractions (the seed)', '(1 - y)/(1 - a2) - y/a2', [
    'alg.combine-fractions: (a2*(1 - y) - y*(1 - a2))/(a2*(1 - a2))  [a2 != 0, a2 != 1]',
    'alg.expand: (a2 - a2*y + a2*y - y)/(a2*(1 - a2))',
    'alg.collect: (a2 - y)/(a2*(1 - a2))',
  ], '(a2 - y)/(a2*(1 - a2))'],
  ['combine fractions, terms the other way round', 'y/a2 + (1 - y)/(1 - a2)', [
    'alg.combine-fractions: (a2*(1 - y) + y*(1 - a2))/(a2*(1 - a2))  [a2 != 0, a2 != 1]',
    'alg.expand: (a2 - a2*y - a2*y + y)/(a2*(1 - a2))',
    'alg.collect: (a2 - 2*a2*y + y)/(a2*(1 - a2))',
  ], '(a2 - 2*a2*y + y)/(a2*(1 - a2))'],
  ['combine fractions, then cancel', 'x/(x + 1) + 1/(x + 1)', [
    'alg.combine-fractions: (1 + x)/(1 + x)  [x != -1]',
    'alg.cancel-common-factor: 1  [x != -1]',
  ], '1'],
  ['fractions that cancel out', '1/x - 1/x', ['alg.combine-fractions: 0  [x != 0]'], '0'],
  ['opposite denominators', '1/(1 - x) + 1/(x - 1)', [
    'alg.combine-fractions: (x - x)/((x - 1)*(1 - x))  [x != 1, x != 1]',
    'alg.collect: 0  [x != 1, x != 1]',
  ], '0'],
  // Cancel, recording what must be nonzero.
  ['cancel the common factor (the seed)', 'a2*(1 - a2)*(a2 - y)/(a2*(1 - a2))', ['alg.cancel-common-factor: a2 - y  [a2 != 0, a2 != 1]'], 'a2 - y'],
  ['cancel x/x', 'x/x', ['alg.cancel-common-factor: 1  [x != 0]'], '1'],
  ['cancel x^2/x', 'x^2/x', ['alg.cancel-common-factor: x  [x != 0]'], 'x'],
  ['cancel with a coefficient', '3*x/x', ['alg.cancel-common-factor: 3  [x != 0]'], '3'],
  // A factor multiplied into the sum whose fractions it divides, then cancelled (the focal loss's last step).
  ['multiply into the sum, then cancel', 'a*(b/a + c)', [
    'alg.distribute: a*b/a + a*c',
    'alg.cancel-common-factor: a*c + b  [a != 0]',
  ], 'a*c + b'],
  ['each factor into the sum it cancels in', 'x*(1 - x)*(1/x - 1/(1 - x))', [
    'alg.distribute: x*(1 - x)/x - x*(1 - x)/(1 - x)',
    'alg.cancel-common-factor: 1 - x - x  [x != 0, x != 1]',
    'alg.collect: 1 - 2*x',
  ], '1 - 2*x'],
  // Like terms that are one product (factors in any order) collect without expanding the sum.
  ['one product written twice', 'x*(a - y) + (a - y)*x', ['alg.collect: 2*x*(a - y)'], '2*x*(a - y)'],
  ['a number shared by the terms of a sum factor', 'z*(2*a - 2*y)', ['alg.factor-out: 2*z*(a - y)'], '2*z*(a - y)'],
  // Powers of the same base.
  ['x*x', 'x*x', ['alg.multiply-powers: x^2'], 'x^2'],
  ['x*x^2', 'x*x^2', ['alg.multiply-powers: x^3'], 'x^3'],
  ['exp(x)*exp(x)', 'exp(x)*exp(x)', ['alg.multiply-powers: exp(x)^2'], 'exp(x)^2'],
  // Expand, collect.
  ['expand and collect', '(a + b)*(a - b) + b^2', ['alg.expand: a*a - a*b + a*b - b*b + b^2', 'alg.collect: a^2'], 'a^2'],
  ['expand and collect, one factor', 'a*(1 - a) + a^2', ['alg.expand: a - a*a + a^2', 'alg.collect: a'], 'a'],
  ['expand and collect, to a power', 'x*(1 + x) - x', ['alg.expand: x - x + x*x', 'alg.collect: x^2'], 'x^2'],
  ['collect like terms', '2 - x + x', ['alg.collect: 2'], '2'],
  ['collect x + x', 'x + x', ['alg.collect: 2*x'], '2*x'],
  ['collect like function terms', 'log(x) + log(x)', ['alg.collect: 2*log(x)'], '2*log(x)'],
  // Nothing to do: no step, the input is the result.
  ['a sum of unrelated fractions stays (combining is bigger)', '1/x + 1/y', [], '1/x + 1/y'],
  ['the textbook form stays', 'a2 - y', [], 'a2 - y'],
  ['σ(1 - σ) stays', 'sigmoid(z)*(1 - sigmoid(z))', [], 'sigmoid(z)*(1 - sigmoid(z))'],
  ['a factored product stays', 'a*(1 - a)*(a - y)', [], 'a*(1 - a)*(a - y)'],
];

describe('simplify(): the moves', () => {
  it.each(table)('%s: %s', (_, input, steps, result) => {
    const r = run(input);
    expect(r.steps).toEqual(steps);
    expect(r.result).toBe(result);
  });
});

describe('tidy() then simplify(): the sign first, as in the seed', () => {
  it('distributes the sign, then combines', () => {
    expect(run('-(y/a2 - (1 - y)/(1 - a2))', true).steps).toEqual([
      'alg.distribute: (1 - y)/(1 - a2) - y/a2',
      'alg.combine-fractions: (a2*(1 - y) - y*(1 - a2))/(a2*(1 - a2))  [a2 != 0, a2 != 1]',
      'alg.expand: (a2 - a2*y + a2*y - y)/(a2*(1 - a2))',
      'alg.collect: (a2 - y)/(a2*(1 - a2))',
    ]);
  });

  it('without tidy the sign stays outside (not the textbook form)', () => {
    expect(run('-(y/a2 - (1 - y)/(1 - a2))').result).toBe('-(y - a2)/(a2*(1 - a2))');
  });
});

describe('what the simplifier does not do (yet)', () => {
  it.each([
    ['a power of a sum is not expanded', '(x + 1)^2 - x^2'],
    ['a polynomial quotient is not reduced', '(x^2 - 1)/(x - 1)'],
  ])('%s: %s', (_, input) => {
    const r = run(input);
    expect(r.steps).toEqual([]);
    expect(r.result).toBe(toAscii(parse(input)));
  });
});

describe('a common factor is taken out', () => {
  it('(a - y)*x + (a - y)*w', () => {
    const r = run('(a - y)*x + (a - y)*w');
    expect(r.steps).toEqual(['alg.factor-out: (a - y)*(w + x)']);
  });
});

describe('steps the engine records are the steps the kernel accepts', () => {
  // Found by the differential test: a constructor folded (x - 2*x)^2 into x^2, and a collect
  // that dropped a whole quotient dropped its denominator without saying so.
  it.each([
    ['(cos(x) - sin(x))/(x - (x + x))', '(x*(cos(x) + sin(x)) + cos(x) - sin(x))/x^2'],
    ['x/x + x/y - sqrt(x/x)', '1/y'],
  ])('d/dx %s = %s, replayed', (loss, result) => {
    const r = derive({ loss, wrt: 'x' });
    expect(r.result).toBe(result);
  });
});
