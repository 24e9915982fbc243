#!/usr/bin/env node
/** The `gradproof` command. Exit codes: 0 proven, 1 refuted or unknown, 2 bad input. */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { GradproofError } from '../expr/errors.js';
import { parseProblem, type ProblemSpec } from '../parse/problem.js';
import { outcomeToJson, problemFromInput, runProblem, writtenWithDecimals } from '../api/derive.js';
import { inDecimals } from '../expr/decimals.js';
import { USAGE, parseCommandLine, type CodegenArgs, type DeriveArgs } from './args.js';
import { generateCode } from '../codegen/generate.js';
import { formatAll, formatOutcome } from './format.js';
import { allOutcomeToHtml, outcomeToHtml } from './format-html.js';
import { allProven, allToJson, deriveAll } from '../api/all.js';
import { runCheck } from './check.js';
import { rulesFromFiles } from './rules.js';
import { why } from './errors.js';
import { stopOf, stoppedText } from '../api/stopped.js';
import { checkFileSize, type Limits } from './limits.js';
import { forEveryStep } from '../rewrite/builder.js';
import { serve } from './serve.js';
import { unusedVariableNote } from './unused-variable.js';

const VERSION = '0.1.0';

function main(argv: readonly string[]): number {
  let debug = argv.includes('--debug');
  try {
    const args = parseCommandLine(argv);
    debug = args.debug;
    if (args.command === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    if (args.command === 'version') {
      process.stdout.write(`gradproof ${VERSION}\n`);
      return 0;
    }
    if (args.command === 'serve') return serve(args.port);
    if (args.command === 'check') {
      const r = runCheck(args);
      emit(r.text, args.output);
      return r.code;
    }
    if (args.command === 'codegen') return codegen(args);
    return derive(args);
  } catch (err) {
    if (err instanceof GradproofError) {
      process.stderr.write(`${err.format()}\n`);
      if (debug) process.stderr.write(`${err.stack}\n`);
      return 2;
    }
    // A budget that ran out outside a verdict (as in --all): no result, which is unknown, not bad input.
    const stopped = stopOf(err);
    if (stopped) {
      process.stderr.write(`stopped: ${stoppedText(stopped)}; the result is unknown\n`);
      return 1;
    }
    if (err instanceof RangeError && /call stack/.test(err.message)) {
      process.stderr.write(`error: the input is nested too deeply for the stack; lower --max-depth\n${debug ? `${err.stack}\n` : ''}`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`internal error: ${message}\n${debug && err instanceof Error ? err.stack + '\n' : 'run again with --debug for a stack trace\n'}`);
    return 2;
  }
}

function derive(args: DeriveArgs): number {
  const rules = rulesFromFiles(args.rules);
  const spec = looksLikeFile(args.target) ? problemFromFile(args, rules.functions) : problemFromFlags(args, rules.functions);
  if (args.all) {
    const all = deriveAll(spec, rules, args.format === 'json' ? forEveryStep(args.limits.budget) : args.limits.budget);
    // Decimals where the user wrote them, as for one gradient (expr/decimals.ts).
    const text = inDecimals(writtenWithDecimals(spec), () =>
      args.format === 'json' ? `${JSON.stringify(allToJson(all, args.lang), null, 2)}\n` : args.format === 'html' ? allOutcomeToHtml(all, args.lang) : formatAll(all, args.format, args.lang, args.fragment),
    );
    emit(text, args.output);
    return allProven(all) ? 0 : 1;
  }
  const everyStep = args.format === 'json' || args.allSteps;
  const outcome = runProblem(spec, { rules, budget: everyStep ? forEveryStep(args.limits.budget) : args.limits.budget });
  const unused = unusedVariableNote(spec);
  if (unused) process.stderr.write(`note: ${unused}\n`);
  const text =
    args.format === 'json'
      ? `${JSON.stringify(outcomeToJson(outcome, args.lang), null, 2)}\n`
      : args.format === 'html'
        ? outcomeToHtml(outcome, args.lang, args.allSteps)
        : formatOutcome(outcome, args.format, args.lang, args.allSteps, args.fragment);
  emit(text, args.output);
  return !outcome.stopped && outcome.expectations.every((e) => e.decision.verdict === 'proven') ? 0 : 1;
}

/** `codegen`: the kernel-checked result as code; an expectation not proven is a warning and exit 1. */
function codegen(args: CodegenArgs): number {
  const rules = rulesFromFiles(args.rules);
  const file = looksLikeFile(args.target);
  // --grads derives in reverse mode, as --all does: an inline loss needs no --wrt with it.
  const problemArgs = { ...args, all: args.all || args.grads !== undefined };
  const spec = file ? problemFromFile(problemArgs, rules.functions) : problemFromFlags(problemArgs, rules.functions);
  const r = generateCode(spec, { target: args.language, all: args.all, ...(args.grads ? { grads: args.grads } : {}), rules, budget: args.limits.budget, ...(file ? { source: args.target } : {}) });
  for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
  if (r.code !== null) emit(r.code, args.output);
  return r.verdict === null || r.verdict === 'proven' ? 0 : 1;
}

function emit(text: string, output: string | undefined): void {
  if (!output) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(output, text);
  } catch (err) {
    throw new GradproofError('file', `cannot write ${output}: ${why(err, 'write')}`);
  }
}

/** A target is a file when it names something on disk, or looks like a path to a problem file. */
function looksLikeFile(target: string): boolean {
  if (/\.grad$/.test(target)) return true;
  try {
    statSync(target);
    return true;
  } catch {
    return false;
  }
}


/** What reading a problem needs of the arguments (derive and codegen share it). */
type ProblemArgs = Pick<DeriveArgs, 'target' | 'wrt' | 'shapes' | 'lets' | 'expects' | 'assumes' | 'input' | 'all' | 'limits'>;

function problemFromFile(args: ProblemArgs, functions: ReadonlySet<string>): ProblemSpec {
  let bytes: Buffer;
  checkFileSize(args.target, args.limits);
  try {
    bytes = readFileSync(args.target);
  } catch (err) {
    throw new GradproofError('file', `cannot read ${args.target}: ${why(err)}`);
  }
  if (bytes.includes(0)) throw new GradproofError('file', `${args.target} is a binary file, not a problem file`);
  if (args.wrt || args.lets.length || args.assumes.length || (args.expects.length && !args.all)) {
    throw new GradproofError('usage', '--wrt, --let, --expect and --assume go with an inline expression; a problem file states them itself');
  }
  if (args.shapes.length) {
    throw new GradproofError('usage', '--shape goes with an inline expression; a problem file states its shapes itself (shape W1 [n1, n0])');
  }
  return parseProblem(bytes.toString('utf8'), args.target, { functions, ...parseLimits(args.limits) });
}

function problemFromFlags(args: ProblemArgs, functions: ReadonlySet<string>): ProblemSpec {
  if (!args.wrt && !args.all) throw new GradproofError('usage', `an inline expression needs --wrt VAR or --all (or is '${args.target}' a file that does not exist?)`);
  // --wrt is read in the input's syntax: with LaTeX input, z_2 names the variable z2, as a_2 is a2.
  return problemFromInput({ loss: args.target, let: args.lets, shape: args.shapes, wrt: args.wrt ?? 'L', expect: args.expects, assume: args.assumes }, functions, args.input, parseLimits(args.limits));
}

/** The parsers' share of the limits. */
const parseLimits = (l: Limits): { maxDepth: number; maxLength: number } => ({ maxDepth: l.maxDepth, maxLength: l.maxInput });

process.exitCode = main(process.argv.slice(2));
