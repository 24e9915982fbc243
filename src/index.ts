/**
 * gradproof's public API: derive gradients step by step in the user's names, check proofs
 * and written derivations with the kernel, and render them. Every function takes text
 * (ASCII, or LaTeX when it has `\`, `_{` or `^{`) and returns plain JSON-ready data;
 * `{ rules }` (from `loadRules`) adds a user's own rule files to the built-in ones.
 */
export { parse, parseLatex, toAscii, toLatex, simplify, type ParseApiOptions, type SimplifyOptions, type SimplifyResult } from './api/expressions.js';
export { derive, type DeriveInput, type DeriveResult, type StepJson } from './api/derive.js';
export { check, type CheckOptions, type ProblemMatchJson, type ProofCheck } from './api/check.js';
export type { PremisesJson } from './render/premises.js';
export { checkChain, type ChainOptions, type ChainResult, type CorrectSideJson, type LinkJson } from './api/chain.js';
export { equivalent, type EquivalentOptions, type EquivalentResult } from './api/equivalent.js';
export { renderMarkdown, type RenderOptions } from './api/render.js';
export { renderHtml, type HtmlRenderOptions } from './api/html.js';
export { renderLatex, proofToAlign, type LatexRenderOptions } from './api/latex.js';
export { loadRules, type LoadRulesOptions, type RuleSource } from './api/rules.js';
export type { Lets } from './api/inputs.js';
export { GradproofError, type ErrorCode, type SourcePos } from './expr/errors.js';
export type { Expr } from './expr/node.js';
export type { RuleSet, Rule } from './rules/types.js';
export type { Verdict } from './verdict/equality.js';
export { fromMathjs, toMathjs, type MathjsNode, type MathjsParser, type FromMathjsOptions } from './interop/mathjs.js';
export { codegen, type CodegenOptions, type CodegenResult } from './codegen/generate.js';
export type { CodeTarget } from './codegen/targets.js';
