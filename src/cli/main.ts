#!/usr/bin/env node
/** The `gradproof` command. Exit codes: 0 proven, 1 refuted or unknown, 2 bad input. */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { GradproofError } from '../expr/errors.js';
import { parseProblem, type ProblemSpec } from '../parse/problem.js';
import { outcomeToJson, problemFromInput, runProblem } from '../api/derive.js';
import { builtinRules } from '../rules/builtin.js';
import { USAGE, parseCommandLine, type DeriveArgs } from './args.js';
import { formatAll, formatOutcome } from './format.js';
import { allToJson, deriveAll } from '../api/all.js';
import { runCheck } from './check.js';
import { why } from './errors.js';

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
    if (args.command === 'check') {
      const r = runCheck(args);
      emit(r.text, args.output);
      return r.code;
    }
    return derive(args);
  } catch (err) {
    if (err instanceof GradproofError) {
      process.stderr.write(`${err.format()}\n`);
      if (debug) process.stderr.write(`${err.stack}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`internal error: ${message}\n${debug && err instanceof Error ? err.stack + '\n' : 'run again with --debug for a stack trace\n'}`);
    return 2;
  }
}

function derive(args: DeriveArgs): number {
  const rules = builtinRules();
  const spec = looksLikeFile(args.target) ? problemFromFile(args, rules.functions) : problemFromFlags(args, rules.functions);
  if (args.all) {
    const all = deriveAll(spec, rules);
    emit(args.format === 'json' ? `${JSON.stringify(allToJson(all, args.lang), null, 2)}\n` : formatAll(all, args.format, args.lang), args.output);
    return 0;
  }
  const outcome = runProblem(spec, { rules });
  const text =
    args.format === 'json' ? `${JSON.stringify(outcomeToJson(outcome, args.lang), null, 2)}\n` : formatOutcome(outcome, args.format, args.lang, args.allSteps);
  emit(text, args.output);
  return outcome.expectations.every((e) => e.decision.verdict === 'proven') ? 0 : 1;
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


function problemFromFile(args: DeriveArgs, functions: ReadonlySet<string>): ProblemSpec {
  let bytes: Buffer;
  try {
    bytes = readFileSync(args.target);
  } catch (err) {
    throw new GradproofError('file', `cannot read ${args.target}: ${why(err)}`);
  }
  if (bytes.includes(0)) throw new GradproofError('file', `${args.target} is a binary file, not a problem file`);
  if (args.wrt || args.lets.length || args.assumes.length || (args.expects.length && !args.all)) {
    throw new GradproofError('usage', '--wrt, --let, --expect and --assume go with an inline expression; a problem file states them itself');
  }
  return parseProblem(bytes.toString('utf8'), args.target, { functions });
}

function problemFromFlags(args: DeriveArgs, functions: ReadonlySet<string>): ProblemSpec {
  if (!args.wrt && !args.all) throw new GradproofError('usage', `an inline expression needs --wrt VAR or --all (or is '${args.target}' a file that does not exist?)`);
  // With LaTeX input, --wrt z_2 names the variable z2, as a_2 is a2.
  const wrt = args.input === 'latex' ? args.wrt?.replace(/[_{}]/g, '') : args.wrt;
  return problemFromInput({ loss: args.target, let: args.lets, wrt: wrt ?? 'L', expect: args.expects, assume: args.assumes }, functions, args.input);
}

process.exitCode = main(process.argv.slice(2));
