/**
 * Checking a derivation someone wrote: `E1 = E2 = E3 ...`, link by link. Each link is
 * proven (the engine works out any derivatives on both sides, algebra joins them, and the
 * kernel replays the whole), refuted (a counterexample point, confirmed at 50 digits), or
 * unknown. The first refuted link is the wrong step, shown with what its right side should
 * have been; an unknown link is not wrong, only not proven.
 */
import { hasDiff, symbols } from '../expr/traverse.js';
import { definednessConditions, holdsWhereDefined, isImpossible, totalByDefinition } from '../expr/defined.js';
import { toAscii } from '../expr/print.js';
import { evaluate } from '../expr/eval.js';
import { openAllCalls } from '../expr/functions.js';
import { conditionToText } from '../render/conditions.js';
import { type Expr, num } from '../expr/node.js';
import { Definitions, CycleError } from '../expr/context.js';
import { GradproofError } from '../expr/errors.js';
import type { Relation } from '../parse/ascii.js';
import type { RuleSet } from '../rules/types.js';
import { builtinRules } from '../rules/builtin.js';
import { functionTable } from '../rules/load.js';
import { checkArity } from '../rules/arity.js';
import { ProofRecorder, type Derivation } from '../rewrite/builder.js';
import { differentiate } from '../calculus/derive.js';
import { identityClosure, type Variant } from '../algebra/identities.js';
import type { Assumption, Condition, Proof } from '../proof/types.js';
import { algebraicallyEqual, decideEquality, decisionOf, equationGiving, type Decision } from '../verdict/equality.js';
import { decideShaped, shapedFactsWitnessed } from '../verdict/matrix.js';
import { isShaped } from '../expr/matrix.js';
import { type CheckedProof, checkProof, conditionsNeeded } from '../kernel/index.js';
import { assertConsistent, assumptionText, contradiction } from '../verdict/consistency.js';
import { reduceConditions } from '../proof/conditions.js';
import { type WrittenOrder, writtenOrderOf } from '../expr/written.js';
import { toAssumptions } from './derive.js';
import { replayedMatrixLink } from './matrix-link.js';
import { type CorrectSide, correctRightSide } from './check-correct.js';

/** A derivation as written: its expressions in order, and the definitions and facts it uses. */
export interface WrittenDerivation {
  readonly title?: string;
  readonly definitions: ReadonlyArray<{ readonly name: string; readonly expr: Expr }>;
  readonly assumptions: readonly Relation[];
  /** Chains of expressions; each neighbouring pair is a link to check. */
  readonly chains: ReadonlyArray<ReadonlyArray<{ readonly expr: Expr; readonly hint?: string; readonly line?: number; readonly written?: WrittenOrder }>>;
}

export interface LinkOutcome {
  /** 1-based, counted across all chains. */
  readonly number: number;
  readonly from: Expr;
  readonly to: Expr;
  /** How the user wrote each side, taken when it was read: two lines can be one tree written two ways. */
  readonly fromWritten?: WrittenOrder;
  readonly toWritten?: WrittenOrder;
  readonly line?: number;
  readonly hint?: string;
  readonly decision: Decision;
  /** For a proven link: the replayed proof, the rules it used, and what it needs. */
  readonly proof?: CheckedProof;
  readonly rules: readonly string[];
  readonly conditions: readonly Condition[];
  /** For a refuted link: the right side it should have had, when one is found. */
  readonly correct?: CorrectSide;
}

export interface ChainOutcome {
  readonly title?: string;
  readonly links: readonly LinkOutcome[];
  /** The number of the first refuted link, or null when none is. */
  readonly firstWrong: number | null;
  /** The number of the first link neither proven nor refuted, or null when none is: unknown is not wrong. */
  readonly firstUnknown: number | null;
  readonly rules: RuleSet;
}

/** A line of a chain, with how it was written, taken as soon as it is read (a later line can be the same tree). */
export const withWritten = (expr: Expr): { expr: Expr; written?: WrittenOrder } => {
  const written = writtenOrderOf(expr);
  return written ? { expr, written } : { expr };
};

