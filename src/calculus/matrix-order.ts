/**
 * The order the books write a matrix result's entrywise factors in, as the chain runs from
 * the loss down: what came back from above first, then the local derivative
 * (`(a2 − y) ⊙ a2 ⊙ (1 − a2)`, `(W2ᵀ δ2) ⊙ (1 − a1²)`). For the renderers only: ⊙ commutes,
 * so this is display, never a step.
 */
import type { Expr } from '../expr/node.js';
import type { FactorOrder } from '../expr/display.js';

export type { FactorOrder };

/** Ranks, by the distance from the loss of the derivative each factor first appeared in. */
export class BooksOrder {
  private readonly ranks = new Map<Expr, number>();
  /** Records the factors of a finished derivative's result at `rank` (smaller: nearer the loss). */
  note(result: Expr, rank: number): void {
    const visit = (e: Expr): void => {
      if (e.kind === 'mul') for (const f of e.args) if (!this.ranks.has(f)) this.ranks.set(f, rank);
      e.args.forEach(visit);
    };
    if (!this.ranks.has(result)) this.ranks.set(result, rank);
    visit(result);
  }
  get order(): FactorOrder {
    return this.ranks;
  }
}
