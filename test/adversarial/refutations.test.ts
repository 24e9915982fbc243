/**
 * Class 5: a refutation is real. Its point satisfies every stated equality exactly (checked
 * here in 60-digit arithmetic) and both sides, defined there, differ; a true statement is
 * never refuted, however thin the set its facts leave.
 */
import { describe, expect, it } from 'vitest';
import { derive, equivalent } from '../../src/index.js';
import { assertDecision, label, realCounterexample, type EqCase } from './support.js';

/** True under their facts: never refuted (proven where the tool proves it today). */
const truths: EqCase[] = [
  { a: 'x', b: '0', assume: ['x*x = 0'], expect: 'true' },
  { a: 'x', b: '0', assume: ['x^2 = 0'], expect: 'true' },
  { a: 'x', b: '0', assume: ['x^4 = 0'], expect: 'true' },
  { a: 'x*y', b: '0', assume: ['x^2 = 0'], expect: 'true' },
  { a: 'x', b: '1', assume: ['(x - 1)^2 = 0'], expect: 'true' },
  { a: 'x + y', b: '0', assume: ['(x + y)^2 = 0'], expect: 'true' },
  { a: 'exp(x)', b: '1', assume: ['x^2 = 0'], expect: 'true' },
  { a: 'x', b: 'y', assume: ['(x - y)^2 = 0'], expect: 'true' },
  { a: 'x^2 + y^2', b: '0', assume: ['x^2 + y^2 = 0'], expect: 'proven' },
  { a: 'x', b: '0', assume: ['x^2 + y^2 = 0'], expect: 'true' },
  { a: 'y1', b: '1 - y2', assume: ['y1 + y2 = 1'], expect: 'proven' },
  { a: 'y1*y2', b: 'y2 - y2^2', assume: ['y1 + y2 = 1'], expect: 'proven' },
  { a: 'y1^2', b: '(1 - y2)^2', assume: ['y1 + y2 = 1'], expect: 'true' },
  { a: 'log(y1 + y2)', b: '0', assume: ['y1 + y2 = 1'], expect: 'true' },
  { a: 'exp(y1 + y2)', b: 'exp(1)', assume: ['y1 + y2 = 1'], expect: 'true' },
  { a: 'sigmoid(y1 + y2 - 1)', b: '1/2', assume: ['y1 + y2 = 1'], expect: 'true' },
  { a: 'sin(pi*(y1 + y2))', b: '0', assume: ['y1 + y2 = 1'], expect: 'true' },
  { a: 'cos(2*pi*(y1 + y2))', b: '1', assume: ['y1 + y2 = 1'], expect: 'true' },
  { a: '(y1 + y2 + y3)/3', b: '1/3', assume: ['y1 + y2 + y3 = 1'], expect: 'true' },
  { a: 'y1 + y2', b: '1 - y3', assume: ['y1 + y2 + y3 = 1'], expect: 'proven' },
  { a: '0.1*y1 + 0.1*y2', b: '0.1', assume: ['y1 + y2 = 1'], expect: 'true' },
  { a: '(y1 + y2)^10', b: '1', assume: ['y1 + y2 = 1'], expect: 'true' },
  { a: 'a', b: '2/b', assume: ['a*b = 2'], expect: 'true' },
  { a: 'a*b*c', b: '2*c', assume: ['a*b = 2'], expect: 'true' },
  { a: 'p', b: 'q', assume: ['p - q = 0'], expect: 'true' },
  { a: 'x', b: '3', assume: ['x = 3'], expect: 'true' },
  { a: 'x^2', b: '9', assume: ['x = 3'], expect: 'true' },
  { a: 'sqrt(x)', b: '2', assume: ['x = 4'], expect: 'true' },
  { a: 'exp(x)', b: '2', assume: ['x = log(2)'], expect: 'true' },
  { a: 'u', b: 'v', assume: ['exp(u) = exp(v)'], expect: 'true' },
  { a: 'y1*log(a1) + y2*log(a2)', b: 'y1*log(a1) + (1 - y1)*log(a2)', assume: ['y1 + y2 = 1', 'a1 > 0', 'a2 > 0'], expect: 'true' },
  { a: 'a1 - y1', b: 'a1*(y1 + y2 + y3) - y1', assume: ['y1 + y2 + y3 = 1'], expect: 'true' },
  // Close to an identity, but one.
  { a: 'sigmoid(x)', b: '1/(1 + exp(-x))', expect: 'proven' },
  { a: 'sqrt(x^2)', b: 'abs(x)', expect: 'true' },
  { a: 'log(x^2)', b: '2*log(abs(x))', expect: 'true' },
  { a: 'sin(x)^2 + cos(x)^2', b: '1', expect: 'true' },
  { a: 'tanh(x)', b: '2*sigmoid(2*x) - 1', expect: 'proven' },
  { a: 'exp(x + 40) - exp(40)*exp(x)', b: '0', expect: 'true' },
  { a: 'log(1 + exp(40*x))', b: 'softplus(40*x)', expect: 'proven' },
];

