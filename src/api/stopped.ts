/**
 * A derivation that ran out of budget: not an error in the input, not a result either. The
 * verdict is `unknown`, with the reason (`step-limit`, `size-limit`, `time-limit`) and what ran out.
 */
import { GradproofError } from '../expr/errors.js';
import { BudgetExceeded, type StopReason } from '../rewrite/builder.js';

/** Why an engine stopped, and what ran out, in words. */
export interface Stopped {
  readonly reason: StopReason;
  readonly detail: string;
}

/**
 * The stop behind `err`, or undefined when `err` is something else. A number past the exact
 * limit met while deriving (not while parsing, where it has a position) is a `size-limit`.
 */
export function stopOf(err: unknown): Stopped | undefined {
  if (err instanceof BudgetExceeded) return { reason: err.reason, detail: err.detail };
  if (err instanceof GradproofError && err.code === 'limit' && !err.pos) return { reason: 'size-limit', detail: err.message };
  return undefined;
}

/** `step-limit: more than 20000 steps`. */
export const stoppedText = (s: Stopped): string => `${s.reason}: ${s.detail}`;
