/**
 * The verdict of each gradient of `--all`: its expectations' (proven only when every one
 * is), or `proven` when it has none, since the derived result is itself a kernel theorem.
 */
import type { Expr } from '../expr/node.js';
import type { Decision, Verdict } from '../verdict/equality.js';

/** An expectation of `--all`, about ∂L/∂wrt. */
export interface GradientExpectation {
  readonly wrt: string;
  readonly expected: Expr;
  readonly decision: Decision;
}

/** The verdict of ∂L/∂wrt. */
export function gradientVerdict(expectations: readonly GradientExpectation[], wrt: string): Verdict {
  const vs = expectations.filter((e) => e.wrt === wrt).map((e) => e.decision.verdict);
  return vs.every((v) => v === 'proven') ? 'proven' : vs.includes('refuted') ? 'refuted' : 'unknown';
}
