/**
 * Expectations written as the books write them (σ′, the user's abbreviations like δ3, names
 * opened) are linked to the derived result by steps the kernel replays; wrong ones stay refuted.
 */
import { describe, expect, it } from 'vitest';
import { type Expr, sym } from '../../src/expr/node.js';
import { toAscii } from '../../src/expr/print.js';
import { substitute } from '../../src/expr/traverse.js';
import { parseProblem } from '../../src/parse/problem.js';
import { type Outcome, runProblem } from '../../src/api/derive.js';
import { Definitions } from '../../src/expr/context.js';
import { shapesOf } from '../../src/calculus/matrix.js';
import { matrixLinkProof } from '../../src/algebra/matrix-expect.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { checkProof } from '../../src/kernel/index.js';
import { checkDerivation, decideLink } from '../../src/api/check-chain.js';
import { toAssumptions } from '../../src/api/derive.js';
import { readFileSync } from 'node:fs';
import type { Proof } from '../../src/proof/types.js';
import { expectGradient, randomPoint } from '../calculus/matrix-numeric.js';

const NETWORK = `shape W2 [n2, n1]
shape b2 [n2, 1]
shape x [n1, 1]
shape W3 [n3, n2]
shape b3 [n3, 1]
shape y [n3, 1]
let z2 = W2*x + b2
let a2 = σ(z2)
let z3 = W3*a2 + b3
let a3 = σ(z3)
let δ3 = (a3 - y) ⊙ σ'(z3)
loss C = sum((y - a3).^2)/2
`;
const run = (wrt: string, ...expects: string[]): Outcome => runProblem(parseProblem(`${NETWORK}wrt ${wrt}\n${expects.map((e) => `expect ${e}\n`).join('')}`, 'test.grad'));
const verdicts = (o: Outcome): string[] => o.expectations.map((e) => e.decision.verdict);
/** The rule ids of the steps after the derivation's own: the link from the result to the expectation. */
const linkRules = (o: Outcome, i = 0): string[] => {
  const d = o.expectations[i]!.decision;
  if (d.verdict !== 'proven') throw new Error(`not proven: ${d.evidence ?? ''}`);
  return d.proof.proof.steps.slice(o.proof.steps.length).map((s) => s.rule);
};
/** The derived result equals the finite-difference gradient at random matrices of two sizes. */
const numericallyRight = (o: Outcome): void => {
  const defs = [...o.proof.definitions];
  for (const [dims, seed] of [[{ n1: 2, n2: 3, n3: 2 }, 5], [{ n1: 3, n2: 2, n3: 4 }, 9]] as const) expectGradient(o.proof.result, o.proof.start, randomPoint(defs, dims, seed));
};

describe('expectations in the books’ notation are proven by the kernel', () => {
  it('BP1: (a3 − y) ⊙ σ′(z3) against the derived (a3 − y)·a3·(1 − a3): σ′ written out by its rule, σ(z3) folded into a3', () => {
    const o = run('z3', "(a3 - y) .* σ'(z3)");
    expect(toAscii(o.proof.result)).toBe('a3*(1 - a3)*(a3 - mat(y, n3, 1))');
    expect(verdicts(o)).toEqual(['proven']);
    const rules = linkRules(o);
    expect(rules).toContain('m.prime.sigmoid');
    expect(rules).toContain('def.fold');
    expect(rules.at(-1)).toBe('lemma');
    const d = o.expectations[0]!.decision;
    expect(d.verdict === 'proven' && [toAscii(d.theorem.lhs), toAscii(d.theorem.rhs)]).toEqual(['diff(C, z3)', "prime(sigmoid, z3)*(a3 - mat(y, n3, 1))"]);
    numericallyRight(o);
  });

  it('BP4: δ3 a2ᵀ with δ3 the user’s abbreviation is opened by a definition step', () => {
    const o = run('W3', 'δ3 * a2^T');
    expect(verdicts(o)).toEqual(['proven']);
    expect(linkRules(o)).toEqual(expect.arrayContaining(['def.unfold', 'm.prime.sigmoid']));
    numericallyRight(o);
  });

  it('BP2: (W3ᵀ δ3) ⊙ σ′(z2), two abbreviations deep, and the same with the names written out', () => {
    const o = run('z2', "(W3^T * δ3) ⊙ σ'(z2)", "(W3^T * ((a3 - y) .* a3 .* (1 - a3))) .* σ(z2) .* (1 - σ(z2))");
    expect(verdicts(o)).toEqual(['proven', 'proven']);
    numericallyRight(o);
  });

  it('an expectation written with every name opened down to the inputs is proven by opening both sides', () => {
    const o = run('b3', "(σ(W3*σ(W2*x + b2) + b3) - y) .* σ'(W3*σ(W2*x + b2) + b3)");
    expect(verdicts(o)).toEqual(['proven']);
    expect(linkRules(o)).toContain('def.unfold');
  });
});

