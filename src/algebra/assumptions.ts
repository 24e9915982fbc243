/** Using stated bounds: `z > 0` selects the branch of `piecewise(z > 0, 1, z < 0, 0)`, and of relu(z). */
import { type Expr, sub } from '../expr/node.js';
import { type Fact, selectedBranch } from '../expr/bounds.js';
import { type FunctionDefs, openCall } from '../expr/functions.js';
import type { Derivation } from '../rewrite/builder.js';

/**
 * Replaces every piecewise expression whose branch the facts select by that branch (an
 * `assumption` step), opening a defined function first when its body is one (relu).
 */
export function selectBranches(d: Derivation, facts: readonly Fact[], functions: FunctionDefs): void {
  if (!facts.length) return;
  for (let guard = 0; guard < 1000; guard++) {
    const hit = find(d.current, [], facts, functions);
    if (!hit) return;
    const [path, node] = hit;
    if (node.kind === 'call' && node.fn !== 'piecewise') d.replace('definition', 'def.function', path, openCall(node, functions)!);
    else d.replace('assumption', 'assume', path, selectedBranch(facts, node, sub)!);
  }
}

function find(e: Expr, path: number[], facts: readonly Fact[], functions: FunctionDefs): [number[], Expr] | undefined {
  if (e.kind === 'call' && e.fn === 'diff') return undefined;
  if (selectedBranch(facts, e, sub) !== undefined) return [path, e];
  if (e.kind === 'call') {
    const opened = openCall(e, functions);
    if (opened && selectedBranch(facts, opened, sub) !== undefined) return [path, e];
  }
  for (let i = 0; i < e.args.length; i++) {
    const hit = find(e.args[i]!, [...path, i], facts, functions);
    if (hit) return hit;
  }
  return undefined;
}
