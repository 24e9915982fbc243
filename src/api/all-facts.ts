/**
 * `--all` with stated facts: each gradient, once derived, is simplified with the problem's
 * assumptions as one derivation's result is (bounds select branches, label sets reduce powers),
 * and a stated equation replaces its left side where a result holds it: with
 * `y1 + y2 + y3 = 1`, `a1*(y1 + y2 + y3) - y1` is `a1 - y1`. The new form is a lemma of its
 * own, citing the derived one, so the kernel replays the step that uses the fact.
 */
import { type Expr, add, diff, sym } from '../expr/node.js';
import type { FunctionDefs } from '../expr/functions.js';
import { replaceAt } from '../expr/traverse.js';
import type { Assumption } from '../proof/types.js';
import { type Derivation, ProofRecorder } from '../rewrite/builder.js';
import { simplify } from '../algebra/simplify.js';
import { reduceLabelPowers, selectBranches } from '../algebra/assumptions.js';
import type { Gradient } from '../calculus/adjoint.js';

/** The gradient simplified with the facts, as a new lemma of `recorder`; `g` itself when they change nothing. */
export function withFacts(recorder: ProofRecorder, lossName: string, g: Gradient, facts: readonly Assumption[], functions: FunctionDefs): Gradient {
  if (!facts.length) return g;
  // A dry run first: a lemma once started stays in the proof.
  const trial = new ProofRecorder(recorder.budget, recorder.totalCalls).main(g.result);
  useFacts(trial, facts, functions);
  if (trial.current === g.result) return g;
  const node = diff(sym(lossName), sym(g.wrt));
  const d = recorder.lemma(node);
  d.beginPhase(node, 'lemma');
  d.replace('lemma', 'lemma', [], g.result, [], new Map(), g.lemma);
  d.beginPhase(node, 'assume');
  useFacts(d, facts, functions);
  d.endPhase();
  recorder.finishLemma(d);
  return { ...g, lemma: d.index, result: d.current };
}

function useFacts(d: Derivation, facts: readonly Assumption[], functions: FunctionDefs): void {
  const start = d.current;
  selectBranches(d, facts, functions);
  reduceLabelPowers(d, facts);
  substituteEquations(d, facts);
  if (d.current !== start) simplify(d);
}

/**
 * Replaces, outside derivatives, each sum that holds every term of a stated equation's sum
 * side by the other side (and the sum's other terms), one `assumption` step each.
 */
function substituteEquations(d: Derivation, facts: readonly Assumption[]): void {
  const sides = facts.flatMap((f): Array<[Expr, Expr]> => {
    if (f.op !== '=' || f.among) return [];
    if (f.lhs.kind === 'add') return [[f.lhs, f.rhs]];
    return f.rhs.kind === 'add' ? [[f.rhs, f.lhs]] : [];
  });
  for (const [sum, other] of sides) {
    for (let guard = 0; guard < 100; guard++) {
      const hit = findSum(d.current, [], sum);
      if (!hit) break;
      const rest = hit.node.args.filter((t) => !sum.args.includes(t));
      // The other side may itself hold the sum's terms: never substitute it again.
      if (findSum(other, [], sum)) break;
      // As a transition: the smart constructors may fold the new term into its parent (a1*1 is a1).
      d.transition('assumption', 'assume', replaceAt(d.current, hit.path, rest.length ? add(other, ...rest) : other));
    }
  }
}

function findSum(e: Expr, path: number[], sum: Expr): { path: number[]; node: Expr } | undefined {
  if (e.kind === 'call' && e.fn === 'diff') return undefined;
  if (e.kind === 'add' && sum.args.every((t) => e.args.includes(t))) return { path, node: e };
  for (let i = 0; i < e.args.length; i++) {
    const hit = findSum(e.args[i]!, [...path, i], sum);
    if (hit) return hit;
  }
  return undefined;
}
