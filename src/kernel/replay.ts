/**
 * The checker: the trusted base. It replays every step of a proof from the proof alone,
 * with the rule data it is handed, and decides algebra on its own. It imports nothing but
 * the expression core, and it is the only place a `CheckedProof` can be made.
 *
 * Per step kind:
 * - `rule`: the rule's left side, instantiated with the step's bindings, is the subterm at
 *   the path; its right side is the replacement; `free(c, x)` holds through the
 *   definitions; `nonzero`/`positive` conditions are recorded.
 * - `algebra`: the subterm and its replacement are equal as quotients of polynomials over
 *   atoms (first with names as atoms, then with definitions unfolded where no derivative
 *   is taken); every denominator that disappears is recorded as nonzero.
 * - `definition`: a name replaced by its definition or back, never inside a derivative by
 *   that very name; or a call to a defined function (`bce(y, a)`) replaced by its body.
 * - `chain`: `diff(N, x)` → `Σ diff(N, m)·diff(m, x)` over names m that separate N from x
 *   (every dependency of N on x passes through one), none depending on another, x and N
 *   not among them: by default the inputs of N's definition that depend on x.
 * - `assumption`: the subterm and its replacement differ by a multiple of a stated
 *   equation (`y1 + y2 + y3 = 1`), or stated bounds select a piecewise branch (`z > 0`).
 * - `lemma`: a lemma's start replaced by its result, or back, the lemma checked first (no cycles).
 * - `index`: `sum(k, lo, hi, f*delta(k, i))` → f with k = i, for an index i (a name used as a
 *   subscript, or an integer) that the stated facts put between lo and hi.
 * Facts (definitions, stated facts, lemmas) are about free names: no step but a rule step
 * applies inside a sum whose index a definition or a stated fact uses free.
 * An unknown rule id, or any mismatch, rejects the proof with the step's number and why.
 */
import { type Expr, add, diff, mul, num, sub, sym } from '../expr/node.js';
import { CycleError, Definitions } from '../expr/context.js';
import { at, diffVariablesAbove, hasDiff, replaceAt, substitute, symbols } from '../expr/traverse.js';
import { PolyLimit, equalModulo, rationallyEqual } from '../expr/poly.js';
import { toAscii } from '../expr/print.js';
import { type FunctionDefs, openAllCalls, openCall } from '../expr/functions.js';
import { bindersAbove, freeSymbols, indexNames, isIndexed, familyOf, variableName } from '../expr/indexed.js';
import { unfoldDefinitions } from '../expr/unfold.js';
import { siftedSum } from '../expr/sift.js';
import { selectedBranch } from '../expr/bounds.js';
import type { Assumption, Condition, Proof, Step } from '../proof/types.js';
import { covers, erasedConditions } from './defined.js';

/** The part of a rule the kernel needs (the rule set's `Rule` has this shape). */
export interface KernelRule {
  readonly id: string;
  readonly kind: 'rewrite' | 'derivative' | 'algebra' | 'step';
  readonly lhs?: Expr;
  readonly rhs?: Expr;
  readonly conditions: ReadonlyArray<{ readonly pred: 'free' | 'nonzero' | 'positive'; readonly args: readonly string[]; readonly expr?: Expr }>;
}

const brand: unique symbol = Symbol('checked');

/** A proof the kernel replayed in full. Only `checkProof` makes one. */
export interface CheckedProof {
  readonly proof: Proof;
  /** How many steps were replayed. */
  readonly replayed: number;
  readonly [brand]: true;
}

export type CheckResult =
  | { readonly ok: true; readonly checked: CheckedProof }
  | { readonly ok: false; /** 1-based, in the proof's step list. */ readonly step: number; readonly reason: string };

class Reject extends Error {}

const fail = (reason: string): never => {
  throw new Reject(reason);
};

