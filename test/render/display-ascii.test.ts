import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/ascii.js';
import { toDisplayAscii } from '../../src/render/display-ascii.js';

describe('ASCII for reading: derivatives in ∂ notation', () => {
  it.each([
    ['diff(L, a2)', '∂L/∂a2'],
    ['diff(L, a2)*diff(a2, z2)', '∂L/∂a2 · ∂a2/∂z2'],
    ['y*diff(L, a2)*(1 - a2)', '∂L/∂a2 · y*(1 - a2)'],
    ['2*diff(L, a2)', '2 · ∂L/∂a2'],
    ['-diff(L, a2)', '-∂L/∂a2'],
    ['1/diff(L, a2)', '1/(∂L/∂a2)'],
    ['diff(L, a2)^2', '(∂L/∂a2)^2'],
    ['diff(x^2, x)', '∂/∂x [x^2]'],
    ['diff(x^2*diff(L, a), x)', '∂/∂x [∂L/∂a · x^2]'],
    ['diff(L, a2) + diff(L, b2)', '∂L/∂a2 + ∂L/∂b2'],
    ['(1 - y)/(1 - a2) - y/a2', '(1 - y)/(1 - a2) - y/a2'],
  ])('%s  →  %s', (input, expected) => {
    expect(toDisplayAscii(parse(input))).toBe(expected);
  });
});
