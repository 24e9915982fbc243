/**
 * Builds a proof one step at a time. Every change goes through here, so every step has its
 * rule, path, both sides and conditions, and the budgets are enforced in one place.
 */
import { type Expr, mul, num } from '../expr/node.js';
import { at, changedPath, replaceAt, type Path } from '../expr/traverse.js';
import { type TotalCalls, isTotalCall, withLostDefinedness } from '../expr/defined.js';
import { rationallyEqual } from '../expr/poly.js';
import type { Bindings } from './match.js';
import type { Condition, Lemma, Phase, Step, StepKind } from '../proof/types.js';

/** Why an engine stopped before it was done. */
export type StopReason = 'step-limit' | 'size-limit' | 'time-limit';

/** Thrown when a budget runs out; the API turns it into an `unknown` verdict with the reason. */
export class BudgetExceeded extends Error {
  constructor(
    readonly reason: StopReason,
    /** What ran out, in words: `more than 20000 steps`. */
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'BudgetExceeded';
  }
}

export interface Budget {
  /** Most steps in one proof. */
  readonly maxSteps: number;
  /** Largest expression (in nodes) a step may produce. */
  readonly maxSize: number;
  /** Wall-clock milliseconds for one derivation. */
  readonly maxMillis: number;
  /**
   * Total size (in nodes) of the recorded steps, both sides of each: what an output that
   * prints every step (JSON, --steps) prints. Unbounded when absent: the proof itself shares
   * its nodes, so a deep network's thousands of large steps cost little memory.
   */
  readonly maxTotalSize?: number;
}

/**
 * For outputs that print every step: about 25 MB of JSON. The largest example
 * (softmax-cce-10) records about 23,000 nodes.
 */
export const DEFAULT_MAX_TOTAL_SIZE = 1_000_000;

export const DEFAULT_BUDGET: Budget = { maxSteps: 20_000, maxSize: 200_000, maxMillis: 10_000 };

/** `budget` with the output limit of a run that prints every step, unless it sets its own. */
export const forEveryStep = (budget: Budget): Budget =>
  budget.maxTotalSize === undefined ? { ...budget, maxTotalSize: DEFAULT_MAX_TOTAL_SIZE } : budget;

/** Collects the steps, phases and lemmas of one proof, shared by all its derivations. */
export class ProofRecorder {
  readonly steps: Step[] = [];
  readonly phases: Phase[] = [];
  readonly lemmas: Lemma[] = [];
  private readonly started = Date.now();
  /** Sum of the sizes of both sides of every recorded step. */
  private totalSize = 0;

  /** `totalCalls`: defined functions whose calls are defined wherever their arguments are (no condition recorded when one disappears). */
  constructor(
    readonly budget: Budget = DEFAULT_BUDGET,
    readonly totalCalls?: TotalCalls,
  ) {}

  /** The main derivation, starting at `start`. */
  main(start: Expr): Derivation {
    return new Derivation(this, 0, start);
  }

  /** A new lemma starting at `start`; close it with `finishLemma`. */
  lemma(start: Expr): Derivation {
    this.lemmas.push({ start, result: start });
    return new Derivation(this, this.lemmas.length, start);
  }

  /** Records the lemma's result once its derivation is done. */
  finishLemma(d: Derivation): void {
    const slot = this.lemmas[d.index - 1]!;
    this.lemmas[d.index - 1] = { start: slot.start, result: d.current };
  }

  /** Enforces the budgets before a step from `before` to `after` is recorded. */
  check(before: Expr, after: Expr): void {
    if (this.steps.length >= this.budget.maxSteps) {
      throw new BudgetExceeded('step-limit', `more than ${this.budget.maxSteps} steps`);
    }
    if (after.size > this.budget.maxSize) {
      throw new BudgetExceeded('size-limit', `an expression of more than ${this.budget.maxSize} nodes`);
    }
    // An output that prints both sides of every step: a long chain of large steps is hundreds
    // of MB of it.
    const maxTotal = this.budget.maxTotalSize ?? Number.POSITIVE_INFINITY;
    this.totalSize += before.size + after.size;
    if (this.totalSize > maxTotal) {
      throw new BudgetExceeded('size-limit', `steps of more than ${maxTotal} nodes in all`);
    }
    // Every step: one step on a large expression can take long, so a coarser check overshoots.
    if (Date.now() - this.started > this.budget.maxMillis) {
      throw new BudgetExceeded('time-limit', `more than ${this.budget.maxMillis} ms`);
    }
  }
}

