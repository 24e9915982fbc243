/**
 * Differentiation through named intermediates. `diff(N, x)` for a defined name N is taken
 * apart by the chain rule over the definition graph (`∂L/∂z2 = ∂L/∂a2 · ∂a2/∂z2`); each
 * local derivative becomes a lemma, derived once by unfolding the definition and applying
 * the rules, simplified, and written back in the user's names; everything else is the
 * rules of `rules/`, tried in the order they are written.
 */
import { type Expr, add, diff, mul, sym } from '../expr/node.js';
import type { Definitions } from '../expr/context.js';
import { GradproofError } from '../expr/errors.js';
import { toAscii } from '../expr/print.js';
import { type Path, hasDiff } from '../expr/traverse.js';
import { openCall } from '../expr/functions.js';
import type { Rule, RuleSet } from '../rules/types.js';
import { applyRule, jumpingSwitch } from '../rewrite/apply.js';
import type { Derivation, ProofRecorder } from '../rewrite/builder.js';
import { simplify, tidy } from '../algebra/simplify.js';
import { intoNames } from '../algebra/fold.js';
import { simplifySums } from '../algebra/sums.js';
import { familyOf, isIndexed, variableName } from '../expr/indexed.js';
import type { Assumption } from '../proof/types.js';

export interface Calculus {
  readonly defs: Definitions;
  readonly rules: RuleSet;
  readonly recorder: ProofRecorder;
  /** Lemmas already proven, by their start: each local derivative is derived once. */
  readonly lemmas: Map<Expr, { index: number; result: Expr }>;
  /** Names never folded back into a result (the loss). */
  readonly noFold?: ReadonlySet<string>;
  /** Stated facts: the range of an index (`1 <= i <= K`) lets a sum of a delta be sifted. */
  readonly assumptions?: readonly Assumption[];
}

/** Resolves every derivative in the derivation, then simplifies it and folds names back. */
export function differentiate(c: Calculus, d: Derivation): void {
  // Whether the main line is known to hold no derivative the chain rule applies to: so after
  // a search finds none, until a step other than citing a lemma (a lemma's result holds no
  // derivative) changes the line. A deep network's main line has thousands of factors.
  let noChain = false;
  // Likewise, whether every derivative in the line has its lemma proven already.
  let lemmasReady = false;
  for (;;) {
    // The chain rule first, all the way down, so the main line reads ∂L/∂a2 · ∂a2/∂z2 · …
    // before any local derivative is worked out.
    const chained = d.index === 0 && !noChain ? firstChainable(c, d.current) : undefined;
    if (d.index === 0 && !chained) noChain = true;
    const found = chained ?? firstDiff(d.current, []);
    if (!found) break;
    lemmasReady = step(c, d, found[0], found[1], lemmasReady) === 'lemma';
    if (!lemmasReady) noChain = false;
  }
  flattenCases(c, d);
}

/**
 * An n-piece piecewise function differentiates into nested cases, `piecewise(p < q, u',
 * p > q, piecewise(...))`; the rules on piecewise expressions (d.piecewise-flatten-*) write
 * them as one, each a cited step.
 */
function flattenCases(c: Calculus, d: Derivation): void {
  const rules = casesRules(c.rules);
  if (!rules.length) return;
  for (;;) {
    // Innermost first, so each flattened rest is already one piecewise function.
    const hit = lastApplication(d.current, (n) => (n.kind === 'call' && n.fn === 'piecewise' ? rules.map((r) => applyRule(r, n, c.defs)).find((a) => a !== undefined) : undefined));
    if (!hit) return;
    d.ensurePhase('rules');
    d.replace('rule', hit[0].rule.id, hit[1], hit[0].after, hit[0].conditions, hit[0].bindings);
  }
}

/** The rewrite rules from nested cases to one piecewise expression (its left side holds one in another); once per rule set. */
function casesRules(rules: RuleSet): readonly Rule[] {
  let known = CASES_RULES.get(rules);
  if (!known) CASES_RULES.set(rules, (known = rules.rules.filter((r) => r.kind === 'rewrite' && isCases(r.lhs) && isCases(r.rhs) && r.lhs!.args.some(isCases))));
  return known;
}

const isCases = (e: Expr | undefined): e is Expr & { kind: 'call' } => e?.kind === 'call' && e.fn === 'piecewise';

/** casesRules per (immutable) rule set: a memo, not state. */
const CASES_RULES = new WeakMap<RuleSet, readonly Rule[]>();

/** The first node in post-order (children before their parent) where `apply` gives something, with its path. */
function lastApplication<T>(e: Expr, apply: (n: Expr) => T | undefined, path: number[] = []): [T, number[]] | undefined {
  for (let i = 0; i < e.args.length; i++) {
    path.push(i);
    const hit = lastApplication(e.args[i]!, apply, path);
    path.pop();
    if (hit) return hit;
  }
  const here = apply(e);
  return here === undefined ? undefined : [here, path.slice()];
}

