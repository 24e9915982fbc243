/**
 * The functions of issue 14 on the rules side, each derived to an exact result, its kinks
 * as conditions, and checked against central finite differences on every side of them.
 */
import { describe, expect, it } from 'vitest';
import { derive } from '../../src/api/derive.js';
import { expectMatchesFiniteDifferences } from '../support/fd.js';
import { expectBadInput, gradproof } from '../cli/run.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { functionTable } from '../../src/rules/load.js';
import { parse } from '../../src/parse/ascii.js';
import { Definitions } from '../../src/expr/context.js';
import { valueAt } from '../../src/expr/numeric.js';

type Ranges = Readonly<Record<string, readonly [number, number]>>;

/** loss, wrt, exact result, conditions (the kinks), ranges that cross every kink. */
type Case = readonly [loss: string, wrt: string, result: string, conditions: readonly string[], ranges?: Ranges];
const CASES: readonly Case[] = [
  // Both arguments of leaky_relu and elu: in the slope there is no kink.
  ['leaky_relu(z, alpha)', 'z', 'piecewise(z > 0, 1, z < 0, alpha)', ['z != 0']],
  ['leaky_relu(z, alpha)', 'alpha', 'piecewise(z > 0, 0, z <= 0, z)', []],
  ['elu(z, alpha)', 'z', 'piecewise(z > 0, 1, z < 0, alpha*exp(z))', ['z != 0']],
  ['elu(z, alpha)', 'alpha', 'piecewise(z > 0, 0, z <= 0, exp(z) - 1)', []],
  // Both at once: the chain rule sums the two partials.
  ['leaky_relu(z, z^2)', 'z', '2*z*piecewise(z > 0, 0, z <= 0, z) + piecewise(z > 0, 1, z < 0, z^2)', ['z != 0']],
  ['max(x, y)', 'x', 'piecewise(x > y, 1, x < y, 0)', ['x - y != 0']],
  ['max(x, y)', 'y', 'piecewise(x > y, 0, x < y, 1)', ['x - y != 0']],
  ['min(x, y)', 'x', 'piecewise(x < y, 1, x > y, 0)', ['x - y != 0']],
  ['min(x, y)', 'y', 'piecewise(x < y, 0, x > y, 1)', ['x - y != 0']],
  ['max(x, x^2)', 'x', '2*x*piecewise(x > x^2, 0, x < x^2, 1) + piecewise(x > x^2, 1, x < x^2, 0)', ['x - x^2 != 0']],
  // Of three and four arguments.
  ['max(x, y, z)', 'x', 'piecewise(x > max(y, z), 1, x < max(y, z), 0)', ['x - max(y, z) != 0']],
  ['max(x, y, z, w)', 'w', 'piecewise(w > max(x, y, z), 1, w < max(x, y, z), 0)', ['w - max(x, y, z) != 0']],
  ['min(x, y, z)', 'z', 'piecewise(z < min(x, y), 1, z > min(x, y), 0)', ['z - min(x, y) != 0']],
  [
    'min(x, x^2, 3)',
    'x',
    '2*x*piecewise(x^2 < min(x, 3), 1, x^2 > min(x, 3), 0) + piecewise(x < min(x^2, 3), 1, x > min(x^2, 3), 0)',
    ['x - min(x^2, 3) != 0', 'x^2 - min(x, 3) != 0', '3 - min(x, x^2) != 0'],
  ],
  // clamp is read as clip.
  ['clamp(x, 0, 1)', 'x', 'piecewise(x < 0, 0, x > 1, 0, x > 0, 1)', ['x != 0', 'x != 1'], { x: [-1, 2] }],
  // Hinge and squared hinge, written out.
  ['max(0, 1 - y*f)', 'f', '-y*piecewise(0 > 1 - f*y, 0, 0 < 1 - f*y, 1)', ['-(1 - f*y) != 0']],
  ['max(0, 1 - y*f)^2', 'f', '-2*y*max(0, 1 - f*y)*piecewise(0 > 1 - f*y, 0, 0 < 1 - f*y, 1)', ['-(1 - f*y) != 0']],
  ['clip(x, lo, hi)', 'x', 'piecewise(x < lo, 0, x > hi, 0, x > lo, 1)', ['x - lo != 0', 'x - hi != 0']],
  ['clip(x, lo, hi)', 'lo', 'piecewise(lo < x, 0, lo > hi, 0, lo < hi, 1)', ['x - lo != 0', 'lo - hi != 0']],
  ['clip(x, lo, hi)', 'hi', 'piecewise(hi < max(x, lo), 1, hi > max(x, lo), 0)', ['hi - max(x, lo) != 0']],
  ['clip(2*x, -1, 1)', 'x', '2*piecewise(2*x < -1, 0, 2*x > 1, 0, 2*x > -1, 1)', ['x != -1/2', 'x != 1/2']],
  ['relu6(x)', 'x', 'piecewise(x < 0, 0, x > 6, 0, x > 0, 1)', ['x != 0', 'x != 6'], { x: [-3, 9] }],
  ['hardtanh(x)', 'x', 'piecewise(x < -1, 0, x > 1, 0, x > -1, 1)', ['x != -1', 'x != 1'], { x: [-3, 3] }],
  ['hard_sigmoid(x)', 'x', 'piecewise(x < -3, 0, x > 3, 0, x > -3, 1/6)', ['x != -3', 'x != 3'], { x: [-6, 6] }],
  [
    'selu(x)',
    'x',
    'piecewise(x > 0, 5253504936777402467096674926473/5000000000000000000000000000000, x < 0, 87904967042368842997010876040615967103012290445610415488549141*exp(x)/50000000000000000000000000000000000000000000000000000000000000)',
    ['x != 0'],
  ],
  [
    'gelu_tanh(x)',
    'x',
    'x*(1 + 26829*x^2/200000)*(1 - tanh((x + 8943*x^3/200000)*sqrt(2/pi))^2)*sqrt(2/pi)/2 + (1 + tanh((x + 8943*x^3/200000)*sqrt(2/pi)))/2',
    [],
  ],
  ['softsign(x)', 'x', '1/(1 + abs(x))^2', []],
  ['mish(x)', 'x', 'x*sigmoid(x)*(1 - tanh(softplus(x))^2) + tanh(softplus(x))', []],
  ['logsumexp([a, b, c])', 'a', 'exp(a)/(exp(a) + exp(b) + exp(c))', []],
  // n pieces: each boundary excluded, the nested cases written as one.
  ['piecewise(x < 0, 0, x < 1, x^2, x >= 1, 2*x - 1)', 'x', 'piecewise(x < 0, 0, x < 1, 2*x, x > 1, 2)', ['x != 0', 'x != 1']],
  ['piecewise(x <= -1, -x, x < 1, x^3, x >= 1, exp(x))', 'x', 'piecewise(x < -1, -1, x < 1, 3*x^2, x > 1, exp(x))', ['x != -1', 'x != 1']],
  ['piecewise(x < 0, -x, x < 1, x^2, x < 2, x^3, x < 3, x, x >= 3, 3)', 'x', 'piecewise(x < 0, -1, x < 1, 2*x, x < 2, 3*x^2, x < 3, 1, x > 3, 0)', ['x != 0', 'x != 1', 'x != 2', 'x != 3'], { x: [-1, 4] }],
  ['piecewise(x > 0, x^2)', 'x', 'piecewise(x > 0, 2*x)', ['x != 0'], { x: [0, 2] }],
  ['piecewise(y < 0, x*y, y > 0, x^2, y >= 0, 1)', 'x', 'piecewise(y < 0, y, y > 0, 2*x, y < 0, 0)', ['y != 0']],
  // Steps: flat away from the jump.
  ['x*sign(x)', 'x', 'sign(x)', ['x != 0']],
  ['x*heaviside(x - 1)', 'x', 'heaviside(x - 1)', ['x != 1'], { x: [-1, 3] }],
];

