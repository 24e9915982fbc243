/**
 * `gradproof derive FILE --all`: the gradient for every name the loss depends on, in reverse
 * mode, each proven once and cited by the ones below it, every one replayed by the kernel.
 */
import { diff, sym } from '../expr/node.js';
import { totalByDefinition } from '../expr/defined.js';
import { CycleError, Definitions } from '../expr/context.js';
import { GradproofError } from '../expr/errors.js';
import { toAscii } from '../expr/print.js';
import { usesIndexNotation } from '../expr/indexed.js';
import type { ProblemSpec } from '../parse/problem.js';
import type { RuleSet } from '../rules/types.js';
import { builtinRules } from '../rules/builtin.js';
import { type Budget, DEFAULT_BUDGET, ProofRecorder } from '../rewrite/builder.js';
import { allGradients, type Gradient } from '../calculus/adjoint.js';
import type { Condition, Proof, Step } from '../proof/types.js';
import { checkProof, type Premises } from '../kernel/index.js';
import { mergePremises, premisesToJson } from '../render/premises.js';
import { refuseContradiction } from '../verdict/consistency.js';
import { reduceConditions } from '../proof/conditions.js';
import { toLatex } from '../render/latex.js';
import { conditionToText } from '../render/conditions.js';
import { proofLinesToJson } from '../render/lines-json.js';
import { stepToJson, toAssumptions } from './derive.js';

export interface AllOutcome {
  readonly title?: string;
  readonly lossName: string;
  readonly gradients: readonly Gradient[];
  /** Every lemma and step, in reading order (for rendering). */
  readonly proof: Proof;
  /** Steps the kernel replayed, over all gradients. */
  readonly replayed: number;
  readonly rules: RuleSet;
  /** What every gradient rests on, from the kernel's theorems. */
  readonly premises: Premises;
  /** What the gradients need, from the kernel's theorems (∂L/∂a2 keeps a2 > 0 that ∂L/∂z2 does not need, given a2 = sigmoid(z2)). */
  readonly conditions: readonly Condition[];
}

/** Derives and checks every gradient of the problem's loss. */
export function deriveAll(spec: ProblemSpec, rules: RuleSet = builtinRules(), budget: Budget = DEFAULT_BUDGET): AllOutcome {
  const lossName = spec.lossName ?? 'L';
  const list = [...spec.definitions, { name: lossName, expr: spec.loss }];
  // Reverse mode runs over named intermediates; a family a[k] or a sum over an index is not one.
  const indexed = list.find((d) => ('index' in d && d.index !== undefined) || usesIndexNotation(d.expr));
  if (indexed) {
    throw new GradproofError(
      'usage',
      `--all does not take index notation yet (${indexed.name} uses it); derive one gradient at a time with --wrt, such as --wrt "z[i]"`,
      spec.positions?.get(indexed.name),
    );
  }
  let defs: Definitions;
  try {
    defs = new Definitions(list);
  } catch (err) {
    if (err instanceof CycleError) throw new GradproofError('cycle', err.message);
    throw new GradproofError('duplicate', (err as Error).message);
  }
  // Contradictory assumptions are bad input here too.
  refuseContradiction(spec.assumptions.flatMap(toAssumptions), list);
  const recorder = new ProofRecorder(budget, totalByDefinition(rules.defs));
  const gradients = allGradients({ defs, rules, recorder, lemmas: new Map(), noFold: new Set([lossName]) }, lossName);
  const assumptions = spec.assumptions.flatMap(toAssumptions);
  const base = { lemmas: recorder.lemmas, phases: recorder.phases, definitions: defs.list, assumptions };
  let replayed = 0;
  const premises: Premises[] = [];
  const needed = new Map<string, Condition>();
  for (const g of gradients) {
    // Each gradient's claim, diff(L, v) = result, is its lemma, cited by a one-step main line.
    const start = diff(sym(lossName), sym(g.wrt));
    const cite: Step = { rule: 'lemma', kind: 'lemma', path: [], bindings: {}, before: start, after: g.result, conditions: [], phase: 0, derivation: 0, lemma: g.lemma };
    const r = checkProof({ ...base, start, result: g.result, steps: [...recorder.steps, cite] }, rules.admitted);
    if (!r.ok) throw new GradproofError('internal', `the checker rejected the proof of ∂${lossName}/∂${g.wrt} at step ${r.step}: ${r.reason}`);
    replayed = r.checked.replayed;
    premises.push(r.checked.theorem.premises);
    for (const c of r.checked.theorem.conditions) needed.set(`${c.kind}:${c.expr.id}`, c);
  }
  const first = gradients[0];
  const proof: Proof = { ...base, start: first ? diff(sym(lossName), sym(first.wrt)) : sym(lossName), result: first?.result ?? sym(lossName), steps: recorder.steps };
  // No gradient (a loss of constants): the premises are the problem's, with no rule file cited.
  const merged = mergePremises(premises) ?? { definitions: defs.list, assumptions, ruleFiles: [] };
  // `u != 0` and `u >= 0` go where `u > 0` is also needed.
  const conditions = [...needed.values()].filter((c) => c.kind === 'positive' || !needed.has(`positive:${c.expr.id}`));
  return { ...(spec.title ? { title: spec.title } : {}), lossName, gradients, proof, replayed, rules, premises: merged, conditions };
}

/** The JSON of `--all`: each variable's gradient, then the shared proof. */
export function allToJson(o: AllOutcome, lang: 'en' | 'zh' = 'en'): unknown {
  const { remaining } = reduceConditions(o.conditions, o.proof.assumptions);
  return {
    title: o.title ?? null,
    loss: o.lossName,
    gradients: Object.fromEntries(o.gradients.map((g) => [g.wrt, toAscii(g.result, g.order)])),
    gradientsLatex: Object.fromEntries(o.gradients.map((g) => [g.wrt, toLatex(g.result, g.order)])),
    lemmaOf: Object.fromEntries(o.gradients.map((g) => [g.wrt, g.lemma])),
    checked: true,
    replayed: o.replayed,
    lemmas: o.proof.lemmas.map((l) => ({ start: toAscii(l.start), result: toAscii(l.result) })),
    steps: o.proof.steps.map((s) => stepToJson(s, o.rules.byId, lang)),
    lines: proofLinesToJson(o.proof, o.rules.byId, lang),
    definitions: o.proof.definitions.map((d) => ({ name: d.name, expr: toAscii(d.expr) })),
    conditions: remaining.map(conditionToText),
    premises: premisesToJson(o.premises),
  };
}
