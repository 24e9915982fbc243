import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/ascii.js';
import type { Condition } from '../../src/proof/types.js';
import { conditionToLatex, conditionToText } from '../../src/render/conditions.js';
import { expectKatex } from './katex.js';

describe('conditions read as people state them', () => {
  it.each([
    ['nonzero', 'a2', 'a2 != 0', String.raw`a_{2} \neq 0`],
    ['nonzero', '1 - a2', 'a2 != 1', String.raw`a_{2} \neq 1`],
    ['nonzero', 'a2 - 1', 'a2 != 1', String.raw`a_{2} \neq 1`],
    ['nonzero', '2*x + 1', 'x != -1/2', String.raw`x \neq -\frac{1}{2}`],
    ['nonzero', '-3*x', 'x != 0', String.raw`x \neq 0`],
    ['nonzero', 'a2*(1 - a2)', 'a2*(1 - a2) != 0', String.raw`a_{2} \left(1 - a_{2}\right) \neq 0`],
    ['nonzero', 'x + y', 'x + y != 0', String.raw`x + y \neq 0`],
    ['positive', 'u', 'u > 0', 'u > 0'],
    ['positive', '1 - a2', 'a2 < 1', 'a_{2} < 1'],
    ['positive', '1 + exp(-z)', '1 + exp(-z) > 0', '1 + e^{-z} > 0'],
    ['nonnegative', 'x', 'x >= 0', String.raw`x \geq 0`],
    ['nonnegative', '1 - a2', 'a2 <= 1', String.raw`a_{2} \leq 1`],
    ['nonnegative', '2*x + 1', 'x >= -1/2', String.raw`x \geq -\frac{1}{2}`],
    ['nonnegative', 'x + y', 'x + y >= 0', String.raw`x + y \geq 0`],
  ] as const)('%s(%s)  →  %s', (kind, expr, text, latex) => {
    const c: Condition = { kind, expr: parse(expr) };
    expect(conditionToText(c)).toBe(text);
    expect(conditionToLatex(c)).toBe(latex);
    expectKatex(latex);
  });
});
