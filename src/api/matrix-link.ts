/**
 * A link `a = b` between shaped terms written as the books write them (abbreviations, σ′,
 * names opened), as a proof the kernel has replayed: the abbreviations of each side opened
 * first, then every name (algebra/matrix-expect.ts). Undefined when neither replays: that is
 * no verdict, the caller's policy goes on (refutation at random matrices, or unknown).
 */
import type { Expr } from '../expr/node.js';
import type { Definitions } from '../expr/context.js';
import { GradproofError } from '../expr/errors.js';
import type { ShapeOfName } from '../expr/matrix.js';
import type { RuleSet } from '../rules/types.js';
import type { Assumption, Proof } from '../proof/types.js';
import { shapesOf } from '../calculus/matrix.js';
import { matrixLinkProof } from '../algebra/matrix-expect.js';
import { checkProof } from '../kernel/index.js';
import { stopOf } from './stopped.js';

/** The first link proof the kernel accepts, or undefined. `except`: names never opened nor folded (the loss). */
export function replayedMatrixLink(a: Expr, b: Expr, defs: Definitions, rules: RuleSet, assumptions: readonly Assumption[], except: ReadonlySet<string> = new Set()): Proof | undefined {
  if (a.hasDiff || b.hasDiff) return undefined;
  let named: ShapeOfName;
  try {
    named = shapesOf(defs);
  } catch (err) {
    if (err instanceof GradproofError) return undefined;
    throw err;
  }
  for (const opening of ['abbreviations', 'all'] as const) {
    let link: Proof | undefined;
    try {
      link = matrixLinkProof(a, b, defs, named, rules, assumptions, opening, except);
    } catch (err) {
      // A budget, or a σ′ of a function no rule writes out: no link this way.
      if (err instanceof GradproofError || stopOf(err)) continue;
      throw err;
    }
    if (link && checkProof(link, rules.admitted).ok) return link;
  }
  return undefined;
}
