/**
 * Identities `equal` and `--expect` decide: each proven by citing rules of
 * rules/identities.rules (checked numerically when they load), replayed by the kernel; a
 * rule whose conditions would narrow the statement is used only under facts that give them.
 */
import { describe, expect, it } from 'vitest';
import { equivalent } from '../../src/api/equivalent.js';
import { derive } from '../../src/api/derive.js';
import { checkDerivation } from '../../src/api/check-chain.js';
import { formatChain } from '../../src/cli/format-check.js';
import { chainVerdict } from '../../src/render/document-check.js';
import { parse } from '../../src/parse/ascii.js';
import { valueAt } from '../../src/expr/numeric.js';

describe('identities decided', () => {
  it.each([
    ['1 - tanh(z)^2', '1/cosh(z)^2', ['id.tanh-ratio', 'id.sinh-square', 'alg.rearrange']],
    ['cosh(z)^2 - sinh(z)^2', '1', ['id.sinh-square', 'alg.rearrange']],
    ['log(1 - sigmoid(x))', '-softplus(x)', ['id.log-one-minus-sigmoid']],
    ['exp(u)/(1 + exp(u))', 'sigmoid(u)', ['alg.rearrange', 'id.sigmoid-exp', 'id.exp-neg', 'lemma']],
    ['sum(k, 1, 3, z[k])', 'z[1] + z[2] + z[3]', ['id.sum-last', 'id.sum-one']],
    ['sum(k, 2, 2, z[k])', 'z[2]', ['id.sum-one']],
    ['sum(k, 1, 5, w[k])', 'w[1] + w[2] + w[3] + w[4] + w[5]', ['id.sum-last', 'id.sum-one']],
  ])('%s = %s', (a, b, rules) => {
    const r = equivalent(a, b);
    expect(r.verdict).toBe('proven');
    expect([...r.rules].sort()).toEqual([...rules].sort());
    // 1 + exp(u) != 0 always holds: the kernel discharges it.
    expect(r.conditions).toEqual([]);
  });

  it('1 - tanh^2 and 1/cosh^2 agree numerically, and a wrong neighbour is refuted', () => {
    for (const z of [-2, 0.3, 1.7]) expect(valueAt(parse('1 - tanh(z)^2'), { z })).toBeCloseTo(valueAt(parse('1/cosh(z)^2'), { z }), 12);
    expect(equivalent('1 - tanh(z)^2', '1/sinh(z)^2').verdict).toBe('refuted');
    expect(equivalent('cosh(z)^2 + sinh(z)^2', '1').verdict).toBe('refuted');
    expect(equivalent('sum(k, 1, 3, z[k])', 'z[1] + z[3]').verdict).toBe('refuted');
  });

  it('log(a*b) = log(a) + log(b) is proven under a > 0, b > 0, and not without them', () => {
    const given = equivalent('log(a*b)', 'log(a) + log(b)', { assume: ['a > 0', 'b > 0'] });
    expect(given).toMatchObject({ verdict: 'proven', rules: ['id.log-product'], conditions: [], premises: { assumptions: ['a > 0', 'b > 0'] } });
    // Only a*b > 0 is known: a = b = -1 is a point of the left side where the right is undefined.
    const bare = equivalent('log(a*b)', 'log(a) + log(b)');
    expect(bare.verdict).toBe('unknown');
    expect(equivalent('log(a*b)', 'log(a) + log(b)', { assume: 'a > 0' }).verdict).toBe('unknown');
  });

  it('1 - tanh(z)^2 = sech(z)^2, through the definition of sech; sign(r) = r/abs(r) where r != 0, and not without it', () => {
    const sech = equivalent('1 - tanh(z)^2', 'sech(z)^2');
    expect(sech.verdict).toBe('proven');
    expect(sech.conditions).toEqual([]); // cosh(z) >= 1: discharged
    expect(equivalent('1 - tanh(z)^2', 'sech(z)').verdict).toBe('refuted');
    const sign = equivalent('sign(r)', 'r/abs(r)', { assume: 'r != 0' });
    expect(sign).toMatchObject({ verdict: 'proven', rules: ['id.sign-ratio'], premises: { assumptions: ['r != 0'] } });
    // At r = 0 the left side is 0 and the right undefined: no proof without the fact.
    expect(equivalent('sign(r)', 'r/abs(r)').verdict).toBe('unknown');
    expect(equivalent('sign(r)', 'abs(r)/r + 1', { assume: 'r != 0' }).verdict).toBe('refuted');
  });

  it('tan and cot through their definitions and the Pythagorean identity; a wrong neighbour refuted', () => {
    const pairs: ReadonlyArray<readonly [string, string]> = [['tan(x)^2 + 1', 'sec(x)^2'], ['-cot(x)^2 - 1', '-csc(x)^2'], ['sin(x)^2 + cos(x)^2', '1']];
    for (const [a, b] of pairs) {
      expect(equivalent(a, b).verdict, `${a} = ${b}`).toBe('proven');
    }
    expect(equivalent('tan(x)^2 + 1', 'csc(x)^2').verdict).toBe('refuted');
  });

  it('steps written as cases are sign and heaviside away from the jump, and only there', () => {
    expect(equivalent('piecewise(x > 0, 1, x < 0, -1)', 'sign(x)')).toMatchObject({ verdict: 'proven', rules: ['id.sign-slope'], conditions: ['x != 0'] });
    expect(equivalent('piecewise(1 < x, 0, 1 > x, 1)', 'heaviside(1 - x)')).toMatchObject({ verdict: 'proven', conditions: ['x != 1'] });
    expect(equivalent('piecewise(x > 1, 1, x < 1, 0)', 'heaviside(x - 1)').verdict).toBe('proven');
    // Defined at the jump on both sides, and different there (1/2 against 0): never proven.
    expect(equivalent('heaviside(x)', 'piecewise(x > 0, 1, x <= 0, 0)').verdict).not.toBe('proven');
    expect(equivalent('piecewise(x > 1, 1, x < 1, 0)', 'heaviside(1 - x)').verdict).toBe('refuted');
  });

  it('a rule whose condition the rewritten term already needs is used without facts: exp(log(x)) = x where x > 0', () => {
    expect(equivalent('exp(log(x))', 'x')).toMatchObject({ verdict: 'proven', conditions: ['x > 0'] });
  });

  it('--expect decides an identity: the derivative of log(cosh(z)) is tanh(z), expected as sinh(z)/cosh(z)', () => {
    expect(derive({ loss: 'log(cosh(z))', wrt: 'z', expect: 'sinh(z)/cosh(z)' }).expectations[0]!.verdict).toBe('proven');
    expect(derive({ loss: 'tanh(z)', wrt: 'z', expect: '1/cosh(z)^2' }).expectations[0]!.verdict).toBe('proven');
    expect(derive({ loss: 'log(1 - sigmoid(z))', wrt: 'z', expect: '-sigmoid(z)' }).expectations[0]!.verdict).toBe('proven');
  });

  it('the softplus form of BCE equals the log form', () => {
    const bce = '-(y*log(sigmoid(z)) + (1 - y)*log(1 - sigmoid(z)))';
    expect(equivalent(bce, 'softplus(z) - y*z', { assume: 'y in {0, 1}' }).verdict).toBe('proven');
  });
});