/** Replays every step of `proof`; the checked proof, or the first wrong step and why. */
export function checkProof(proof: Proof, rules: ReadonlyMap<string, KernelRule>, functions: FunctionDefs = new Map()): CheckResult {
  let defs: Definitions;
  try {
    defs = new Definitions(proof.definitions);
  } catch (err) {
    return { ok: false, step: 0, reason: err instanceof CycleError || err instanceof Error ? err.message : String(err) };
  }
  const chains = new Map<number, number[]>();
  proof.steps.forEach((s, i) => {
    const list = chains.get(s.derivation) ?? [];
    list.push(i);
    chains.set(s.derivation, list);
  });
  for (const k of chains.keys()) {
    if (k < 0 || k > proof.lemmas.length || !Number.isInteger(k)) return { ok: false, step: chains.get(k)![0]! + 1, reason: `no derivation ${k}` };
  }
  // The names the facts use, found once per proof (on the first step that needs them).
  let names: Set<string> | undefined;
  const proofFacts = (): Set<string> => (names ??= factNames(proof));
  const state = new Map<number, 'checking' | 'done'>();
  // The names the stated facts each derivation uses constrain (see factUse): a lemma may not be
  // used inside a derivative by one of them.
  const constrained = new Map<number, Set<string>>();
  let current = 0;
  const checkChain = (k: number): void => {
    if (state.get(k) === 'done') return;
    if (state.get(k) === 'checking') fail(`lemma ${k} depends on itself`);
    state.set(k, 'checking');
    const start = k === 0 ? proof.start : proof.lemmas[k - 1]!.start;
    const result = k === 0 ? proof.result : proof.lemmas[k - 1]!.result;
    let cur = start;
    const mine = new Set<string>();
    constrained.set(k, mine);
    for (const i of chains.get(k) ?? []) {
      current = i;
      const s = proof.steps[i]!;
      if (s.before !== cur) fail(`its 'before' is not the previous step's result ${toAscii(cur)}`);
      if (s.kind === 'lemma') {
        const j = s.lemma;
        if (j === undefined || j < 1 || j > proof.lemmas.length || j === k) fail('it uses a lemma that does not exist');
        checkChain(j!);
        current = i;
      }
      const used = checkStep(s, rules, defs, proof, functions, proofFacts, constrained);
      for (const n of used) mine.add(n);
      cur = s.after;
    }
    const ids = chains.get(k) ?? [];
    current = ids[ids.length - 1] ?? current;
    if (cur !== result) fail(`${k === 0 ? 'the proof' : `lemma ${k}`} ends at ${toAscii(cur)}, not at its stated result ${toAscii(result)}`);
    state.set(k, 'done');
  };
  try {
    for (let k = 1; k <= proof.lemmas.length; k++) checkChain(k);
    checkChain(0);
  } catch (err) {
    if (err instanceof Reject) return { ok: false, step: current + 1, reason: err.message };
    throw err;
  }
  return { ok: true, checked: { proof, replayed: proof.steps.length, [brand]: true } };
}

/** The names in a rule's left side, per side: rules are replayed at every step that cites them. */
function patternVariables(lhs: Expr): ReadonlySet<string> {
  let vars = PATTERN_VARIABLES.get(lhs);
  if (!vars) PATTERN_VARIABLES.set(lhs, (vars = symbols(lhs)));
  return vars;
}

/** patternVariables' answers, keyed by the interned side: a memo of a pure function. */
const PATTERN_VARIABLES = new Map<Expr, ReadonlySet<string>>();

