/**
 * Nothing erases a subterm's definedness (issue 13, class 3): an equality whose proof makes
 * a partial subterm disappear is proven only with that subterm's condition, and a side
 * defined nowhere (`0/0`) equals nothing: its verdict is unknown, saying why.
 */
import { describe, expect, it } from 'vitest';
import { equivalent } from '../../src/api/equivalent.js';
import { derive } from '../../src/api/derive.js';
import { renderMarkdown } from '../../src/api/render.js';
import { renderHtml } from '../../src/api/html.js';

type Case = readonly [a: string, b: string, verdict: 'proven' | 'unknown' | 'refuted', conditions: readonly string[]];

/** Through the public API: the exact verdict and the exact conditions shown. */
const CASES: readonly Case[] = [
  // The issue's own cases.
  ['0/0', '0', 'unknown', []],
  ['x + 0/0', 'x', 'unknown', []],
  ['0*log(-1)', '0', 'unknown', []],
  ['0/x', '0', 'proven', ['x != 0']],
  ['(x^-1)^-1', 'x', 'proven', ['x != 0']],
  ['sqrt(x)^2', 'x', 'proven', ['x >= 0']],
  ['(x^(1/2))^2', 'x', 'proven', ['x >= 0']],
  ['0*log(x)', '0', 'proven', ['x > 0']],
  // Other partial pieces: roots, logs of sums, negative and even-root powers.
  ['0*sqrt(x)', '0', 'proven', ['x >= 0']],
  ['0*sqrt(-1)', '0', 'unknown', []],
  ['0*log(0)', '0', 'unknown', []],
  ['0/0', '1', 'unknown', []],
  ['0*log(x - 1)', '0', 'proven', ['x > 1']],
  ['0*log(1 - x)', '0', 'proven', ['x < 1']],
  ['0/(x - 2)', '0', 'proven', ['x != 2']],
  ['0*x^(-1/2)', '0', 'proven', ['x > 0']],
  ['0*x^(3/4)', '0', 'proven', ['x >= 0']],
  ['0*x^(1/3)', '0', 'proven', []],
  ['0*log(log(x))', '0', 'proven', ['log(x) > 0', 'x > 0']],
  ['0*piecewise(x > 0, 1, x < 0, 0)', '0', 'proven', ['x != 0']],
  ['(x^-2)^-1', 'x^2', 'proven', ['x != 0']],
  // Zeroth powers, and 1 to a power.
  ['log(x)^0', '1', 'proven', ['x > 0']],
  ['(1/x)^0', '1', 'proven', ['x != 0']],
  ['sqrt(x)^0', '1', 'proven', ['x >= 0']],
  ['1^log(x)', '1', 'proven', ['x > 0']],
  // What is defined everywhere needs nothing.
  ['x^0', '1', 'proven', []],
  ['0*exp(x)', '0', 'proven', []],
  ['0*sigmoid(z)', '0', 'proven', []],
  ['0*relu(x)', '0', 'proven', []],
  ['log(exp(x))', 'x', 'proven', []],
  ['log(x)*0 + log(x)', 'log(x)', 'proven', []],
  // Cancelling states both: the factor is nonzero, and defined.
  ['x/x', '1', 'proven', ['x != 0']],
  ['log(x)/log(x)', '1', 'proven', ['x > 0', 'log(x) != 0']],
  ['sqrt(x)/sqrt(x)', '1', 'proven', ['x >= 0', 'sqrt(x) != 0']],
  ['sqrt(x)*sqrt(x)', 'x', 'proven', ['x >= 0']],
  ['x^(1/2)*x^(1/2)', 'x', 'proven', ['x >= 0']],
  ['exp(log(x))', 'x', 'proven', ['x > 0']],
  // Inside sums.
  ['y + 0*log(x)', 'y', 'proven', ['x > 0']],
  ['x*(0/y)', '0', 'proven', ['y != 0']],
  ['(x - x)/x', '0', 'proven', ['x != 0']],
  ['0*(1/(x - 1) + 1/(x + 1))', '0', 'proven', ['x != 1', 'x != -1']],
  ['(x^(1/2))^2 + 0*log(y)', 'x', 'proven', ['y > 0', 'x >= 0']],
  ['0*sum(k, 1, n, 1/y[k])', '0', 'proven', ['y[k] != 0']],
  // Inside derivatives.
  ['0*diff(log(x), x)', '0', 'proven', ['x > 0']],
  ['diff(0*log(x), x)', '0', 'proven', ['x > 0']],
  ['diff(sqrt(x)^2, x)', '1', 'proven', ['x > 0', 'sqrt(x) != 0']],
  ['diff(x + 0/0, x)', '1', 'unknown', []],
  // What is false stays refuted: (x^2)^(1/2) is |x|.
  ['(x^2)^(1/2)', 'x', 'refuted', []],
  ['sqrt(x^2)', 'x', 'refuted', []],
];

