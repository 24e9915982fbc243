/** One proof after another: `a = b` and `b = c` make a proof of `a = c` for the kernel to replay. */
import type { Proof } from './types.js';

/** The proof of `first.start = second.result`; `second` must start where `first` ends, with the same definitions and facts. */
export function thenProof(first: Proof, second: Proof): Proof {
  if (second.start !== first.result) throw new Error('thenProof: the second proof does not start where the first ends');
  const lemmas = first.lemmas.length;
  const phases = first.phases.length;
  return {
    start: first.start,
    result: second.result,
    lemmas: [...first.lemmas, ...second.lemmas],
    steps: [
      ...first.steps,
      ...second.steps.map((s) => ({
        ...s,
        phase: s.phase + phases,
        derivation: s.derivation === 0 ? 0 : s.derivation + lemmas,
        ...(s.lemma === undefined ? {} : { lemma: s.lemma + lemmas }),
      })),
    ],
    phases: [...first.phases, ...second.phases],
    definitions: first.definitions,
    assumptions: first.assumptions,
  };
}
