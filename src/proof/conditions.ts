/**
 * Side conditions against what is given: `a2 != 0` and `a2 < 1` need no mention when the
 * user stated `0 < a2 < 1`. Only bounds of a single name by numbers are used; anything
 * else stays a condition of the result.
 */
import { implies } from '../expr/bounds.js';
import { isPositiveConstant } from '../expr/traverse.js';
import { holdsWhereDefined } from '../expr/defined.js';
import type { Assumption, Condition } from './types.js';

/** Splits conditions into those the assumptions imply and those that remain; one on a positive constant is dropped. */
export function reduceConditions(
  conditions: readonly Condition[],
  assumptions: readonly Assumption[],
): { remaining: Condition[]; discharged: Condition[] } {
  const remaining: Condition[] = [];
  const discharged: Condition[] = [];
  for (const c of conditions) {
    // sqrt(pi) != 0 holds by its form: no condition at all.
    if (isPositiveConstant(c.expr)) continue;
    // 1/x != 0 holds wherever 1/x is defined.
    if (holdsWhereDefined(c)) continue;
    // That a call is defined is no bound: the assumptions state none of it.
    const op = c.kind === 'nonzero' ? '!=' : c.kind === 'positive' ? '>' : '>=';
    (c.kind !== 'defined' && implies(assumptions, c.expr, op) ? discharged : remaining).push(c);
  }
  return { remaining, discharged };
}
