/**
 * The chain rule over a graph of definitions: names used twice, several paths from the
 * loss to the variable, the loss given as a defined name. Each gradient is exact as the
 * engine prints it and agrees with finite differences.
 */
import { describe, expect, it } from 'vitest';
import { derive } from '../../src/api/derive.js';
import { deriveGradient } from '../../src/calculus/gradient.js';
import { parse, parseDefinition } from '../../src/parse/ascii.js';
import { toAscii } from '../../src/expr/print.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { expectMatchesFiniteDifferences } from '../support/fd.js';

const gradient = (loss: string, lets: readonly string[], wrt: string) =>
  deriveGradient({ definitions: lets.map((l) => parseDefinition(l)), loss: parse(loss), wrt }, builtinRules());

describe('the chain rule through a graph', () => {
  it.each([
    ['a name used twice: a*a', 'a*a', ['a = sigmoid(z)'], 'z', '2*a^2*(1 - a)'],
    ['two paths: a + z', 'a + z', ['a = sigmoid(z)'], 'z', '1 + a - a^2'],
    ['two paths: c = a*b', 'c', ['a = sigmoid(z)', 'b = tanh(z)', 'c = a*b'], 'z', 'a*(1 + b*(1 - a - b))'],
    ['two outputs sharing a weight', '(a - y)^2/2 + (b - y)^2/2', ['a = w*x', 'b = w*u'], 'w', 'u*(b - y) + x*(a - y)'],
    ['logistic regression with two inputs', '-(y*log(a) + (1-y)*log(1-a))', ['a = sigmoid(z)', 'z = w1*x1 + w2*x2 + b'], 'w2', '(a - y)*x2'],
    ['the loss as a defined name', 'L', ['L = (a - y)^2/2', 'a = sigmoid(z)'], 'z', '(a - y)*a*(1 - a)'],
    ['like terms collected: x + x + x*x', 'x + x + x*x', [], 'x', '2 + 2*x'],
  ] as const)('%s', (_, loss, lets, wrt, result) => {
    const r = derive({ loss, let: lets, wrt });
    expect(r.result).toBe(result);
    expectMatchesFiniteDifferences(r);
  });

  it('a definition that uses another: a + b with b = a^2 (the calculus stage)', () => {
    const g = gradient('a + b', ['a = sigmoid(z)', 'b = a^2'], 'z');
    expect(toAscii(g.main.current)).toBe('a*(1 + a - 2*b)');
    expectMatchesFiniteDifferences(g);
  });

  it('a definition that uses another: a + b with b = a^2 (derive, replayed by the kernel)', () => {
    const r = derive({ loss: 'a + b', let: ['a = sigmoid(z)', 'b = a^2'], wrt: 'z' });
    expect(r.result).toBe('a*(1 + a - 2*b)');
    expectMatchesFiniteDifferences(r);
  });

  it('the gradient is never written in terms of the loss itself', () => {
    for (const [loss, wrt, result] of [
      ['exp(x^2)', 'x', '2*x*exp(x^2)'],
      ['x*exp(x)', 'x', 'exp(x)*(1 + x)'],
      ['sqrt(x)', 'x', '1/(2*sqrt(x))'],
    ] as const) {
      const g = gradient(loss, [], wrt);
      expect(toAscii(g.main.current)).toBe(result);
      expect(g.recorder.steps.filter((s) => s.rule === 'def.fold')).toEqual([]);
      expectMatchesFiniteDifferences(g);
    }
    // Nor in a lemma: ∂L/∂a for L = exp(a) stays exp(a).
    const g = gradient('exp(a)', ['a = 2*z'], 'z');
    expect(g.recorder.lemmas.map((l) => `${toAscii(l.start)} = ${toAscii(l.result)}`)).toEqual(['diff(L, a) = exp(a)', 'diff(a, z) = 2']);
    expect(toAscii(g.main.current)).toBe('2*exp(a)');
    expectMatchesFiniteDifferences(g);
  });

  it('each local derivative is proved once, however often it is used', () => {
    const g = gradient('a*a', ['a = sigmoid(z)'], 'z');
    expect(g.recorder.lemmas.map((l) => toAscii(l.start))).toEqual(['diff(L, a)', 'diff(a, z)']);
    expect(g.recorder.steps.filter((s) => s.rule === 'lemma').map((s) => s.lemma)).toEqual([1, 2]);
  });
});