function checkStep(
  s: Step,
  rules: ReadonlyMap<string, KernelRule>,
  defs: Definitions,
  proof: Proof,
  functions: FunctionDefs,
  proofFacts: () => ReadonlySet<string>,
  constrained: ReadonlyMap<number, ReadonlySet<string>>,
): ReadonlySet<string> {
  const rule = rules.get(s.rule);
  if (!rule) fail(`unknown rule '${s.rule}'`);
  const old = at(s.before, s.path);
  if (!old) fail(`path ${s.path.join('.')} is not in the expression`);
  /** The step is `old → replacement` at its path; the rest of the expression is untouched. */
  // Under diff(_, v) with v a defined name, v no longer equals its definition: facts proven
  // at the point (lemmas, the chain rule, stated equations) do not hold there.
  // Inside sum(k, ...) the index k is a variable of its own: a fact about a free k says nothing there.
  if (s.kind !== 'rule') {
    const bound = bindersAbove(s.before, s.path);
    const clash = bound.find((k) => proofFacts().has(k));
    if (clash !== undefined) fail(`it is used inside a sum over ${clash}, a name the definitions or stated facts use`);
  }
  if (s.kind === 'lemma' || s.kind === 'chain') {
    const perturbed = diffVariablesAbove(s.before, s.path).find((v) => defs.has(v));
    if (perturbed !== undefined) fail(`it is used inside a derivative by the defined name ${perturbed}`);
  }
  // A stated fact holds on a set, not on a neighbourhood: no fact, used here or by a lemma,
  // may constrain a variable a derivative above perturbs.
  const perturbedBy = diffVariablesAbove(s.before, s.path);
  const unperturbed = (used: ReadonlySet<string>): ReadonlySet<string> => {
    const v = perturbedBy.find((x) => used.has(x));
    if (v !== undefined) fail(`it uses a stated fact on ${v} inside a derivative by ${v}`);
    return used;
  };
  const expectAfter = (replacement: Expr): void => {
    if (replaceAt(s.before, s.path, replacement) !== s.after) fail(`replacing ${toAscii(old!)} by ${toAscii(replacement)} does not give its 'after'`);
  };
  switch (s.kind) {
    case 'rule': {
      if ((rule!.kind !== 'rewrite' && rule!.kind !== 'derivative') || !rule!.lhs || !rule!.rhs) fail(`${s.rule} is not a rewrite rule`);
      const vars = patternVariables(rule!.lhs!);
      const b = new Map<string, Expr>();
      for (const k of Object.keys(s.bindings)) b.set(k, s.bindings[k]!);
      for (const v of vars) if (!b.has(v)) fail(`binding for ${v} missing`);
      // Every variable is bound, so a binding more than there are variables is one too many.
      if (b.size !== vars.size) for (const v of b.keys()) if (!vars.has(v)) fail(`binding for ${v}, which ${s.rule} does not have`);
      if (substitute(rule!.lhs!, b) !== old) fail(`${s.rule} with these bindings does not match ${toAscii(old!)}`);
      expectAfter(substitute(rule!.rhs!, b));
      for (const c of rule!.conditions) {
        if (c.pred === 'free') {
          const e = b.get(c.args[0]!)!;
          const x = b.get(c.args[1]!)!;
          // By a name, or by a member of a family (then by the whole family: z[k] depends on z[i]).
          const xn = variableName(x);
          if (xn === undefined || defs.exprDependsOn(e, xn)) fail(`${toAscii(e)} depends on ${toAscii(x)}`);
          continue;
        }
        const e = substitute(c.expr!, b);
        if (!(e.kind === 'num' && (c.pred === 'nonzero' ? e.value.n !== 0n : e.value.n > 0n))) requireCondition(s, { kind: c.pred, expr: e });
      }
      return NONE;
    }
    case 'algebra': {
      if (rule!.kind !== 'algebra' && s.rule !== 'expect') fail(`${s.rule} is not an algebra rule`);
      // The change is exactly at the path: the rest of the expression is untouched.
      const replacement = at(s.after, s.path);
      if (replacement === undefined || replaceAt(s.before, s.path, replacement) !== s.after) fail('its path is not where it changed');
      const [l, r] = [old!, replacement!];
      // Inside diff(_, v) the name v is perturbed away from its definition: never unfold it there.
      const fixed = diffVariablesAbove(s.before, s.path);
      if (!equalAsRationalFunctions(l, r, defs, fixed, functions)) fail(`${toAscii(l)} and ${toAscii(r)} are not equal by algebra`);
      for (const c of erasedConditions(l, r)) requireCondition(s, c);
      return NONE;
    }
    case 'definition': {
      if (s.rule === 'def.function') {
        const opened = openCall(old!, functions);
        if (!opened) fail(`${toAscii(old!)} is not a call to a defined function`);
        expectAfter(opened!);
        return NONE;
      }
      if (isIndexed(old!) || (s.rule === 'def.fold' && isIndexed(at(s.after, s.path) ?? old!))) {
        // A member a[i] of a family and the family's body at i, either way round.
        const member = s.rule === 'def.unfold' ? old! : at(s.after, s.path)!;
        const f = familyOf(member);
        if (!defs.isFamily(f)) fail(`${f} is not a defined family`);
        const body = defs.member(f, member.args[1]!)!;
        if (s.rule === 'def.unfold') expectAfter(body);
        else if (s.rule !== 'def.fold' || body !== old) fail(`${s.rule} does not turn ${toAscii(old!)} into its 'after'`);
        else expectAfter(member);
        if (diffVariablesAbove(s.before, s.path).includes(f)) fail(`${f} is changed inside a derivative by a member of ${f}`);
        return NONE;
      }
      // Unfold: the name at the path becomes its definition. Fold: a definition becomes its name.
      const names =
        s.rule === 'def.unfold'
          ? old!.kind === 'sym' && defs.has(old!.name) && !defs.isFamily(old!.name) ? [old!.name] : []
          : s.rule === 'def.fold' ? defs.namesDefinedAs(old!) : [];
      const name = names.find((n) => replaceAt(s.before, s.path, s.rule === 'def.unfold' ? defs.get(n)! : sym(n)) === s.after);
      if (name === undefined) fail(`${s.rule} does not turn ${toAscii(old!)} into its 'after'`);
      if (diffVariablesAbove(s.before, s.path).includes(name!)) fail(`${name!} is changed inside a derivative by ${name!}`);
      return NONE;
    }
    case 'chain': {
      if (s.rule !== 'chain') fail(`a chain step cites ${s.rule}`);
      const [f, x] = old!.kind === 'call' && old!.fn === 'diff' ? old!.args : [];
      if (!f || !x || f.kind !== 'sym' || x.kind !== 'sym' || !defs.has(f.name)) fail('the chain rule applies to diff(NAME, x) of a defined name');
      const n = (f as Expr & { kind: 'sym' }).name;
      const xn = (x as Expr & { kind: 'sym' }).name;
      // The names the chain goes through: given in the bindings (m1, m2, ...), or by default
      // the inputs of N's definition that depend on x.
      const given = Object.values(s.bindings);
      if (given.some((m) => m.kind !== 'sym')) fail('the chain rule goes through names');
      const cut = given.length ? given.map((m) => (m as Expr & { kind: 'sym' }).name) : [...defs.inputs(n)].filter((m) => defs.dependsOn(m, xn));
      if (!cut.length || cut.includes(xn) || cut.includes(n)) fail(`the chain rule needs ${n} to depend on ${xn} only through other names`);
      for (const m of cut) if (!defs.dependsOn(m, xn) || !defs.dependsOn(n, m)) fail(`${m} is not between ${n} and ${xn}`);
      // A family is many variables, not one: the chain rule goes through its members one by one.
      for (const m of cut) if (defs.isFamily(m)) fail(`the chain rule goes through names, and ${m} is a family`);
      for (const a of cut) for (const b of cut) if (a !== b && defs.dependsOn(a, b)) fail(`${a} depends on ${b}: the partial derivatives would not hold the others fixed`);
      if (reachesAvoiding(defs, n, xn, new Set(cut))) fail(`${n} depends on ${xn} other than through ${cut.join(', ')}`);
      expectAfter(add(...cut.map((m) => mul(diff(f!, sym(m)), diff(sym(m), x!)))));
      return NONE;
    }
    case 'lemma': {
      if (s.rule !== 'lemma') fail(`a lemma step cites ${s.rule}`);
      // A lemma is an equality: it may be used either way round.
      const lemma = proof.lemmas[(s.lemma ?? 0) - 1]!;
      if (old === lemma.start) expectAfter(lemma.result);
      else if (old === lemma.result) expectAfter(lemma.start);
      else fail(`lemma ${s.lemma} is about ${toAscii(lemma.start)}, not ${toAscii(old!)}`);
      return unperturbed(constrained.get(s.lemma!) ?? NONE);
    }
    case 'assumption': {
      if (s.rule !== 'assume') fail(`a step using a stated fact cites ${s.rule}`);
      // A piecewise expression whose branch the stated bounds select (`z > 0` picks z).
      const branch = selectedBranch(proof.assumptions, old!, sub);
      if (branch !== undefined) {
        expectAfter(branch);
        // Open facts (strict bounds on names that vary continuously) describe a neighbourhood:
        // when they alone select the branch, no name is constrained; else every closed fact counts.
        const open = proof.assumptions.filter((f) => isOpen(f, defs));
        if (selectedBranch(open, old!, sub) === branch) return NONE;
        return unperturbed(closure(proof.assumptions.filter((f) => !isOpen(f, defs)), defs));
      }
      // `old = new` modulo a stated equation: their difference is a multiple of lhs - rhs.
      const here = at(s.after, s.path);
      if (here === undefined || replaceAt(s.before, s.path, here) !== s.after) fail('its path is not where it changed');
      const [from, replacement] = [old!, here!];
      const uses = proof.assumptions.filter((f) => f.op === '=');
      const fixed = diffVariablesAbove(s.before, s.path);
      const holds = (f: (typeof uses)[number]): boolean => {
        const eq = add(f.lhs, mul(num(-1), f.rhs));
        try {
          if (equalModulo(from, replacement, eq)) return true;
          // With the names unfolded: softmax outputs add up to 1 by their definitions.
          return !hasDiff(from) && !hasDiff(replacement) && equalModulo(unfoldNames(from, defs, fixed), unfoldNames(replacement, defs, fixed), unfoldNames(eq, defs, fixed));
        } catch (err) {
          if (err instanceof PolyLimit) return false;
          throw err;
        }
      };
      const used = uses.find(holds);
      if (!used) fail(`no stated equation turns ${toAscii(from)} into ${toAscii(replacement)}`);
      for (const c of erasedConditions(from, replacement)) requireCondition(s, c);
      return unperturbed(closure([used!], defs));
    }
    case 'index': {
      if (s.rule !== 'sum.delta') fail(`an index step cites ${s.rule}`);
      const sifted = siftedSum(old!, proof.assumptions, indexNamesOf(proof));
      if (!sifted.ok) fail(sifted.reason);
      if (sifted.ok) expectAfter(sifted.result);
      // The range facts constrain the index and the limits.
      return unperturbed(closure([{ lhs: (old as Expr).args[1]!, op: '<=', rhs: (old as Expr).args[2]! }], defs));
    }
    default:
      fail(`steps of kind '${s.kind}' are not supported`);
  }
  return NONE;
}

