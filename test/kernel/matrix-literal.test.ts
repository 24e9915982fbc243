/**
 * A name a matrix rule does not declare is a literal: `sigmoid` in m.prime.sigmoid cannot be
 * bound to tanh to prove prime(tanh, Z) = sigmoid(Z)*(1 - sigmoid(Z)).
 */
import { expect, it } from 'vitest';
import { builtinRules } from '../../src/rules/builtin.js';
import { checkProof } from '../../src/kernel/index.js';
import { parse } from '../../src/parse/ascii.js';
import { type Expr, sym } from '../../src/expr/node.js';
import type { Proof } from '../../src/proof/types.js';

const rules = builtinRules();
const read = (t: string): Expr => parse(t, { functions: rules.functions });
const before = read('prime(tanh, mat(Z, n, 1))');
const after = read('sigmoid(mat(Z, n, 1))*(1 - sigmoid(mat(Z, n, 1)))');
const proof = (bindings: Record<string, Expr>): Proof => ({
  start: before,
  result: after,
  steps: [{ rule: 'm.prime.sigmoid', kind: 'rule', path: [], bindings, before, after, conditions: [], phase: 0, derivation: 0 }],
  lemmas: [],
  phases: [],
  definitions: [],
  assumptions: [],
});

it('refuses the literal sigmoid bound to tanh, and the rule applied to tanh without it', () => {
  const bound = checkProof(proof({ A: read('mat(Z, n, 1)'), sigmoid: sym('tanh') }), rules.admitted);
  expect(!bound.ok && bound.reason).toBe('binding for sigmoid, which m.prime.sigmoid does not have');
  const plain = checkProof(proof({ A: read('mat(Z, n, 1)') }), rules.admitted);
  expect(!plain.ok && plain.reason).toBe('m.prime.sigmoid with these bindings does not match prime(tanh, mat(Z, n, 1))');
});
