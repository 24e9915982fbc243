/** What a step stops dividing by. */
import type { Expr } from '../expr/node.js';
import { denominatorsOf } from '../expr/traverse.js';
import type { Condition } from '../proof/types.js';

/** What `from` divides by that `to` does not: each must be nonzero for `from = to` to hold. */
export function vanishingDenominators(from: Expr, to: Expr): Condition[] {
  const kept = new Set(denominatorsOf(to));
  return [...new Set(denominatorsOf(from))].filter((d) => !kept.has(d)).map((expr) => ({ kind: 'nonzero', expr }));
}
