/** Bad input through derive(): a typed error with an exact message and, where known, its position. */
import { describe, expect, it } from 'vitest';
import { derive, type DeriveInput } from '../../src/api/derive.js';
import { GradproofError } from '../../src/expr/errors.js';

const BCE = '-(y*log(a2) + (1-y)*log(1-a2))';

const table: ReadonlyArray<readonly [what: string, input: DeriveInput, code: string, formatted: string]> = [
  ['a misspelt variable', { loss: BCE, let: ['a2 = sigmoid(z2)'], wrt: 'z3' }, 'unknown-variable', "error: --wrt z3: the loss does not use z3; did you mean 'z2'? (it uses a2, y, z2)"],
  ['a variable the loss does not use (no guess for a one-letter name, and the loss’s own name is not among the names)', { loss: BCE, let: ['a2 = sigmoid(z2)'], wrt: 'q' }, 'unknown-variable', "error: --wrt q: the loss does not use q (it uses a2, y, z2)"],
  ['a name one edit from the loss’s own name: L is not suggested', { loss: BCE, let: ['a2 = sigmoid(z2)'], wrt: 'Lq' }, 'unknown-variable', 'error: --wrt Lq: the loss does not use Lq (it uses a2, y, z2)'],
  ['more than one name after --wrt', { loss: 'x^2', wrt: 'x y' }, 'usage', "error: --wrt takes one variable name, not 'x y'"],
  // (cosh has a derivative rule since log_cosh needs it; a comparison has none.)
  ['a function no rule differentiates', { loss: 'gt(z, 0)', wrt: 'z' }, 'unknown-function', 'error: no rule differentiates the function gt (in diff(z > 0, z))'],
  ['a division by something zero everywhere', { loss: 'x/(x - x)', wrt: 'x' }, 'syntax', 'error: L divides by x - x, which is zero everywhere'],
  ['a loss with no variable at all', { loss: '1/2', wrt: 'x' }, 'unknown-variable', 'error: --wrt x: the loss does not use x (it uses no variable)'],
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
