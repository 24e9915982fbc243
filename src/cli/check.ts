/** `gradproof check`: replay a proof file, or check a derivation someone wrote, link by link. */
import { readFileSync } from 'node:fs';
import { GradproofError } from '../expr/errors.js';
import { parseAny as parse, parseAnyDefinition as parseDefinition, parseAnyRelation as parseRelation } from '../parse/auto.js';
import { parseDerivation } from '../parse/derivation.js';
import { declaredNames } from '../parse/declared.js';
import type { RuleSet } from '../rules/types.js';
import { type ProblemSpec, parseProblem } from '../parse/problem.js';
import { proofVerdictToJson, verifyProof } from '../api/check.js';
import { proofFromJson } from '../api/serialize.js';
import { checkDerivation, type ChainOutcome, type WrittenDerivation, withWritten } from '../api/check-chain.js';
import { chainToJson, chainToLatex, chainToMd, formatChain } from './format-check.js';
import { formatReplay } from './format-replay.js';
import { chainOutcomeToHtml } from './format-html.js';
import type { CheckArgs } from './args.js';
import { why } from './errors.js';
import { checkFileSize } from './limits.js';
import { rulesFromFiles } from './rules.js';

/** Runs `check`; returns the output text and the exit code. */
export function runCheck(args: CheckArgs): { text: string; code: number } {
  const rules = rulesFromFiles(args.rules);
  if (args.chain) {
    const opts = { functions: rules.functions, variables: declaredNames(args.lets), maxDepth: args.limits.maxDepth, maxLength: args.limits.maxInput };
    const written: WrittenDerivation = {
      definitions: args.lets.map((l) => parseDefinition(l, { ...opts, source: '--let' }, args.input)),
      assumptions: args.assumes.map((a) => parseRelation(a, { ...opts, source: '--assume' }, args.input)),
      chains: [args.chain.map((e, i) => withWritten(parse(e, { ...opts, source: `expression ${i + 1}` }, args.input)))],
    };
    return chainResult(checkDerivation(written, rules), args);
  }
  const file = args.file!;
  checkFileSize(file, args.limits);
  const text = readText(file);
  if (text.trimStart().startsWith('{')) return replayProofFile(file, text, rules, args);
  if (args.problem !== undefined) throw new GradproofError('usage', `--problem goes with a proof file (JSON); ${file} is a written derivation`);
  const spec = parseDerivation(text, file, { functions: rules.functions, maxDepth: args.limits.maxDepth, maxLength: args.limits.maxInput });
  // What was read otherwise than written (`z**2` as z^2) is said, beside the result.
  for (const n of spec.notes ?? []) process.stderr.write(`note: ${n}\n`);
  return chainResult(checkDerivation(spec, rules), args);
}

function chainResult(outcome: ChainOutcome, args: CheckArgs): { text: string; code: number } {
  const text =
    args.format === 'json'
      ? `${JSON.stringify(chainToJson(outcome, args.lang), null, 2)}\n`
      : args.format === 'html'
        ? chainOutcomeToHtml(outcome, args.lang)
        : args.format === 'latex'
          ? chainToLatex(outcome, args.lang)
          : args.format === 'md'
            ? chainToMd(outcome, args.lang)
            : formatChain(outcome, args.lang);
  // Not proven is not wrong, but it is not proven either: exit 1 for a refuted or an unknown link.
  return { text, code: outcome.links.every((l) => l.decision.verdict === 'proven') ? 0 : 1 };
}

function replayProofFile(file: string, text: string, rules: RuleSet, args: CheckArgs): { text: string; code: number } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new GradproofError('syntax', `${file} is not valid JSON: ${(err as Error).message}`);
  }
  const proof = proofFromJson(json, { functions: rules.functions });
  const verdict = verifyProof(proof, rules, args.problem === undefined ? undefined : { spec: readProblem(args.problem, rules, args), source: args.problem });
  const code = verdict.result.ok && !verdict.problem?.differences.length ? 0 : 1;
  // What check() returns: the same object in every language.
  if (args.format === 'json') return { text: `${JSON.stringify(proofVerdictToJson(verdict), null, 2)}\n`, code };
  // The title is the file's own words: shown (escaped by every renderer), never trusted.
  const title = (json as { title?: unknown }).title;
  return { text: formatReplay({ ...(typeof title === 'string' && title ? { title } : {}), ...verdict, rules }, args.format, args.lang), code };
}

/** The problem a proof must prove exactly: a `.grad` file, read as `derive` reads one. */
function readProblem(file: string, rules: RuleSet, args: CheckArgs): ProblemSpec {
  checkFileSize(file, args.limits);
  return parseProblem(readText(file), file, { functions: rules.functions, maxDepth: args.limits.maxDepth, maxLength: args.limits.maxInput });
}

function readText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new GradproofError('file', `cannot read ${file}: ${why(err)}`);
  }
  if (bytes.includes(0)) throw new GradproofError('file', `${file} is a binary file`);
  return bytes.toString('utf8');
}
