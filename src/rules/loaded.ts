/**
 * The rule sets `loadRules` made, by their admitted handle: frozen rules and definitions.
 * Loading on top of a base takes the base's rules from here, never from the object handed
 * in, so a rule set built by hand, or edited after it loaded, cannot slip unvalidated rules
 * in as a base.
 */
import type { AdmittedRules } from '../kernel/index.js';
import type { FunctionDef, Rule, RuleSet } from './types.js';

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
