/**
 * `gradproof codegen`: run the derivation, and write the proven result as code. The
 * gradient is always the kernel-checked result; an expectation that is not proven is said
 * in the code's header and in the result, never papered over.
 */
import type { Expr } from '../expr/node.js';
import { Definitions, type Definition } from '../expr/context.js';
import { GradproofError } from '../expr/errors.js';
import { toAscii, toAsciiAsWritten } from '../expr/print.js';
import { hasDiff, nodes } from '../expr/traverse.js';
import { AT, DELTA, SUM } from '../expr/indexed.js';
import type { FactorOrder } from '../expr/display.js';
import type { ProblemSpec } from '../parse/problem.js';
import type { RuleSet } from '../rules/types.js';
import { builtinRules } from '../rules/builtin.js';
import { reduceConditions } from '../proof/conditions.js';
import { factAscii } from '../proof/label-sets.js';
import type { Verdict } from '../verdict/equality.js';
import { conditionToText } from '../render/conditions.js';
import { type DeriveInput, outcomeToJson, problemFromInput, runProblem } from '../api/derive.js';
import { deriveAll } from '../api/all.js';
import { stopOf, stoppedText } from '../api/stopped.js';
import type { Budget } from '../rewrite/builder.js';
import { type CodeModel, emitProgram } from './program.js';
import { emitNumpy, isShapedModel } from './numpy.js';
import type { CodeTarget } from './targets.js';

export { CODE_TARGETS, type CodeTarget } from './targets.js';

/** What to generate: the language, every gradient or one, the rules and the derivation's budget. */
export interface CodegenOptions {
  readonly target: CodeTarget;
  /** Every gradient of the loss (reverse mode), not only the problem's `wrt`. */
  readonly all?: boolean;
  /** Only these gradients (derived in reverse mode, as with `all`), in this order. */
  readonly grads?: readonly string[];
  readonly rules?: RuleSet;
  readonly budget?: Budget;
  /** Where the problem came from (a file name), for the header. */
  readonly source?: string;
}

/** Generated code (null when the derivation stopped), with the verdict of the expectations and any warnings. */
export interface CodegenResult {
  /** The generated module's source text; null when the derivation stopped without a result. */
  readonly code: string | null;
  /** Every expectation proven (or none stated): `proven` or null; else `refuted` or `unknown`. */
  readonly verdict: Verdict | null;
  /** One line per expectation that is not proven (the code computes the proven result instead), or why there is no code. */
  readonly warnings: readonly string[];
}

/** Calls of index notation: a loss over K classes is a loop, which the generator does not write. */
const INDEX_NOTATION: ReadonlySet<string> = new Set([AT, SUM, DELTA]);

interface Derived {
  /** Set when a budget ran out: there is no result to write. */
  readonly stopped?: string;
  readonly lossName: string;
  readonly definitions: readonly Definition[];
  readonly gradients: ReadonlyArray<{ readonly wrt: string; readonly result: Expr; readonly order?: FactorOrder }>;
  readonly conditions: readonly string[];
  readonly assumptions: readonly string[];
  readonly expectations: ReadonlyArray<{ readonly expected: string; readonly verdict: Verdict; readonly counterexample: Readonly<Record<string, number>> | null }>;
}

/** Derives the problem's gradient (or every gradient), has the kernel replay it, and writes it as code. */
export function generateCode(spec: ProblemSpec, options: CodegenOptions): CodegenResult {
  const { model, verdict, warnings } = codeModel(spec, options);
  return { code: model ? emitCode(model, options.target) : null, verdict, warnings };
}

/** A model's code: shaped terms as NumPy (Python only), anything else by the scalar printer. */
export function emitCode(model: CodeModel, target: CodeTarget): string {
  if (!isShapedModel(model)) return emitProgram(model, target);
  if (target !== 'python') throw new GradproofError('usage', `code generation: matrix problems are written as NumPy; use --target python, not ${target}`);
  return emitNumpy(model);
}

/** The derivation's part of `generateCode`, for any language: what to compute, or null when it stopped. */
export function codeModel(
  spec: ProblemSpec,
  options: Omit<CodegenOptions, 'target'>,
): { readonly model: CodeModel | null; readonly verdict: Verdict | null; readonly warnings: readonly string[] } {
  const rules = options.rules ?? builtinRules();
  const indexed = [spec.loss, ...spec.definitions.map((x) => x.expr)].some((e) => nodes(e).some((n) => n.kind === 'call' && INDEX_NOTATION.has(n.fn)));
  if (indexed) throw new GradproofError('usage', 'code generation: index notation (z[i], sum(k, 1, K, …)) has no code yet; write the classes out, as examples/softmax-cce-3.grad does');
  const every = options.all || options.grads !== undefined;
  const derived = every ? everyGradient(spec, rules, options.budget) : oneGradient(spec, rules, options.budget);
  const d = options.grads && !derived.stopped ? onlySome(derived, options.grads) : derived;
  if (d.stopped) return { model: null, verdict: 'unknown', warnings: [`the derivation stopped (${d.stopped}); there is no proven result, so no code`] };
  for (const g of d.gradients) {
    if (hasDiff(g.result)) throw new GradproofError('unknown-function', `code generation: ∂${d.lossName}/∂${g.wrt} = ${toAscii(g.result)} still holds a derivative; there is no proven closed form to write`);
  }
  const lossDef = d.definitions.find((x) => x.name === d.lossName);
  if (!lossDef) throw new GradproofError('internal', `code generation: the loss ${d.lossName} has no definition`);
  const defs = new Definitions(d.definitions);
  const inputs = defs
    .freeVariables()
    .filter((v) => defs.dependsOn(d.lossName, v))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const verdicts = d.expectations.map((e) => e.verdict);
  const verdict: Verdict | null = !verdicts.length ? null : verdicts.every((v) => v === 'proven') ? 'proven' : verdicts.includes('refuted') ? 'refuted' : 'unknown';
  const warnings = d.expectations
    .filter((e) => e.verdict !== 'proven')
    .map((e) => {
      const at = e.counterexample ? ` (at ${Object.entries(e.counterexample).map(([k, v]) => `${k} = ${v}`).join(', ')})` : '';
      return `the expectation ${e.expected} is ${e.verdict}${at}; the code computes the proven result instead`;
    });
  const header = headerLines(spec, options, d, warnings);
  const model: CodeModel = {
    lossName: d.lossName,
    definitions: d.definitions.filter((x) => x.name !== d.lossName),
    loss: lossDef.expr,
    gradients: d.gradients,
    inputs,
    header,
    functions: rules.defs,
  };
  return { model, verdict, warnings };
}

