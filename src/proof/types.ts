/**
 * The proof record: a flat chain of steps from a start expression to a result, each with
 * exactly one change, the rule that justifies it, where it applied, and what it needs.
 * It serializes to JSON with every expression in ASCII input syntax, so a checker can
 * replay it from the file alone.
 */
import type { Expr } from '../expr/node.js';
import type { Path } from '../expr/traverse.js';

/**
 * - `rule`: one rule of `rules/` applied at one path (re-matched exactly by the checker);
 * - `algebra`: a field identity (combine fractions, expand, cancel), decided by the checker;
 * - `definition`: unfold a named intermediate into its definition, or fold it back;
 * - `assumption`: use a stated fact such as `y1 + y2 + y3 = 1`;
 * - `chain`: the chain rule over the definition graph;
 * - `lemma`: replace a lemma's start (`diff(L, a2)`) by its proven result;
 * - `index`: a sum of a Kronecker delta sifted (`sum(k, 1, K, y[k]*delta(k, i))` is `y[i]`).
 */
export type StepKind = 'rule' | 'algebra' | 'definition' | 'assumption' | 'chain' | 'lemma' | 'index';

/**
 * Something a step needs to hold: `nonzero(a2)` is `a2 != 0`, `positive(u)` is `u > 0`,
 * `nonnegative(u)` is `u >= 0` (where `sqrt(u)` is defined), `defined(f(x))` is "f(x) is
 * defined" (a call not known to be defined everywhere). `positive` covers `nonzero` and
 * `nonnegative` of the same quantity; `defined` is covered only by itself.
 */
export interface Condition {
  readonly kind: 'nonzero' | 'positive' | 'nonnegative' | 'defined';
  readonly expr: Expr;
}

export interface Step {
  /** Stable rule id from `rules/` (`d.log`, `alg.cancel-common-factor`, `chain`, `def.fold`). */
  readonly rule: string;
  readonly kind: StepKind;
  /** Where the change is: operand indices from the root of `before`. */
  readonly path: Path;
  /** Pattern variables of the rule and what they matched (rule steps). */
  readonly bindings: Readonly<Record<string, Expr>>;
  readonly before: Expr;
  readonly after: Expr;
  readonly conditions: readonly Condition[];
  /** Index into `Proof.phases`: the textbook line this step is part of. */
  readonly phase: number;
  /** Which derivation the step belongs to: 0 is the main one, k is lemma k (`Proof.lemmas[k - 1]`). */
  readonly derivation: number;
  /** For a `lemma` step: the lemma used (k ≥ 1). */
  readonly lemma?: number;
}

/**
 * One line of the derivation as a textbook writes it: `lhs = to`, reached from `from` by
 * the phase's steps. For the seed: `∂L/∂a2 = -y/a2 + (1 - y)/(1 - a2)` is one phase.
 */
export interface Phase {
  /** The quantity the line is about: `diff(L, a2)`. */
  readonly lhs: Expr;
  /** Its form when the phase starts (equal to `lhs` for a fresh derivative). */
  readonly from: Expr;
  /** Its form when the phase ends. */
  readonly to: Expr;
}

/** A stated fact: `y1 + y2 + y3 = 1`, `0 < a2`, `z != 0`, `y in {0, 1}`. */
export interface Assumption {
  readonly lhs: Expr;
  readonly op: '=' | '!=' | '<' | '<=' | '>' | '>=';
  readonly rhs: Expr;
  /**
   * A label set `y in {0, 1}` (see label-sets.ts): lhs = rhs is the equation it implies
   * (`y^2 = y`), which is what the engine and the kernel use; this is what was stated.
   */
  readonly among?: { readonly name: Expr; readonly values: readonly Expr[] };
}

/** A lemma: `start = result`, proven by the steps whose `derivation` is its number. */
export interface Lemma {
  readonly start: Expr;
  readonly result: Expr;
}

/**
 * A proof: a main derivation and its lemmas. Steps are listed in reading order (the main
 * chain rule, then each lemma's steps, then the main steps that use them); the steps of
 * one derivation, taken in order, form a chain from its start to its result.
 */
export interface Proof {
  /** What was proved equal to the result: `diff(L, z2)`, or a user's first expression. */
  readonly start: Expr;
  readonly lemmas: readonly Lemma[];
  readonly steps: readonly Step[];
  readonly phases: readonly Phase[];
  /** The last `after`, or `start` when there are no steps. */
  readonly result: Expr;
  /** Named intermediates in dependency order (the loss among them, when it is named). */
  readonly definitions: ReadonlyArray<{ readonly name: string; readonly expr: Expr; readonly index?: string }>;
  readonly assumptions: readonly Assumption[];
}
