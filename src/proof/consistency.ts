/**
 * Whether stated assumptions can hold together. A set that cannot (`z > 1` with `z < 0`,
 * `x^2 = -1`, `exp(x) = 0`, `sigmoid(z) = 1`) proves anything, so it is refused as bad input,
 * naming a smallest set of assumptions that contradict each other. Contradiction is decided
 * by interval reasoning (see expr/ranges.ts), which never calls a satisfiable set
 * contradictory. Where it finds none, sample points are drawn inside the intervals and moved
 * onto the stated equations; when none satisfies every assumption, nothing can be decided
 * from them, and every verdict is unknown, saying so (they may be satisfiable all the same).
 */
import type { Definitions } from '../expr/context.js';
import { GradproofError } from '../expr/errors.js';
import { toAscii } from '../expr/print.js';
import { seededRandom } from '../expr/random.js';
import { type Interval, Ranges, allowed, isEmpty } from '../expr/ranges.js';
import { hasIndexRoles, indexRoles, placeIndexed } from '../expr/sample.js';
import { functionTable } from '../rules/load.js';
import type { RuleSet } from '../rules/types.js';
import { assumptionsHold, satisfyEquations } from './equality.js';
import type { Assumption } from './types.js';

/** The intervals the assumptions allow their variables, or undefined when they contradict each other. */
export function propagate(assumptions: readonly Assumption[], defs: Definitions): Ranges | undefined {
  const r = new Ranges(defs);
  for (let round = 0; round < 12; round++) {
    const before = JSON.stringify([...r.boxes]);
    for (const f of assumptions) {
      const [l, rr] = [r.of(f.lhs), r.of(f.rhs)];
      if (isEmpty(l) || isEmpty(rr)) return undefined;
      if (f.op === '!=') {
        if (l.lo === l.hi && rr.lo === rr.hi && l.lo === rr.lo) return undefined;
        continue;
      }
      if (!r.narrow(f.lhs, allowed(f.op, rr))) return undefined;
      if (!r.narrow(f.rhs, allowed(flip(f.op), r.of(f.lhs)))) return undefined;
    }
    if (JSON.stringify([...r.boxes]) === before) break;
  }
  return r;
}

const flip = (op: '=' | '<' | '<=' | '>' | '>='): '=' | '<' | '<=' | '>' | '>=' => ({ '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' })[op] as '=' | '<' | '<=' | '>' | '>=';

/** A smallest set of the assumptions that contradict each other (by interval reasoning), or undefined. */
export function contradiction(assumptions: readonly Assumption[], defs: Definitions): Assumption[] | undefined {
  if (propagate(assumptions, defs)) return undefined;
  let core = [...assumptions];
  for (const f of assumptions) {
    const without = core.filter((g) => g !== f);
    if (!propagate(without, defs)) core = without;
  }
  return core;
}

export const assumptionText = (f: Assumption): string => `${toAscii(f.lhs)} ${f.op} ${toAscii(f.rhs)}`;

/**
 * Refuses assumptions that contradict each other (a `contradiction` error naming them);
 * returns why nothing can be decided when no point satisfying them was found, else undefined.
 */
export function assertConsistent(assumptions: readonly Assumption[], defs: Definitions, rules: RuleSet): string | undefined {
  if (!assumptions.length) return undefined;
  const core = contradiction(assumptions, defs);
  if (core) {
    throw new GradproofError(
      'contradiction',
      core.length === 1 ? `the assumption ${assumptionText(core[0]!)} can never hold` : `the assumptions contradict each other: ${core.map(assumptionText).join(' and ')}`,
    );
  }
  if (satisfiable(assumptions, defs, rules)) return undefined;
  return 'no point satisfying all the assumptions was found: they may contradict each other, so nothing is decided from them';
}

// Readable values first, as for counterexamples.
const NICE = [0.5, 1, -1, 2, 0.25, -0.5, 1.5, -2, 0.75, 3, -1.5, 0.3];

/** Whether some sample point (drawn inside the allowed intervals, moved onto the equations) satisfies every assumption. */
export function satisfiable(assumptions: readonly Assumption[], defs: Definitions, rules: RuleSet, tries = 300): boolean {
  const boxes = propagate(assumptions, defs)?.boxes ?? new Map<string, Interval>();
  const exprs = assumptions.flatMap((f) => [f.lhs, f.rhs]);
  const vars = defs.freeVariables(exprs);
  const roles = indexRoles([...exprs, ...defs.list.map((d) => d.expr)], (f) => defs.isFamily(f));
  const rnd = seededRandom(4242);
  const fns = functionTable(rules.defs);
  for (let t = 0; t < tries; t++) {
    const free = (): number => (t < 12 ? NICE[Math.floor(rnd() * NICE.length)]! : (rnd() * 6 - 3) * 10 ** Math.floor(rnd() * 5 - 2));
    const point: Record<string, number> = {};
    for (const v of vars) point[v] = inside(boxes.get(v), free, rnd);
    if (hasIndexRoles(roles)) placeIndexed(point, roles, rnd, free);
    try {
      if (satisfyEquations(assumptions, point, defs, { fns }) && assumptionsHold(assumptions, point, defs, fns)) return true;
    } catch {
      continue;
    }
  }
  return false;
}

/** A value inside an interval (a free draw when the interval does not bound it). */
function inside(box: Interval | undefined, free: () => number, rnd: () => number): number {
  if (!box || (box.lo === -Infinity && box.hi === Infinity)) return free();
  const u = 0.02 + 0.96 * rnd();
  if (box.lo === -Infinity) return box.hi - Math.abs(free()) - 1e-9 * Math.max(1, Math.abs(box.hi)) - u;
  if (box.hi === Infinity) return box.lo + Math.abs(free()) + 1e-9 * Math.max(1, Math.abs(box.lo)) + u;
  return box.lo + (box.hi - box.lo) * u;
}
