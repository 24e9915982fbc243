/**
 * The whole job on one problem: parse → derive → simplify → check the expectations →
 * the JSON-ready result that `gradproof derive --format json` prints and `derive()` returns.
 */
import { illShapedOr } from '../parse/problem.js';
import { type Expr, diff, sym } from '../expr/node.js';
import type { FactorOrder } from '../expr/display.js';
import { GradproofError } from '../expr/errors.js';
import { toAscii, toAsciiAsWritten } from '../expr/print.js';
import { inDecimals } from '../expr/decimals.js';
import { writtenInDecimals } from '../expr/written.js';
import type { ParseOptions, Relation } from '../parse/ascii.js';
import { type InputSyntax, looksLikeLatex, parseAny, parseAnyDefinition, parseAnyRelation } from '../parse/auto.js';
import { latexFamilies, parseLatexVariable } from '../parse/latex.js';
import type { ProblemSpec } from '../parse/problem.js';
import { declaredNames } from '../parse/declared.js';
import { checkScalarLoss, noteDefinitionShape, shapesOfTexts } from '../parse/shapes.js';
import type { Shape } from '../expr/matrix.js';
import type { RuleSet } from '../rules/types.js';
import { rulesOf } from './inputs.js';
import { functionTable } from '../rules/load.js';
import { decideLink, undefinedEverywhere } from './check-chain.js';
import { isImpossible } from '../expr/defined.js';
import { DEFAULT_BUDGET, type Budget, forEveryStep } from '../rewrite/builder.js';
import { deriveGradient } from '../calculus/gradient.js';
import type { Assumption, Condition, Proof, Step } from '../proof/types.js';
import { type Decision, type Verdict, decisionOf } from '../verdict/equality.js';
import { thenProof } from '../proof/compose.js';
import { distinctValues, factAscii, labelSetFact } from '../proof/label-sets.js';
import { assertConsistent } from '../verdict/consistency.js';
import { Definitions } from '../expr/context.js';
import { checkProof, type CheckedProof, conditionsNeeded } from '../kernel/index.js';
import { reduceConditions } from '../proof/conditions.js';
import { conditionToText } from '../render/conditions.js';
import { toLatex } from '../render/latex.js';
import { stepToLatex } from '../render/proof-latex.js';
import { type Stopped, stopOf, stoppedText } from './stopped.js';
import { stepExplanation } from '../render/explain.js';
import { type LineJson, proofLinesToJson } from '../render/lines-json.js';
import { type PremisesJson, outcomePremises, premisesToJson } from './premises.js';
import { isShapedProblem, runMatrixProblem } from './matrix.js';

/** What `derive()` takes: the loss, its named intermediates, the variable, and what to check. */
export interface DeriveInput {
  readonly loss: string;
  /** `{ a2: 'sigmoid(z2)' }`, or pairs `[['a2', 'sigmoid(z2)']]`, or lines `['a2 = sigmoid(z2)']`. */
  readonly let?: Readonly<Record<string, string>> | ReadonlyArray<readonly [string, string]> | readonly string[];
  readonly wrt: string;
  readonly expect?: string | readonly string[];
  readonly assume?: string | readonly string[];
  readonly title?: string;
  /** Shapes of matrices, `'W1 [n1, n0]'` each (several per text, separated by commas). */
  readonly shape?: string | readonly string[];
}

/** One step as JSON: expressions in ASCII input syntax, so they parse back. */
export interface StepJson {
  readonly rule: string;
  readonly kind: string;
  readonly path: readonly number[];
  readonly before: string;
  readonly after: string;
  readonly latex: string;
  readonly conditions: readonly string[];
  readonly bindings: Readonly<Record<string, string>>;
  readonly derivation: number;
  readonly phase: number;
  readonly lemma?: number;
  /** Why the step holds, in the chosen language: its rule's sentence. */
  readonly explanation: string;
}