/** Whether the chain rule applies to `node` (a derivative of a defined name through a cut). */
function chainable(c: Calculus, node: Expr & { kind: 'call' }): boolean {
  let known = CHAINABLE.get(c.defs);
  if (!known) CHAINABLE.set(c.defs, (known = new Map()));
  let out = known.get(node);
  if (out === undefined) {
    const [f, x] = node.args as [Expr, Expr];
    out = f.kind === 'sym' && x.kind === 'sym' && c.defs.has(f.name) && !c.defs.isFamily(f.name) && f.name !== x.name && chainCut(c.defs, f.name, x.name) !== undefined;
    known.set(node, out);
  }
  return out;
}

/** chainable's answers, per (immutable) set of definitions: a memo, not state. */
const CHAINABLE = new WeakMap<Definitions, Map<Expr, boolean>>();

/**
 * One move on the derivative `node` at `path`; 'lemma' when it cited a lemma's result.
 * `lemmasReady`: the line's other derivatives have their lemmas proven (the previous step
 * cited one, and citing a lemma adds no derivative).
 */
function step(c: Calculus, d: Derivation, node: Expr & { kind: 'call' }, path: Path, lemmasReady: boolean): 'lemma' | undefined {
  const [f, x] = node.args as [Expr, Expr];
  const xName = variableName(x) ?? '';
  if (isIndexed(f) && c.defs.isFamily(familyOf(f)) && familyOf(f) !== xName && c.defs.dependsOn(familyOf(f), xName)) {
    // A member a[k] of a defined family: its local derivative is a lemma, proven once by
    // opening the family's definition at k.
    if (node === d.start) {
      d.ensurePhase('rules');
      d.replace('definition', 'def.unfold', [...path, 0], c.defs.member(familyOf(f), f.args[1]!)!);
      return;
    }
    return citeLemma(c, d, node, path, lemmasReady);
  }
  if (f.kind === 'sym' && c.defs.has(f.name) && !c.defs.isFamily(f.name) && f.name !== xName && c.defs.dependsOn(f.name, xName)) {
    // In the main derivation the chain rule runs down the graph first, so every factor
    // left is a local derivative, and each becomes a lemma proven once.
    const cut = d.index === 0 ? chainCut(c.defs, f.name, xName) : undefined;
    if (cut) {
      d.ensurePhase('chain');
      d.replace('chain', 'chain', path, add(...cut.map((m) => mul(diff(f, sym(m)), diff(sym(m), x)))));
      return;
    }
    if (node === d.start) {
      // This derivation is the local derivative itself: open the definition.
      d.ensurePhase('rules');
      d.replace('definition', 'def.unfold', [...path, 0], c.defs.get(f.name)!);
      return;
    }
    return citeLemma(c, d, node, path, lemmasReady);
  }
  // The structural rules first (a constant is a constant whatever function it is), then
  // the table of outer derivatives.
  for (const rule of differentiationOrder(c.rules)) {
    const app = applyRule(rule, node, c.defs);
    if (!app) continue;
    d.ensurePhase('rules');
    d.replace('rule', rule.id, path, app.after, app.conditions, app.bindings);
    return;
  }
  // A function with a definition but no derivative rule (a loss such as bce(y, a)) is opened up.
  if (f.kind === 'call') {
    const opened = openCall(f, c.rules.defs);
    if (opened) {
      d.ensurePhase('rules');
      d.replace('definition', 'def.function', [...path, 0], opened);
      return;
    }
  }
  const what = f.kind === 'call' ? `the function ${f.fn}` : toAscii(f);
  // A piecewise function whose switch may jump: where it does, the cases need not have a derivative.
  const jump = differentiationOrder(c.rules).map((r) => jumpingSwitch(r, node, c.defs)).find((e) => e !== undefined);
  const why = jump ? `: its switch ${toAscii(jump)} is not known to be continuous, and where it jumps the function need not have a derivative` : '';
  throw new GradproofError('unknown-function', `no rule differentiates ${what} (in ${toAscii(node)})${why}`);
}

/**
 * Replaces `node` by its lemma's result. Every lemma the expression needs is proven before
 * any is used (unless `lemmasReady` says they are), so the proof reads in order: the local
 * derivatives first, then the line that puts them together.
 */
function citeLemma(c: Calculus, d: Derivation, node: Expr, path: Path, lemmasReady: boolean): 'lemma' {
  if (!lemmasReady) for (const other of innermostDiffs(d.current)) if (!c.lemmas.has(other) && needsLemma(c, d, other)) proveLemma(c, other);
  const lemma = proveLemma(c, node);
  d.ensurePhase('lemma');
  d.replace('lemma', 'lemma', path, lemma.result, [], new Map(), lemma.index);
  return 'lemma';
}

/** The rewrite rules, then the derivative rules, in the order written; once per rule set. */
function differentiationOrder(rules: RuleSet): readonly Rule[] {
  let known = DIFFERENTIATION_ORDER.get(rules);
  if (!known) DIFFERENTIATION_ORDER.set(rules, (known = [...rules.rules.filter((r) => r.kind === 'rewrite'), ...rules.rules.filter((r) => r.kind === 'derivative')]));
  return known;
}

