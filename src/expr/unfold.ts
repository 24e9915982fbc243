/** Definitions opened up: every defined name, and every member of a defined family, by its definition. */
import type { Expr } from './node.js';
import type { Definitions } from './context.js';
import { freeSymbols, substituteFree } from './indexed.js';

/**
 * `e` with every defined name replaced by its definition and every member `a[i]` of a
 * defined family by the family's body at i, through nested definitions, except the names
 * in `fixed` (a derivative's own variable). No bound index captures a name of a
 * definition: a sum whose index a definition uses is renamed apart first.
 */
export function unfoldDefinitions(e: Expr, defs: Definitions, fixed: readonly string[] = []): Expr {
  const names = new Map<string, Expr>();
  for (const d of defs.list) if (d.index === undefined && !fixed.includes(d.name)) names.set(d.name, d.expr);
  const members = {
    member: (family: string, index: Expr): Expr | undefined => (defs.isFamily(family) && !fixed.includes(family) ? defs.member(family, index) : undefined),
    free: (family: string): ReadonlySet<string> => (defs.isFamily(family) && !fixed.includes(family) ? defs.inputs(family) : new Set<string>()),
  };
  let cur = e;
  for (let round = 0; round <= defs.order.length; round++) {
    const next = substituteFree(cur, names, members);
    if (next === cur) return cur;
    cur = next;
  }
  return cur;
}

/** Whether `e` uses a defined name or a member of a defined family. */
export const usesDefinitions = (e: Expr, defs: Definitions): boolean => [...freeSymbols(e)].some((s) => defs.has(s));
