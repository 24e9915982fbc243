/**
 * Calls with the wrong number of arguments are refused before anything is derived:
 * `leaky_relu(z)` is not leaky_relu with some slope, and no verdict may be about it.
 * The arities come from the rules: a definition's parameters, a derivative rule's head.
 */
import type { Expr } from '../expr/node.js';
import { GradproofError } from '../expr/errors.js';
import { isList } from '../expr/indexed.js';
import { familyParams } from '../expr/functions.js';
import { nodes } from '../expr/traverse.js';
import type { RuleSet } from './types.js';
import { type Arity, functionSpec, takesArguments } from '../expr/registry/index.js';

/** Throws an `unknown-function` error (no function of that shape) for the first call in `exprs` whose argument count no rule allows. */
export function checkArity(exprs: Iterable<Expr>, rules: RuleSet): void {
  const allowed = aritiesOf(rules);
  for (const e of exprs) {
    for (const n of nodes(e)) {
      if (n.kind !== 'call') continue;
      // The registry's arity where it has the function (log(u) and log(u, b)), else the rules'.
      const spec = functionSpec(n.fn);
      const known = allowed.get(n.fn);
      if (spec ? takesArguments(spec.arity, n.args.length) : !known || known.has(n.args.length)) continue;
      const def = rules.defs.get(n.fn);
      // A definition over families is also called with listed classes, its size left out.
      if (def && familyParams(def).length && n.args.some(isList) && n.args.length === def.params.length - 1) continue;
      throw new GradproofError('unknown-function', arityMessage(n.fn, spec ? arityCounts(spec.arity) : known!, rules));
    }
  }
}

/** "leaky_relu takes a slope: leaky_relu(z, alpha)", or "clip takes 3 arguments: clip(u, lo, hi)". */
function arityMessage(fn: string, known: ReadonlySet<number> | 'more', rules: RuleSet): string {
  const def = rules.defs.get(fn);
  const shape = def ? `: ${fn}(${def.params.join(', ')})` : '';
  if (def?.takes) return `${fn} takes ${def.takes.en}${shape}`;
  if (known === 'more') return `${fn} takes at least ${functionSpec(fn) ? minArity(functionSpec(fn)!.arity) : 1} arguments${shape}`;
  const counts = [...known].sort((a, b) => a - b);
  const many = counts.length > 1 || counts[0] !== 1;
  return `${fn} takes ${counts.slice(0, -1).join(', ')}${counts.length > 1 ? ' or ' : ''}${counts[counts.length - 1]} argument${many ? 's' : ''}${shape}`;
}

/** The counts an arity allows, or 'more' when it has no upper end. */
function arityCounts(arity: Arity): ReadonlySet<number> | 'more' {
  if (typeof arity === 'number') return new Set([arity]);
  if (arity.max === undefined) return 'more';
  return new Set(Array.from({ length: arity.max - arity.min + 1 }, (_, i) => arity.min + i));
}

const minArity = (arity: Arity): number => (typeof arity === 'number' ? arity : arity.min);

/** The argument counts each defined or differentiable function is called with; once per rule set. */
function aritiesOf(rules: RuleSet): ReadonlyMap<string, ReadonlySet<number>> {
  let known = ARITIES.get(rules);
  if (known) return known;
  const out = new Map<string, Set<number>>();
  const add = (fn: string, n: number): void => void (out.get(fn) ?? out.set(fn, new Set()).get(fn)!).add(n);
  for (const d of rules.defs.values()) add(d.name, d.params.length);
  for (const r of rules.rules) if (r.outer) add(r.outer.fn, r.outer.params.length);
  ARITIES.set(rules, (known = out));
  return known;
}

/** aritiesOf's answers, per (immutable) rule set: a memo, not state. */
const ARITIES = new WeakMap<RuleSet, ReadonlyMap<string, ReadonlySet<number>>>();