/** Checks every link of a written derivation. */
export function checkDerivation(w: WrittenDerivation, rules: RuleSet = builtinRules()): ChainOutcome {
  let defs: Definitions;
  try {
    defs = new Definitions(w.definitions);
  } catch (err) {
    if (err instanceof CycleError) throw new GradproofError('cycle', err.message);
    throw new GradproofError('duplicate', (err as Error).message);
  }
  // A call short of an argument (`leaky_relu(z)`) is refused, as it is when deriving.
  checkArity([...w.definitions.map((d) => d.expr), ...w.chains.flatMap((c) => c.map((l) => l.expr))], rules);
  const assumptions = w.assumptions.flatMap(toAssumptions);
  const unsatisfied = assertConsistent(assumptions, defs, { fns: functionTable(rules.defs), functions: rules.defs });
  const links: LinkOutcome[] = [];
  for (const chain of w.chains) {
    // The derivative the chain begins with, while every link from it is proven.
    let derivative: Expr | undefined = chain[0]?.expr.kind === 'call' && chain[0].expr.fn === 'diff' ? chain[0].expr : undefined;
    for (let i = 0; i + 1 < chain.length; i++) {
      const a = chain[i]!;
      const b = chain[i + 1]!;
      const number = links.length + 1;
      const written = { ...(a.written ? { fromWritten: a.written } : {}), ...(b.written ? { toWritten: b.written } : {}) };
      const base = { number, from: a.expr, to: b.expr, ...written, ...(b.line ? { line: b.line } : {}), ...(b.hint ? { hint: b.hint } : {}) };
      // A side undefined everywhere (`0/0`, `0*log(-1)`) equals nothing: unknown, saying why.
      const nowhere = undefinedEverywhere(a.expr) ?? undefinedEverywhere(b.expr);
      const decision: Decision = nowhere ? { verdict: 'unknown', evidence: nowhere } : decideLink(a.expr, b.expr, defs, rules, assumptions, { ...(unsatisfied ? { unsatisfied } : {}) });
      if (decision.verdict !== 'proven') {
        const correct = decision.verdict === 'refuted' ? correctRightSide({ from: a.expr, counterexample: decision.counterexample, ...(derivative ? { derivative } : {}) }, defs, rules, assumptions) : undefined;
        links.push({ ...base, decision, rules: [], conditions: [], ...(correct ? { correct } : {}) });
        derivative = undefined;
        continue;
      }
      const steps = decision.proof.proof.steps;
      links.push({ ...base, decision, proof: decision.proof, rules: [...new Set(steps.map((s) => s.rule))], conditions: reduceConditions(conditionsNeeded({ ...decision.proof.proof, assumptions: [] }, shownConditions([...steps.flatMap((s) => s.conditions), ...definitionsDefinedness([a.expr, b.expr], defs, rules)])), assumptions).remaining });
    }
  }
  const first = (verdict: string): number | null => links.find((l) => l.decision.verdict === verdict)?.number ?? null;
  return { ...(w.title ? { title: w.title } : {}), links, firstWrong: first('refuted'), firstUnknown: first('unknown'), rules };
}

/** Conditions as shown: `1/x != 0` left out, and `u != 0`, `u >= 0` where `u > 0` is there too. */
function shownConditions(cs: readonly Condition[]): Condition[] {
  const positive = new Set(cs.filter((c) => c.kind === 'positive').map((c) => c.expr));
  return cs.filter((c) => !holdsWhereDefined(c) && (c.kind === 'positive' || !positive.has(c.expr)));
}

/** Why `e` is defined nowhere (a condition on a number that fails: `0 != 0`), or undefined. */
export function undefinedEverywhere(e: Expr): string | undefined {
  const c = definednessConditions(e).find(isImpossible);
  return c && `${toAscii(e)} is defined nowhere: it needs ${conditionToText(c)}`;
}

/**
 * The one policy for every verdict on `a = b` (a derive expectation, a link, `equal`):
 * one step of algebra or a stated equation, else derivatives worked out and identity rules
 * (`proveLink`); whichever proof is found, the kernel replays it against the admitted rules,
 * and only its theorem makes `proven` (a rejected proof is `unknown`, saying why). Else a
 * refutation confirmed at high precision, else `unknown`.
 */
export function decideLink(
  a: Expr,
  b: Expr,
  defs: Definitions,
  rules: RuleSet,
  assumptions: readonly Assumption[],
  extra: { readonly domain?: readonly Expr[]; readonly unsatisfied?: string } = {},
): Decision {
  // Shaped terms: refuted by shape or at random matrices; proven only as below, by the kernel.
  if ([a, b, ...defs.list.map((d) => d.expr)].some(isShaped)) {
    const options = { definitions: defs.list, assumptions, fns: functionTable(rules.defs), ...(extra.domain ? { domain: extra.domain } : {}) };
    // Facts the scalar sampler cannot draw (`sum(y) = 1` on a matrix) are shown consistent by a matrix point instead.
    const { unsatisfied, ...rest } = extra;
    const facts = unsatisfied !== undefined && shapedFactsWitnessed([a, b, ...(extra.domain ?? [])], options) ? rest : extra;
    // Written as the books write it (abbreviations, σ′): brought to one form by steps the kernel has replayed.
    return decideShaped(a, b, options, () => {
      // Facts no point was found for prove nothing, whichever prover would have been used.
      if ('unsatisfied' in facts && facts.unsatisfied !== undefined) return { verdict: 'unknown', evidence: facts.unsatisfied };
      const p = replayedMatrixLink(a, b, defs, rules, assumptions);
      return p ? decisionOf(checkProof(p, rules.admitted)) : decideScalarLink(a, b, defs, rules, assumptions, facts);
    });
  }
  return decideScalarLink(a, b, defs, rules, assumptions, extra);
}