describe('each function derived exactly, its kinks as conditions, checked by finite differences', () => {
  it.each(CASES)('%s by %s', (...c) => {
    const [loss, wrt, result, conditions, ranges] = c as unknown as Case;
    const r = derive({ loss, wrt });
    expect(r.result).toBe(result);
    expect(r.conditions).toEqual(conditions);
    expect(r.checked).toBe(true);
    const report = expectMatchesFiniteDifferences(r, { points: 16, ...(ranges ? { ranges } : {}) });
    // A piecewise result is checked on more than one of its branches.
    if (result.includes('piecewise') || result.includes('sign') || result.includes('heaviside')) {
      expect(new Set(report.checked.map((p) => p.symbolic.toFixed(9))).size).toBeGreaterThan(1);
    }
  });

  it('the values at the jumps: sign(0) = 0, heaviside(0) = 1/2, and no derivative there', () => {
    expect(derive({ loss: 'sign(x)', wrt: 'x' })).toMatchObject({ result: '0', conditions: ['x != 0'] });
    expect(derive({ loss: 'heaviside(x)', wrt: 'x' })).toMatchObject({ result: '0', conditions: ['x != 0'] });
    const fns = functionTable(builtinRules().defs);
    const at = (e: string, x: number): number => valueAt(parse(e, { functions: builtinRules().functions }), { x }, new Definitions([]), { fns });
    expect([at('sign(x)', 0), at('sign(x)', -2), at('sign(x)', 3), at('heaviside(x)', 0), at('heaviside(x)', -1), at('heaviside(x)', 1)]).toEqual([0, -1, 1, 0.5, 0, 1]);
  });

  it('an argument free of the variable leaves no term behind', () => {
    const r = derive({ loss: 'leaky_relu(z, alpha)', wrt: 'z' });
    expect(r.steps.map((s) => s.rule)).toEqual(expect.arrayContaining(['d.leaky-relu']));
    expect(r.steps.map((s) => s.rule)).not.toContain('d.leaky-relu.chain');
  });
});