/** What `gradproof derive --format json` prints, and `derive()` returns. */
export interface DeriveResult {
  readonly title: string | null;
  readonly wrt: string;
  readonly goal: string;
  readonly result: string;
  readonly resultLatex: string;
  readonly verdict: Verdict | null;
  /** Whether the kernel replayed every step (always true: an unreplayable proof is an error). */
  readonly checked: boolean;
  /** How many steps the kernel replayed. */
  readonly replayed: number;
  readonly expectations: ReadonlyArray<{
    readonly expected: string;
    readonly verdict: Verdict;
    readonly counterexample: Readonly<Record<string, number>> | null;
    readonly values: { readonly result: number; readonly expected: number } | null;
    readonly evidence: string | null;
  }>;
  readonly steps: readonly StepJson[];
  readonly lemmas: ReadonlyArray<{ readonly start: string; readonly result: string }>;
  readonly phases: ReadonlyArray<{ readonly lhs: string; readonly from: string; readonly to: string }>;
  /** The textbook lines, as the text and LaTeX show them, each with its explanation. */
  readonly lines: readonly LineJson[];
  /** A family `a[k] = ...` has its index. */
  readonly definitions: ReadonlyArray<{ readonly name: string; readonly expr: string; readonly index?: string }>;
  readonly assumptions: readonly string[];
  readonly conditions: readonly string[];
  /** Conditions that the assumptions imply, so the result needs nothing more for them. */
  readonly dischargedConditions: readonly string[];
  /** What the result (and every proven expectation) rests on: the kernel theorem's definitions, assumptions and user rule files. */
  readonly premises: PremisesJson;
  /** The first refuted expectation's counterexample, or null. */
  readonly counterexample: Readonly<Record<string, number>> | null;
  /** Why the derivation stopped before a result (`step-limit`, `size-limit`, `time-limit`), or null. */
  readonly stopped: Stopped | null;
}

/** A derivation with its checked expectations, before it is turned into JSON or rendered. */
export interface Outcome {
  readonly title?: string;
  readonly proof: Proof;
  /** How to write a product result in the chain's order. */
  readonly factorOrder: FactorOrder;
  /** The kernel's replay of the proof: no verdict is printed without it. */
  readonly checked: CheckedProof;
  readonly wrt: string;
  readonly expectations: ReadonlyArray<{ readonly expected: Expr; readonly decision: Decision }>;
  /** What the result needs to hold, beyond what the assumptions already give. */
  readonly conditions: readonly Condition[];
  /** Conditions the assumptions imply (`a2 != 0` under `0 < a2 < 1`). */
  readonly discharged: readonly Condition[];
  readonly rules: RuleSet;
  /** Set when a budget ran out: the proof is empty and every expectation is unknown. */
  readonly stopped?: Stopped;
  /** Whether the user wrote a number as a decimal: the outcome then prints in decimals (expr/decimals.ts). */
  readonly decimals?: boolean;
}

export interface RunOptions {
  readonly rules?: RuleSet;
  readonly budget?: Budget;
}

/** Whether the problem writes a number as a decimal anywhere: its loss, definitions, expectations or facts. */
export function writtenWithDecimals(spec: ProblemSpec): boolean {
  const read = [spec.loss, ...spec.definitions.map((d) => d.expr), ...spec.expects, ...spec.assumptions.flatMap((r) => r.operands)];
  return read.some(writtenInDecimals);
}

/** A shaped problem's outcome with each ill-shaped expectation refuted by its shape error (at the sizes of the problem's dimensions). */
function refuteIllShaped(spec: ProblemSpec, o: Outcome): Outcome {
  const ill = spec.illShaped;
  if (!ill?.size) return o;
  const dims = [...new Set([...(spec.shapes?.values() ?? [])].flatMap((s) => [s.rows, s.cols]).flatMap((d) => (d.kind === 'sym' ? [d.name] : [])))];
  const point = Object.fromEntries(dims.map((d, i) => [d, i + 2]));
  const expectations = o.expectations.map((x) => {
    const why = ill.get(x.expected);
    return why === undefined ? x : { expected: x.expected, decision: { verdict: 'refuted' as const, counterexample: { point, left: NaN, right: NaN }, evidence: why } };
  });
  return { ...o, expectations };
}