function decideScalarLink(
  a: Expr,
  b: Expr,
  defs: Definitions,
  rules: RuleSet,
  assumptions: readonly Assumption[],
  extra: { readonly domain?: readonly Expr[]; readonly unsatisfied?: string },
): Decision {
  const d = decideEquality(a, b, defs, {
    ...extra,
    assumptions,
    replay: (p) => checkProof(p, rules.admitted),
    fns: functionTable(rules.defs),
    functions: rules.defs,
    prove: (x, y) => proveLink(x, y, defs, rules, assumptions),
  });
  if (d.verdict !== 'proven') return d;
  // A theorem whose conditions can never hold (with the facts) is about no point at all:
  // `0*log(-exp(x)) = 0` needs -exp(x) > 0.
  const conditions = [...d.theorem.conditions, ...definitionsDefinedness([a, b], defs, rules)];
  // A call with no free names that is no real number (`f(-1)` with f(u) = log(u)) is defined nowhere.
  const fns = functionTable(rules.defs);
  const undefinedCall = conditions.find((c) => c.kind === 'defined' && [...symbols(c.expr)].every((n) => n === 'pi') && !Number.isFinite(valueOrZero(c.expr, fns)));
  if (undefinedCall) return { verdict: 'unknown', evidence: `${toAscii(a)} = ${toAscii(b)} holds nowhere: it needs ${toAscii(undefinedCall.expr)} to be defined, and it is not a real number` };
  // That a call of a defined function is defined needs what its body, opened, needs: `f(-1 - x^2)` needs -1 - x^2 > 0.
  const bounds = conditions.flatMap((c) => (c.kind !== 'defined' ? [c] : definednessConditions(openAllCalls(c.expr, rules.defs)).filter((o) => o.kind !== 'defined')));
  const never = contradiction([...assumptions, ...bounds.map(conditionAsFact)], defs);
  const failing = never?.filter((f) => !assumptions.includes(f));
  if (never && failing?.length) return { verdict: 'unknown', evidence: `${toAscii(a)} = ${toAscii(b)} holds nowhere: it needs ${failing.map(assumptionText).join(' and ')}` };
  return d;
}

/**
 * Where the definitions `exprs` use (through other definitions too) are defined: a name
 * stands for its definition, so `a = 0/x` makes a statement about `a` one about x != 0.
 */
export function definitionsDefinedness(exprs: readonly Expr[], defs: Definitions, rules: Pick<RuleSet, 'defs'>): Condition[] {
  const seen = new Set<string>();
  const stack = exprs.flatMap((e) => [...symbols(e)]);
  const out: Condition[] = [];
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n) || !defs.has(n) || defs.isFamily(n)) continue;
    seen.add(n);
    const body = defs.get(n)!;
    out.push(...definednessConditions(body, totalByDefinition(rules.defs)));
    stack.push(...symbols(body));
  }
  return out;
}

/** The value of a closed term in doubles; 0 (a real number) where it cannot be computed (a function with no numeric value). */
function valueOrZero(e: Expr, fns: ReturnType<typeof functionTable>): number {
  try {
    return evaluate(e, () => undefined, { fns });
  } catch (err) {
    if (err instanceof ReferenceError) return 0;
    throw err;
  }
}

/** A recorded condition as the fact it states: `u != 0`, `u > 0`, `u >= 0`. */
const conditionAsFact = (c: Condition): Assumption => ({ lhs: c.expr, op: c.kind === 'nonzero' ? '!=' : c.kind === 'positive' ? '>' : '>=', rhs: num(0) });

/**
 * A proof of `a = b`, or undefined: derivatives on each side are worked out (the right
 * side's as a lemma, used backwards), and algebra joins what is left.
 */
