/**
 * The rule sets `loadRules` made, by their admitted handle: frozen rules and definitions.
 * Loading on top of a base takes the base's rules from here, never from the object handed
 * in, so a rule set built by hand, or edited after it loaded, cannot slip unvalidated rules
 * in as a base.
 */
import type { AdmittedRules } from '../kernel/index.js';
import type { FunctionDef, Rule, RuleSet } from './types.js';
import { GradproofError } from '../expr/errors.js';

export interface LoadedContents {
  readonly rules: readonly Rule[];
  readonly defs: ReadonlyMap<string, FunctionDef>;
}

const LOADED = new WeakMap<AdmittedRules, LoadedContents>();

/** Freezes what was loaded and records it under its admitted handle. */
export function recordLoaded(set: RuleSet): RuleSet {
  const rules = Object.freeze(set.rules.map(deepFreeze));
  const defs = new Map([...set.defs].map(([k, d]) => [k, deepFreeze(d)]));
  LOADED.set(set.admitted, { rules, defs });
  return { ...set, rules };
}

/** What `loadRules` loaded for this set's handle, or undefined for a set it did not make. */
export function loadedContents(set: RuleSet): LoadedContents | undefined {
  const admitted = (set as { admitted?: unknown } | null)?.admitted;
  return typeof admitted === 'object' && admitted !== null ? LOADED.get(admitted as AdmittedRules) : undefined;
}

/** Rules and definitions are data; their expressions are interned and already immutable. */
function deepFreeze<T>(v: T): T {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return v;
  if (isExpr(v)) return v;
  for (const x of Object.values(v)) deepFreeze(x);
  return Object.freeze(v);
}

const isExpr = (v: object): boolean => 'kind' in v && 'id' in v && 'args' in v;

/**
 * `set` itself if it is what `loadRules` made, unchanged: every rule it would apply is the
 * one loaded. A rule set built or edited by hand is refused here, with the rule that differs,
 * rather than later as the kernel's rejection of a proof made with it.
 */
export function genuineRules(set: RuleSet): RuleSet {
  const loaded = loadedContents(set);
  if (!loaded) throw new GradproofError('usage', 'the rule set was not made by loadRules: load rules with loadRules (or pass none for the built-in rules)');
  const byId = new Map(loaded.rules.map((r) => [r.id, r]));
  const changed = (id: string) => new GradproofError('usage', `the rule set was changed after loadRules: rule ${id} is not the one loaded`);
  if (set.byId.size !== byId.size) throw changed([...set.byId.keys()].find((k) => !byId.has(k)) ?? [...byId.keys()].find((k) => !set.byId.has(k)) ?? '?');
  for (const [id, r] of set.byId) if (byId.get(id) !== r) throw changed(id);
  if (set.rules.length !== loaded.rules.length || set.rules.some((r, i) => r !== loaded.rules[i])) throw changed(set.rules.find((r, i) => r !== loaded.rules[i])?.id ?? '?');
  if (set.defs.size !== loaded.defs.size) throw new GradproofError('usage', 'the rule set was changed after loadRules: its definitions differ');
  for (const [name, d] of set.defs) if (loaded.defs.get(name) !== d) throw new GradproofError('usage', `the rule set was changed after loadRules: def ${name} is not the one loaded`);
  return set;
}
