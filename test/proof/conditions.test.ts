/** Side conditions: what the assumptions imply is discharged; what holds by its form is never one. */
import { describe, expect, it } from 'vitest';
import { num, sym } from '../../src/expr/node.js';
import { parse } from '../../src/parse/ascii.js';
import { isPositiveConstant } from '../../src/expr/traverse.js';
import { reduceConditions } from '../../src/proof/conditions.js';
import { derive } from '../../src/index.js';

describe('conditions on positive constants', () => {
  it.each([
    ['2', num(2), true],
    ['pi', sym('pi'), true],
    ['sqrt(pi)', parse('sqrt(pi)'), true],
    ['-2', num(-2), false],
    ['x', sym('x'), false],
    ['sqrt(x)', parse('sqrt(x)'), false],
  ])('%s is positive by its form: %s', (_, e, positive) => expect(isPositiveConstant(e)).toBe(positive));

  it('are dropped, neither remaining nor discharged', () => {
    const sqrtPi = parse('sqrt(pi)');
    const r = reduceConditions([{ kind: 'nonzero', expr: sqrtPi }, { kind: 'nonzero', expr: sym('x') }], []);
    expect(r).toEqual({ remaining: [{ kind: 'nonzero', expr: sym('x') }], discharged: [] });
  });

  it('never reach a result: d/dx (x/sqrt(pi) + x/sqrt(2))', () => {
    expect(derive({ loss: 'x/sqrt(pi) + x/sqrt(2)', wrt: 'x' })).toMatchObject({ result: '1/sqrt(2) + 1/sqrt(pi)', conditions: [] });
  });
});