/** Runs a problem: derive, simplify, and decide every expectation. */
export function runProblem(spec: ProblemSpec, options: RunOptions = {}): Outcome {
  // Declared matrices: reverse mode at matrix level (api/matrix.ts); the same outcome.
  if (isShapedProblem(spec)) return refuteIllShaped(spec, runMatrixProblem(spec, options));
  const rules = rulesOf(options);
  const definitions = [...spec.definitions];
  let loss = spec.loss;
  if (spec.lossName) {
    definitions.push({ name: spec.lossName, expr: spec.loss });
    loss = sym(spec.lossName);
  }
  const assumptions = spec.assumptions.flatMap(toAssumptions);
  // Contradictory assumptions are bad input; ones no point was found for prove nothing.
  const unsatisfied = assertConsistent(assumptions, definitionsOrNone(definitions), { fns: functionTable(rules.defs), functions: rules.defs });
  let g: ReturnType<typeof deriveGradient>;
  try {
    g = deriveGradient({ definitions, loss, wrt: spec.wrt, assumptions }, rules, options.budget ?? DEFAULT_BUDGET);
  } catch (err) {
    const stopped = stopOf(err);
    if (!stopped) throw err;
    // Out of budget: no result, so nothing is proven; the empty proof still goes through the kernel.
    const proof: Proof = { start: diff(loss, sym(spec.wrt)), lemmas: [], steps: [], phases: [], result: diff(loss, sym(spec.wrt)), definitions, assumptions };
    const decision: Decision = { verdict: 'unknown', evidence: stoppedText(stopped) };
    return {
      checked: replay(proof, rules),
      factorOrder: new Map(),
      ...(spec.title === undefined ? {} : { title: spec.title }),
      proof,
      wrt: spec.wrt,
      expectations: spec.expects.map((expected) => ({ expected, decision })),
      conditions: [],
      discharged: [],
      rules,
      stopped,
      decimals: writtenWithDecimals(spec),
    };
  }
  const lossExpr = g.defs.get(g.lossName)!;
  // Each expectation is decided as a link from the result, by the same policy as `check` and `equal`.
  // A result or an expectation defined nowhere (`0/0`, a step that needs `-1 > 0`) equals nothing.
  const impossible = g.recorder.steps.flatMap((s) => s.conditions).find(isImpossible);
  const nowhere = impossible ? `the derivation needs ${conditionToText(impossible)}` : undefinedEverywhere(g.main.current);
  const decided = spec.expects.map((expected): { expected: Expr; decision: Decision } => {
    const never = nowhere ?? undefinedEverywhere(expected);
    if (never) return { expected, decision: { verdict: 'unknown', evidence: never } };
    return { expected, decision: decideLink(g.main.current, expected, g.defs, rules, assumptions, { domain: [lossExpr], ...(unsatisfied ? { unsatisfied } : {}) }) };
  });
  // A single expectation proven in one step becomes the last line, so the result reads as the user wrote it.
  const only = decided.length === 1 ? decided[0]! : undefined;
  const last = only?.decision.verdict === 'proven' && only.decision.proof.proof.steps.length === 1 ? only.decision.proof.proof.steps[0]! : undefined;
  if (only && last && last.path.length === 0 && (last.kind === 'algebra' || last.kind === 'assumption')) {
    g.main.beginPhase(g.main.start, 'expect');
    g.main.replace(last.kind, last.kind === 'algebra' ? 'expect' : 'assume', [], only.expected, last.conditions);
    g.main.endPhase();
  }
  const proof: Proof = {
    start: g.main.start,
    lemmas: g.recorder.lemmas,
    steps: g.recorder.steps,
    phases: g.recorder.phases,
    result: g.main.current,
    definitions: g.defs.list,
    assumptions,
  };
  const checked = replay(proof, rules);
  // A proven expectation's theorem is about the goal itself: the derivation, then the link
  // from its result to the expected form, replayed as one proof.
  const expectations = decided.map(({ expected, decision }) => {
    if (decision.verdict !== 'proven') return { expected, decision };
    if (expected === proof.result) return { expected, decision: decisionOf({ ok: true, checked }) };
    return { expected, decision: decisionOf(checkProof(thenProof(proof, decision.proof.proof), rules.admitted)) };
  });
  const { remaining, discharged } = reduceConditions(collectConditions(proof), assumptions);
  return {
    checked,
    factorOrder: g.factorOrder,
    ...(spec.title === undefined ? {} : { title: spec.title }),
    proof,
    wrt: spec.wrt,
    expectations,
    conditions: remaining,
    discharged,
    rules,
    decimals: writtenWithDecimals(spec),
  };
}


