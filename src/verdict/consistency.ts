/**
 * Whether stated assumptions can hold together. A set that cannot (`z > 1` with `z < 0`,
 * `x^2 = -1`, `exp(x) = 0`, `sigmoid(z) = 1`) proves anything, so it is refused as bad input,
 * naming a smallest set of assumptions that contradict each other. Contradiction is decided
 * by interval reasoning (see expr/ranges.ts), which never calls a satisfiable set
 * contradictory. Where it finds none, sample points are drawn inside the intervals and moved
 * onto the stated equations; when none satisfies every assumption, nothing can be decided
 * from them, and every verdict is unknown, saying so (they may be satisfiable all the same).
 */
import { Definitions } from '../expr/context.js';
import { GradproofError } from '../expr/errors.js';
import { seededRandom } from '../expr/random.js';
import { type Interval, Ranges, allowed, isEmpty } from '../expr/ranges.js';
import { type Expr, add, mul, num } from '../expr/node.js';
import { AtomTable, PolyLimit, toRationalFunction } from '../expr/poly.js';
import { hasIndexRoles, indexRoles, placeIndexed } from '../expr/sample.js';
import type { FunctionTable } from '../expr/eval.js';
import type { FunctionDefs } from '../expr/functions.js';
import { assumptionsHold, satisfyEquations } from '../proof/points.js';
import { preciselySatisfied } from '../proof/refutation.js';
import type { Assumption } from '../proof/types.js';
import { factAscii } from '../proof/label-sets.js';

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

/**
 * An equation, or the difference of two, that is a nonzero constant wherever it is defined:
 * `1/x = 0`, `x/x = 2`, `x + y = 1` with `x + y = 2` (as quotients of polynomials over atoms,
 * the numerator of lhs - rhs is a nonzero number).
 */
function impossibleEquations(assumptions: readonly Assumption[]): Assumption[] | undefined {
  const equations = assumptions.filter((f) => f.op === '=');
  const gap = (f: Assumption): Expr => add(f.lhs, mul(num(-1), f.rhs));
  const constantNonzero = (e: Expr): boolean => {
    try {
      const atoms = new AtomTable();
      atoms.prepare(e);
      const r = toRationalFunction(e, atoms);
      const c = r.num.constantValue;
      return !r.den.isZero && c !== undefined && c.n !== 0n;
    } catch (err) {
      if (err instanceof PolyLimit) return false;
      throw err;
    }
  };
  for (const f of equations) if (constantNonzero(gap(f))) return [f];
  for (let i = 0; i < equations.length; i++)
    for (let j = i + 1; j < equations.length; j++) {
      const [f, g] = [equations[i]!, equations[j]!];
      if (constantNonzero(add(gap(f), mul(num(-1), gap(g))))) return [f, g];
    }
  return undefined;
}

/** A smallest set of the assumptions that contradict each other (by interval reasoning), or undefined. */
export function contradiction(assumptions: readonly Assumption[], defs: Definitions): Assumption[] | undefined {
  const equations = impossibleEquations(assumptions);
  if (equations) return equations;
  if (propagate(assumptions, defs)) return undefined;
  let core = [...assumptions];
  for (const f of assumptions) {
    const without = core.filter((g) => g !== f);
    if (!propagate(without, defs)) core = without;
  }
  return core;
}

export const assumptionText = factAscii;

/**
 * Refuses assumptions that contradict each other (a `contradiction` error naming them);
 * returns why nothing can be decided when no point satisfying them was found, else undefined.
 */
/** How the rules' functions evaluate: in doubles, and by their definitions at high precision. */
export interface Evaluation {
  readonly fns: FunctionTable;
  readonly functions: FunctionDefs;
}

