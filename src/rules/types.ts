/** Rules as data: what `rules/*.rules` files load into. */
import type { Expr } from '../expr/node.js';
import type { AdmittedRules } from '../kernel/index.js';

/**
 * - `rewrite`: `lhs = rhs`, matched and instantiated exactly (`d.sum`, `d.product`);
 * - `derivative`: an entry of the table of outer derivatives, `log(u) -> 1/u`, used through
 *   the one generic chain rule as `diff(log(u), x) = 1/u * diff(u, x)` (kept in lhs/rhs);
 * - `algebra`: a named field identity the simplifier cites; its schema is checked at load,
 *   and steps citing it are decided by the checker's own algebra;
 * - `step`: a step kind with its own check in the kernel (`chain`, `def.unfold`).
 */
export type RuleKind = 'rewrite' | 'derivative' | 'algebra' | 'step';

/**
 * A side condition over pattern variables: `free(c, x)`, `nonzero(v)`, `positive(u)`,
 * `nonzero(p - q)`, `continuous(p - q)`. For nonzero/positive/continuous, `expr` is the
 * quantity and `args` its variables. `free` and `continuous` are decided when matching (and
 * again by the kernel), the others carried into the step's conditions.
 */
export interface RuleCondition {
  readonly pred: 'free' | 'nonzero' | 'positive' | 'continuous';
  readonly args: readonly string[];
  readonly expr?: Expr;
}

/** Maths in an explanation: expressions and the relations between them; a primed side is `(side)'`. */
export interface MathSpan {
  readonly sides: readonly Expr[];
  readonly relations: readonly string[];
  readonly primed: readonly boolean[];
}

/** A piece of an explanation: text, or maths. */
export type ExplainPart = string | MathSpan;

/** A sentence in English and Chinese; `math`, when it has maths, the same as text and maths. */
export interface Sentence {
  readonly en: string;
  readonly zh: string;
  readonly math?: { readonly en: readonly ExplainPart[]; readonly zh: readonly ExplainPart[] };
}

/** One rule of a `.rules` file: its id, kind, names in English and Chinese, pattern, conditions and place. */
export interface Rule {
  readonly id: string;
  readonly kind: RuleKind;
  readonly name: { readonly en: string; readonly zh: string };
  /** The sentence that explains the rule's steps to a reader, from its `explain` line. */
  readonly explain?: Sentence;
  /** Pattern and replacement; for `derivative` rules the desugared chain-rule form. */
  readonly lhs?: Expr;
  readonly rhs?: Expr;
  /** For `derivative` rules: the function, and its partial derivative in the parameter `wrt` (the others held constant). */
  readonly outer?: { readonly fn: string; readonly params: readonly string[]; readonly derivative: Expr; readonly wrt: string };
  readonly conditions: readonly RuleCondition[];
  /**
   * A matrix rule's pattern variables and their shapes, from its `shapes` line: `scalar`,
   * `any` (a scalar or a matrix), `[rows, columns]`, each a dimension name or a positive
   * integer, or `dim`, a dimension itself (the `m` of `bcast(b, m)`). In such a rule every
   * other name is a literal (`sigmoid` in `prime(sigmoid, A)`).
   */
  readonly shapes?: Readonly<Record<string, PatternShape>>;
  readonly file: string;
  readonly line: number;
}

/** The declared shape of a matrix rule's pattern variable. */
export type PatternShape = 'scalar' | 'any' | 'dim' | readonly [string, string];

/** A function definition: `def sigmoid(u) = 1/(1 + exp(-u))`. */
export interface FunctionDef {
  readonly name: string;
  readonly params: readonly string[];
  readonly body: Expr;
  /** The parameter a call must not leave out, from a `takes` line: "a slope". */
  readonly takes?: { readonly en: string; readonly zh: string };
  readonly file: string;
  readonly line: number;
}

/** A loaded, validated set of rules. */
export interface RuleSet {
  /** The kernel's own copy, taken in by `loadRules`: the only rules a proof can cite. */
  readonly admitted: AdmittedRules;
  readonly rules: readonly Rule[];
  readonly byId: ReadonlyMap<string, Rule>;
  readonly defs: ReadonlyMap<string, FunctionDef>;
  /** Every function name the rules know (for the parser and for error suggestions). */
  readonly functions: ReadonlySet<string>;
}