const NONE: ReadonlySet<string> = new Set();

/** Calls whose value may jump: a strict bound through one of them does not describe an open set. */
const DISCONTINUOUS = new Set(['piecewise', 'gt', 'ge', 'lt', 'le', 'delta', 'sign', 'step', 'heaviside', 'floor', 'ceil', 'round']);

/**
 * Whether a fact describes an open set: a strict bound or `!=` between expressions whose
 * names (through their definitions) are built without a call that may jump.
 */
function isOpen(f: Assumption, defs: Definitions): boolean {
  if (f.op !== '<' && f.op !== '>' && f.op !== '!=') return false;
  const exprs = [f.lhs, f.rhs];
  for (const n of closure([f], defs)) {
    const d = defs.get(n);
    if (d) exprs.push(d);
    if (defs.isFamily(n)) return false;
  }
  const seen = new Set<Expr>();
  const stack = [...exprs];
  while (stack.length) {
    const e = stack.pop()!;
    if (seen.has(e)) continue;
    seen.add(e);
    if (e.kind === 'call' && (DISCONTINUOUS.has(e.fn) || e.fn === 'diff')) return false;
    stack.push(...e.args);
  }
  return true;
}

/** The names facts constrain: their free names, and every name those depend on through the definitions. */
function closure(facts: readonly Assumption[], defs: Definitions): Set<string> {
  const out = new Set<string>();
  for (const f of facts)
    for (const e of [f.lhs, f.rhs])
      for (const n of freeSymbols(e)) {
        out.add(n);
        for (const m of defs.ancestors(n)) out.add(m);
      }
  return out;
}