describe('equivalent(): a subterm that disappears leaves its condition', () => {
  it.each(CASES)('%s = %s is %s under %j', (a, b, verdict, conditions) => {
    const r = equivalent(a, b);
    expect([r.verdict, r.conditions]).toEqual([verdict, conditions]);
    expect(r.checked).toBe(verdict === 'proven');
  });

  it('a side defined nowhere is unknown, and the evidence names the condition that fails', () => {
    expect(equivalent('0/0', '0').evidence).toBe('0*0^(-1) is defined nowhere: it needs 0 != 0');
    expect(equivalent('x + 0/0', 'x').evidence).toBe('0*0^(-1) + x is defined nowhere: it needs 0 != 0');
    expect(equivalent('0*log(-1)', '0').evidence).toBe('0*log(-1) is defined nowhere: it needs -1 > 0');
    expect(equivalent('0', '0*sqrt(-2)').evidence).toBe('0*sqrt(-2) is defined nowhere: it needs -2 >= 0');
  });
});

describe('derive(): the steps that drop a partial subterm state its condition', () => {
  it('an expectation that needs 0/0 is not proven', () => {
    const r = derive({ loss: 'x*y', wrt: 'x', expect: 'y + 0/0' });
    expect([r.verdict, r.result]).toEqual(['unknown', 'y']);
  });

  it('log(y)^0 folds to 1 as a step that records y > 0', () => {
    const r = derive({ loss: 'x*log(y)^0', wrt: 'x' });
    expect([r.result, r.conditions]).toEqual(['1', ['y > 0']]);
    const fold = r.steps.find((s) => s.before.includes('log(y)^0') && !s.after.includes('log(y)^0'))!;
    expect([fold.kind, fold.conditions]).toEqual(['algebra', ['y > 0']]);
  });

  it('a cancelled root records where it is defined, in every algebra step that drops it', () => {
    const r = derive({ loss: '(x^(1/2))^2', wrt: 'x' });
    expect([r.result, r.conditions]).toEqual(['1', ['x > 0']]);
    const cancel = r.steps.find((s) => s.rule === 'alg.cancel-common-factor')!;
    expect(cancel.conditions).toEqual(['x != 0', 'x > 0', 'x >= 0']);
  });

  it('a zero product left by differentiating is folded with the condition of what it drops', () => {
    const r = derive({ loss: 'log(x)/log(x)', wrt: 'x' });
    expect([r.result, r.conditions]).toEqual(['0', ['log(x) != 0', 'x > 0']]);
    const fold = r.steps.find((s) => s.after === '0' && s.kind === 'algebra')!;
    expect(fold.before).toBe('0/(x*log(x)^2)');
    expect(fold.conditions).toEqual(['x != 0', 'log(x) != 0', 'x > 0']);
  });

  it('every algebra step states the definedness of what it drops', () => {
    for (const loss of ['sqrt(x)^2', 'log(x)/log(x)', 'x^(1/2)*x^(1/2)', 'x*log(y)^0', 'log(x)*log(x)^-1*x']) {
      const r = derive({ loss, wrt: 'x' });
      for (const s of r.steps) if (s.kind === 'algebra' && s.before.includes('log(') && !s.after.includes('log(')) expect(s.conditions.some((c) => c.endsWith('> 0'))).toBe(true);
    }
  });
});

describe('derive(): a derivation defined nowhere proves no expectation', () => {
  it.each([
    [{ loss: 'x*log(-1)', wrt: 'x', expect: 'log(-1)' }, 'log(-1) is defined nowhere: it needs -1 > 0'],
    [{ loss: 'x*y', wrt: 'x', expect: '0/0 + y' }, '0*0^(-1) + y is defined nowhere: it needs 0 != 0'],
    [{ loss: 'log(x - x)', wrt: 'x', expect: '0' }, '0*0^(-1) is defined nowhere: it needs 0 != 0'],
  ])('%j', (input, evidence) => {
    const r = derive(input);
    expect([r.verdict, r.expectations[0]!.verdict, r.expectations[0]!.evidence]).toEqual(['unknown', 'unknown', evidence]);
  });
});

describe('u >= 0 in every format and language', () => {
  const input = { loss: 'y*(x^(1/2))^2', wrt: 'y', expect: 'x' };

  it('JSON (derive) and the proof steps state x >= 0', () => {
    const r = derive(input);
    expect([r.verdict, r.result, r.conditions]).toEqual(['proven', 'x', ['x >= 0']]);
    expect(r.steps.at(-1)!.conditions).toEqual(['x >= 0']);
    expect(derive(input, { lang: 'zh' }).conditions).toEqual(['x >= 0']);
  });

  it('Markdown and HTML write it x \\geq 0, in English and Chinese', () => {
    for (const lang of ['en', 'zh'] as const) {
      expect(renderMarkdown(input, { lang })).toContain(String.raw`$x \geq 0$`);
      expect(renderHtml(input, { lang })).toContain('≥');
    }
  });
});
