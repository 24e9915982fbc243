/** What a result's `proven` rests on, read from the kernel's theorems (never from the input). */
import type { CheckedProof, Premises } from '../kernel/index.js';
import { mergePremises } from '../render/premises.js';
import type { Outcome } from './derive.js';
import type { ChainOutcome } from './check-chain.js';

export { premisesToJson, type PremisesJson } from '../render/premises.js';

/** A checked proof carried by an expectation: its own replay (`link`) or its decision's theorem. */
function theoremsOf(e: object): Premises[] {
  const out: Premises[] = [];
  const link = (e as { link?: CheckedProof }).link;
  if (link?.theorem) out.push(link.theorem.premises);
  const decision = (e as { decision?: { theorem?: { premises?: Premises } } }).decision;
  if (decision?.theorem?.premises) out.push(decision.theorem.premises);
  return out;
}

/** The premises of a derivation: its replayed proof's, and those of any expectation proven by a proof of its own. */
export function outcomePremises(o: Pick<Outcome, 'checked' | 'expectations'>): Premises {
  return mergePremises([o.checked.theorem.premises, ...o.expectations.flatMap(theoremsOf)])!;
}

/** The premises of a written derivation's proven links taken together; null when no link is proven. */
export function chainPremises(o: Pick<ChainOutcome, 'links'>): Premises | null {
  return mergePremises(o.links.flatMap((l) => (l.proof ? [l.proof.theorem.premises] : [])));
}
