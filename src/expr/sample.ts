/**
 * Sample points for expressions in index notation: a family `z` gets members z[1..maxK]
 * with real values, an upper limit `K` of a sum is an integer from 2 to `maxK`, and a name
 * used as a subscript is an integer from 1 to `maxK` (stated facts such as `i <= K` then
 * keep the points where it is in range). Other names keep the values they were given.
 */
import type { Expr } from './node.js';
import { familyNames, indexNames, isIndexed, isSum, memberKey, parseMemberKey, upperLimits } from './indexed.js';
import { nodes } from './traverse.js';
import type { Random } from './random.js';

export interface IndexRoles {
  /** Free families: their members are the variables. */
  readonly families: ReadonlySet<string>;
  /** Upper limits of sums: the number of terms. */
  readonly limits: ReadonlySet<string>;
  /** Names used as subscripts (and limits): integers. */
  readonly indices: ReadonlySet<string>;
  /**
   * The members a family needs beyond 1..maxK: the lowest number a sum starts at or a
   * subscript names (`sum(k, 0, K, y[k])` needs y[0]), and how far past its limit a sum goes (`K + 1`).
   */
  readonly lowest: number;
  readonly beyond: number;
}

/** What each name of `exprs` stands for; `defined` families are computed, not sampled. */
export function indexRoles(exprs: readonly Expr[], defined: (family: string) => boolean = () => false): IndexRoles {
  const indices = indexNames(exprs);
  const limits = new Set([...upperLimits(exprs)].filter((n) => indices.has(n)));
  const families = new Set([...familyNames(exprs)].filter((f) => !defined(f)));
  let lowest = 1;
  let beyond = 0;
  const integer = (e: Expr): number | undefined => (e.kind === 'num' && e.value.d === 1n ? Number(e.value.n) : undefined);
  for (const e of exprs)
    for (const n of nodes(e)) {
      const at = isSum(n) ? integer(n.args[1]!) : isIndexed(n) ? integer(n.args[1]!) : undefined;
      if (at !== undefined && at < lowest) lowest = Math.max(at, -20);
      // `K + 2` as a limit or a subscript: its constant part.
      const top = isSum(n) ? n.args[2]! : isIndexed(n) ? n.args[1]! : undefined;
      if (top?.kind === 'add') for (const a of top.args) if ((integer(a) ?? 0) > beyond) beyond = Math.min(integer(a)!, 20);
      if (top && integer(top) !== undefined && integer(top)! > beyond) beyond = Math.min(integer(top)!, 20);
    }
  return { families, limits, indices, lowest, beyond };
}

/** Whether there is anything for `placeIndexed` to do. */
// Members y[lowest..maxK + beyond] exist at a point: a sum from 0, or to K + 1, has a value for every term.
export const hasIndexRoles = (r: IndexRoles): boolean => r.families.size + r.indices.size > 0;

/** Rewrites `point` in place: families become members, limits and indices integers. */
export function placeIndexed(point: Record<string, number>, roles: IndexRoles, rnd: Random, real: () => number, maxK = 5): void {
  for (const f of roles.families) {
    delete point[f];
    for (let n = roles.lowest; n <= maxK + roles.beyond; n++) point[memberKey(f, n)] = real();
  }
  for (const v of roles.indices) {
    if (!(v in point)) continue;
    point[v] = roles.limits.has(v) ? 2 + Math.floor(rnd() * (maxK - 1)) : 1 + Math.floor(rnd() * maxK);
  }
}

/** Whether a key of a point holds a real value that may be moved (not an index, not a limit). */
export const isRealKey = (key: string, roles: IndexRoles): boolean => !roles.indices.has(key) && !roles.limits.has(key);

/** The name a key belongs to: `z` for `z[3]`. */
export const baseName = (key: string): string => parseMemberKey(key)?.family ?? key;