/** One chain of steps (the main derivation or a lemma) and where it has got to. */
export class Derivation {
  private phase = -1;
  private phaseKind = '';
  /** The expression the derivation started from. */
  readonly start: Expr;

  constructor(
    private readonly recorder: ProofRecorder,
    readonly index: number,
    public current: Expr,
  ) {
    this.start = current;
  }

  /** Starts a new textbook line about `lhs` (by default the start), from the current expression. */
  beginPhase(lhs: Expr = this.start, kind = ''): void {
    this.endPhase();
    this.recorder.phases.push({ lhs, from: this.current, to: this.current });
    this.phase = this.recorder.phases.length - 1;
    this.phaseKind = kind;
  }

  /** Continues the current line if it is of this kind, else starts a new one. */
  ensurePhase(kind: string, lhs: Expr = this.start): void {
    if (this.phase < 0 || this.phaseKind !== kind) this.beginPhase(lhs, kind);
  }

  /** Closes the current line at the current expression. */
  endPhase(): void {
    const p = this.recorder.phases[this.phase];
    if (p) this.recorder.phases[this.phase] = { ...p, to: this.current };
  }

  /** Records a step to a new whole expression, at the deepest path where the two differ. */
  transition(kind: StepKind, rule: string, after: Expr, conditions: readonly Condition[] = []): Expr {
    const path = changedPath(this.current, after);
    return this.replace(kind, rule, path, at(after, path)!, conditions);
  }

  /** Replaces the subterm at `path` and records the step; returns the new whole expression. */
  replace(
    kind: StepKind,
    rule: string,
    path: Path,
    replacement: Expr,
    conditions: readonly Condition[] = [],
    bindings: Bindings = new Map(),
    lemma?: number,
  ): Expr {
    const before = this.current;
    if (at(before, path) === replacement) return before;
    const after = replaceAt(before, path, replacement);
    if (after === before) return before;
    this.recorder.check(before, after);
    // An algebra step, or one using a fact, states where what it makes disappear was defined:
    // `0*log(x) = 0` holds for x > 0 only. Every such step goes through here.
    // A move may state that a call is defined whose function is defined wherever its arguments are: that says nothing.
    const total = this.recorder.totalCalls;
    if (total) conditions = conditions.filter((c) => !(c.kind === 'defined' && isTotalCall(c.expr, total)));
    if (kind === 'algebra' || kind === 'assumption') conditions = withLostDefinedness(conditions, at(before, path)!, at(after, path) ?? replacement, sameUpToSign, this.recorder.totalCalls);
    if (this.phase < 0) this.beginPhase(before);
    const copy = [...path];
    const record = recordOf(bindings);
    // Two literals rather than a spread of an optional field: a spread makes a slow object.
    this.recorder.steps.push(
      lemma === undefined
        ? { rule, kind, path: copy, bindings: record, before, after, conditions, phase: this.phase, derivation: this.index }
        : { rule, kind, path: copy, bindings: record, before, after, conditions, phase: this.phase, derivation: this.index, lemma },
    );
    this.current = after;
    return after;
  }
}

function sameUpToSign(a: Expr, b: Expr): boolean {
  try {
    return rationallyEqual(a, b) || rationallyEqual(a, mul(num(-1), b));
  } catch {
    return false;
  }
}

const NO_BINDINGS: Readonly<Record<string, Expr>> = Object.freeze({});

/** The bindings as a record (most steps have none; Object.fromEntries is slow in V8). */
function recordOf(bindings: Bindings): Readonly<Record<string, Expr>> {
  if (bindings.size === 0) return NO_BINDINGS;
  const out: Record<string, Expr> = {};
  for (const [k, v] of bindings) out[k] = v;
  return out;
}
