/**
 * Issue 2, the textbook: each problem → the gradient exactly as the engine prints it, the
 * verdict on the textbook's answer, and (for every derived gradient) agreement with central
 * finite differences of the loss at random points of its domain.
 */
import { describe, expect, it } from 'vitest';
import { derive, type DeriveInput } from '../../src/api/derive.js';
import { expectMatchesFiniteDifferences } from '../support/fd.js';
import { TEXTBOOK as table, type Row } from '../support/problems.js';

const inputOf = (r: Row, expect?: string): DeriveInput => ({
  loss: r.loss,
  wrt: r.wrt,
  ...(r.let ? { let: r.let } : {}),
  ...(expect === undefined ? {} : { expect }),
});

describe('the textbook table: problem → gradient', () => {
  it.each(table.map((r) => [r.what, r] as const))('%s', (_, r) => {
    const own = derive(inputOf(r));
    expect(own.result).toBe(r.derived);
    expect(own.verdict).toBeNull();
    if (r.conditions) expect(own.conditions).toEqual(r.conditions);
    expectMatchesFiniteDifferences(own);
  });
});

describe('the textbook table: the textbook answer is proven', () => {
  const withExpect = table.filter((r) => r.expect !== undefined);
  it('has most of the table', () => expect(withExpect.length).toBeGreaterThanOrEqual(40));
  it.each(withExpect.map((r) => [`${r.what}: ${r.expect}`, r] as const))('%s', (_, r) => {
    const out = derive(inputOf(r, r.expect));
    expect(out.expectations.map((e) => e.verdict)).toEqual([r.verdict]);
    expect(out.verdict).toBe(r.verdict);
    expect(out.result).toBe(r.shown ?? r.derived);
    expect(out.expectations[0]!.counterexample).toBeNull();
    expectMatchesFiniteDifferences(out);
  });
});
