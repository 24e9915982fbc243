/**
 * Bringing an expectation written as the books write it to a derived matrix result, with
 * steps the kernel replays: the user's abbreviations opened (`δ3` is `(a3 - y) ⊙ σ′(z3)`),
 * each `prime(F, A)` written out by its rule (`σ′(z3)` is `σ(z3)(1 − σ(z3))`), `sigmoid(z3)`
 * folded back into `a3`, both sides simplified; the two ends are then joined by one algebra
 * step, entrywise or by the kernel's lowering to index form. This only builds a proof: it
 * proves nothing until the kernel has replayed it.
 */
import type { Expr } from '../expr/node.js';
import type { Definitions } from '../expr/context.js';
import { MAT, PRIME, type ShapeOfName } from '../expr/matrix.js';
import type { Path } from '../expr/traverse.js';
import { totalByDefinition } from '../expr/defined.js';
import { ProofRecorder, type Derivation } from '../rewrite/builder.js';
import type { RuleSet } from '../rules/types.js';
import type { Assumption, Proof } from '../proof/types.js';
import { PRIME_RULES } from './matrix-primes.js';
import { applyMatrixRule, rulesFor } from './matrix-apply.js';
import { foldDefinitions } from './fold.js';
import { simplify } from './simplify.js';

/** How far the names are opened: only the abbreviations of one side (names the other side neither writes nor uses), or every name down to the inputs. */
export type Opening = 'abbreviations' | 'all';

/**
 * A proof of `result = expected` for shaped terms (no derivative in either), or undefined when
 * no rewriting applies: both sides brought to one form, the expected side as a lemma used
 * backwards. `except` names are never opened nor folded (the loss).
 */
export function matrixLinkProof(
  result: Expr,
  expected: Expr,
  defs: Definitions,
  named: ShapeOfName,
  rules: RuleSet,
  assumptions: readonly Assumption[],
  opening: Opening,
  except: ReadonlySet<string> = new Set(),
): Proof | undefined {
  if (result.hasDiff || expected.hasDiff) return undefined;
  const recorder = new ProofRecorder(undefined, totalByDefinition(rules.defs));
  const main = recorder.main(result);
  const right = recorder.lemma(expected);
  const [inResult, inExpected] = [namesIn(result, defs), namesIn(expected, defs)];
  const primes = rulesFor(PRIME_RULES, rules);
  const open = (d: Derivation, other: ReadonlySet<string>): Set<string> => {
    const opened = new Set<string>();
    // An abbreviation of this side only: neither written on the other side nor under one of its names (z3 under a3 is not).
    const openable = (n: string): boolean => !except.has(n) && (opening === 'all' || ![...other].some((m) => m === n || defs.dependsOn(m, n)));
    for (let path = firstName(d.current, defs, openable); path; path = firstName(d.current, defs, openable)) {
      const name = (atPath(d.current, path) as Expr & { kind: 'sym' }).name;
      d.ensurePhase('definition');
      d.replace('definition', 'def.unfold', path, defs.get(name)!);
      opened.add(name);
    }
    return opened;
  };
  const primesOut = (d: Derivation): boolean => {
    for (let path = firstPrime(d.current); path; path = firstPrime(d.current)) {
      const hit = applyMatrixRule(primes, atPath(d.current, path), named);
      if (!hit) return false;
      d.ensurePhase('rules');
      d.replace('rule', hit.rule.id, path, hit.after, hit.conditions, hit.bindings);
    }
    return true;
  };
  const sides: Array<[Derivation, ReadonlySet<string>]> = [
    [main, inExpected],
    [right, inResult],
  ];
  const opened = sides.map(([d, other]) => open(d, other));
  if (!sides.every(([d]) => primesOut(d))) return undefined;
  // Folding back never undoes an opening: an abbreviation opened stays open on both sides.
  const noFold = new Set([...except, ...opened.flatMap((s) => [...s])]);
  for (const [d] of sides) {
    if (opening === 'abbreviations') {
      d.ensurePhase('definition');
      foldDefinitions(d, defs, noFold);
    }
    d.beginPhase(d.start, 'simplify');
    simplify(d);
  }
  recorder.finishLemma(right);
  if (main.current !== right.current) {
    main.beginPhase(result, 'algebra');
    main.replace('algebra', 'alg.rearrange', [], right.current);
  }
  if (right.current !== expected) main.replace('lemma', 'lemma', [], expected, [], new Map(), right.index);
  main.endPhase();
  if (main.current !== expected) return undefined;
  return { start: result, result: expected, lemmas: recorder.lemmas, steps: recorder.steps, phases: recorder.phases, definitions: defs.list, assumptions };
}

/** The defined names (not families) that occur in `e`, outside shaped leaves. */
function namesIn(e: Expr, defs: Definitions): Set<string> {
  const out = new Set<string>();
  const walk = (t: Expr): void => {
    if (t.kind === 'sym') {
      if (defs.has(t.name) && !defs.isFamily(t.name)) out.add(t.name);
      return;
    }
    if (t.kind === 'call' && t.fn === MAT) return;
    for (const a of t.args) walk(a);
  };
  walk(e);
  return out;
}

/** The path of the first defined name `openable` accepts, outside shaped leaves and the function name of `prime`. */
function firstName(e: Expr, defs: Definitions, openable: (n: string) => boolean, path: number[] = []): Path | undefined {
  if (e.kind === 'sym') return defs.has(e.name) && !defs.isFamily(e.name) && openable(e.name) ? path : undefined;
  if (e.kind === 'call' && e.fn === MAT) return undefined;
  for (let i = 0; i < e.args.length; i++) {
    if (e.kind === 'call' && e.fn === PRIME && i === 0) continue;
    const p = firstName(e.args[i]!, defs, openable, [...path, i]);
    if (p) return p;
  }
  return undefined;
}

/** The path of the innermost first `prime(F, A)`. */
function firstPrime(e: Expr, path: number[] = []): Path | undefined {
  for (let i = 0; i < e.args.length; i++) {
    const p = firstPrime(e.args[i]!, [...path, i]);
    if (p) return p;
  }
  return e.kind === 'call' && e.fn === PRIME ? path : undefined;
}

const atPath = (e: Expr, path: Path): Expr => path.reduce((t, i) => t.args[i]!, e);
