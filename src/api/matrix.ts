/**
 * derive() and `--all` for shaped problems (matrices declared with their shapes): the same
 * outcome types as the scalar path, from the matrix reverse mode (calculus/matrix.ts), every
 * proof replayed by the kernel before any verdict. The scalar path never comes here.
 */
import { type Expr, diff, sym } from '../expr/node.js';
import { GradproofError } from '../expr/errors.js';
import { isShaped } from '../expr/matrix.js';
import type { ProblemSpec } from '../parse/problem.js';
import type { RuleSet } from '../rules/types.js';
import { DEFAULT_BUDGET, type Budget } from '../rewrite/builder.js';
import { MatrixCalculus } from '../calculus/matrix.js';
import { allMatrixGradients } from '../calculus/matrix-all.js';
import type { Proof, Step } from '../proof/types.js';
import type { Definitions } from '../expr/context.js';
import { decideLink } from './check-chain.js';
import { checkProof, type CheckedProof, type Premises } from '../kernel/index.js';
import { type Decision, decisionOf } from '../verdict/equality.js';
import { thenProof } from '../proof/compose.js';
import { reduceConditions } from '../proof/conditions.js';
import { mergePremises } from '../render/premises.js';
import { stopOf, stoppedText } from './stopped.js';
import { rulesOf } from './inputs.js';
import { type Outcome, type RunOptions, collectConditions, toAssumptions, writtenWithDecimals } from './derive.js';
import type { AllOutcome } from './all.js';

/** Whether the problem declares a matrix anywhere (its loss or a definition holds a shaped leaf). */
export const isShapedProblem = (spec: Pick<ProblemSpec, 'loss' | 'definitions'>): boolean => isShaped(spec.loss) || spec.definitions.some((d) => isShaped(d.expr));

/** The definitions with the loss among them, and its name. */
function withLoss(spec: ProblemSpec): { definitions: ProblemSpec['definitions']; lossName: string } {
  if (spec.lossName) return { definitions: [...spec.definitions, { name: spec.lossName, expr: spec.loss }], lossName: spec.lossName };
  if (spec.loss.kind === 'sym' && spec.definitions.some((d) => d.name === (spec.loss as Expr & { kind: 'sym' }).name)) return { definitions: spec.definitions, lossName: spec.loss.name };
  const used = new Set(spec.definitions.map((d) => d.name));
  let lossName = 'L';
  for (let i = 1; used.has(lossName); i++) lossName = `L${i}`;
  return { definitions: [...spec.definitions, { name: lossName, expr: spec.loss }], lossName };
}

/** One shaped problem: derive ∂L/∂wrt at matrix level, replay it, decide each expectation. */
export function runMatrixProblem(spec: ProblemSpec, options: RunOptions = {}): Outcome {
  const rules = rulesOf(options);
  const { definitions, lossName } = withLoss(spec);
  const assumptions = spec.assumptions.flatMap(toAssumptions);
  const c = new MatrixCalculus(definitions, lossName, rules, options.budget ?? DEFAULT_BUDGET, assumptions);
  const by = c.nameOf(spec.wrt);
  const base = { rules, wrt: spec.wrt, decimals: writtenWithDecimals(spec), ...(spec.title === undefined ? {} : { title: spec.title }) };
  let main;
  try {
    main = c.derive(by);
  } catch (err) {
    const stopped = stopOf(err);
    if (!stopped) throw err;
    const start = diff(sym(lossName), by);
    const proof: Proof = { start, lemmas: [], steps: [], phases: [], result: start, definitions: c.defs.list, assumptions };
    const decision: Decision = { verdict: 'unknown', evidence: stoppedText(stopped) };
    return { ...base, checked: replay(proof, rules), factorOrder: new Map(), proof, expectations: spec.expects.map((expected) => ({ expected, decision })), conditions: [], discharged: [], stopped };
  }
  const proof: Proof = { start: main.start, lemmas: c.recorder.lemmas, steps: c.recorder.steps, phases: c.recorder.phases, result: main.current, definitions: c.defs.list, assumptions };
  const checked = replay(proof, rules);
  const expectations = spec.expects.map((expected) => ({ expected, decision: decideMatrixExpectation(proof, checked, expected, rules, c.defs, lossName) }));
  const { remaining, discharged } = reduceConditions(collectConditions(proof), assumptions);
  return { ...base, checked, factorOrder: c.books.order, proof, expectations, conditions: remaining, discharged };
}

