/** Replaying a proof (the JSON `derive()` returns and `--format json` prints) in the kernel. */
import { GradproofError } from '../expr/errors.js';
import { CycleError, Definitions } from '../expr/context.js';
import { toAscii } from '../expr/print.js';
import { type ProblemSpec, parseProblem } from '../parse/problem.js';
import type { Proof } from '../proof/types.js';
import type { RuleSet } from '../rules/types.js';
import { type CheckResult, checkProof } from '../kernel/index.js';
import type { DeriveResult } from './derive.js';
import { rulesOf } from './inputs.js';
import { refuseContradiction } from '../verdict/consistency.js';
import { type PremisesJson, premisesToJson } from './premises.js';
import { type ProblemDifference, differenceText, problemDifferences, problemVerdictText } from './problem-match.js';
import { proofFromJson } from './serialize.js';
import { conditionToText } from '../render/conditions.js';

/** Whether a proof proves exactly a problem's statement, and if not, every way it differs (in English). */
export interface ProblemMatchJson {
  /** Where the problem came from: its file, or `<problem>`. */
  readonly source: string;
  readonly matches: boolean;
  readonly differences: readonly string[];
}

/** What `check()` returns, and `gradproof check proof.json --format json` prints. */
export type ProofCheck =
  | {
      readonly checked: true;
      readonly replayed: number;
      readonly claim: string;
      /** Where the claim holds: the theorem's conditions (`x > 0`), none when it holds at every point. */
      readonly conditions: readonly string[];
      /** What the claim rests on: the theorem's definitions, assumptions and user rule files. */
      readonly premises: PremisesJson;
      /** With `problem`: it proves exactly that problem. */
      readonly problem?: ProblemMatchJson;
    }
  | {
      readonly checked: false;
      /** 1-based; 0 for the proof as a whole (as when it proves another problem). */
      readonly step: number;
      readonly reason: string;
      readonly claim: string;
      /** With `problem`, when the kernel replayed the proof but it proves something else: what differs. */
      readonly problem?: ProblemMatchJson;
    };

/** What `check()` takes besides the proof. */
export interface CheckOptions {
  readonly rules?: RuleSet;
  /** A problem (the text of a `.grad` file, or one parsed) the proof must prove exactly. */
  readonly problem?: string | ProblemSpec;
  /** The problem's name in messages (its file); default `<problem>`. */
  readonly problemSource?: string;
}

/** A replayed proof, and its comparison with a problem when one is given. */
export interface ProofVerdict {
  readonly proof: Proof;
  readonly result: CheckResult;
  /** With a problem: how the theorem differs from it (empty: it proves exactly that problem). */
  readonly problem?: { readonly source: string; readonly differences: readonly ProblemDifference[] };
}

/** Replays `proof` and, with a problem, compares the theorem with it: what `check()` and `gradproof check` both do. */
export function verifyProof(proof: Proof, rules: RuleSet, problem?: { readonly spec: ProblemSpec; readonly source: string }): ProofVerdict {
  // Definitions that go round in a circle define nothing: bad input, as in a problem file.
  try {
    new Definitions(proof.definitions);
  } catch (err) {
    if (err instanceof CycleError) throw new GradproofError('cycle', err.message);
  }
  // Nothing follows from contradictory facts: refused as bad input before any replay.
  refuseContradiction(proof.assumptions, proof.definitions);
  const result = checkProof(proof, rules.admitted);
  if (!result.ok || !problem) return { proof, result };
  return { proof, result, problem: { source: problem.source, differences: problemDifferences(result.checked.theorem, problem.spec) } };
}

/** The JSON of a verdict on a proof: the same object in every language. */
export function proofVerdictToJson(v: ProofVerdict): ProofCheck {
  const claim = `${toAscii(v.proof.start)} = ${toAscii(v.proof.result)}`;
  const r = v.result;
  if (!r.ok) return { checked: false, step: r.step, reason: r.reason, claim };
  const p = v.problem;
  const problem = p ? { problem: { source: p.source, matches: !p.differences.length, differences: p.differences.map((d) => differenceText(d, 'en')) } } : {};
  if (p && p.differences.length) return { checked: false, step: 0, reason: problemVerdictText(p.source, p.differences, 'en'), claim, ...problem };
  return { checked: true, replayed: r.checked.replayed, claim, conditions: r.checked.theorem.conditions.map(conditionToText), premises: premisesToJson(r.checked.theorem.premises), ...problem };
}

/**
 * Replays a proof (a `derive()` result, or its JSON text) step by step in the kernel; a tampered step is named. With `problem`, the proof must prove exactly that problem.
 * @example
 * const proof = derive({ loss: '-(y*log(a2) + (1-y)*log(1-a2))', let: { a2: 'sigmoid(z2)' }, wrt: 'z2' });
 * check(proof).claim; // 'diff(L, z2) = a2 - y'
 */
export function check(proof: DeriveResult | string | object, options: CheckOptions = {}): ProofCheck {
  const rules = rulesOf(options);
  const p = readProof(proof, rules);
  const source = options.problemSource ?? '<problem>';
  const spec = typeof options.problem === 'string' ? parseProblem(options.problem, source, { functions: rules.functions }) : options.problem;
  return proofVerdictToJson(verifyProof(p, rules, spec ? { spec, source } : undefined));
}

/** A proof given as a `derive()` result, its JSON, or its JSON text, read against `rules`' functions. */
export function readProof(proof: DeriveResult | string | object, rules: RuleSet): Proof {
  let json: unknown = proof;
  if (typeof proof === 'string') {
    try {
      json = JSON.parse(proof);
    } catch (err) {
      throw new GradproofError('syntax', `the proof is not valid JSON: ${(err as Error).message}`);
    }
  }
  return proofFromJson(json, { functions: rules.functions });
}
