/** Replaying a proof (the JSON `derive()` returns and `--format json` prints) in the kernel. */
import { GradproofError } from '../expr/errors.js';
import { toAscii } from '../expr/print.js';
import type { RuleSet } from '../rules/types.js';
import { checkProof } from '../kernel/index.js';
import type { DeriveResult } from './derive.js';
import { rulesOf } from './inputs.js';
import { refuseContradiction } from '../proof/consistency.js';
import { proofFromJson } from './serialize.js';

/** What `check()` returns, and `gradproof check proof.json --format json` prints. */
export type ProofCheck =
  | { readonly checked: true; readonly replayed: number; readonly claim: string }
  | { readonly checked: false; readonly step: number; readonly reason: string; readonly claim: string };

/**
 * Replays a proof (a `derive()` result, or its JSON text) step by step in the kernel; a tampered step is named.
 * @example
 * const proof = derive({ loss: '-(y*log(a2) + (1-y)*log(1-a2))', let: { a2: 'sigmoid(z2)' }, wrt: 'z2' });
 * check(proof); // { checked: true, replayed: 25, claim: 'diff(L, z2) = a2 - y' }
 */
export function check(proof: DeriveResult | string | object, options: { readonly rules?: RuleSet } = {}): ProofCheck {
  const rules = rulesOf(options);
  let json: unknown = proof;
  if (typeof proof === 'string') {
    try {
      json = JSON.parse(proof);
    } catch (err) {
      throw new GradproofError('syntax', `the proof is not valid JSON: ${(err as Error).message}`);
    }
  }
  const p = proofFromJson(json, { functions: rules.functions });
  refuseContradiction(p.assumptions, p.definitions);
  const r = checkProof(p, rules.admitted);
  const claim = `${toAscii(p.start)} = ${toAscii(p.result)}`;
  return r.ok ? { checked: true, replayed: r.checked.replayed, claim } : { checked: false, step: r.step, reason: r.reason, claim };
}