/**
 * An expectation about a proven gradient, decided as the scalar path decides it: a link from
 * the result by the shared policy (decideLink: refuted by shape first; proven only by the
 * kernel, also when written as the books write it, with abbreviations and σ′ (matrix-link.ts);
 * refuted at random matrices by the numeric checker), a proven one replayed as one proof with
 * the derivation.
 */
export function decideMatrixExpectation(proof: Proof, checked: CheckedProof, expected: Expr, rules: RuleSet, defs: Definitions, lossName: string): Decision {
  if (expected === proof.result) return decisionOf({ ok: true, checked });
  const decision = decideLink(proof.result, expected, defs, rules, proof.assumptions, { domain: [defs.get(lossName) ?? sym(lossName)] });
  if (decision.verdict !== 'proven') return decision;
  return decisionOf(checkProof(thenProof(proof, decision.proof.proof), rules.admitted));
}

/** `--all` for a shaped problem: every δ and every declared matrix's gradient, each a lemma, each replayed. */
export function deriveMatrixAll(spec: ProblemSpec, rules: RuleSet, budget: Budget = DEFAULT_BUDGET): AllOutcome {
  const { definitions, lossName } = withLoss(spec);
  const assumptions = spec.assumptions.flatMap(toAssumptions);
  const c = new MatrixCalculus(definitions, lossName, rules, budget, assumptions);
  const gradients = allMatrixGradients(c);
  const base = { lemmas: c.recorder.lemmas, phases: c.recorder.phases, definitions: c.defs.list, assumptions };
  const premises: Premises[] = [];
  const needed = new Map<string, ReturnType<typeof collectConditions>[number]>();
  const proofs = new Map<string, { proof: Proof; checked: CheckedProof }>();
  let replayed = 0;
  for (const g of gradients) {
    // Each gradient's claim, diff(L, X) = result, is its lemma, cited by a one-step main line.
    const start = diff(sym(lossName), g.by);
    const cite: Step = { rule: 'lemma', kind: 'lemma', path: [], bindings: {}, before: start, after: g.result, conditions: [], phase: 0, derivation: 0, lemma: g.lemma };
    const p: Proof = { ...base, start, result: g.result, steps: [...c.recorder.steps, cite] };
    const checked = replay(p, rules, `∂${lossName}/∂${g.wrt}`);
    replayed = checked.replayed;
    premises.push(checked.theorem.premises);
    for (const k of checked.theorem.conditions) needed.set(`${k.kind}:${k.expr.id}`, k);
    proofs.set(g.wrt, { proof: p, checked });
  }
  if (spec.expects.length && spec.wrt === lossName) throw new GradproofError('usage', `--expect with --all is about one gradient: name it with --wrt VAR (the expectation is then about ∂${lossName}/∂VAR)`);
  const expectations = spec.expects.map((expected) => {
    const g = proofs.get(spec.wrt);
    const decision: Decision = g ? decideMatrixExpectation(g.proof, g.checked, expected, rules, c.defs, lossName) : { verdict: 'unknown', evidence: `${lossName} does not depend on ${spec.wrt}, so --all has no gradient for it to compare with` };
    return { wrt: spec.wrt, expected, decision };
  });
  const first = gradients[0];
  const proof: Proof = { ...base, start: first ? diff(sym(lossName), first.by) : sym(lossName), result: first?.result ?? sym(lossName), steps: c.recorder.steps };
  const merged = mergePremises(premises) ?? { definitions: c.defs.list, assumptions, ruleFiles: [] };
  const conditions = [...needed.values()].filter((k) => k.kind === 'positive' || !needed.has(`positive:${k.expr.id}`));
  return { ...(spec.title ? { title: spec.title } : {}), lossName, gradients, proof, replayed, rules, premises: merged, conditions, expectations };
}

/** The kernel's replay; a rejection of the engine's own proof is an internal error, never a silent verdict. */
function replay(proof: Proof, rules: RuleSet, what = 'the proof'): CheckedProof {
  const r = checkProof(proof, rules.admitted);
  if (!r.ok) throw new GradproofError('internal', `the checker rejected ${what === 'the proof' ? "the engine's own proof" : `the proof of ${what}`} at step ${r.step}: ${r.reason}`);
  return r.checked;
}