export function proveLink(a: Expr, b: Expr, defs: Definitions, rules: RuleSet, assumptions: readonly Assumption[]): Proof | undefined {
  if (a === b) return { start: a, result: b, lemmas: [], steps: [], phases: [], definitions: defs.list, assumptions };
  const recorder = new ProofRecorder(undefined, totalByDefinition(rules.defs));
  const calc = { defs, rules, recorder, lemmas: new Map<Expr, { index: number; result: Expr }>() };
  const main = recorder.main(a);
  let right: Derivation | undefined;
  try {
    work(calc, main);
    if (hasDiff(b)) {
      right = recorder.lemma(b);
      work(calc, right);
      recorder.finishLemma(right);
    }
  } catch (err) {
    if (err instanceof GradproofError && err.code === 'unknown-function') return undefined;
    throw err;
  }
  let closing: 'algebra' | 'assumption' = 'algebra';
  const byEquation = !algebraicallyEqual(main.current, right ? right.current : b, defs, rules.defs) && equationGiving(main.current, right ? right.current : b, assumptions, defs);
  if (byEquation) {
    main.beginPhase(a, 'assumption');
    main.replace('assumption', 'assume', [], right ? right.current : b);
  } else if (!algebraicallyEqual(main.current, right ? right.current : b, defs, rules.defs)) {
    // Field algebra is not enough: identity rules, up to three in a row on either side.
    const rightStart = right ? right.current : b;
    const lefts = identityClosure(main.current, rules, defs, 3, 40, assumptions);
    const rights = identityClosure(rightStart, rules, defs, 3, 40, assumptions);
    // The fewest rule uses first.
    const pairs = lefts.flatMap((l) => rights.map((r): [Variant, Variant] => [l, r])).filter(([l, r]) => l.steps.length + r.steps.length > 0);
    pairs.sort((x, y) => x[0].steps.length + x[1].steps.length - (y[0].steps.length + y[1].steps.length));
    let pick = pairs.find(([l, r]) => algebraicallyEqual(l.result, r.result, defs, rules.defs));
    // Then identities and a stated equation together (sigmoid opened, y^2 = y from y in {0, 1}); the cheapest pairs only.
    if (!pick && assumptions.some((f) => f.op === '=')) {
      pick = pairs.slice(0, 200).find(([l, r]) => equationGiving(l.result, r.result, assumptions, defs));
      closing = 'assumption';
    }
    // Then with the functions opened (tan as sin/cos, sec as 1/cos): an identity may apply only inside them.
    let opened: [Expr, Expr] | undefined;
    if (!pick) {
      const [oa, ob] = [openAllCalls(main.current, rules.defs), openAllCalls(rightStart, rules.defs)];
      if (oa !== main.current || ob !== rightStart) {
        const [ls, rs] = [identityClosure(oa, rules, defs, 3, 40, assumptions), identityClosure(ob, rules, defs, 3, 40, assumptions)];
        const more = ls.flatMap((l) => rs.map((r): [Variant, Variant] => [l, r])).filter(([l, r]) => l.steps.length + r.steps.length > 0);
        more.sort((x, y) => x[0].steps.length + x[1].steps.length - (y[0].steps.length + y[1].steps.length));
        pick = more.find(([l, r]) => algebraicallyEqual(l.result, r.result, defs, rules.defs));
        if (pick) opened = [oa, ob];
      }
    }
    if (!pick) return undefined;
    const openUp = (d: Derivation, to: Expr): void => {
      if (d.current === to) return;
      d.beginPhase(d.start, 'algebra');
      d.replace('algebra', 'alg.rearrange', [], to);
    };
    if (opened) openUp(main, opened[0]);
    if (pick[0].steps.length) useIdentities(main, pick[0]);
    if (pick[1].steps.length || (opened && opened[1] !== rightStart)) {
      right ??= recorder.lemma(b);
      if (opened) openUp(right, opened[1]);
      if (pick[1].steps.length) useIdentities(right, pick[1]);
      recorder.finishLemma(right);
    }
  }
  const target = right ? right.current : b;
  if (main.current !== target && closing === 'assumption') {
    main.beginPhase(a, 'assumption');
    main.replace('assumption', 'assume', [], target);
  } else if (main.current !== target) {
    main.beginPhase(a, 'algebra');
    main.replace('algebra', 'alg.rearrange', [], target);
  }
  if (right && right.current !== b) main.replace('lemma', 'lemma', [], b, [], new Map(), right.index);
  main.endPhase();
  // A step that needs `0 != 0` or `-1 > 0` proves nothing: one side is undefined everywhere.
  if (recorder.steps.some((s) => s.conditions.some(isImpossible))) return undefined;
  return {
    start: a,
    result: main.current,
    lemmas: recorder.lemmas,
    steps: recorder.steps,
    phases: recorder.phases,
    definitions: defs.list,
    assumptions,
  };
}

function useIdentities(d: Derivation, v: Variant): void {
  d.beginPhase(d.start, 'identity');
  for (const s of v.steps) d.replace('rule', s.application.rule.id, s.path, s.application.after, s.application.conditions, s.application.bindings);
}

/** Works out the derivatives; the algebra that follows is one step to the other side. */
function work(calc: Parameters<typeof differentiate>[0], d: Derivation): void {
  if (hasDiff(d.current)) differentiate(calc, d);
}

