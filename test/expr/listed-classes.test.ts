/**
 * Functions over families called by name: `cce([y1, y2, y3], [a1, a2, a3])` over listed
 * classes and `cce(y, a, K)` over families, opened as the definition says, evaluated the
 * same way, and a tampered opening refused by the kernel.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/ascii.js';
import { parseProblem } from '../../src/parse/problem.js';
import { openCall } from '../../src/expr/functions.js';
import { evaluate } from '../../src/expr/eval.js';
import { toAscii } from '../../src/expr/print.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { functionTable } from '../../src/rules/load.js';
import { runProblem } from '../../src/api/derive.js';
import { checkProof } from '../../src/kernel/index.js';
import { GradproofError } from '../../src/expr/errors.js';
import { ROOT } from '../support/source.js';

const rules = builtinRules();
const open = (s: string): string | undefined => {
  const e = openCall(parse(s), rules.defs);
  return e && toAscii(e);
};

describe('opening cce', () => {
  it.each([
    ['cce([y1, y2, y3], [a1, a2, a3])', '-(y1*log(a1) + y2*log(a2) + y3*log(a3))'],
    ['cce([1 - p, p], [1 - q, q])', '-(p*log(q) + (1 - p)*log(1 - q))'],
    ['cce(y, a, K)', '-sum(k, 1, K, y[k]*log(a[k]))'],
    ['cce(y, a, 3)', '-sum(k, 1, 3, y[k]*log(a[k]))'],
  ])('%s  →  %s', (call, opened) => {
    expect(open(call)).toBe(opened);
  });

  it.each([
    ['lists of different lengths', 'cce([y1, y2], [a1, a2, a3])'],
    ['a list and a family', 'cce([y1, y2], a)'],
    ['lists and the size as well', 'cce([y1, y2], [a1, a2], 2)'],
    ['a list for a parameter that is not a family', 'bce([y1, y2], a)'],
  ])('is not opened with %s', (_, call) => {
    expect(open(call)).toBeUndefined();
  });

  it('a list stands alone as an argument', () => {
    expect(parse('cce([y1, y2], [a1, a2])')).toBe(parse('cce(list(y1, y2), list(a1, a2))'));
    expect(parse('foo([a, b])*[c + d]')).toBe(parse('foo(list(a, b))*(c + d)'));
    // One bracketed expression is brackets, not a list.
    expect(parse('foo([a])')).toBe(parse('foo(a)'));
    expect(() => parse('cce([y1, y2] + 1, [a1, a2])')).toThrow(GradproofError);
    expect(() => parse('cce([y1, y2] + 1, [a1, a2])')).toThrow('a list [...] is an argument of its own: a comma or a closing parenthesis must follow it');
  });
});

describe('the value of cce is the value of its opening', () => {
  const fns = functionTable(rules.defs);
  const point: Record<string, number> = { y1: 0.2, y2: 0.5, y3: 0.3, a1: 0.1, a2: 0.7, a3: 0.2, K: 3, 'y[1]': 0.2, 'y[2]': 0.5, 'y[3]': 0.3, 'a[1]': 0.1, 'a[2]': 0.7, 'a[3]': 0.2 };
  const value = (s: string): number => evaluate(parse(s), (n) => point[n], { fns });
  const expected = -(0.2 * Math.log(0.1) + 0.5 * Math.log(0.7) + 0.3 * Math.log(0.2));

  it.each(['cce([y1, y2, y3], [a1, a2, a3])', 'cce(y, a, K)', 'cce(y, a, 3)', '-sum(k, 1, K, y[k]*log(a[k]))'])('%s', (s) => {
    expect(value(s)).toBeCloseTo(expected, 12);
  });

  it('is NaN for lists of different lengths, or a size that is not a whole number', () => {
    expect(value('cce([y1, y2], [a1, a2, a3])')).toBeNaN();
    expect(value('cce(y, a, 2.5)')).toBeNaN();
  });
});

describe('the kernel replays the opening and refuses a tampered one', () => {
  for (const file of ['softmax-cce-3-named.grad', 'softmax-cce-K-named.grad']) {
    it(file, () => {
      const o = runProblem(parseProblem(readFileSync(join(ROOT, 'examples', file), 'utf8'), file));
      const proof = o.checked.proof;
      const at = proof.steps.findIndex((s) => s.rule === 'def.function');
      expect(at).toBeGreaterThanOrEqual(0);
      expect(checkProof(proof, rules.admitted).ok).toBe(true);
      // The opening with two classes' labels swapped: the replay stops at that step.
      const s = proof.steps[at]!;
      const swapped = parse(toAscii(s.after).replaceAll('y2', '%').replaceAll('y3', 'y2').replaceAll('%', 'y3').replaceAll('y[k]', 'y[k + 1]'));
      const steps = proof.steps.map((x, i) => (i === at ? { ...x, after: swapped } : x));
      const r = checkProof({ ...proof, steps }, rules.admitted);
      expect(r.ok).toBe(false);
      // (steps are counted from 1)
      expect(r.ok ? -1 : r.step).toBe(at + 1);
    });
  }
});
