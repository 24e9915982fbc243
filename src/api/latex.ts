/**
 * LaTeX from the library: the document `derive --format latex` writes, its bare `align*`
 * block (`--fragment`), and the `align*` of a proof `derive()` returned. A proof is rendered
 * only once the kernel has replayed it: what is printed is what was proven.
 */
import { GradproofError } from '../expr/errors.js';
import { derivationFragment, derivationToDocument } from '../render/document-derivation.js';
import { proofToAlign as alignOfProof } from '../render/proof-latex.js';
import type { Lang } from '../render/rule-name.js';
import type { RuleSet } from '../rules/types.js';
import { readProof, verifyProof } from './check.js';
import { type DeriveInput, type DeriveResult, problemFromInput, runProblem } from './derive.js';
import { rulesOf } from './inputs.js';
import { outcomePremises } from './premises.js';

/** Options of `renderLatex`. */
export interface LatexRenderOptions {
  /** The language of rule names, explanations and headings (default `en`). */
  readonly lang?: Lang;
  readonly rules?: RuleSet;
  /** Only the derivation's `align*` block, without the document around it (default false). */
  readonly fragment?: boolean;
  /** Every single step instead of the textbook lines (default false). */
  readonly steps?: boolean;
}

/**
 * Derives and writes the standalone LaTeX document `gradproof derive --format latex` prints,
 * or with `fragment` its bare `align*` block.
 * @example
 * renderLatex({ loss: '(a - y)^2/2', let: { a: 'tanh(z)' }, wrt: 'z' }, { fragment: true }).split('\n')[0]; // '\\begin{align*}'
 */
export function renderLatex(input: DeriveInput, options: LatexRenderOptions = {}): string {
  const rules = rulesOf(options);
  const outcome = runProblem(problemFromInput(input, rules.functions), { rules });
  const lang = options.lang ?? 'en';
  // Only the proof the kernel replayed is rendered, as the command does.
  const report = { ...outcome, proof: outcome.checked.proof, rules: outcome.rules.byId };
  if (options.fragment) return derivationFragment(report, lang, options.steps ?? false);
  return derivationToDocument({ ...report, ...(outcome.stopped ? {} : { premises: outcomePremises(outcome) }) }, lang, options.steps ?? false);
}

/**
 * The `align*` block of a proof (a `derive()` result, or its JSON text): one row per textbook
 * line, `lhs &= rhs && \text{rules}` with its conditions. The proof is replayed by the kernel
 * first; one that does not replay is refused.
 * @example
 * proofToAlign(derive({ loss: '(a - y)^2/2', let: { a: 'tanh(z)' }, wrt: 'z' })).split('\n')[0]; // '\\begin{align*}'
 */
export function proofToAlign(proof: DeriveResult | string | object, options: { readonly lang?: Lang; readonly rules?: RuleSet } = {}): string {
  const rules = rulesOf(options);
  const verdict = verifyProof(readProof(proof, rules), rules).result;
  if (!verdict.ok) throw new GradproofError('rule', `the proof does not replay (step ${verdict.step}): ${verdict.reason}`);
  return alignOfProof(verdict.checked.proof, rules.byId, options.lang ?? 'en');
}
