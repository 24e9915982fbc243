/** Bad input through derive(): a typed error with an exact message and, where known, its position. */
import { describe, expect, it } from 'vitest';
import { derive, type DeriveInput } from '../../src/api/derive.js';
import { GradproofError } from '../../src/expr/errors.js';

const table: ReadonlyArray<readonly [what: string, input: DeriveInput, code: string, formatted: string]> = [
  ['more than one name after --wrt', { loss: 'x^2', wrt: 'x y' }, 'usage', "error: --wrt takes one variable name, not 'x y'"],
  // (cosh has a derivative rule since log_cosh needs it; a comparison has none.)
  ['a function no rule differentiates', { loss: 'gt(z, 0)', wrt: 'z' }, 'unknown-function', 'error: no rule differentiates the function gt (in diff(z > 0, z))'],
  ['a division by something zero everywhere', { loss: 'x/(x - x)', wrt: 'x' }, 'syntax', 'error: L divides by x - x, which is zero everywhere'],
  ['a function nobody defined', { loss: 'gamma(z)', wrt: 'z' }, 'unknown-function', "loss:1:1: error: unknown function 'gamma'\n  gamma(z)\n  ^"],
  ['cyclic definitions', { loss: 'a + 1', let: ['a = b*2', 'b = a + z'], wrt: 'z' }, 'cycle', 'error: cyclic definitions: a -> b -> a'],
  ['a name defined twice', { loss: 'a + 1', let: ['a = z', 'a = 2*z'], wrt: 'z' }, 'duplicate', 'error: a is defined twice'],
  ['an unclosed call', { loss: 'sigmoid(z', wrt: 'z' }, 'syntax', "loss:1:1: error: missing ')' to close the call to sigmoid\n  sigmoid(z\n  ^"],
  ['a misspelt function', { loss: 'sigmod(z)', wrt: 'z' }, 'unknown-function', "loss:1:1: error: unknown function 'sigmod'; did you mean 'sigmoid'?\n  sigmod(z)\n  ^"],
  ['an unfinished expectation', { loss: 'x^2', wrt: 'x', expect: '2*x +' }, 'syntax', '--expect:1:6: error: unexpected end of input\n  2*x +\n       ^'],
  ['redefining a function', { loss: 'x^2', let: ['sigmoid = x'], wrt: 'x' }, 'syntax', "--let:1:1: error: cannot redefine 'sigmoid'\n  sigmoid = x\n  ^"],
  ['an unfinished assumption', { loss: 'x^2', wrt: 'x', assume: 'x >' }, 'syntax', '--assume:1:4: error: unexpected end of input\n  x >\n     ^'],
];

describe('derive() rejects bad input with a typed, positioned error', () => {
  it.each(table)('%s', (_, input, code, formatted) => {
    let caught: unknown;
    try {
      derive(input);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(GradproofError);
    const e = caught as GradproofError;
    expect(e.code).toBe(code);
    expect(e.format()).toBe(formatted);
  });
});