/** The definitions as a context, or none when they are not one (the derivation reports why). */
function definitionsOrNone(list: ConstructorParameters<typeof Definitions>[0]): Definitions {
  try {
    return new Definitions(list);
  } catch {
    return new Definitions([]);
  }
}

/** Replays a proof in the kernel; a failure is an internal error, reported loudly, never a silent verdict. */
function replay(proof: Proof, rules: RuleSet): CheckedProof {
  const r = checkProof(proof, rules.admitted);
  if (!r.ok) throw new GradproofError('internal', `the checker rejected the engine's own proof at step ${r.step}: ${r.reason}`);
  return r.checked;
}

/** `0 < a2 < 1` is two assumptions, `0 < a2` and `a2 < 1`; `y in {0, 1}` is the equation `y^2 = y`, stated as a set. */
export function toAssumptions(r: Relation): Assumption[] {
  if (r.among) return [labelSetFact(r.operands[0]!, distinctValues(r.among))];
  return r.ops.map((op, i) => ({ lhs: r.operands[i]!, op, rhs: r.operands[i + 1]! }));
}

/**
 * Every condition of every step, once each, but those the kernel discharges as true at every point by the functions'
 * ranges and the definitions (`sigmoid(z) > 0`, `a2 < 1` given a2 = sigmoid(z2)); `u != 0` and `u >= 0` are dropped
 * where `u > 0` is also needed. The stated facts are left to `reduceConditions`, which shows what they discharge.
 */
export function collectConditions(proof: Proof): Condition[] {
  const seen = new Map<string, Condition>();
  for (const s of proof.steps) for (const c of s.conditions) seen.set(`${c.kind}:${c.expr.id}`, c);
  const needed = conditionsNeeded({ ...proof, assumptions: [] }, [...seen.values()]);
  return needed.filter((c) => c.kind === 'positive' || !seen.has(`positive:${c.expr.id}`));
}

