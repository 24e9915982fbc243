/** What a step stops needing: the definedness of the subterms it makes disappear. */
import type { Expr } from '../expr/node.js';
import { lostDefinedness } from '../expr/defined.js';
import type { Condition } from '../proof/types.js';

/**
 * The conditions under which `from` is defined that `to` does not carry: a denominator
 * `u` gone (`u != 0`), a `log(u)` (`u > 0`), a `sqrt(u)` (`u >= 0`), ... Each must hold
 * for `from = to`, or the step would erase where `from` is undefined.
 */
export function droppedDefinedness(from: Expr, to: Expr): Condition[] {
  return lostDefinedness(from, to);
}
