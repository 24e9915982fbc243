/** `∂L/∂x` for a loss through named intermediates: the derivation, start to textbook form. */
import { type Expr, diff, num, sym } from '../expr/node.js';
import { totalByDefinition } from '../expr/defined.js';
import { toAscii } from '../expr/print.js';
import { rationallyEqual } from '../expr/poly.js';
import { denominatorsOf } from '../expr/traverse.js';
import { CycleError, Definitions, type Definition } from '../expr/context.js';
import { GradproofError } from '../expr/errors.js';
import { symbols } from '../expr/traverse.js';
import { asFraction, type FactorOrder } from '../expr/display.js';
import type { RuleSet } from '../rules/types.js';
import { checkArity } from '../rules/arity.js';
import { type Budget, DEFAULT_BUDGET, type Derivation, ProofRecorder } from '../rewrite/builder.js';
import { simplify } from '../algebra/simplify.js';
import { intoNames } from '../algebra/fold.js';
import { intoNamedFunctions } from '../algebra/named-forms.js';
import { differentiate } from './derive.js';
import { reduceLabelPowers, selectBranches } from '../algebra/assumptions.js';
import { simplifySums } from '../algebra/sums.js';
import { variableName, wrtVariable } from '../expr/indexed.js';
import type { Assumption } from '../proof/types.js';

export interface GradientProblem {
  /** Named intermediates, in any order. */
  readonly definitions: readonly Definition[];
  /** The loss: a defined name, or an expression (then named `L`). */
  readonly loss: Expr;
  readonly wrt: string;
  /** Stated facts; bounds such as `z > 0` select the branches of piecewise results, and label sets reduce powers. */
  readonly assumptions?: readonly Assumption[];
}

export interface GradientDerivation {
  readonly defs: Definitions;
  /** The name the loss goes by. */
  readonly lossName: string;
  readonly recorder: ProofRecorder;
  readonly main: Derivation;
  /** The chain's order for writing a product result: factors of ∂L/∂a2 first, then ∂a2/∂z2, … */
  readonly factorOrder: FactorOrder;
}

/** Derives `diff(L, wrt)` and simplifies it to textbook form in the user's names. */
export function deriveGradient(problem: GradientProblem, rules: RuleSet, budget: Budget = DEFAULT_BUDGET): GradientDerivation {
  const { defs, lossName } = definitionsOf(problem);
  // leaky_relu(z) is no leaky ReLU: a call short of its arguments is refused, never derived.
  checkArity(defs.list.map((d) => d.expr), rules);
  // A loss that does not use x has derivative 0: the constant rule proves it like any other step.
  const x = wrtVariable(problem.wrt);
  // A function is no variable: `--wrt exp` is a misreading, not a derivative that is 0.
  const name = variableName(x)!;
  if (rules.functions.has(name) && !defs.has(name)) throw new GradproofError('unknown-variable', `--wrt ${problem.wrt}: ${name} is a function, not a variable`);
  // A division by something that is zero everywhere (`x/(x - x)`) has no derivative to find.
  for (const d of defs.list) {
    for (const den of denominatorsOf(d.expr)) {
      if (rationallyEqual(den, num(0))) throw new GradproofError('syntax', `${d.name} divides by ${toAscii(den)}, which is zero everywhere`);
    }
  }
  const recorder = new ProofRecorder(budget, totalByDefinition(rules.defs));
  const main = recorder.main(diff(sym(lossName), x));
  const noFold = new Set([lossName]);
  const facts = problem.assumptions ?? [];
  differentiate({ defs, rules, recorder, lemmas: new Map(), noFold, assumptions: facts }, main);
  main.beginPhase(main.start, 'simplify');
  simplify(main);
  simplifySums(main, rules, defs, facts);
  intoNames(main, defs, noFold, simplify);
  simplify(main);
  intoNamedFunctions(main, rules, defs);
  main.endPhase();
  if (problem.assumptions?.length) {
    main.beginPhase(main.start, 'assume');
    selectBranches(main, problem.assumptions, rules.defs);
    reduceLabelPowers(main, problem.assumptions);
    simplify(main);
    main.endPhase();
  }
  return { defs, lossName, recorder, main, factorOrder: chainOrder(defs, recorder) };
}

/**
 * Ranks the factors of each local derivative by how far its name is from the loss, so a
 * product result reads in the chain's order, as textbooks write it: `(a2 - y)*w2*a1*(1 - a1)*x`.
 */
function chainOrder(defs: Definitions, recorder: ProofRecorder): FactorOrder {
  const distance = new Map([...defs.order].reverse().map((n, i) => [n, i]));
  const order = new Map<Expr, number>();
  for (const l of recorder.lemmas) {
    const f = l.start.kind === 'call' && l.start.fn === 'diff' ? l.start.args[0]! : undefined;
    const rank = f?.kind === 'sym' ? distance.get(f.name) : undefined;
    if (rank === undefined) continue;
    for (const factor of [l.result, ...asFraction(l.result).numerator]) {
      if (!order.has(factor) || order.get(factor)! > rank) order.set(factor, rank);
    }
  }
  return order;
}

function definitionsOf(problem: GradientProblem): { defs: Definitions; lossName: string } {
  const list = [...problem.definitions];
  let lossName: string;
  if (problem.loss.kind === 'sym' && list.some((d) => d.name === (problem.loss as Expr & { kind: 'sym' }).name)) {
    lossName = problem.loss.name;
  } else {
    const used = new Set(list.map((d) => d.name));
    list.forEach((d) => symbols(d.expr).forEach((s) => used.add(s)));
    symbols(problem.loss).forEach((s) => used.add(s));
    lossName = 'L';
    for (let i = 1; used.has(lossName); i++) lossName = `L${i}`;
    list.push({ name: lossName, expr: problem.loss });
  }
  try {
    return { defs: Definitions.of(list), lossName };
  } catch (err) {
    if (err instanceof CycleError) throw new GradproofError('cycle', err.message);
    if (err instanceof Error && /defined twice/.test(err.message)) throw new GradproofError('duplicate', err.message);
    throw err;
  }
}
