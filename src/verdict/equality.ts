/**
 * Deciding `a = b`. Proven only by the kernel: a one-step proof (algebra over quotients of
 * polynomials, or a stated equation) or a longer one from `prove`, replayed by the kernel
 * (`replay`: `checkProof` with the admitted rules, which the caller passes, since the proof
 * stage does not call the kernel); a `proven` decision carries the kernel's theorem, and the
 * type allows no other. Refuted by a point where the sides differ, confirmed at high
 * precision on the stated facts (see refutation.ts). Otherwise unknown: a numeric agreement
 * never makes anything proven.
 */
import type { Expr } from '../expr/node.js';
import type { Definitions } from '../expr/context.js';
import { hasDiff, symbols } from '../expr/traverse.js';
import { PolyLimit, equalModulo, rationallyEqual } from '../expr/poly.js';
import { add, mul, num } from '../expr/node.js';
import { close, valueAt } from '../expr/numeric.js';
import { seededRandom } from '../expr/random.js';
import type { FunctionTable } from '../expr/eval.js';
import { type FunctionDefs, openAllCalls } from '../expr/functions.js';
import { hasIndexRoles, indexRoles, placeIndexed } from '../expr/sample.js';
import { unfoldDefinitions } from '../expr/unfold.js';
import type { CheckedProof, CheckResult, Theorem } from '../kernel/index.js';
import { lostDefinedness, totalByDefinition } from '../expr/defined.js';
import { type Counterexample, confirmRefutation } from '../proof/refutation.js';
import { assumptionsHold, satisfyEquations } from '../proof/points.js';

export { assumptionsHold, satisfyEquations } from '../proof/points.js';
import type { Assumption, Proof, Step } from '../proof/types.js';

/** `proven` (a kernel theorem), `refuted` (a confirmed point where the sides differ), or `unknown`. */
export type Verdict = 'proven' | 'refuted' | 'unknown';

/** Proven: the kernel replayed a proof of `a = b`; its theorem states what it rests on. */
export interface Proven {
  readonly verdict: 'proven';
  readonly theorem: Theorem;
  readonly proof: CheckedProof;
  readonly counterexample?: undefined;
  readonly evidence?: undefined;
}

export interface Refuted {
  readonly verdict: 'refuted';
  /** Values of the free variables, and both sides there (at 120 digits, rounded). */
  readonly counterexample: Counterexample;
  /** Why, where the point alone does not say it (shaped terms: the shapes, or which entry differs). */
  readonly evidence?: string;
}

export interface Unknown {
  readonly verdict: 'unknown';
  /** How many sample points agreed, or why nothing could be decided. */
  readonly evidence: string;
  readonly counterexample?: undefined;
}

export type Decision = Proven | Refuted | Unknown;

/** The decision a kernel check gives: proven with its theorem, or unknown, saying where the checker stopped. */
export function decisionOf(r: CheckResult): Proven | Unknown {
  if (r.ok) return { verdict: 'proven', theorem: r.checked.theorem, proof: r.checked };
  return { verdict: 'unknown', evidence: `the checker rejected the proof at step ${r.step}: ${r.reason}` };
}

/** Replaces every defined name by its definition, outside derivatives by that name. */
export function unfoldAll(e: Expr, defs: Definitions): Expr {
  return unfoldDefinitions(e, defs);
}

/** Whether `a = b` holds as an identity of rational functions, with or without unfolding names. */
export function algebraicallyEqual(a: Expr, b: Expr, defs: Definitions, functions: FunctionDefs = new Map()): boolean {
  const within = (x: Expr, y: Expr): boolean => {
    try {
      return rationallyEqual(x, y);
    } catch (err) {
      if (err instanceof PolyLimit) return false;
      throw err;
    }
  };
  if (within(a, b)) return true;
  if (hasDiff(a) || hasDiff(b)) return false;
  const [ua, ub] = [unfoldAll(a, defs), unfoldAll(b, defs)];
  return within(ua, ub) || (functions.size > 0 && within(openAllCalls(ua, functions), openAllCalls(ub, functions)));
}


export interface SampleOptions {
  /** The kernel's replay of a proof: `(p) => checkProof(p, ruleSet.admitted)`. */
  readonly replay: (proof: Proof) => CheckResult;
  /** A proof beyond one step of algebra (derivatives worked out, identity rules), tried after it. */
  readonly prove?: (a: Expr, b: Expr) => Proof | undefined;
  /**
   * Set when no point satisfying the assumptions was found: they may contradict each other,
   * so nothing is proven or refuted from them.
   */
  readonly unsatisfied?: string;
  readonly fns?: FunctionTable;
  /** Defined functions, opened up when algebra alone does not decide. */
  readonly functions?: FunctionDefs;
  readonly assumptions?: readonly Assumption[];
  /** Expressions that must be defined at a sample point (the loss, say). */
  readonly domain?: readonly Expr[];
  readonly seed?: number;
  readonly samples?: number;
}

// Readable candidate values first: a counterexample like `y = 0.5, z2 = 1` is easy to check by hand.
const NICE = [0.5, 1, -1, 2, 0.25, -0.5, 1.5, -2, 0.75, 3, -1.5, 0.3];