/**
 * Equal as rational functions over atoms, with names as atoms or, where no derivative is
 * taken inside, with names unfolded (except the `fixed` ones).
 */
function equalAsRationalFunctions(a: Expr, b: Expr, defs: Definitions, fixed: readonly string[], functions: FunctionDefs): boolean {
  if (equalWithin(a, b)) return true;
  if (hasDiff(a) || hasDiff(b)) return false;
  const [ua, ub] = [unfoldNames(a, defs, fixed), unfoldNames(b, defs, fixed)];
  // Last, defined functions opened up: sigmoid(z) is 1/(1 + exp(-z)).
  return equalWithin(ua, ub) || (functions.size > 0 && equalWithin(openAllCalls(ua, functions), openAllCalls(ub, functions)));
}

/** Rational equality, false (not proven) when the computation outgrows its limit. */
function equalWithin(a: Expr, b: Expr): boolean {
  try {
    return rationallyEqual(a, b);
  } catch (err) {
    if (err instanceof PolyLimit) return false;
    throw err;
  }
}

/** Every defined name (and member of a defined family) replaced by its definition, except the `fixed` ones. */
const unfoldNames = (e: Expr, defs: Definitions, fixed: readonly string[]): Expr => unfoldDefinitions(e, defs, fixed);

/** The names the definitions and the stated facts use free. */
function factNames(proof: Proof): Set<string> {
  const out = new Set<string>();
  for (const d of proof.definitions) for (const n of freeSymbols(d.expr)) if (n !== d.index) out.add(n);
  for (const a of proof.assumptions) for (const e of [a.lhs, a.rhs]) freeSymbols(e).forEach((n) => out.add(n));
  return out;
}

