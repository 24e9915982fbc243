/**
 * `gradproof derive FILE --all`: the gradient for every name the loss depends on, in reverse
 * mode, each proven once and cited by the ones below it, every one replayed by the kernel.
 */
import { diff, sym } from '../expr/node.js';
import { totalByDefinition } from '../expr/defined.js';
import { CycleError, Definitions } from '../expr/context.js';
import { GradproofError } from '../expr/errors.js';
import { toAscii, toAsciiAsWritten } from '../expr/print.js';
import { usesIndexNotation } from '../expr/indexed.js';
import type { ProblemSpec } from '../parse/problem.js';
import type { RuleSet } from '../rules/types.js';
import { builtinRules } from '../rules/builtin.js';
import { type Budget, DEFAULT_BUDGET, ProofRecorder } from '../rewrite/builder.js';
import type { Expr } from '../expr/node.js';
import { functionTable } from '../rules/load.js';
import { assertConsistent } from '../verdict/consistency.js';
import { type Verdict, decisionOf } from '../verdict/equality.js';
import { thenProof } from '../proof/compose.js';
import { decideLink, undefinedEverywhere } from './check-chain.js';
import { withFacts } from './all-facts.js';
import { type GradientExpectation, gradientVerdict as verdictOf } from '../render/gradient-verdicts.js';
import { allGradients, type Gradient } from '../calculus/adjoint.js';
import type { Condition, Proof, Step } from '../proof/types.js';
import { checkProof, type Premises } from '../kernel/index.js';
import { mergePremises, premisesToJson } from '../render/premises.js';
import { reduceConditions } from '../proof/conditions.js';
import { toLatex } from '../render/latex.js';
import { conditionToText } from '../render/conditions.js';
import { proofLinesToJson } from '../render/lines-json.js';
import { stepToJson, toAssumptions } from './derive.js';
import { deriveMatrixAll, isShapedProblem } from './matrix.js';

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
  /** The file's expectations, each about the gradient of its `wrt` variable, decided against it. */
  readonly expectations: readonly GradientExpectation[];
}

export type { GradientExpectation } from '../render/gradient-verdicts.js';

/** A gradient's verdict: its expectations', or `proven` when it has none (the result is a kernel theorem). */
export const gradientVerdict = (o: Pick<AllOutcome, 'expectations'>, wrt: string): Verdict => verdictOf(o.expectations, wrt);

/** Whether every expectation is proven (exit code 0). */
export const allProven = (o: Pick<AllOutcome, 'expectations'>): boolean => o.expectations.every((e) => e.decision.verdict === 'proven');

