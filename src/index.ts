/**
 * gradproof's public API: derive gradients step by step in the user's names, check proofs
 * and written derivations with the kernel, and render them.
 */
export { parse, parseDefinition, parseRelation, type ParseOptions } from './parse/ascii.js';
export { parseProblem, type ProblemSpec } from './parse/problem.js';
export { parseDerivation } from './parse/derivation.js';
export { toAscii } from './expr/print.js';
export { GradproofError } from './expr/errors.js';
export type { Expr } from './expr/node.js';
export { loadRules } from './rules/load.js';
export { builtinRules } from './rules/builtin.js';
export type { Rule, RuleSet } from './rules/types.js';
export type { Proof, Step, Condition } from './proof/types.js';
export { checkProof, type CheckedProof, type CheckResult } from './proof/kernel.js';
export { derive, runProblem, outcomeToJson, type DeriveInput, type DeriveResult, type Outcome } from './api/derive.js';
export { checkDerivation, type ChainOutcome, type LinkOutcome, type WrittenDerivation } from './api/check-chain.js';
export { equivalent, type EquivalentResult, type EquivalentOptions } from './api/equivalent.js';
export { proofFromJson } from './api/serialize.js';
export { toLatex } from './render/latex.js';
export { proofToAlign, proofToAligned } from './render/proof-latex.js';
export { proofToText } from './render/text.js';
