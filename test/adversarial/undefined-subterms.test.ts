/**
 * Class 3: nothing may erase a subterm's definedness. An equality whose one side is
 * undefined everywhere is not proven; one that holds only where a subterm is defined is
 * proven with that subterm's condition (`u != 0`, `u > 0`, `u >= 0`), never without it.
 */
import { describe, it } from 'vitest';
import { equivalent } from '../../src/index.js';
import { assertDecision, label, type EqCase } from './support.js';

const cases: EqCase[] = [
  // Undefined everywhere: no point where both sides are defined, so nothing to prove or
  // refute (or refused as bad input, like a division by something zero everywhere).
  { a: '0/0', b: '0', expect: 'undefined' },
  { a: '0/0', b: '1', expect: 'undefined' },
  { a: 'x + 0/0', b: 'x', expect: 'undefined' },
  { a: 'x*(0/0)', b: '0', expect: 'undefined' },
  { a: '0*log(-1)', b: '0', expect: 'undefined' },
  { a: 'x + 0*log(-1)', b: 'x', expect: 'undefined' },
  { a: '0*sqrt(-1)', b: '0', expect: 'undefined' },
  { a: '0*(1/0)', b: '0', expect: 'undefined' },
  { a: '(1/0)^0', b: '1', expect: 'undefined' },
  { a: 'log(0)^0', b: '1', expect: 'undefined' },
  { a: 'log(-1)^0', b: '1', expect: 'undefined' },
  { a: '0*log(-exp(x))', b: '0', expect: 'undefined' },
  { a: '0*log(-x^2 - 1)', b: '0', expect: 'undefined' },
  { a: 'y - y + 0/0', b: '0', expect: 'undefined' },
  { a: '0/0 - 0/0', b: '0', expect: 'undefined' },
  { a: 'sqrt(-1 - x^2)*0', b: '0', expect: 'undefined' },
  // Defined only where a denominator is not zero: proven, with that condition.
  { a: '0/x', b: '0', expect: 'proven', conditions: ['x != 0'] },
  { a: 'x/x', b: '1', expect: 'proven', conditions: ['x != 0'] },
  { a: '(x^-1)^-1', b: 'x', expect: 'proven', conditions: ['x != 0'] },
  { a: '1/(1/x)', b: 'x', expect: 'proven', conditions: ['x != 0'] },
  { a: 'x^2/x', b: 'x', expect: 'proven', conditions: ['x != 0'] },
  { a: '0*(1/x)', b: '0', expect: 'proven', conditions: ['x != 0'] },
  { a: '(1/x)^0', b: '1', expect: 'proven', conditions: ['x != 0'] },
  { a: '0/(x - 1)', b: '0', expect: 'proven', conditions: ['x != 1'] },
  { a: 'y + 0/x', b: 'y', expect: 'proven', conditions: ['x != 0'] },
  { a: 'x*y/y', b: 'x', expect: 'proven', conditions: ['y != 0'] },
  { a: '(x - 2)/(x - 2)', b: '1', expect: 'proven', conditions: ['x != 2'] },
  // Defined only where a logarithm's argument is positive.
  { a: '0*log(x)', b: '0', expect: 'proven', conditions: ['x > 0'] },
  { a: 'log(x)^0', b: '1', expect: 'proven', conditions: ['x > 0'] },
  { a: 'exp(log(x))', b: 'x', expect: 'proven', conditions: ['x > 0'] },
  { a: 'y + 0*log(x)', b: 'y', expect: 'proven', conditions: ['x > 0'] },
  { a: 'log(x) - log(x)', b: '0', expect: 'proven', conditions: ['x > 0'] },
  // Defined only where a square root's argument is not negative.
  { a: 'sqrt(x)^2', b: 'x', expect: 'proven', conditions: ['x >= 0'] },
  { a: '(x^(1/2))^2', b: 'x', expect: 'proven', conditions: ['x >= 0'] },
  { a: '0*sqrt(x)', b: '0', expect: 'proven', conditions: ['x >= 0'] },
  { a: 'sqrt(x) - sqrt(x)', b: '0', expect: 'proven', conditions: ['x >= 0'] },
  { a: 'sqrt(x)^0', b: '1', expect: 'proven', conditions: ['x >= 0'] },
  // With the condition stated, the same equalities are proven outright.
  { a: 'sqrt(x)^2', b: 'x', assume: ['x >= 0'], expect: 'proven', conditions: [] },
  { a: '0/x', b: '0', assume: ['x != 0'], expect: 'proven', conditions: [] },
  { a: '(x^-1)^-1', b: 'x', assume: ['x > 0'], expect: 'proven', conditions: [] },
  // Identities that hold on a smaller set than one side is defined on: refuted off it.
  { a: 'sqrt(x^2)', b: 'x', expect: 'refuted' },
  { a: '(x^2)^(1/2)', b: 'x', expect: 'refuted' },
  { a: 'log(x^2)', b: '2*log(x)', expect: 'true' },
  { a: 'log(exp(x))', b: 'x', expect: 'proven', conditions: [] },
  // Undefined in a named intermediate: names do not hide it.
  { a: 'a', b: '0', let: ['a = 0/0'], expect: 'undefined' },
  { a: 'x + a', b: 'x', let: ['a = 0*log(-1)'], expect: 'undefined' },
  { a: 'a', b: '0', let: ['a = 0/x'], expect: 'proven', conditions: ['x != 0'] },
  { a: 'b', b: 'x', let: ['b = sqrt(x)^2'], expect: 'proven', conditions: ['x >= 0'] },
];

describe('undefined subterms are never erased', () => {
  it.each(cases.map((c) => [label(c), c] as const))('%s', (_l, c) => assertDecision(c, () => equivalent(c.a, c.b, { let: c.let, assume: c.assume })));
});