/** The problem an inline `derive()` call describes. */
export function problemFromInput(
  input: DeriveInput,
  functions?: ReadonlySet<string>,
  syntax: InputSyntax = 'auto',
  limits: Pick<ParseOptions, 'maxDepth' | 'maxLength'> = {},
): ProblemSpec {
  const list = (v: string | readonly string[] | undefined): readonly string[] => (v === undefined ? [] : typeof v === 'string' ? [v] : v);
  const lets = letsOf(input.let);
  const texts = [input.loss, ...lets, ...list(input.expect), ...list(input.assume)];
  // A problem whose loss or intermediates are LaTeX is read as LaTeX: `--wrt z_2` is z2, and
  // so is `z_2` in an expression without a backslash (in ASCII it would be the name z_2).
  const latex = syntax === 'latex' || (syntax === 'auto' && [input.loss, ...lets].some(looksLikeLatex));
  const families = latex ? latexFamilies(texts) : undefined;
  // The --let names and --wrt are declared: `a2(1 - a2)` is a product for them.
  const variables = declaredNames(lets, [input.wrt]);
  // Declared shapes make those names matrices; each --let takes its definition's shape, in order.
  const shapes = shapesOfTexts(list(input.shape), { source: '--shape', ...(functions ? { functions } : {}) });
  const definedShapes = new Map<string, Shape>();
  const label = (what: string) => ({ source: what, variables, ...(functions ? { functions } : {}), ...(families?.size ? { families } : {}), ...(shapes ? { shapes, definedShapes } : {}), ...limits });
  const syntaxOf = (text: string): InputSyntax => (latex && syntax === 'auto' && text.includes('_') ? 'latex' : syntax);
  const definitions = lets.map((l) => {
    const d = parseAnyDefinition(l, label('--let'), syntaxOf(l));
    if (shapes) noteDefinitionShape(d, shapes, definedShapes, '--let');
    return d;
  });
  // A name, or a member of a family (`z[i]`, `z[2]`), as a problem file's `wrt` line takes.
  const asciiName = /^\s*[A-Za-z_][A-Za-z0-9_]*\s*(\[\s*([A-Za-z_][A-Za-z0-9_]*|\d+)\s*\])?\s*$/.test(input.wrt) ? input.wrt.replace(/\s+/g, '') : undefined;
  const wrt = latex ? parseLatexVariable(input.wrt, label('--wrt')) : asciiName;
  if (wrt === undefined || !/^[A-Za-z_][A-Za-z0-9_]*(\[([A-Za-z_][A-Za-z0-9_]*|\d+)\])?$/.test(wrt)) {
    throw new GradproofError('usage', `--wrt takes one variable name, not '${input.wrt}'`);
  }
  const named = /^\s*[A-Za-z_][A-Za-z0-9_]*\s*(\([^)]*\))?\s*=(?!=)/.test(input.loss);
  const lossSyntax = syntaxOf(input.loss);
  const loss = named ? parseAnyDefinition(input.loss, label('loss'), lossSyntax) : { name: undefined, expr: parseAny(input.loss, label('loss'), lossSyntax) };
  if (shapes) checkScalarLoss(loss.expr, definedShapes, 'loss');
  const illShaped = new Map<Expr, string>();
  const expects = list(input.expect).map((e) => illShapedOr(() => parseAny(e, label('--expect'), syntaxOf(e)), e, illShaped, label('--expect')));
  return {
    ...(shapes ? { shapes } : {}),
    ...(illShaped.size ? { illShaped } : {}),
    ...(input.title === undefined ? {} : { title: input.title }),
    definitions,
    loss: loss.expr,
    ...(loss.name ? { lossName: loss.name } : {}),
    wrt,
    expects,
    assumptions: list(input.assume).map((a) => parseAnyRelation(a, label('--assume'), syntaxOf(a))),
  };
}

function letsOf(l: DeriveInput['let']): string[] {
  if (!l) return [];
  if (Array.isArray(l)) return l.map((x: string | readonly [string, string]) => (typeof x === 'string' ? x : `${x[0]} = ${x[1]}`));
  return Object.entries(l as Record<string, string>).map(([k, v]) => `${k} = ${v}`);
}

/** One step as JSON: every expression in the input syntax. */
export function stepToJson(s: Step, rules: RuleSet['byId'], lang: 'en' | 'zh' = 'en'): StepJson {
  return {
    rule: s.rule,
    kind: s.kind,
    path: s.path,
    before: toAscii(s.before),
    after: toAscii(s.after),
    latex: stepToLatex(s, rules, lang),
    conditions: s.conditions.map(conditionToText),
    bindings: Object.fromEntries(Object.entries(s.bindings).map(([k, v]) => [k, toAscii(v)])),
    derivation: s.derivation,
    phase: s.phase,
    ...(s.lemma === undefined ? {} : { lemma: s.lemma }),
    explanation: stepExplanation(s, rules)[lang],
  };
}

