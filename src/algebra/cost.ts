/** The measure the simplifier minimizes: how much there is to read. */
import type { Expr } from '../expr/node.js';

/**
 * Nodes in the tree, shared subtrees counted every time they are written. `(a2 - y)/(a2*(1 - a2))`
 * costs 16 and `(1 - y)/(1 - a2) - y/a2` costs 20, so the single fraction wins, as in the textbook.
 */
export function cost(e: Expr): number {
  return e.size;
}
