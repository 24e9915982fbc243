/** Functions defined by an expression (`def sigmoid(u) = 1/(1 + exp(-u))`), opened up. */
import { type Expr } from './node.js';
import { mapBottomUp } from './traverse.js';
import { substituteFree } from './indexed.js';

/** What a defined function is: its parameters and its body. */
export type FunctionDefs = ReadonlyMap<string, { readonly params: readonly string[]; readonly body: Expr }>;

/** `f(args)` with `f`'s body, its parameters replaced by the arguments; undefined if f has no definition. */
export function openCall(e: Expr, fns: FunctionDefs): Expr | undefined {
  if (e.kind !== 'call') return undefined;
  const def = fns.get(e.fn);
  if (!def || def.params.length !== e.args.length) return undefined;
  return substituteFree(def.body, new Map(def.params.map((p, i) => [p, e.args[i]!])));
}

/** Every call to a defined function replaced by its body, through nested definitions. */
export function openAllCalls(e: Expr, fns: FunctionDefs, maxRounds = 16): Expr {
  let cur = e;
  for (let i = 0; i < maxRounds; i++) {
    const next = mapBottomUp(cur, (n) => (n.kind === 'call' && n.fn !== 'diff' ? (openCall(n, fns) ?? n) : n));
    if (next === cur) return cur;
    cur = next;
  }
  return cur;
}