describe('a link left unknown is not called wrong', () => {
  const chain = (...exprs: string[]) => checkDerivation({ definitions: [], assumptions: [], chains: [exprs.map((e) => ({ expr: parse(e) }))] });

  it('only an unknown link: it is named as undecided, in text and in the document', () => {
    const o = chain('log(1 + y^2)', 'log(1 + y^2)', 'log((1 + y^2)^2)/2');
    expect(o.links.map((l) => l.decision.verdict)).toEqual(['proven', 'unknown']);
    const text = formatChain(o, 'en');
    expect(text).not.toContain('wrong');
    expect(text.trimEnd().split('\n').at(-1)).toBe('Step 2 could be neither proven nor refuted: log(1 + y^2) = log((1 + y^2)^2)/2');
    expect(formatChain(o, 'zh').trimEnd().split('\n').at(-1)).toBe('第 2 步既未能证明，也未能否定：log(1 + y^2) = log((1 + y^2)^2)/2');
    expect(chainVerdict(o.links, 'en')).toBe('Step 2 could be neither proven nor refuted: $\\log\\left(1 + y^{2}\\right) = \\frac{\\log\\left(\\left(1 + y^{2}\\right)^{2}\\right)}{2}$.');
  });

  it('an unknown link then a refuted one: both are named, each for what it is', () => {
    const o = chain('log((1 + y^2)^2)/2', 'log(1 + y^2)', 'log(1 + y^2) + 1');
    expect(o.links.map((l) => l.decision.verdict)).toEqual(['unknown', 'refuted']);
    expect(formatChain(o, 'en').trimEnd().split('\n').slice(-2)).toEqual([
      'Step 1 could be neither proven nor refuted: log((1 + y^2)^2)/2 = log(1 + y^2)',
      'The first wrong step is 2: log(1 + y^2) = log(1 + y^2) + 1',
    ]);
  });

  it('a refuted link alone is still the first wrong step', () => {
    const o = chain('x', 'x + 1');
    expect(formatChain(o, 'en').trimEnd().split('\n').at(-1)).toBe('The first wrong step is 1: x = x + 1');
  });
});

describe('a result in the shape of the sigmoid is printed as the sigmoid', () => {
  it.each([
    ['log(1 + exp(u))', 'u', 'sigmoid(u)'],
    ['2*log(1 + exp(u))', 'u', '2*sigmoid(u)'],
    ['log(1 + exp(-u))', 'u', '-sigmoid(-u)'],
    ['log(1 + exp(w*x + b))', 'w', 'x*sigmoid(b + w*x)'],
  ])('d/d%s of %s is %s, replayed by the kernel', (loss, wrt, result) => {
    const r = derive({ loss, wrt });
    expect(r.result).toBe(result);
    expect(r.checked).toBe(true);
    expect(r.steps.some((s) => s.rule.startsWith('fold.sigmoid'))).toBe(true);
  });
});
