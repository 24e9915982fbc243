import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { derive } from '../../src/api/derive.js';
import { parse } from '../../src/parse/ascii.js';
import { Definitions } from '../../src/expr/context.js';
import { numericDerivative, valueAt } from '../../src/expr/numeric.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { functionTable } from '../../src/rules/load.js';

const fns = functionTable(builtinRules().defs);

/** The derived gradient against central differences on both sides of the kink. */
function bothSides(loss: string, wrt: string, result: string, point: Record<string, number>, kink: number): void {
  for (const side of [-0.37, 0.41]) {
    const p = { ...point, [wrt]: kink + side };
    const fd = numericDerivative(parse(loss, { functions: builtinRules().functions }), wrt, p, new Definitions([]), { fns });
    const got = valueAt(parse(result, { functions: builtinRules().functions }), p, new Definitions([]), { fns });
    expect(got, `${wrt} = ${p[wrt]}`).toBeCloseTo(fd, 6);
  }
}

describe('piecewise functions differentiate into cases, the kink named', () => {
  // LaTeX as textbooks write a kink: an indicator where the cases are 1 and 0, sign(u) where
  // they are 1 and -1 either side of 0, cases otherwise (the `Cases` kept in the plain result).
  const CASES = /^\\begin\{cases\}/;
  it.each([
    ['relu(z)', 'z', 'piecewise(z > 0, 1, z < 0, 0)', ['z != 0'], {}, 0, '\\mathbf{1}[z > 0]'],
    ['leaky_relu(z, 1/10)', 'z', 'piecewise(z > 0, 1, z < 0, 1/10)', ['z != 0'], {}, 0, CASES],
    ['elu(z, 1)', 'z', 'piecewise(z > 0, 1, z < 0, exp(z))', ['z != 0'], {}, 0, CASES],
    ['abs(z - 1)', 'z', 'piecewise(z - 1 > 0, 1, z - 1 < 0, -1)', ['z != 1'], {}, 1, '\\operatorname{sign}\\left(z - 1\\right)'],
    ['hinge(y, s)', 's', 'piecewise(s*y < 1, -y, s*y > 1, 0)', ['s*y - 1 != 0'], { y: 1 }, 1, CASES],
    ['squared_hinge(y, s)', 's', 'piecewise(s*y < 1, -2*y*(1 - s*y), s*y > 1, 0)', ['s*y - 1 != 0'], { y: 1 }, 1, CASES],
  ] as const)('%s by %s', (loss, wrt, result, conditions, point, kink, latex) => {
    const r = derive({ loss, wrt });
    expect(r.result).toBe(result);
    expect(r.conditions).toEqual(conditions);
    expect(r.checked).toBe(true);
    bothSides(loss, wrt, r.result, point, kink);
    expect(() => katex.renderToString(r.resultLatex, { throwOnError: true })).not.toThrow();
    if (typeof latex === 'string') expect(r.resultLatex).toBe(latex);
    else expect(r.resultLatex).toMatch(latex);
  });

  // Huber written out as its definition (by name it has its own smooth derivative, test/calculus/huber.test.ts).
  it('quadratic inside delta, linear outside (the nested cases written as one)', () => {
    const loss = 'piecewise(abs(a - y) <= 1, (a - y)^2/2, abs(a - y) > 1, abs(a - y) - 1/2)';
    const r = derive({ loss, wrt: 'a' });
    expect(r.result).toBe('piecewise(abs(a - y) < 1, a - y, a - y > 0, 1, a - y < 0, -1)');
    expect(r.steps.map((s) => s.rule)).toContain('d.piecewise-flatten-lt-2');
    expect(r.conditions).toEqual(['abs(a - y) - 1 != 0', 'a - y != 0']);
    for (const a of [-2.3, -0.6, 0.4, 1.7]) {
      const p = { y: 0, a };
      const opts = { functions: builtinRules().functions };
      const fd = numericDerivative(parse(loss, opts), 'a', p, new Definitions([]), { fns });
      expect(valueAt(parse(r.result, opts), p, new Definitions([]), { fns })).toBeCloseTo(fd, 6);
    }
  });

  it('at the kink itself the derivative has no value, it is never given one', () => {
    const r = derive({ loss: 'relu(z)', wrt: 'z' });
    expect(valueAt(parse(r.result), { z: 0 }, new Definitions([]), { fns })).toBeNaN();
  });
});

describe('an assumption selects the branch, and the result simplifies within it', () => {
  it.each([
    ['(relu(z) - y)^2/2', 'z > 0', 'z - y'],
    ['(relu(z) - y)^2/2', 'z < 0', '0'],
    ['leaky_relu(z, 1/10)', 'z < 0', '1/10'],
    ['abs(z)', 'z > 0', '1'],
  ])('%s with %s', (loss, assume, result) => {
    const r = derive({ loss, wrt: 'z', assume });
    expect(r.result).toBe(result);
    expect(r.checked).toBe(true);
    expect(r.conditions).toEqual([]);
    expect(r.steps.some((s) => s.kind === 'assumption' && s.rule === 'assume')).toBe(true);
  });
});