describe('a loss that does not use the variable has derivative 0', () => {
  it.each([
    ['1/2', 'x'],
    ['x^2 + y', 'z'],
  ])('%s by %s', (loss, wrt) => {
    const r = derive({ loss, wrt, expect: '0' });
    expect([r.result, r.verdict, r.conditions]).toEqual(['0', 'proven', []]);
    expect(r.steps.map((s) => s.rule)).toEqual(['d.const']);
  });

  it('but a function is no variable: --wrt exp is refused, not 0', () => {
    expect(expectBadInput(gradproof('derive', 'exp(x)', '--wrt', 'exp'))).toEqual(['error: --wrt exp: exp is a function, not a variable', '']);
  });

  it('through intermediates too', () => {
    const r = derive({ loss: '-(y*log(a2) + (1-y)*log(1-a2))', let: ['a2 = sigmoid(z2)'], wrt: 'z3' });
    expect(r.result).toBe('0');
  });
});

describe('a call short of its arguments says what it needs (exit 2)', () => {
  it.each([
    ['leaky_relu(z)', 'leaky_relu takes a slope: leaky_relu(z, alpha)'],
    ['elu(z)', 'elu takes a scale alpha: elu(z, alpha)'],
    ['clip(z, 1)', 'clip takes bounds: clip(u, lo, hi)'],
    ['huber(y, z)', 'huber takes a threshold d: huber(y, a, d)'],
    ['max(z)', 'max takes at least 2 arguments: max(u, v)'],
    ['sigmoid(z, 2)', 'sigmoid takes 1 argument: sigmoid(u)'],
  ])('%s', (loss, message) => {
    expect(expectBadInput(gradproof('derive', loss, '--wrt', 'z'))).toEqual([`error: ${message}`, '']);
  });

  it('the registry says how many a function takes where it knows: log(u, b) is no short call', () => {
    expect(derive({ loss: 'log(x, 2)', wrt: 'x' }).result).toBe('1/(x*log(2))');
  });

  it('in equal and check too, never a verdict about some other call', () => {
    expect(expectBadInput(gradproof('equal', 'leaky_relu(z)', 'z'))).toEqual(['error: leaky_relu takes a slope: leaky_relu(z, alpha)', '']);
  });
});
