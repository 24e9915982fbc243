/**
 * Simplification to textbook form, one named step at a time: bottom-up, the first move
 * that applies at the first node is taken, then the search starts again, until no move
 * applies (a fixpoint) or a budget runs out. Products are never expanded into sums of
 * monomials unless that makes the whole expression cheaper.
 */
import type { Expr } from '../expr/node.js';
import { at, changedPath, replaceAt } from '../expr/traverse.js';
import type { Derivation } from '../rewrite/builder.js';
import { TRANSFORMS, combinePowers, distributeSign, foldWithConditions, type Move, type Transform } from './transforms.js';

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
      const before = d.current;
      const next = replaceAt(before, path, m.form);
      // Where the form kept its place, the step is recorded at the deepest change; where a
      // constructor folded it into its parent ((x - 2*x)^2 is x^2), at the parent that holds it.
      // What it makes disappear (a denominator, a log) is read off at that same place, where
      // the kernel looks: the recorder adds its definedness to the move's conditions.
      const consistent = consistentPath(before, next, path, m.form);
      const where = consistent.length === path.length ? changedPath(before, next) : consistent;
      d.replace('algebra', m.rule, where, at(next, where)!, m.conditions);
      node = m.form;
    }
  }
}

/**
 * The deepest prefix of `path` at which `next` holds exactly the subterm of `before` with the
 * move applied: there the recorded change is an equality. Deeper, a constructor may have
 * folded the form into its parent, and the structural difference no longer means anything.
 */
function consistentPath(before: Expr, next: Expr, path: readonly number[], form: Expr): number[] {
  for (let n = path.length; n > 0; n--) {
    const q = path.slice(0, n);
    const rebuilt = replaceAt(at(before, q)!, path.slice(n), form);
    if (at(next, q) === rebuilt) return q;
  }
  return [];
}

/** The first node, in post-order, where a move applies, and the moves. Derivatives are left alone. */
function firstMove(e: Expr, path: number[], transforms: readonly Transform[]): [number[], Move[]] | undefined {
  const hit = firstMoveWithin(e, transforms);
  return hit && [[...path, ...hit[0]], hit[1]];
}

/**
 * firstMove with the path from `e`. A move depends on nothing but the node (the transforms
 * are pure functions of it, and nodes are interned), so the answer is remembered per node
 * and set of transforms: the search after each step, and every later problem, reuses it
 * for every subterm that did not change.
 */
function firstMoveWithin(e: Expr, transforms: readonly Transform[]): readonly [number[], Move[]] | undefined {
  let memo = FIRST_MOVES.get(transforms);
  if (!memo) FIRST_MOVES.set(transforms, (memo = new WeakMap()));
  const known = memo.get(e);
  if (known !== undefined) return known ?? undefined;
  let out: readonly [number[], Move[]] | undefined;
  if (!(e.kind === 'call' && e.fn === 'diff')) {
    for (let i = 0; i < e.args.length && !out; i++) {
      const hit = firstMoveWithin(e.args[i]!, transforms);
      if (hit) out = [[i, ...hit[0]], hit[1]];
    }
    for (const t of transforms) {
      if (out) break;
      const moves = t(e);
      if (moves && moves.length) out = [[], moves];
    }
  }
  memo.set(e, out ?? null);
  return out;
}

/** Per list of transforms, per node: the first move, or null for none. A memo, not state. */
const FIRST_MOVES = new WeakMap<readonly Transform[], WeakMap<Expr, readonly [number[], Move[]] | null>>();

/** tidy's moves, one list, so that its memo is shared. */
const TIDY: readonly Transform[] = [foldWithConditions, distributeSign, combinePowers];

/** The small moves that belong with differentiating: signs distributed, equal factors combined. */
export function tidy(d: Derivation): void {
  simplify(d, TIDY);
}
