/**
 * Bugs the fuzzing found and that are not fixed yet, each as its minimal reproduction. These
 * tests pass while the bug is there (`it.fails`); when a fix lands, they fail: turn each into
 * an ordinary test then, and widen the generators in arbitraries.ts again.
 */
import { describe, expect, it } from 'vitest';
import { num, pow } from '../../src/expr/node.js';
import { toAscii } from '../../src/expr/print.js';
import { parse } from '../../src/parse/ascii.js';
import { derive } from '../../src/api/derive.js';

// No known bug is open: a new one goes here as an `it.fails` in a 'known bugs' describe.

describe('fixed bugs found by fuzzing', () => {
  // The engine adds fractional exponents (x^(-3/2)*x^(-1/2) = x^(-2)); the kernel's algebra
  // treated each fractional power as an unrelated atom, so it rejected the engine's own proof.
  it('fractional powers of one base: x^(-1/2)*log(x^(-1/2))', () => {
    const r = derive({ loss: 'x^(-1/2)*log(x^(-1/2))', wrt: 'x' });
    expect([r.result, r.conditions]).toEqual(['-1/(2*x^2*x^(-1/2)) - x^(-3/2)*log(x^(-1/2))/2', ['x^(-1/2) > 0']]);
  });

  // 0^(-2) printed as 1/0, which reads back as 0^(-1).
  it('0 to a negative power prints back as the same node', () => {
    const e = pow(num(0), num(-2));
    expect([toAscii(e), parse(toAscii(e)) === e]).toEqual(['0^(-2)', true]);
  });

  // A collect inside a quotient dropped x^2/x^2 while the quotient still divided by x: the
  // step was recorded deeper than where its conditions were read. Found with FUZZ_RUNS=300.
  // Found as huber(y, 1/2, 1/x^2), whose derivative now comes from Huber's own smooth rule;
  // its definition written out keeps the case that failed.
  it('a condition is read where the step is recorded: huber(y, 1/2, 1/x^2) written out', () => {
    const loss = 'piecewise(abs(1/2 - y) <= 1/x^2, (1/2 - y)^2/2, abs(1/2 - y) > 1/x^2, 1/x^2*(abs(1/2 - y) - 1/x^2/2))';
    expect(derive({ loss, wrt: 'x' }).conditions).toEqual(['abs(1/2 - y) - 1/x^2 != 0', 'x != 0']);
  });
});