function oneGradient(spec: ProblemSpec, rules: RuleSet, budget: Budget | undefined): Derived {
  const outcome = runProblem(spec, { rules, ...(budget ? { budget } : {}) });
  if (outcome.stopped) return { stopped: stoppedText(outcome.stopped), lossName: '', definitions: [], gradients: [], conditions: [], assumptions: [], expectations: [] };
  const json = outcomeToJson(outcome);
  const start = outcome.proof.start;
  const loss = start.kind === 'call' ? start.args[0] : undefined;
  if (!loss || loss.kind !== 'sym') throw new GradproofError('internal', `code generation: the goal ${toAscii(start)} is not ∂L/∂x`);
  return {
    lossName: loss.name,
    definitions: outcome.proof.definitions,
    gradients: [{ wrt: outcome.wrt, result: outcome.proof.result, order: outcome.factorOrder }],
    conditions: json.conditions,
    assumptions: json.assumptions,
    expectations: json.expectations,
  };
}

function everyGradient(spec: ProblemSpec, rules: RuleSet, budget: Budget | undefined): Derived {
  let all: ReturnType<typeof deriveAll>;
  try {
    all = deriveAll(spec, rules, budget);
  } catch (err) {
    const stopped = stopOf(err);
    if (!stopped) throw err;
    return { stopped: stoppedText(stopped), lossName: '', definitions: [], gradients: [], conditions: [], assumptions: [], expectations: [] };
  }
  const { remaining } = reduceConditions(all.conditions, all.proof.assumptions);
  return {
    lossName: all.lossName,
    definitions: all.proof.definitions,
    gradients: all.gradients.map((g) => ({ wrt: g.wrt, result: g.result, order: g.order })),
    conditions: remaining.map(conditionToText),
    assumptions: all.proof.assumptions.map(factAscii),
    // The file's expectations, about the gradient of its wrt variable, decided under --all too.
    expectations: all.expectations.map((e) => ({
      expected: `∂${all.lossName}/∂${e.wrt} = ${toAsciiAsWritten(e.expected)}`,
      verdict: e.decision.verdict,
      counterexample: e.decision.counterexample?.point ?? null,
    })),
  };
}

/** The gradients asked for, in the order asked; a name the loss does not depend on is bad input. */
function onlySome(d: Derived, names: readonly string[]): Derived {
  const byName = new Map(d.gradients.map((g) => [g.wrt, g]));
  const missing = names.find((n) => !byName.has(n));
  if (missing !== undefined) {
    const known = d.gradients.map((g) => g.wrt).join(', ');
    throw new GradproofError('usage', `--grads ${names.join(',')}: ${d.lossName} does not depend on ${missing} (its gradients: ${known})`);
  }
  return { ...d, gradients: [...new Set(names)].map((n) => byName.get(n)!) };
}

function headerLines(spec: ProblemSpec, options: Omit<CodegenOptions, 'target'>, d: Derived, warnings: readonly string[]): string[] {
  const lines = [`Generated by gradproof${options.source ? ` from ${options.source}` : ''}.${spec.title ? ` ${spec.title}` : ''}`];
  lines.push('', `${d.lossName} = ${toAscii(d.definitions.find((x) => x.name === d.lossName)!.expr)}`);
  for (const x of d.definitions) if (x.name !== d.lossName) lines.push(`  where ${x.name} = ${toAscii(x.expr)}`);
  lines.push('', "Proven (gradproof's kernel replayed every step of the derivation):");
  for (const g of d.gradients) lines.push(`  ∂${d.lossName}/∂${g.wrt} = ${toAscii(g.result, g.order)}`);
  if (d.conditions.length) lines.push(`Holds where ${d.conditions.join(', ')}.`);
  if (d.assumptions.length) lines.push(`Assumes ${d.assumptions.join(', ')}: the gradient is right only for inputs where this holds.`);
  for (const e of d.expectations) if (e.verdict === 'proven') lines.push(`Expected ${e.expected}: proven.`);
  for (const w of warnings) lines.push(`NOT PROVEN: ${w}.`);
  return lines;
}

/**
 * Writes the proven loss and gradient of `derive()`'s input as a function in TypeScript, JavaScript or Python.
 * @example
 * const { code } = codegen({ loss: '-(y*log(a2) + (1-y)*log(1-a2))', let: { a2: 'sigmoid(z2)' }, wrt: 'z2' }, { target: 'python' });
 * code!.includes('    loss = y * softplus(-z2) + softplus(z2) * (1 - y)\n'); // true
 */
export function codegen(input: DeriveInput, options: CodegenOptions): CodegenResult {
  const rules = options.rules ?? builtinRules();
  return generateCode(problemFromInput(input, rules.functions), { ...options, rules });
}
