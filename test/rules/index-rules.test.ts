/**
 * Rules in index notation load only if they are hygienic (no pattern variable moves into
 * or out of a sum's body without `free(v, k)`) and hold numerically with the index roles
 * filled in (limits, members of families, bodies that vary with their index).
 */
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../../src/rules/builtin.js';
import { loadRules } from '../../src/rules/load.js';
import { GradproofError } from '../../src/expr/errors.js';
import { toAscii } from '../../src/expr/print.js';

const loadError = (text: string): string => {
  try {
    loadRules([{ name: 'my.rules', text }], builtinRules());
  } catch (e) {
    if (e instanceof GradproofError) return e.message;
    throw e;
  }
  return 'loaded';
};

describe('the built-in rules of index notation', () => {
  it.each([
    ['d.sum-index', 'diff(sum(k, lo, hi, f), x)', 'sum(k, lo, hi, diff(f, x))'],
    ['d.indexed', 'diff(x[j], x[i])', 'delta(j, i)'],
    ['sum.split', 'sum(k, lo, hi, u + v)', 'sum(k, lo, hi, u) + sum(k, lo, hi, v)'],
    ['sum.factor', 'sum(k, lo, hi, c*u)', 'c*sum(k, lo, hi, u)'],
  ])('%s: %s = %s', (id, lhs, rhs) => {
    const r = builtinRules().byId.get(id)!;
    expect([toAscii(r.lhs!), toAscii(r.rhs!)]).toEqual([lhs, rhs]);
    expect(r.file).toBe('rules/index.rules');
  });

  it('sum.delta is a step the kernel checks by its own procedure', () => {
    expect(builtinRules().byId.get('sum.delta')?.kind).toBe('step');
  });
});

describe('a rule in index notation that is not sound refuses to load', () => {
  it('a factor taken out of a sum without being free of its index', () => {
    expect(loadError('rule my.factor "x" / "x"\n  sum(k, lo, hi, c*u) = c*sum(k, lo, hi, u)\n')).toBe('rule my.factor: c moves into or out of the sum over k; add the condition free(c, k)');
  });

  it('a derivative moved into a sum without its variable being free of the index', () => {
    expect(loadError('rule my.d "x" / "x"\n  diff(sum(k, lo, hi, f), x) = sum(k, lo, hi, diff(f, x))  if free(lo, x), free(hi, x)\n')).toBe(
      'rule my.d: x moves into or out of the sum over k; add the condition free(x, k)',
    );
  });

  it('an index used beside its sum', () => {
    expect(loadError('rule my.escape "x" / "x"\n  sum(k, lo, hi, u) = k*sum(k, lo, hi, u)\n')).toBe('rule my.escape: the index k is used outside its sum');
  });

  it('a wrong Kronecker delta', () => {
    expect(loadError('rule my.delta "x" / "x"\n  diff(x[j], x[i]) = delta(j, j)\n')).toMatch(/^rule my\.delta does not hold at /);
  });

  it('a wrong sum rule', () => {
    expect(loadError('rule my.sum "x" / "x"\n  sum(k, lo, hi, u*v) = sum(k, lo, hi, u)*sum(k, lo, hi, v)\n')).toMatch(/^rule my\.sum does not hold/);
  });
});
