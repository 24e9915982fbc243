/** What a result's `proven` rests on, read from the kernel's theorems (never from the input). */
import type { Premises } from '../kernel/index.js';
import { mergePremises } from '../render/premises.js';
import type { Outcome } from './derive.js';
import type { ChainOutcome } from './check-chain.js';

export { premisesToJson, type PremisesJson } from '../render/premises.js';

/** The premises of a derivation: its replayed proof's, and those of each proven expectation's theorem. */
export function outcomePremises(o: Pick<Outcome, 'checked' | 'expectations'>): Premises {
  const proven = o.expectations.flatMap((e) => (e.decision.verdict === 'proven' ? [e.decision.theorem.premises] : []));
  return mergePremises([o.checked.theorem.premises, ...proven])!;
}

/** The premises of a written derivation's proven links taken together; null when no link is proven. */
export function chainPremises(o: Pick<ChainOutcome, 'links'>): Premises | null {
  return mergePremises(o.links.flatMap((l) => (l.proof ? [l.proof.theorem.premises] : [])));
}