/**
 * False: refuted at a real point, never proven. `false` where no point is easy to find (a
 * difference of 1e-15, a kink far out): then `unknown` is sound too, and allowed.
 */
const falsehoods: EqCase[] = [
  { a: 'y1', b: 'y2', assume: ['y1 + y2 = 1'], expect: 'refuted' },
  { a: 'y1', b: '1 + y2', assume: ['y1 + y2 = 1'], expect: 'refuted' },
  { a: 'y1*y2', b: '0', assume: ['y1 + y2 = 1'], expect: 'refuted' },
  { a: 'y3', b: '0', assume: ['y1 + y2 + y3 = 1'], expect: 'refuted' },
  { a: 'a1 - y1', b: 'a1*(y1 + y2 + y3) - y1', assume: ['y1 + y2 + y3 = 2'], expect: 'refuted' },
  { a: 'x', b: '2', assume: ['x^2 = 4'], expect: 'false' },
  { a: 'x', b: '1', assume: ['x^3 = x'], expect: 'false' },
  { a: 'a', b: 'b', assume: ['a*b = 1'], expect: 'false' },
  { a: 'y1', b: '1 - y2 + 10^(-15)', assume: ['y1 + y2 = 1'], expect: 'false' },
  { a: 'exp(y1)', b: 'exp(1 - y2) + 10^(-12)', assume: ['y1 + y2 = 1'], expect: 'false' },
  { a: 'x', b: 'x + 10^(-20)', expect: 'false' },
  { a: 'sigmoid(x)', b: '1/(1 + exp(-x)) + 10^(-9)', expect: 'false' },
  { a: 'abs(x)', b: 'x', expect: 'refuted' },
  { a: 'relu(x)', b: 'x', expect: 'refuted' },
  { a: 'relu(x - 5)', b: '0', expect: 'false' },
  { a: 'relu(x - 1000)', b: '0', expect: 'false' },
  { a: 'relu(-x - 5)', b: '0', expect: 'false' },
  { a: 'sin(16*pi*x)', b: '0', expect: 'refuted' },
  { a: 'sin(x)', b: 'x', expect: 'refuted' },
  { a: 'x^2', b: 'x', expect: 'refuted' },
  { a: 'sqrt(x^2)', b: 'x', expect: 'refuted' },
  { a: 'log(x^2)', b: '2*log(x) + 10^(-10)', expect: 'false' },
  { a: 'tanh(x)', b: '2*sigmoid(2*x) - 1 + 10^(-14)', expect: 'false' },
  { a: 'exp(x)', b: '1 + x + x^2/2', expect: 'refuted' },
  { a: 'softplus(x)', b: 'relu(x)', expect: 'refuted' },
  { a: 'x*y', b: 'x', assume: ['y = 1 + 10^(-30)'], expect: 'false' },
];

describe('refutations are real, and truths are never refuted', () => {
  it.each([...truths, ...falsehoods].map((c) => [label(c), c] as const))('%s', (_l, c) => assertDecision(c, () => equivalent(c.a, c.b, { let: c.let, assume: c.assume })));
});