/** The JSON object for an outcome; its numbers in decimals where the user wrote decimals. */
export function outcomeToJson(o: Outcome, lang: 'en' | 'zh' = 'en'): DeriveResult {
  return inDecimals(o.decimals === true, () => jsonOf(o, lang));
}

function jsonOf(o: Outcome, lang: 'en' | 'zh'): DeriveResult {
  const rulesById = o.rules.byId;
  const verdicts = o.expectations.map((e) => e.decision.verdict);
  const verdict: Verdict | null = o.stopped
    ? 'unknown'
    : !verdicts.length
    ? null
    : verdicts.every((v) => v === 'proven')
      ? 'proven'
      : verdicts.includes('refuted')
        ? 'refuted'
        : 'unknown';
  const firstRefuted = o.expectations.find((e) => e.decision.verdict === 'refuted');
  return {
    title: o.title ?? null,
    wrt: o.wrt,
    goal: toAscii(o.proof.start),
    result: toAscii(o.proof.result, o.factorOrder),
    resultLatex: toLatex(o.proof.result, o.factorOrder),
    verdict,
    checked: true,
    replayed: o.checked.replayed,
    expectations: o.expectations.map(({ expected, decision }) => ({
      expected: toAsciiAsWritten(expected),
      verdict: decision.verdict,
      counterexample: decision.counterexample?.point ?? null,
      values: decision.counterexample && !Number.isNaN(decision.counterexample.left) ? { result: decision.counterexample.left, expected: decision.counterexample.right } : null,
      evidence: decision.evidence ?? null,
    })),
    steps: o.proof.steps.map((s) => stepToJson(s, rulesById, lang)),
    lemmas: o.proof.lemmas.map((l) => ({ start: toAscii(l.start), result: toAscii(l.result) })),
    phases: o.proof.phases.map((p) => ({ lhs: toAscii(p.lhs), from: toAscii(p.from), to: toAscii(p.to) })),
    lines: proofLinesToJson(o.proof, rulesById, lang),
    // What the user gave, in the user's order.
    definitions: o.proof.definitions.map((d) => ({ name: d.name, expr: toAsciiAsWritten(d.expr), ...(d.index === undefined ? {} : { index: d.index }) })),
    assumptions: o.proof.assumptions.map((a) => (a.among ? factAscii(a) : `${toAsciiAsWritten(a.lhs)} ${a.op} ${toAsciiAsWritten(a.rhs)}`)),
    conditions: o.conditions.map(conditionToText),
    dischargedConditions: o.discharged.map(conditionToText),
    premises: premisesToJson(outcomePremises(o)),
    counterexample: firstRefuted?.decision.counterexample?.point ?? null,
    stopped: o.stopped ?? null,
  };
}

/**
 * Derives `∂loss/∂wrt` step by step in the intermediates' names and decides each expectation; the same object `--format json` prints.
 * @example
 * const r = derive({ loss: '-(y*log(a2) + (1-y)*log(1-a2))', let: { a2: 'sigmoid(z2)' }, wrt: 'z2', expect: 'a2 - y' });
 * [r.result, r.verdict, r.conditions]; // ['a2 - y', 'proven', ['a2 > 0', 'a2 < 1']]
 */
export function derive(input: DeriveInput, options: RunOptions & { readonly lang?: 'en' | 'zh' } = {}): DeriveResult {
  if (typeof input !== 'object' || input === null) {
    throw new GradproofError('usage', "derive() takes an object with a loss and a wrt: derive({ loss: 'x^2', wrt: 'x' })");
  }
  const rules = rulesOf(options);
  // What --format json prints, so with its output limit.
  const budget = forEveryStep(options.budget ?? DEFAULT_BUDGET);
  return outcomeToJson(runProblem(problemFromInput(input, rules.functions), { ...options, rules, budget }), options.lang);
}