describe('wrong expectations in the books’ notation stay refuted', () => {
  it('a missing σ′ factor, a missing transpose, σ′ of the wrong layer', () => {
    const o = run('z2', '(W3^T * δ3) ⊙ a2', "(W3^T * (a3 - y)) ⊙ σ'(z2)");
    expect(verdicts(o)).toEqual(['refuted', 'refuted']);
    const w = run('W3', 'a2 * δ3^T', "δ3 .* σ'(z3) * a2^T");
    expect(verdicts(w)).toEqual(['refuted', 'refuted']);
    expect(w.expectations[0]!.decision.evidence).toBe('the result is [n3, n2], the expectation [n2, n3]');
  });

  it('a square W3 written for W3ᵀ passes the shape check and is refuted by value', () => {
    const o = runProblem(parseProblem(`${NETWORK.replace(/n3/g, 'n2')}wrt z2\nexpect (W3 * δ3) ⊙ σ'(z2)\n`, 'test.grad'));
    expect(verdicts(o)).toEqual(['refuted']);
    expect(o.expectations[0]!.decision.evidence).toMatch(/^at n1 = \d+, n2 = \d+ with the entries shown: entry \(\d+, \d+\) of the result is /);
  });
});

describe('the link is only a proof once the kernel has replayed it', () => {
  const spec = parseProblem(`${NETWORK}wrt z3\n`, 'test.grad');
  const defs = new Definitions([...spec.definitions, { name: 'C', expr: spec.loss }]);
  const rules = builtinRules();
  const a3 = sym('a3');
  const link = (expected: Expr): Proof => matrixLinkProof(parseExpr('(a3 - y) .* a3 .* (1 - a3)'), expected, defs, shapesOf(defs), rules, [], 'abbreviations', new Set(['C']))!;
  function parseExpr(text: string): Expr {
    return parseProblem(`${NETWORK}wrt z3\nexpect ${text}\n`, 'test.grad').expects[0]!;
  }

  it('the link to δ3 replays', () => {
    const p = link(sym('δ3'));
    expect(p.steps.map((s) => s.rule)).toEqual(['def.unfold', 'm.prime.sigmoid', 'def.fold', 'def.fold', 'lemma']);
    expect(checkProof(p, rules.admitted).ok).toBe(true);
  });

  it('a tampered link is rejected: σ′ cited as the rule of tanh′, or a fold into the wrong name', () => {
    const p = link(sym('δ3'));
    const i = p.steps.findIndex((s) => s.rule === 'm.prime.sigmoid');
    const tanh = p.steps.map((s, k) => (k === i ? { ...s, rule: 'm.prime.tanh' } : s));
    const r1 = checkProof({ ...p, steps: tanh }, rules.admitted);
    expect(r1.ok).toBe(false);
    expect(!r1.ok && r1.reason).toBe('binding for sigmoid, which m.prime.tanh does not have');
    const k = p.steps.findIndex((s) => s.rule === 'def.fold');
    const a2 = p.steps.map((s, j) => (j === k ? { ...s, after: substitute(s.after, new Map([['a3', sym('a2')]])) } : s));
    const r2 = checkProof({ ...p, steps: a2 }, rules.admitted);
    expect(r2.ok).toBe(false);
    expect(!r2.ok && r2.reason).toBe("its 'after' is ill-shaped: cannot multiply entrywise [n2, 1] and [n3, 1]");
  });

  it('no link is built to a term with a derivative in it', () => {
    expect(matrixLinkProof(a3, parseExpr('diff(C, z3)'), defs, shapesOf(defs), rules, [], 'all')).toBeUndefined();
  });
});