/** Expectations of a derivation: a wrong one refuted at a real point, a right one never refuted. */
interface DeriveCase {
  readonly loss: string;
  readonly let?: readonly string[];
  readonly wrt: string;
  readonly assume?: readonly string[];
  readonly expected: string;
  readonly verdict: 'proven' | 'refuted' | 'true' | 'false';
}
const derivations: DeriveCase[] = [
  { loss: '-(y*log(a2) + (1 - y)*log(1 - a2))', let: ['a2 = sigmoid(z2)'], wrt: 'z2', expected: 'a2 - y', verdict: 'proven' },
  { loss: '-(y*log(a2) + (1 - y)*log(1 - a2))', let: ['a2 = sigmoid(z2)'], wrt: 'z2', expected: 'a2 - y + 10^(-12)', verdict: 'false' },
  { loss: '-(y*log(a2) + (1 - y)*log(1 - a2))', let: ['a2 = sigmoid(z2)'], wrt: 'z2', expected: 'y - a2', verdict: 'refuted' },
  { loss: '(a - y)^2/2', let: ['a = tanh(z)'], wrt: 'z', expected: '(a - y)*(1 + a^2)', verdict: 'refuted' },
  { loss: '(a - y)^2/2', let: ['a = tanh(z)'], wrt: 'z', expected: '(a - y)*(1 - a^2)', verdict: 'proven' },
  { loss: '-(y1*log(a1) + y2*log(a2))', let: ['a1 = exp(z1)/(exp(z1) + exp(z2))', 'a2 = exp(z2)/(exp(z1) + exp(z2))'], wrt: 'z1', assume: ['y1 + y2 = 1'], expected: 'a1 - y1', verdict: 'proven' },
  { loss: '-(y1*log(a1) + y2*log(a2))', let: ['a1 = exp(z1)/(exp(z1) + exp(z2))', 'a2 = exp(z2)/(exp(z1) + exp(z2))'], wrt: 'z1', assume: ['y1 + y2 = 1'], expected: 'a1 - y2', verdict: 'refuted' },
  { loss: '-(y1*log(a1) + y2*log(a2))', let: ['a1 = exp(z1)/(exp(z1) + exp(z2))', 'a2 = exp(z2)/(exp(z1) + exp(z2))'], wrt: 'z1', assume: ['y1 + y2 = 1'], expected: 'a1 - 1 + y2', verdict: 'true' },
  { loss: '-(y1*log(a1) + y2*log(a2))', let: ['a1 = exp(z1)/(exp(z1) + exp(z2))', 'a2 = exp(z2)/(exp(z1) + exp(z2))'], wrt: 'z1', assume: ['y1 + y2 = 1'], expected: 'a1*(y1 + y2) - y1', verdict: 'true' },
  { loss: 'x^2*w', wrt: 'x', assume: ['w^2 = 0'], expected: '0', verdict: 'true' },
  { loss: 'relu(z - 5)', wrt: 'z', expected: '0', verdict: 'false' },
];

describe('derive: expectations refuted only at real points', () => {
  it.each(derivations.map((d) => [`∂(${d.loss})/∂${d.wrt} = ${d.expected}${d.assume ? ` given ${d.assume.join(', ')}` : ''}`, d] as const))('%s', (_l, d) => {
    const r = derive({ loss: d.loss, let: d.let ?? [], wrt: d.wrt, expect: d.expected, assume: d.assume ?? [] });
    const e = r.expectations[0]!;
    const seen = `${e.verdict}${e.counterexample ? ` at ${JSON.stringify(e.counterexample)}` : ''} (result ${r.result})`;
    if (d.verdict === 'true') return expect(e.verdict, seen).not.toBe('refuted');
    if (d.verdict === 'false') expect(e.verdict, seen).not.toBe('proven');
    else expect(e.verdict, seen).toBe(d.verdict);
    if (e.verdict === 'refuted') expect(realCounterexample(r.result, d.expected, e.counterexample!, d.assume, d.let), `not real: ${seen}`).toBe(true);
  });
});
