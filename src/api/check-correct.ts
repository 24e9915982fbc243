/**
 * What a refuted link's right side should have been. When the chain began with a derivative
 * and every link up to this one is proven, that derivative is worked out as `derive` works it
 * out, to textbook form; otherwise the link's left side is worked out (its derivatives) or
 * simplified, and nothing is offered when it does not simplify. Either way the kernel replays
 * the work, its conditions are said with it, and it is shown only where its value agrees with
 * the left side's at the counterexample point.
 */
import type { Expr } from '../expr/node.js';
import { hasDiff, nodes } from '../expr/traverse.js';
import { holdsWhereDefined, totalByDefinition } from '../expr/defined.js';
import { valueAt } from '../expr/numeric.js';
import { toAscii } from '../expr/print.js';
import type { Definitions } from '../expr/context.js';
import type { RuleSet } from '../rules/types.js';
import { functionTable } from '../rules/load.js';
import { DEFAULT_BUDGET, ProofRecorder, type Derivation } from '../rewrite/builder.js';
import { differentiate } from '../calculus/derive.js';
import { deriveGradient } from '../calculus/gradient.js';
import { simplify } from '../algebra/simplify.js';
import { intoNames } from '../algebra/fold.js';
import type { Assumption, Condition, Proof } from '../proof/types.js';
import { reduceConditions } from '../proof/conditions.js';
import type { Counterexample } from '../proof/refutation.js';
import { type CheckedProof, checkProof } from '../kernel/index.js';

/** How the correct side was found: the chain's first line (a derivative) worked out, or the link's left side worked out (derivatives) or simplified. */
export type CorrectSource = 'first-line-derived' | 'left-side-derived' | 'left-side-simplified';

/** The right side a refuted link should have had, and its value where the written one differs. */
export interface CorrectSide {
  readonly source: CorrectSource;
  /** What was worked out: the chain's first line, or the link's left side. */
  readonly of: Expr;
  /** The correct right side, in textbook form. */
  readonly expr: Expr;
  /** Its value at the counterexample point, and the written right side's there. */
  readonly value: number;
  readonly written: number;
  /** What `of = expr` needs (its theorem's conditions, less what the facts give): said with it, never hidden. */
  readonly conditions: readonly Condition[];
  /** The kernel's replay of `of = expr`. */
  readonly proof: CheckedProof;
}

/** What finding the correct side of a refuted link `from = to` needs. */
export interface RefutedLink {
  readonly from: Expr;
  readonly counterexample: Counterexample;
  /** The chain's first line, when it is a derivative and every link before this one is proven. */
  readonly derivative?: Expr;
}

/**
 * The correct right side of a refuted link: the chain's first derivative worked out when there
 * is one (and the link's left side is no derivative itself), else the left side worked out or
 * simplified; undefined where the kernel does not replay it or the point does not confirm it.
 */
export function correctRightSide(link: RefutedLink, defs: Definitions, rules: RuleSet, assumptions: readonly Assumption[]): CorrectSide | undefined {
  const fromLeft = (): CorrectSide | undefined => workedOut(link.from, hasDiff(link.from) ? 'left-side-derived' : 'left-side-simplified', link.counterexample, defs, rules, assumptions);
  if (!link.derivative || isDerivative(link.from)) return fromLeft();
  return workedOut(link.derivative, 'first-line-derived', link.counterexample, defs, rules, assumptions) ?? fromLeft();
}

function workedOut(of: Expr, source: CorrectSource, c: Counterexample, defs: Definitions, rules: RuleSet, assumptions: readonly Assumption[]): CorrectSide | undefined {
  let proof: Proof | undefined;
  try {
    proof = isDerivative(of) ? derived(of, defs, rules, assumptions) : simplified(of, defs, rules, assumptions);
  } catch {
    // Out of budget, or a derivative the rules do not cover: no correct side to offer.
    return undefined;
  }
  // A left side that does not simplify would only repeat itself: its value at the point is shown already.
  if (proof.result === of) return undefined;
  const replay = checkProof(proof, rules.admitted);
  if (!replay.ok) return undefined;
  let value: number;
  try {
    value = valueAt(proof.result, c.point, defs, { fns: functionTable(rules.defs) });
  } catch {
    return undefined;
  }
  // The value must be the left side's there (it is, unless a condition fails at the point) and differ from the written one.
  if (!close(value, c.left) || close(value, c.right)) return undefined;
  const conditions = reduceConditions(shown(replay.checked.theorem.conditions), assumptions).remaining;
  return { source, of, expr: proof.result, value, written: c.right, conditions, proof: replay.checked };
}

/** Conditions as a link shows them: `1/x != 0` left out, and `u != 0`, `u >= 0` where `u > 0` is there too; each once. */
function shown(cs: readonly Condition[]): Condition[] {
  const positive = new Set(cs.filter((c) => c.kind === 'positive').map((c) => c.expr));
  const kept = cs.filter((c) => !holdsWhereDefined(c) && (c.kind === 'positive' || !positive.has(c.expr)));
  return kept.filter((c, i) => kept.findIndex((d) => d.kind === c.kind && d.expr === c.expr) === i);
}

const isDerivative = (e: Expr): boolean => e.kind === 'call' && e.fn === 'diff' && !hasDiff(e.args[0]!);

const close = (a: number, b: number): boolean => Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/** `diff(f, x)` derived as `derive` derives it, to the same textbook form. */
function derived(d: Expr, defs: Definitions, rules: RuleSet, assumptions: readonly Assumption[]): Proof {
  const [f, x] = (d as Expr & { kind: 'call' }).args as [Expr, Expr];
  const g = deriveGradient({ definitions: defs.list, loss: f, wrt: toAscii(x), assumptions }, rules);
  return { start: g.main.start, lemmas: g.recorder.lemmas, steps: g.recorder.steps, phases: g.recorder.phases, result: g.main.current, definitions: g.defs.list, assumptions };
}

/** `e` simplified (its derivatives worked out first), in the names of the definitions except those it differentiates. */
function simplified(e: Expr, defs: Definitions, rules: RuleSet, assumptions: readonly Assumption[]): Proof {
  const recorder = new ProofRecorder(DEFAULT_BUDGET, totalByDefinition(rules.defs));
  const main: Derivation = recorder.main(e);
  const differentiated = new Set(nodes(e).flatMap((s) => (s.kind === 'call' && s.fn === 'diff' && s.args[0]!.kind === 'sym' ? [s.args[0]!.name] : [])));
  if (hasDiff(e)) differentiate({ defs, rules, recorder, lemmas: new Map(), noFold: differentiated, assumptions }, main);
  main.beginPhase(main.start, 'simplify');
  simplify(main);
  intoNames(main, defs, differentiated, simplify);
  simplify(main);
  main.endPhase();
  return { start: e, lemmas: recorder.lemmas, steps: recorder.steps, phases: recorder.phases, result: main.current, definitions: defs.list, assumptions };
}
