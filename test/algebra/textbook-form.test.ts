/**
 * Issue 15, "Textbook form": like terms that differ only in the order of their factors are
 * collected without expanding their sums, and a number the terms of a sum share comes out
 * of it. Every derived gradient is also checked against finite differences.
 */
import { describe, expect, it } from 'vitest';
import { derive } from '../../src/api/derive.js';
import { expectMatchesFiniteDifferences } from '../support/fd.js';

describe('like terms whose factors differ only in order are collected, sums kept whole', () => {
  it.each([
    // The loss is the sum itself: ∂L/∂z collects it without expanding (a - y).
    ['z*(x*(a - y) + (a - y)*x)', 'z', '2*x*(a - y)'],
    ['z*x*(a - y)*(b - c) + z*(b - c)*(a - y)*x', 'z', '2*x*(a - y)*(b - c)'],
    ['z*(x*(a - y)^2 - 3*(a - y)^2*x)', 'z', '-2*x*(a - y)^2'],
    // The sum rule yields a + a - y - y; the 2 both terms share joins the product.
    ['z*(x*(a - y) + (a - y)*x)', 'x', '2*z*(a - y)'],
    ['x^2*(a - y)', 'x', '2*x*(a - y)'],
  ])('%s, by %s: %s', (loss, wrt, result) => {
    const out = derive({ loss, wrt });
    expect(out.result).toBe(result);
    expect(out.steps.some((s) => s.rule === 'alg.expand')).toBe(false);
    expectMatchesFiniteDifferences(out);
  });

  it('terms that cancel leave nothing', () => {
    const out = derive({ loss: 'z*(x*(a - y) - (a - y)*x) + z', wrt: 'z' });
    expect(out.result).toBe('1');
    expectMatchesFiniteDifferences(out);
  });

  it('x*(a - y) + (a - y)*x and 2*x*(a - y) are proven equal', () => {
    const out = derive({ loss: 'z*(x*(a - y) + (a - y)*x)', wrt: 'z', expect: '2*x*(a - y)' });
    expect(out.verdict).toBe('proven');
    expect(out.result).toBe('2*x*(a - y)');
  });
});