describe('a written chain of shaped terms uses the same links', () => {
  const spec = parseProblem(`${NETWORK}wrt z3\n`, 'test.grad');
  const parse = (text: string): Expr => parseProblem(`${NETWORK}wrt z3\nexpect ${text}\n`, 'test.grad').expects[0]!;
  const chain = (...lines: string[]) => checkDerivation({ definitions: [...spec.definitions, { name: 'C', expr: spec.loss }], assumptions: [], chains: [lines.map((l) => ({ expr: parse(l) }))] });

  it('δ3 = (a3 − y) ⊙ σ′(z3) = (a3 − y) ⊙ a3 ⊙ (1 − a3) is proven link by link; a missing factor is the first wrong link', () => {
    const ok = chain('δ3 * a2^T', "((a3 - y) .* σ'(z3)) * a2^T", '((a3 - y) .* a3 .* (1 - a3)) * a2^T');
    expect(ok.links.map((l) => l.decision.verdict)).toEqual(['proven', 'proven']);
    expect(ok.links[1]!.rules).toContain('m.prime.sigmoid');
    const wrong = chain('δ3', "(a3 - y) .* σ'(z3)", '(a3 - y) .* a3');
    expect(wrong.links.map((l) => l.decision.verdict)).toEqual(['proven', 'refuted']);
    expect(wrong.firstWrong).toBe(2);
  });
});

describe('other links the books need: relu′ with its condition, scalars and sums moved by the kernel’s lowering', () => {
  const rules = builtinRules();
  const decide = (file: string, from: string) => {
    const text = readFileSync(`examples/matrix/${file}.grad`, 'utf8');
    const spec = parseProblem(text, file);
    const a = parseProblem(text.replace(/^expect .*$/m, `expect ${from}`), file).expects[0]!;
    const defs = new Definitions([...spec.definitions, { name: spec.lossName!, expr: spec.loss }]);
    return decideLink(a, spec.expects[0]!, defs, rules, spec.assumptions.flatMap(toAssumptions));
  };

  it('CS231n: Xᵀ dhidden + reg·W1, dhidden written with prime(relu, Z1), against the opened result', () => {
    const d = decide('cs231n-two-layer-relu-weights', 'reg*W1 + (1/N)*(X^T * (((probs - Y) * W2^T) .* piecewise(Z1 > 0, 1, Z1 < 0, 0)))');
    expect(d.verdict).toBe('proven');
    expect(d.verdict === 'proven' && d.theorem.conditions.map((c) => `${c.kind} ${toAscii(c.expr)}`)).toContain('nonzero Z1');
    expect(decide('cs231n-two-layer-relu-weights', 'reg*W1 + X^T * (((probs - Y) * W2^T) .* prime(relu, Z1))').verdict).toBe('refuted');
  });

  it('Goodfellow: (2/m)(XᵀXw − Xᵀy) against (2/m) Xᵀ(Xw − y), a product distributed over a difference', () => {
    expect(decide('goodfellow-linear-regression', '(2/m)*(X^T * (X*w - y))').verdict).toBe('proven');
    expect(decide('goodfellow-linear-regression', '(1/m)*(X^T * (X*w - y))').verdict).toBe('refuted');
  });
});
