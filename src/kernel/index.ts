/**
 * The kernel's face: the only place a `Theorem` or an admitted rule set is made. A theorem is
 * `lhs = rhs` with all it rests on: stated assumptions, definitions, the conditions its steps
 * record, and the user rule files (axioms, validated only by sampling) a step cites. Rules
 * reach the kernel only through `admitRules`, which `loadRules` alone calls: the kernel keeps
 * its own copy, so a rule set edited or built by hand afterwards changes nothing it accepts.
 * Trusted base, every file the kernel runs (test/kernel/trusted-base.test.ts checks the list
 * and its limit of 1,600 lines), all in src/kernel/: index.ts, admitted.ts, defined.ts,
 * defs.ts, facts.ts, lower.ts, matrix.ts, names.ts, order.ts, poly.ts, print.ts, rational.ts, replay.ts, shape.ts,
 * term.ts.
 */
import type { Expr } from '../expr/node.js';
import type { Assumption, Condition, Proof } from '../proof/types.js';
import { replay } from './replay.js';
import { Store } from './term.js';
import { Names, nodesOf } from './names.js';
import { Defs } from './defs.js';
import { holds, ranges } from './facts.js';
import { OPS } from './defined.js';
import { type AdmittedRules, admittedData } from './admitted.js';

export type { KernelRule } from './replay.js';
export { type AdmittedRules, admitRules } from './admitted.js';

const theoremBrand: unique symbol = Symbol('theorem');
const checkedBrand: unique symbol = Symbol('checked');

/** What a theorem rests on. */
export interface Premises {
  readonly assumptions: readonly Assumption[];
  readonly definitions: Proof['definitions'];
  /** User rule files (not the built-in `rules/`) whose rules or definitions a step cites. */ readonly ruleFiles: readonly string[];
}

/** `lhs = rhs`, wherever `conditions` hold, under `premises`. Only the kernel makes one. */
export interface Theorem {
  readonly lhs: Expr;
  readonly rhs: Expr;
  readonly conditions: readonly Condition[];
  readonly premises: Premises;
  readonly [theoremBrand]: true;
}

/** A proof the kernel replayed in full, and the theorem it proves. */
export interface CheckedProof {
  readonly proof: Proof;
  /** How many steps were replayed. */ readonly replayed: number;
  readonly theorem: Theorem;
  readonly [checkedBrand]: true;
}

export type CheckResult =
  | { readonly ok: true; readonly checked: CheckedProof }
  | { readonly ok: false; /** 1-based, in the proof's step list (0: the proof as a whole). */ readonly step: number; readonly reason: string };

/** Replays every step of `proof` with admitted rules: the checked proof and its theorem, or the first wrong step and why. */
export function checkProof(proof: Proof, rules: AdmittedRules): CheckResult {
  const data = admittedData(rules);
  if (!data) return { ok: false, step: 0, reason: 'the rules were not loaded through validation' };
  const { rules: byId, functions, userFiles: user } = data;
  const r = replay(proof, byId, functions);
  if (!r.ok) return r;
  const files = new Set<string>();
  for (const f of proof.steps.map((s) => byId.get(s.rule)?.file)) if (f !== undefined && user.has(f)) files.add(f);
  // A user's definition can be opened only where its function occurs (or inside another
  // definition that can): the theorem rests on the files of those.
  for (const name of callable(proof, functions)) if (user.has(functions.get(name)!.file)) files.add(functions.get(name)!.file);
  const conditions = new Map<string, Condition>();
  for (const s of proof.steps) for (const c of s.conditions) conditions.set(`${c.kind}:${c.expr.id}`, conditions.get(`${c.kind}:${c.expr.id}`) ?? c);
  const premises = Object.freeze({ assumptions: proof.assumptions, definitions: proof.definitions, ruleFiles: Object.freeze([...files].sort()) });
  const theorem: Theorem = Object.freeze({ lhs: proof.start, rhs: proof.result, conditions: Object.freeze(conditionsNeeded(proof, [...conditions.values()])), premises, [theoremBrand]: true as const });
  return { ok: true, checked: Object.freeze({ proof, replayed: proof.steps.length, theorem, [checkedBrand]: true as const }) };
}

/**
 * The conditions the premises do not give at every point: one on a term defined everywhere whose bounds make it true
 * (`sigmoid(z) > 0`, `exp(z1) + exp(z2) != 0`, `1 - a2 > 0` given a2 = sigmoid(z2), `x != 0` given x > 0) is discharged.
 * Names are bounded by the stated facts and by their definitions, but not a variable the goal differentiates by
 * (∂L/∂a2 is about a2 as it varies). A condition holds at the point the theorem is about, so a premise that implies it
 * there leaves the theorem the same.
 */
export function conditionsNeeded(proof: Pick<Proof, 'start' | 'result' | 'definitions' | 'assumptions'>, conditions: readonly Condition[]): Condition[] {
  try {
    const s = new Store();
    const defs = new Defs(proof.definitions.map((d) => ({ name: d.name, expr: s.of(d.expr), index: d.index })), new Names(s));
    const varies = new Set(nodesOf(s.call('', s.of(proof.start), s.of(proof.result))).flatMap((n) => (n.fn === 'diff' && n.args[1] ? [n.args[1].args[0] ?? n.args[1]] : [])).map((v) => v.name));
    const facts = proof.assumptions.map((f) => ({ lhs: s.of(f.lhs), op: f.op, rhs: s.of(f.rhs) }));
    const { range, everywhere } = ranges(facts, (n) => (varies.has(n) ? undefined : defs.get(n)));
    return conditions.filter((c) => !(everywhere(s.of(c.expr)) && (c.kind === 'defined' || holds(range(s.of(c.expr)), OPS[c.kind]))));
  } catch {
    return [...conditions];
  }
}

/** The defined functions a step could open: those called in the proof, and in their bodies, transitively. */
function callable(proof: Proof, functions: ReadonlyMap<string, { readonly body: Expr }>): Set<string> {
  const out = new Set<string>();
  const seen = new Set<Expr>();
  const visit = (e: Expr): void => {
    if (seen.has(e)) return;
    seen.add(e);
    if (e.kind === 'call' && functions.has(e.fn) && !out.has(e.fn)) {
      out.add(e.fn);
      visit(functions.get(e.fn)!.body);
    }
    e.args.forEach(visit);
  };
  const sides = [proof.start, proof.result, ...proof.lemmas.flatMap((l) => [l.start, l.result]), ...proof.definitions.map((d) => d.expr)];
  [...sides, ...proof.steps.flatMap((s) => [s.before, s.after, ...Object.values(s.bindings)]), ...proof.assumptions.flatMap((a) => [a.lhs, a.rhs])].forEach(visit);
  return out;
}

/** The user rule files of an admitted set (empty for the built-in rules alone). */
export function userFilesOf(rules: { readonly admitted: AdmittedRules }): readonly string[] {
  return [...(admittedData(rules.admitted)?.userFiles ?? [])];
}
