/**
 * Simplification to textbook form, one named step at a time: bottom-up, the first move
 * that applies at the first node is taken, then the search starts again, until no move
 * applies (a fixpoint) or a budget runs out. Products are never expanded into sums of
 * monomials unless that makes the whole expression cheaper.
 */
import type { Expr } from '../expr/node.js';
import { at, replaceAt } from '../expr/traverse.js';
import type { Derivation } from '../rewrite/builder.js';
import { TRANSFORMS, combinePowers, distributeSign, type Move, type Transform } from './transforms.js';

/** Simplifies the derivation's current expression in place, recording each move as an algebra step. */
export function simplify(d: Derivation, transforms: readonly Transform[] = TRANSFORMS): void {
  for (;;) {
    const found = firstMove(d.current, [], transforms);
    if (!found) return;
    const [path, moves] = found;
    let node = at(d.current, path);
    for (const m of moves) {
      // A form can merge into its parent (a product inside a product); the later forms of
      // the sequence then no longer have a place, and the search starts again.
      if (at(d.current, path) !== node) break;
      const next = replaceAt(d.current, path, m.form);
      d.transition('algebra', m.rule, next, m.conditions);
      node = m.form;
    }
  }
}

/** The first node, in post-order, where a move applies, and the moves. Derivatives are left alone. */
function firstMove(e: Expr, path: number[], transforms: readonly Transform[]): [number[], Move[]] | undefined {
  if (e.kind === 'call' && e.fn === 'diff') return undefined;
  for (let i = 0; i < e.args.length; i++) {
    const hit = firstMove(e.args[i]!, [...path, i], transforms);
    if (hit) return hit;
  }
  for (const t of transforms) {
    const moves = t(e);
    if (moves && moves.length) return [path, moves];
  }
  return undefined;
}

/** The small moves that belong with differentiating: signs distributed, equal factors combined. */
export function tidy(d: Derivation): void {
  simplify(d, [distributeSign, combinePowers]);
}