/** Names that are integers: used as a subscript in what the proof is about. */
function indexNamesOf(proof: Proof): ReadonlySet<string> {
  return indexNames([proof.start, ...proof.definitions.map((d) => d.expr), ...proof.assumptions.flatMap((a) => [a.lhs, a.rhs]), ...proof.lemmas.map((l) => l.start)]);
}

/** Whether some chain of definitions leads from `from` to `to` without passing through `cut`. */
function reachesAvoiding(defs: Definitions, from: string, to: string, cut: ReadonlySet<string>): boolean {
  const seen = new Set<string>();
  const stack = [...defs.inputs(from)];
  while (stack.length) {
    const m = stack.pop()!;
    if (m === to) return true;
    if (cut.has(m) || seen.has(m)) continue;
    seen.add(m);
    stack.push(...defs.inputs(m));
  }
  return false;
}

/**
 * The step must record `c` (or, for nonzero, the stronger `positive`). A recorded condition
 * counts if it states the same quantity, up to sign for `nonzero`.
 */
function requireCondition(s: Step, c: Condition): void {
  const recorded = (r: Condition): boolean => {
    if (!covers(r.kind, c.kind)) return false;
    if (r.expr === c.expr) return true;
    try {
      // Up to sign for nonzero: `a2 != 1` states `1 - a2 != 0`.
      return rationallyEqual(r.expr, c.expr) || (c.kind === 'nonzero' && rationallyEqual(r.expr, mul(num(-1), c.expr)));
    } catch {
      return false;
    }
  };
  if (!s.conditions.some(recorded)) fail(`it needs ${toAscii(c.expr)} ${c.kind === 'nonzero' ? '!= 0' : c.kind === 'positive' ? '> 0' : '>= 0'} but does not record it`);
}