export function assertConsistent(assumptions: readonly Assumption[], defs: Definitions, rules: Evaluation): string | undefined {
  if (!assumptions.length) return undefined;
  const core = contradiction(assumptions, defs);
  if (core) throw contradictionError(core);
  if (satisfiable(assumptions, defs, rules)) return undefined;
  return 'no point satisfying all the assumptions was found: they may contradict each other, so nothing is decided from them';
}

/** Refuses a proof's assumptions when they contradict each other: a proof from them would prove anything. */
export function refuseContradiction(assumptions: readonly Assumption[], definitions: ConstructorParameters<typeof Definitions>[0]): void {
  let defs: Definitions;
  try {
    defs = new Definitions(definitions);
  } catch {
    return; // the kernel says what is wrong with the definitions
  }
  const core = contradiction(assumptions, defs);
  if (core) throw contradictionError(core);
}

const contradictionError = (core: readonly Assumption[]): GradproofError =>
  new GradproofError(
    'contradiction',
    core.length === 1 ? `the assumption ${assumptionText(core[0]!)} can never hold` : `the assumptions contradict each other: ${core.map(assumptionText).join(' and ')}`,
  );

// Readable values first, as for counterexamples.
const NICE = [0.5, 1, -1, 2, 0.25, -0.5, 1.5, -2, 0.75, 3, -1.5, 0.3];

/** Whether some sample point (drawn inside the allowed intervals, moved onto the equations) satisfies every assumption. */
export function satisfiable(assumptions: readonly Assumption[], defs: Definitions, rules: Evaluation, tries = 300): boolean {
  const boxes = propagate(assumptions, defs)?.boxes ?? new Map<string, Interval>();
  const exprs = assumptions.flatMap((f) => [f.lhs, f.rhs]);
  const vars = defs.freeVariables(exprs);
  const roles = indexRoles([...exprs, ...defs.list.map((d) => d.expr)], (f) => defs.isFamily(f));
  const rnd = seededRandom(4242);
  const fns = rules.fns;
  const context = { defs, assumptions, domain: [], functions: rules.functions };
  let imprecise = 0;
  for (let t = 0; t < tries; t++) {
    const free = (): number => (t < 12 ? NICE[Math.floor(rnd() * NICE.length)]! : (rnd() * 6 - 3) * 10 ** Math.floor(rnd() * 5 - 2));
    const point: Record<string, number> = {};
    for (const v of vars) point[v] = inside(boxes.get(v), free, rnd, t);
    if (hasIndexRoles(roles)) placeIndexed(point, roles, rnd, free);
    try {
      if (!satisfyEquations(assumptions, point, defs, { fns }) || !assumptionsHold(assumptions, point, defs, fns)) continue;
    } catch {
      continue;
    }
    // Doubles round: `2*x = 1` with `x > 1/2` holds at x = 0.5000000000000001 to 1e-9. At 60
    // digits it does not (a fact that cannot be evaluated so precisely is taken as it is).
    const precise = preciselySatisfied(point, context);
    if (precise !== false) return true;
    // Each check costs Newton's method at 60 digits: a dozen failures are enough.
    if (++imprecise >= 12) return false;
  }
  return false;
}

/** A value inside an interval (a free draw when the interval does not bound it). */
function inside(box: Interval | undefined, free: () => number, rnd: () => number, t: number): number {
  if (!box || (box.lo === -Infinity && box.hi === Infinity)) return free();
  // The middle of a bounded interval first: `z >= 0, z <= 0` leaves z = 0 alone.
  if (t % 4 === 0 && Number.isFinite(box.lo) && Number.isFinite(box.hi)) return box.lo / 2 + box.hi / 2;
  const u = 0.02 + 0.96 * rnd();
  if (box.lo === -Infinity) return box.hi - Math.abs(free()) - 1e-9 * Math.max(1, Math.abs(box.hi)) - u;
  if (box.hi === Infinity) return box.lo + Math.abs(free()) + 1e-9 * Math.max(1, Math.abs(box.lo)) + u;
  return box.lo + (box.hi - box.lo) * u;
}