/** The stated equation that makes `a = b` by algebra, if one does (`y1 + y2 + y3 = 1`). */
export function equationGiving(a: Expr, b: Expr, assumptions: readonly Assumption[], defs: Definitions): Assumption | undefined {
  return assumptions.find((f) => {
    if (f.op !== '=') return false;
    const eq = add(f.lhs, mul(num(-1), f.rhs));
    try {
      if (equalModulo(a, b, eq)) return true;
      return !hasDiff(a) && !hasDiff(b) && equalModulo(unfoldAll(a, defs), unfoldAll(b, defs), unfoldAll(eq, defs));
    } catch (err) {
      if (err instanceof PolyLimit) return false;
      throw err;
    }
  });
}

/**
 * The proof of `a = b` in at most one step, when it holds as it stands: by algebra, or by a
 * stated equation. The step records what stops being needed for the two sides to be defined.
 */
export function directProof(a: Expr, b: Expr, defs: Definitions, assumptions: readonly Assumption[], functions?: FunctionDefs): Proof | undefined {
  const proof = (steps: Step[]): Proof => ({
    start: a,
    result: b,
    lemmas: [],
    steps,
    phases: steps.length ? [{ lhs: a, from: a, to: b }] : [],
    definitions: defs.list,
    assumptions,
  });
  if (a === b) return proof([]);
  const step = (kind: 'algebra' | 'assumption'): Step => ({
    rule: kind === 'algebra' ? 'alg.rearrange' : 'assume',
    kind,
    path: [],
    bindings: {},
    before: a,
    after: b,
    // Where `a` is defined that `b` does not say: denominators, logs, roots, fractional powers.
    conditions: lostDefinedness(a, b, functions && totalByDefinition(functions)),
    phase: 0,
    derivation: 0,
  });
  if (algebraicallyEqual(a, b, defs, functions)) return proof([step('algebra')]);
  if (equationGiving(a, b, assumptions, defs)) return proof([step('assumption')]);
  return undefined;
}

/** Decides `a = b`: proven only through the kernel, refuted only at a confirmed point. */
export function decideEquality(a: Expr, b: Expr, defs: Definitions, options: SampleOptions): Decision {
  if (options.unsatisfied) return { verdict: 'unknown', evidence: options.unsatisfied };
  const assumptions = options.assumptions ?? [];
  const proof = directProof(a, b, defs, assumptions, options.functions) ?? options.prove?.(a, b);
  if (proof) return decisionOf(options.replay(proof));
  const domain = options.domain ?? [];
  const vars = defs.freeVariables([a, b, ...domain, ...assumptions.flatMap((f) => [f.lhs, f.rhs])]);
  const rnd = seededRandom(options.seed ?? 12345);
  const roles = indexRoles([a, b, ...domain, ...defs.list.map((d) => d.expr), ...assumptions.flatMap((f) => [f.lhs, f.rhs])], (f) => defs.isFamily(f));
  const indexed = hasIndexRoles(roles);
  const samples = options.samples ?? 24;
  const fnOpt = options.fns ? { fns: options.fns } : {};
  const context = { defs, assumptions, domain, ...(options.functions ? { functions: options.functions } : {}) };
  let agreed = 0;
  let unconfirmed = 0;
  for (let t = 0; t < samples * 8 && agreed < samples; t++) {
    const point: Record<string, number> = {};
    const draw = (): number => (t < 8 ? NICE[Math.floor(rnd() * NICE.length)]! : Math.round((rnd() * 6 - 3) * 100) / 100);
    for (const v of vars) point[v] = draw();
    if (indexed) placeIndexed(point, roles, rnd, draw);
    let left: number;
    let right: number;
    try {
      if (!satisfyEquations(assumptions, point, defs, fnOpt)) continue;
      if (domain.some((d) => !Number.isFinite(valueAt(d, point, defs, fnOpt)))) continue;
      if (!assumptionsHold(assumptions, point, defs, options.fns)) continue;
      left = valueAt(a, point, defs, fnOpt);
      right = valueAt(b, point, defs, fnOpt);
    } catch {
      continue;
    }
    if (!Number.isFinite(left) || !Number.isFinite(right)) continue;
    if (close(left, right, 1e-7)) {
      agreed++;
      continue;
    }
    const counterexample = confirmRefutation(a, b, point, context);
    if (counterexample) return { verdict: 'refuted', counterexample };
    // Confirming costs Newton's method at 60 and 120 digits: a few failures are enough.
    if (++unconfirmed >= 4) break;
  }
  return {
    verdict: 'unknown',
    evidence: unconfirmed
      ? `the two sides differ in floating point at ${unconfirmed} sample points, but no difference could be confirmed at high precision`
      : agreed
        ? `the two sides agree at ${agreed} sample points, but no algebraic proof was found`
        : 'no point of the domain could be sampled',
  };
}

/** Names the two sides use (for messages). */
export const namesIn = (e: Expr): string[] => [...symbols(e)].sort();
