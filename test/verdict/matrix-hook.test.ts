/**
 * The hook: `decideLink`, the one policy behind derive's expectations, `--all` and `check`,
 * sends shaped problems to the shape and random-matrix refutation; scalar ones are untouched.
 */
import { describe, expect, it } from 'vitest';
import { add, call, mul, num, sub, sym } from '../../src/expr/node.js';
import { matmul, sumAll, transpose } from '../../src/expr/matrix.js';
import { shapedFactsWitnessed } from '../../src/verdict/matrix.js';
import { labelSetFact } from '../../src/proof/label-sets.js';
import type { Assumption } from '../../src/proof/types.js';
import { Definitions } from '../../src/expr/context.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { decideLink } from '../../src/api/check-chain.js';
import { network, textbookGradients } from '../support/networks.js';

const rules = builtinRules();

describe('decideLink on shaped terms', () => {
  const n = network();
  const g = textbookGradients(n);
  const defs = new Definitions(n.definitions);
  it('refutes by shape, naming both shapes', () => {
    const d = decideLink(g.W2!, matmul(sym('a1'), transpose(g.d2!)), defs, rules, [n.targetsSumToOne], { domain: [n.loss] });
    expect(d.verdict).toBe('refuted');
    expect(d.evidence).toBe('the result is [n2, n1], the expectation [n1, n2]');
  });
  it('refutes by value', () => {
    const d = decideLink(g.W2!, matmul(sym('a2'), transpose(sym('a1'))), defs, rules, [n.targetsSumToOne], { domain: [n.loss] });
    expect(d.verdict).toBe('refuted');
    expect(d.evidence).toMatch(/^at n0 = 2, n1 = 3, n2 = 4 with the entries shown: entry \(\d, \d\) of the result is/);
  });
  it('a rearrangement is proven by the kernel or left unknown, never refuted', () => {
    const d = decideLink(g.d1!, mul(sub(num(1), sym('a1')), sym('a1'), matmul(transpose(n.m.W2!), g.d2!)), defs, rules, [n.targetsSumToOne], { domain: [n.loss] });
    expect(d.verdict).not.toBe('refuted');
  });
});

describe('facts about matrices, which the scalar sampler cannot draw', () => {
  const n = network();
  const g = textbookGradients(n);
  const defs = new Definitions(n.definitions);
  const noPoint = 'no point satisfying all the assumptions was found: they may contradict each other, so nothing is decided from them';
  const options = (assumptions: readonly Assumption[]) => ({ definitions: n.definitions, assumptions, domain: [n.loss] });
  it('are shown consistent by a matrix point when the draw builds them in', () => {
    expect(shapedFactsWitnessed([g.W2!], options([n.targetsSumToOne]))).toBe(true);
    expect(shapedFactsWitnessed([g.W2!], options([n.targetsSumToOne, labelSetFact(n.m.y!, [num(0), num(1)]), { lhs: sym('lambda'), op: '>', rhs: num(0) }]))).toBe(true);
  });
  it('are not, when they contradict each other or an equation is not built into the draw', () => {
    expect(shapedFactsWitnessed([g.W2!], options([n.targetsSumToOne, labelSetFact(n.m.y!, [num(-1), num(1)])]))).toBe(false);
    expect(shapedFactsWitnessed([g.W2!], options([{ lhs: sym('lambda'), op: '>', rhs: num(0) }, { lhs: sym('lambda'), op: '<', rhs: num(0) }]))).toBe(false);
    expect(shapedFactsWitnessed([g.W2!], options([{ lhs: sumAll(n.m.x!), op: '=', rhs: num(2) }]))).toBe(false);
  });
  it("so the scalar sampler's 'no point' does not block the kernel's proof; where no matrix point is found it still does", () => {
    const same = decideLink(g.W2!, g.W2!, defs, rules, [n.targetsSumToOne], { domain: [n.loss], unsatisfied: noPoint });
    expect(same.verdict).toBe('proven');
    const blocked = decideLink(g.W2!, g.W2!, defs, rules, [{ lhs: sumAll(n.m.x!), op: '=', rhs: num(2) }], { domain: [n.loss], unsatisfied: noPoint });
    expect(blocked).toEqual({ verdict: 'unknown', evidence: noPoint });
  });
});

describe('decideLink on scalar terms is as before', () => {
  it('δ of the binary cross-entropy is proven; a wrong one refuted at a point with no evidence line', () => {
    const defs = new Definitions([{ name: 'a2', expr: call('sigmoid', sym('z2')) }]);
    const loss = mul(num(-1), add(mul(sym('y'), call('log', sym('a2'))), mul(sub(num(1), sym('y')), call('log', sub(num(1), sym('a2'))))));
    const goal = call('diff', loss, sym('z2'));
    expect(decideLink(goal, sub(sym('a2'), sym('y')), defs, rules, []).verdict).toBe('proven');
    const wrong = decideLink(goal, sub(sym('y'), sym('a2')), defs, rules, []);
    expect(wrong.verdict).toBe('refuted');
    expect(wrong.evidence).toBeUndefined();
  });
});