/** Derives and checks every gradient of the problem's loss. */
export function deriveAll(spec: ProblemSpec, rules: RuleSet = builtinRules(), budget: Budget = DEFAULT_BUDGET): AllOutcome {
  // Declared matrices: every δ and every matrix's gradient at matrix level (api/matrix.ts).
  if (isShapedProblem(spec)) return deriveMatrixAll(spec, rules, budget);
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
  // Contradictory assumptions are bad input here too; ones no point was found for decide nothing.
  const assumptions = spec.assumptions.flatMap(toAssumptions);
  const unsatisfied = assertConsistent(assumptions, defs, { fns: functionTable(rules.defs), functions: rules.defs });
  const recorder = new ProofRecorder(budget, totalByDefinition(rules.defs));
  const derived = allGradients({ defs, rules, recorder, lemmas: new Map(), noFold: new Set([lossName]), assumptions }, lossName);
  // The stated facts simplify each result as they do one derivation's (a1*(y1 + y2 + y3) - y1 is a1 - y1).
  const gradients = derived.map((g) => withFacts(recorder, lossName, g, assumptions, rules.defs));
  const base = { lemmas: recorder.lemmas, phases: recorder.phases, definitions: defs.list, assumptions };
  let replayed = 0;
  const premises: Premises[] = [];
  const needed = new Map<string, Condition>();
  const proofs = new Map<string, Proof>();
  for (const g of gradients) {
    // Each gradient's claim, diff(L, v) = result, is its lemma, cited by a one-step main line.
    const start = diff(sym(lossName), sym(g.wrt));
    const cite: Step = { rule: 'lemma', kind: 'lemma', path: [], bindings: {}, before: start, after: g.result, conditions: [], phase: 0, derivation: 0, lemma: g.lemma };
    const p: Proof = { ...base, start, result: g.result, steps: [...recorder.steps, cite] };
    const r = checkProof(p, rules.admitted);
    if (!r.ok) throw new GradproofError('internal', `the checker rejected the proof of ∂${lossName}/∂${g.wrt} at step ${r.step}: ${r.reason}`);
    replayed = r.checked.replayed;
    premises.push(r.checked.theorem.premises);
    for (const c of r.checked.theorem.conditions) needed.set(`${c.kind}:${c.expr.id}`, c);
    proofs.set(g.wrt, p);
  }
  // An expectation is about the problem's `wrt` gradient; an inline --all has none unless --wrt names it.
  if (spec.expects.length && spec.wrt === lossName) throw new GradproofError('usage', `--expect with --all is about one gradient: name it with --wrt VAR (the expectation is then about ∂${lossName}/∂VAR)`);
  const expectations = spec.expects.map((expected) => decideExpectation(spec.wrt, expected, proofs.get(spec.wrt), { defs, rules, assumptions, loss: spec.loss, lossName, ...(unsatisfied ? { unsatisfied } : {}) }));
  const first = gradients[0];
  const proof: Proof = { ...base, start: first ? diff(sym(lossName), sym(first.wrt)) : sym(lossName), result: first?.result ?? sym(lossName), steps: recorder.steps };
  // No gradient (a loss of constants): the premises are the problem's, with no rule file cited.
  const merged = mergePremises(premises) ?? { definitions: defs.list, assumptions, ruleFiles: [] };
  // `u != 0` and `u >= 0` go where `u > 0` is also needed.
  const conditions = [...needed.values()].filter((c) => c.kind === 'positive' || !needed.has(`positive:${c.expr.id}`));
  return { ...(spec.title ? { title: spec.title } : {}), lossName, gradients, proof, replayed, rules, premises: merged, conditions, expectations };
}

interface DecideContext {
  readonly defs: Definitions;
  readonly rules: RuleSet;
  readonly assumptions: ReturnType<typeof toAssumptions>;
  readonly loss: Expr;
  readonly lossName: string;
  readonly unsatisfied?: string;
}

/**
 * Decides an expectation about ∂L/∂wrt as a link from the proven gradient, by the policy of
 * one derivation; a proven one is replayed as one proof, the gradient's and then the link's.
 */
function decideExpectation(wrt: string, expected: Expr, gradient: Proof | undefined, c: DecideContext): GradientExpectation {
  const unknown = (evidence: string): GradientExpectation => ({ wrt, expected, decision: { verdict: 'unknown', evidence } });
  if (!gradient) return unknown(`${c.lossName} does not depend on ${wrt}, so --all has no gradient for it to compare with`);
  const never = undefinedEverywhere(gradient.result) ?? undefinedEverywhere(expected);
  if (never) return unknown(never);
  const decision = decideLink(gradient.result, expected, c.defs, c.rules, c.assumptions, { domain: [c.loss], ...(c.unsatisfied ? { unsatisfied: c.unsatisfied } : {}) });
  if (decision.verdict !== 'proven') return { wrt, expected, decision };
  return { wrt, expected, decision: decisionOf(checkProof(thenProof(gradient, decision.proof.proof), c.rules.admitted)) };
}

/** The JSON of `--all`: each variable's gradient, then the shared proof. */
export function allToJson(o: AllOutcome, lang: 'en' | 'zh' = 'en'): unknown {
  const { remaining } = reduceConditions(o.conditions, o.proof.assumptions);
  return {
    title: o.title ?? null,
    loss: o.lossName,
    gradients: Object.fromEntries(o.gradients.map((g) => [g.wrt, toAscii(g.result, g.order)])),
    verdicts: Object.fromEntries(o.gradients.map((g) => [g.wrt, gradientVerdict(o, g.wrt)])),
    verdict: o.expectations.length ? (allProven(o) ? 'proven' : o.expectations.some((e) => e.decision.verdict === 'refuted') ? 'refuted' : 'unknown') : null,
    expectations: o.expectations.map(({ wrt, expected, decision }) => ({
      wrt,
      expected: toAsciiAsWritten(expected),
      verdict: decision.verdict,
      counterexample: decision.counterexample?.point ?? null,
      values: decision.counterexample && !Number.isNaN(decision.counterexample.left) ? { result: decision.counterexample.left, expected: decision.counterexample.right } : null,
      evidence: decision.evidence ?? null,
    })),
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
