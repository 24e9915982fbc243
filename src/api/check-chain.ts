/**
 * Checking a derivation someone wrote: `E1 = E2 = E3 ...`, link by link. Each link is
 * proven (the engine works out any derivatives on both sides, algebra joins them, and the
 * kernel replays the whole), refuted (a counterexample point, confirmed at 50 digits), or
 * unknown. The first link that is not proven is the wrong step.
 */
import { type Expr } from '../expr/node.js';
import { Definitions, CycleError } from '../expr/context.js';
import { GradproofError } from '../expr/errors.js';
import { toAscii } from '../expr/print.js';
import type { Relation } from '../parse/ascii.js';
import type { RuleSet } from '../rules/types.js';
import { builtinRules } from '../rules/builtin.js';
import { functionTable } from '../rules/load.js';
import { ProofRecorder, type Derivation } from '../rewrite/builder.js';
import { differentiate } from '../calculus/derive.js';
import { simplify } from '../algebra/simplify.js';
import type { Condition, Proof } from '../proof/types.js';
import { algebraicallyEqual, decideEquality, type Decision } from '../proof/equality.js';
import { checkProof, type CheckedProof } from '../proof/kernel.js';
import { toAssumptions } from './derive.js';

/** A derivation as written: its expressions in order, and the definitions and facts it uses. */
export interface WrittenDerivation {
  readonly title?: string;
  readonly definitions: ReadonlyArray<{ readonly name: string; readonly expr: Expr }>;
  readonly assumptions: readonly Relation[];
  /** Chains of expressions; each neighbouring pair is a link to check. */
  readonly chains: ReadonlyArray<ReadonlyArray<{ readonly expr: Expr; readonly hint?: string; readonly line?: number }>>;
}

export interface LinkOutcome {
  /** 1-based, counted across all chains. */
  readonly number: number;
  readonly from: Expr;
  readonly to: Expr;
  readonly line?: number;
  readonly hint?: string;
  readonly decision: Decision;
  /** For a proven link: the replayed proof, the rules it used, and what it needs. */
  readonly proof?: CheckedProof;
  readonly rules: readonly string[];
  readonly conditions: readonly Condition[];
}

export interface ChainOutcome {
  readonly title?: string;
  readonly links: readonly LinkOutcome[];
  /** The number of the first link that is not proven, or null when all are. */
  readonly firstWrong: number | null;
  readonly rules: RuleSet;
}

/** Checks every link of a written derivation. */
export function checkDerivation(w: WrittenDerivation, rules: RuleSet = builtinRules()): ChainOutcome {
  let defs: Definitions;
  try {
    defs = new Definitions(w.definitions);
  } catch (err) {
    if (err instanceof CycleError) throw new GradproofError('cycle', err.message);
    throw new GradproofError('duplicate', (err as Error).message);
  }
  const assumptions = w.assumptions.flatMap(toAssumptions);
  const fns = functionTable(rules.defs);
  const links: LinkOutcome[] = [];
  for (const chain of w.chains) {
    for (let i = 0; i + 1 < chain.length; i++) {
      const a = chain[i]!;
      const b = chain[i + 1]!;
      const number = links.length + 1;
      const base = { number, from: a.expr, to: b.expr, ...(b.line ? { line: b.line } : {}), ...(b.hint ? { hint: b.hint } : {}) };
      const proof = proveLink(a.expr, b.expr, defs, rules);
      if (proof) {
        const checked = checkProof(proof, rules.byId);
        if (!checked.ok) throw new GradproofError('internal', `the checker rejected the proof of link ${number} at step ${checked.step}: ${checked.reason}`);
        links.push({
          ...base,
          decision: { verdict: 'proven' },
          proof: checked.checked,
          rules: [...new Set(proof.steps.map((s) => s.rule))],
          conditions: proof.steps.flatMap((s) => s.conditions),
        });
        continue;
      }
      const decision = decideEquality(a.expr, b.expr, defs, { assumptions, fns });
      // Only the kernel says proven: an equality decided elsewhere but not replayed is unknown.
      links.push({ ...base, decision: decision.verdict === 'proven' ? { verdict: 'unknown', evidence: 'not replayed' } : decision, rules: [], conditions: [] });
    }
  }
  const wrong = links.find((l) => l.decision.verdict !== 'proven');
  return { ...(w.title ? { title: w.title } : {}), links, firstWrong: wrong ? wrong.number : null, rules };
}

/**
 * A proof of `a = b`, or undefined: derivatives on each side are worked out (the right
 * side's as a lemma, used backwards), and algebra joins what is left.
 */
function proveLink(a: Expr, b: Expr, defs: Definitions, rules: RuleSet): Proof | undefined {
  if (a === b) return { start: a, result: b, lemmas: [], steps: [], phases: [], definitions: defs.list, assumptions: [] };
  const recorder = new ProofRecorder();
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
  const target = right ? right.current : b;
  if (main.current !== target) {
    if (!algebraicallyEqual(main.current, target, defs)) return undefined;
    main.beginPhase(a, 'algebra');
    main.replace('algebra', 'alg.rearrange', [], target, vanishingDenominators(main.current, target));
  }
  if (right && right.current !== b) main.replace('lemma', 'lemma', [], b, [], new Map(), right.index);
  main.endPhase();
  return {
    start: a,
    result: main.current,
    lemmas: recorder.lemmas,
    steps: recorder.steps,
    phases: recorder.phases,
    definitions: defs.list,
    assumptions: [],
  };
}

function work(calc: Parameters<typeof differentiate>[0], d: Derivation): void {
  if (!hasDiff(d.current)) return;
  differentiate(calc, d);
  d.beginPhase(d.start, 'simplify');
  simplify(d);
  d.endPhase();
}

const hasDiff = (e: Expr): boolean => (e.kind === 'call' && e.fn === 'diff') || e.args.some(hasDiff);

/** What `from` divides by that `to` does not: each must be nonzero for the link to hold. */
function vanishingDenominators(from: Expr, to: Expr): Condition[] {
  const dens = (e: Expr): Expr[] => {
    const out: Expr[] = [];
    const walk = (n: Expr): void => {
      if (n.kind === 'pow' && n.args[1].kind === 'num' && n.args[1].value.n < 0n) out.push(n.args[0]);
      n.args.forEach(walk);
    };
    walk(e);
    return out;
  };
  const kept = new Set(dens(to));
  return [...new Set(dens(from))].filter((d) => !kept.has(d)).map((expr) => ({ kind: 'nonzero', expr }));
}

export { toAscii };