/** differentiationOrder per (immutable) rule set: a memo, not state. */
const DIFFERENTIATION_ORDER = new WeakMap<RuleSet, readonly Rule[]>();

/**
 * The inputs of `name`'s definition that depend on x, when the chain rule may go through
 * them: x itself is not among them, and none depends on another (so each partial
 * derivative holds the others fixed).
 */
function chainCut(defs: Definitions, name: string, x: string): string[] | undefined {
  // Asked for every derivative in the main line at every step: remembered per definitions.
  let known = CHAIN_CUTS.get(defs);
  if (!known) CHAIN_CUTS.set(defs, (known = new Map()));
  const key = `${name}\0${x}`;
  if (known.has(key)) return known.get(key);
  const cut = findChainCut(defs, name, x);
  known.set(key, cut);
  return cut;
}

/** chainCut's answers, per (immutable) set of definitions: a memo, not state. */
const CHAIN_CUTS = new WeakMap<Definitions, Map<string, string[] | undefined>>();

function findChainCut(defs: Definitions, name: string, x: string): string[] | undefined {
  const cut = [...defs.inputs(name)].filter((m) => defs.dependsOn(m, x)).sort();
  if (cut.length === 0 || cut.includes(x)) return undefined;
  // Through a family the chain rule is a sum over its members: the definition is opened instead.
  if (cut.some((m) => defs.isFamily(m))) return undefined;
  for (const a of cut) for (const b of cut) if (a !== b && defs.dependsOn(a, b)) return undefined;
  return cut;
}

/** Derives `node` (a derivative of a named intermediate) as a lemma, once; later uses cite it. */
export function proveLemma(c: Calculus, node: Expr): { index: number; result: Expr } {
  const known = c.lemmas.get(node);
  if (known) return known;
  const d = c.recorder.lemma(node);
  differentiate(c, d);
  tidy(d);
  d.beginPhase(node, 'simplify');
  simplify(d);
  simplifySums(d, c.rules, c.defs, c.assumptions ?? []);
  intoNames(d, c.defs, c.noFold ?? new Set(), simplify);
  simplify(d);
  d.endPhase();
  c.recorder.finishLemma(d);
  const out = { index: d.index, result: d.current };
  c.lemmas.set(node, out);
  return out;
}

/** Whether `node` is the derivative of a defined name that `step` would prove as a lemma. */
function needsLemma(c: Calculus, d: Derivation, node: Expr & { kind: 'call' }): boolean {
  const [f, x] = node.args as [Expr, Expr];
  if (isIndexed(f) && c.defs.isFamily(familyOf(f))) {
    const xn = variableName(x);
    return xn !== undefined && xn !== familyOf(f) && c.defs.dependsOn(familyOf(f), xn) && node !== d.start;
  }
  if (f.kind !== 'sym' || x.kind !== 'sym' || !c.defs.has(f.name) || f.name === x.name) return false;
  if (!c.defs.dependsOn(f.name, x.name) || node === d.start) return false;
  return !(d.index === 0 && chainCut(c.defs, f.name, x.name));
}

/** Every innermost derivative node, in pre-order. */
function innermostDiffs(e: Expr): Array<Expr & { kind: 'call' }> {
  const out: Array<Expr & { kind: 'call' }> = [];
  const walk = (n: Expr): void => {
    if (!hasDiff(n)) return;
    if (n.kind === 'call' && n.fn === 'diff') out.push(n);
    else for (const a of n.args) walk(a);
  };
  walk(e);
  return out;
}

/** The first innermost derivative node, in pre-order, that the chain rule applies to, and its path. */
function firstChainable(c: Calculus, e: Expr): [Expr & { kind: 'call' }, number[]] | undefined {
  const path: number[] = [];
  const walk = (n: Expr): Expr & { kind: 'call' } | undefined => {
    if (!hasDiff(n)) return undefined;
    if (n.kind === 'call' && n.fn === 'diff') return chainable(c, n) ? n : undefined;
    for (let i = 0; i < n.args.length; i++) {
      path.push(i);
      const hit = walk(n.args[i]!);
      if (hit) return hit;
      path.pop();
    }
    return undefined;
  };
  const hit = walk(e);
  return hit ? [hit, path] : undefined;
}

/** The first derivative node in pre-order whose operand holds no further derivative. */
function firstDiff(e: Expr, path: number[]): [Expr & { kind: 'call' }, number[]] | undefined {
  if (!hasDiff(e)) return undefined;
  if (e.kind === 'call' && e.fn === 'diff') {
    path.push(0);
    const inner = firstDiff(e.args[0]!, path);
    path.pop();
    return inner ?? [e, path.slice()];
  }
  for (let i = 0; i < e.args.length; i++) {
    path.push(i);
    const hit = firstDiff(e.args[i]!, path);
    path.pop();
    if (hit) return hit;
  }
  return undefined;
}
