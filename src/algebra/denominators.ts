/** What an expression divides by, and what a step stops dividing by. */
import type { Expr } from '../expr/node.js';
import type { Condition } from '../proof/types.js';

/** Bases of every negative numeric power in `e`. */
export function denominatorsOf(e: Expr): Expr[] {
  const out: Expr[] = [];
  const walk = (n: Expr): void => {
    if (n.kind === 'pow' && n.args[1].kind === 'num' && n.args[1].value.n < 0n) out.push(n.args[0]);
    n.args.forEach(walk);
  };
  walk(e);
  return out;
}

/** What `from` divides by that `to` does not: each must be nonzero for `from = to` to hold. */
export function vanishingDenominators(from: Expr, to: Expr): Condition[] {
  const kept = new Set(denominatorsOf(to));
  return [...new Set(denominatorsOf(from))].filter((d) => !kept.has(d)).map((expr) => ({ kind: 'nonzero', expr }));
}
