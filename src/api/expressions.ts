/** Expressions in and out: reading ASCII and LaTeX, writing ASCII and LaTeX, simplifying to textbook form. */
import type { Expr } from '../expr/node.js';
import { CycleError, Definitions } from '../expr/context.js';
import { GradproofError } from '../expr/errors.js';
import { toAscii as exprToAscii } from '../expr/print.js';
import { parse as parseAscii } from '../parse/ascii.js';
import { parseLatex as parseTex } from '../parse/latex.js';
import { parseAnyDefinition } from '../parse/auto.js';
import { declaredNames } from '../parse/declared.js';
import type { RuleSet } from '../rules/types.js';
import { ProofRecorder } from '../rewrite/builder.js';
import { simplify as simplifyDerivation } from '../algebra/simplify.js';
import { intoNames } from '../algebra/fold.js';
import type { Proof } from '../proof/types.js';
import { checkProof } from '../kernel/index.js';
import { conditionToText } from '../render/conditions.js';
import { toLatex as exprToLatex } from '../render/latex.js';
import { collectConditions, stepToJson, type StepJson } from './derive.js';
import { type Lets, exprOf, letLines, parseOptions, rulesOf } from './inputs.js';

/** Options of the readers: the rule set whose functions a name followed by `(` may call. */
export interface ParseApiOptions {
  readonly rules?: RuleSet;
  /** A label for errors, such as a file name. */
  readonly source?: string;
}

/**
 * Reads an expression in ASCII (mathjs) syntax: `^`, implicit products, `σ`, `ln`, `diff(f, x)`.
 * @example
 * toAscii(parse('y log(a2) + (1-y) ln(1-a2)')); // 'y*log(a2) + (1 - y)*log(1 - a2)'
 */
export function parse(text: string, options: ParseApiOptions = {}): Expr {
  return parseAscii(text, parseOptions(rulesOf(options), options.source ?? 'expression'));
}

/**
 * Reads an expression in textbook LaTeX: `\frac`, `\log`, `\sigma(z_2)`; `a_2` is the name `a2`.
 * @example
 * toAscii(parseLatex('-[y \\log a_2 + (1 - y) \\log(1 - a_2)]')); // '-(y*log(a2) + (1 - y)*log(1 - a2))'
 */
export function parseLatex(text: string, options: ParseApiOptions = {}): Expr {
  return parseTex(text, parseOptions(rulesOf(options), options.source ?? 'expression'));
}

/**
 * Writes an expression (or the text of one) in ASCII input syntax, which parses back.
 * @example
 * toAscii('a_{2}(1 - a_{2})'); // 'a2*(1 - a2)'
 */
export function toAscii(e: Expr | string, options: { readonly rules?: RuleSet } = {}): string {
  return exprToAscii(exprOf(e, rulesOf(options), 'expression'));
}

/**
 * Writes an expression (or the text of one) as textbook LaTeX that KaTeX accepts.
 * @example
 * toLatex('(a2 - y)/(a2*(1 - a2))'); // '\\frac{a_{2} - y}{a_{2} \\left(1 - a_{2}\\right)}'
 */
export function toLatex(e: Expr | string, options: { readonly rules?: RuleSet } = {}): string {
  return exprToLatex(exprOf(e, rulesOf(options), 'expression'));
}

/** Options of `simplify()`. */
export interface SimplifyOptions {
  /** Named intermediates the result is written in: `{ a2: 'sigmoid(z2)' }`. */
  readonly let?: Lets;
  readonly rules?: RuleSet;
}

/** What `simplify()` returns; every expression is in ASCII input syntax. */
export interface SimplifyResult {
  readonly start: string;
  readonly result: string;
  readonly resultLatex: string;
  /** Every step, each naming its rule; the kernel replayed them all. */
  readonly steps: readonly StepJson[];
  readonly replayed: number;
  /** What the result needs to equal the start: the denominators that were cancelled. */
  readonly conditions: readonly string[];
}

/**
 * Simplifies to textbook form, one named algebra step at a time, in the intermediates' names; the kernel replays every step.
 * @example
 * simplify('a2*(1-a2)*(a2-y)/(a2*(1-a2))').result; // 'a2 - y'
 */
export function simplify(expr: Expr | string, options: SimplifyOptions = {}): SimplifyResult {
  const rules = rulesOf(options);
  const lets = letLines(options.let);
  // The let names are declared: `a2(1 - a2)` is a product for them.
  const variables = declaredNames(lets);
  const start = exprOf(expr, rules, 'expression', variables);
  const definitions = lets.map((l) => parseAnyDefinition(l, { ...parseOptions(rules, 'let'), variables }));
  let defs: Definitions;
  try {
    defs = new Definitions(definitions);
  } catch (err) {
    throw new GradproofError(err instanceof CycleError ? 'cycle' : 'duplicate', (err as Error).message);
  }
  const recorder = new ProofRecorder();
  const d = recorder.main(start);
  d.beginPhase(start, 'simplify');
  simplifyDerivation(d);
  intoNames(d, defs, new Set(), simplifyDerivation);
  simplifyDerivation(d);
  d.endPhase();
  const proof: Proof = { start, result: d.current, lemmas: [], steps: recorder.steps, phases: recorder.phases, definitions: defs.list, assumptions: [] };
  const r = checkProof(proof, rules.admitted);
  if (!r.ok) throw new GradproofError('internal', `the checker rejected the simplification at step ${r.step}: ${r.reason}`);
  return {
    start: exprToAscii(start),
    result: exprToAscii(proof.result),
    resultLatex: exprToLatex(proof.result),
    steps: proof.steps.map((s) => stepToJson(s, rules.byId)),
    replayed: r.checked.replayed,
    conditions: collectConditions(proof).map(conditionToText),
  };
}
