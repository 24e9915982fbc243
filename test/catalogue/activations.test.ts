/**
 * Each activation alone, `derive({ loss: 'f(z)', wrt: 'z' })`: the exact result the engine
 * derives on its own, the textbook's derivative proven equal to it, and both checked
 * against central finite differences. Then the derivative rules of rules/activations.rules
 * proven as lemmas from their definitions, where the engine can.
 */
import { describe, expect, it } from 'vitest';
import { derive } from '../../src/api/derive.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { proveLink } from '../../src/api/check-chain.js';
import { Definitions } from '../../src/expr/context.js';
import { parse } from '../../src/parse/ascii.js';
import { expectMatchesFiniteDifferences } from '../support/fd.js';

interface Row {
  readonly activation: string;
  /** What the engine derives with no expectation, exactly as printed. */
  readonly derived: string;
  /** The textbook's derivative. */
  readonly textbook: string;
}

const SWISH_DERIVED = 'sigmoid(z) - sigmoid(z)*swish(z) + swish(z)';
const GELU_PRIME = '(1 + erf(z/sqrt(2)))/2 + z*exp(-z^2/2)/sqrt(2*pi)';
const MISH_PRIME = 'tanh(softplus(z)) + z*sigmoid(z)*(1 - tanh(softplus(z))^2)';

const TABLE: readonly Row[] = [
  { activation: 'z', derived: '1', textbook: '1' },
  { activation: 'sigmoid(z)', derived: 'sigmoid(z)*(1 - sigmoid(z))', textbook: 'sigmoid(z)*(1 - sigmoid(z))' },
  { activation: 'tanh(z)', derived: '1 - tanh(z)^2', textbook: '1 - tanh(z)^2' },
  { activation: 'softplus(z)', derived: 'sigmoid(z)', textbook: 'sigmoid(z)' },
  { activation: 'exp(z)', derived: 'exp(z)', textbook: 'exp(z)' },
  { activation: 'swish(z)', derived: SWISH_DERIVED, textbook: 'swish(z) + sigmoid(z)*(1 - swish(z))' },
  { activation: 'silu(z)', derived: SWISH_DERIVED.replaceAll('swish', 'silu'), textbook: 'sigmoid(z)*(1 + z*(1 - sigmoid(z)))' },
  { activation: 'erf(z)', derived: '2*exp(-z^2)/sqrt(pi)', textbook: '2*exp(-z^2)/sqrt(pi)' },
  { activation: 'gelu(z)', derived: '1/2 + z*exp(-z^2/2)/sqrt(2*pi) + erf(z/sqrt(2))/2', textbook: GELU_PRIME },
  { activation: 'softsign(z)', derived: '1/(1 + abs(z))^2', textbook: '1/(1 + abs(z))^2' },
  { activation: 'mish(z)', derived: 'z*sigmoid(z)*(1 - tanh(softplus(z))^2) + tanh(softplus(z))', textbook: MISH_PRIME },
  { activation: 'cosh(z)', derived: 'sinh(z)', textbook: 'sinh(z)' },
  { activation: 'sinh(z)', derived: 'cosh(z)', textbook: 'cosh(z)' },
];

describe('each activation alone: the exact result, the textbook derivative, finite differences', () => {
  it.each(TABLE.map((r) => [r.activation, r] as const))('d/dz %s', (activation, row) => {
    const own = derive({ loss: activation, wrt: 'z' });
    expect(own.result).toBe(row.derived);
    expect(own.verdict).toBeNull();
    expect(own.checked).toBe(true);
    expectMatchesFiniteDifferences(own);

    const r = derive({ loss: activation, wrt: 'z', expect: row.textbook });
    expect(r.verdict).toBe('proven');
    expect(r.checked).toBe(true);
    expectMatchesFiniteDifferences(r);
  });
});

describe('rules/activations.rules', () => {
  it('loads, with a derivative rule and a definition for each smooth activation', () => {
    const rs = builtinRules();
    for (const [id, fn] of [['d.swish', 'swish'], ['d.silu', 'silu'], ['d.gelu', 'gelu'], ['d.softsign', 'softsign'], ['d.mish', 'mish'], ['d.erf', 'erf']] as const) {
      expect(rs.byId.get(id)?.outer?.fn, id).toBe(fn);
      expect(rs.byId.get(id)?.file).toBe('rules/activations.rules');
    }
    for (const fn of ['swish', 'silu', 'gelu', 'softsign', 'mish']) expect(rs.defs.get(fn)?.file, fn).toBe('rules/activations.rules');
    // erf has no closed form: its values are the evaluator's.
    expect(rs.defs.has('erf')).toBe(false);
  });
});

// The derivative rule proven as a lemma from the definition: the definition's body is
// differentiated by the other rules, and the rule's right side is the expectation.
const FROM_DEFINITIONS = [
  { what: "swish' from z*sigmoid(z)", loss: 'z*sigmoid(z)', expect: 'swish(z) + sigmoid(z)*(1 - swish(z))' },
  { what: "silu' from z*sigmoid(z)", loss: 'z*sigmoid(z)', expect: 'silu(z) + sigmoid(z)*(1 - silu(z))' },
  { what: "mish' from z*tanh(softplus(z))", loss: 'z*tanh(softplus(z))', expect: MISH_PRIME },
  { what: "cosh' from (exp(z) + exp(-z))/2", loss: '(exp(z) + exp(-z))/2', expect: 'sinh(z)' },
  { what: "sinh' from (exp(z) - exp(-z))/2", loss: '(exp(z) - exp(-z))/2', expect: 'cosh(z)' },
  // The square roots of numbers reduce exactly: sqrt(2)^2 is 2, sqrt(2)*sqrt(pi) is sqrt(2*pi).
  { what: "gelu' from z*(1 + erf(z/sqrt(2)))/2", loss: 'z*(1 + erf(z/sqrt(2)))/2', expect: GELU_PRIME },
];

describe('derivative rules proven from their definitions', () => {
  it.each(FROM_DEFINITIONS.map((u) => [u.what, u] as const))('%s', (_, u) => {
    const r = derive({ loss: u.loss, wrt: 'z', expect: u.expect });
    expect(r.verdict).toBe('proven');
    expect(r.checked).toBe(true);
    expectMatchesFiniteDifferences(r);
  });
});

// softsign: the derivative of abs(z) is a piecewise sign; id.abs-slope (sign = |z|/z away
// from 0) closes the proof, and finite differences agree on both sides of the kink.
describe("softsign' proven from z/(1 + abs(z))", () => {
  it('cites id.abs-slope, names the kink, and matches finite differences for z < 0 and z > 0', () => {
    const r = derive({ loss: 'z/(1 + abs(z))', wrt: 'z', expect: '1/(1 + abs(z))^2' });
    expect(r.verdict).toBe('proven');
    expect(r.checked).toBe(true);
    expect(r.conditions).toContain('z != 0');
    // The expectation's own proof, from the derived result: one identity, then algebra.
    const link = proveLink(parse(r.result), parse('1/(1 + abs(z))^2'), new Definitions([]), builtinRules(), []);
    expect(link?.steps.map((st) => st.rule)).toEqual(['id.abs-slope', 'alg.rearrange']);
    for (const range of [[-3, -0.1], [0.1, 3]] as const) expect(expectMatchesFiniteDifferences(r, { range }).checked.length).toBeGreaterThan(0);
  });
});
