/**
 * Admitted rule sets: the kernel's own frozen copy of validated rules and definitions,
 * behind an opaque handle. Only `loadRules` admits (a test checks who imports this), and
 * only files of `src/kernel/` read a handle's contents.
 */
import type { Expr } from '../expr/node.js';
import type { KernelRule } from './replay.js';

/** A rule as it is admitted: the kernel's part of it, and the file it came from. */
export interface AdmittedRule extends KernelRule { readonly file: string }

/** A defined function as it is admitted: `def sigmoid(u) = ...`, and its file. */
export interface AdmittedFunction { readonly params: readonly string[]; readonly body: Expr; readonly file: string }

const admittedBrand: unique symbol = Symbol('admitted');

/** A rule set the kernel has taken in. Opaque: a look-alike object is refused. */
export interface AdmittedRules { readonly [admittedBrand]: true }

/** What an admitted handle holds. */
export interface AdmittedData {
  readonly rules: ReadonlyMap<string, AdmittedRule>;
  readonly functions: ReadonlyMap<string, AdmittedFunction>;
  /** Files that are not the built-in rules: a theorem citing them rests on them. */
  readonly userFiles: ReadonlySet<string>;
}

const ADMITTED = new WeakMap<AdmittedRules, AdmittedData>();

/** Takes validated rules and definitions in, copied and frozen: nothing the caller keeps can change them. */
export function admitRules(
  rules: Iterable<AdmittedRule>,
  functions: Iterable<{ readonly name: string; readonly params: readonly string[]; readonly body: Expr; readonly file: string }>,
  userFiles: Iterable<string>,
): AdmittedRules {
  const r = new Map<string, AdmittedRule>();
  for (const x of rules) {
    const conditions = Object.freeze(x.conditions.map((c) => Object.freeze({ pred: c.pred, args: Object.freeze([...c.args]), ...(c.expr ? { expr: c.expr } : {}) })));
    r.set(x.id, Object.freeze({ id: x.id, kind: x.kind, ...(x.lhs ? { lhs: x.lhs } : {}), ...(x.rhs ? { rhs: x.rhs } : {}), conditions, ...(x.shapes ? { shapes: Object.freeze({ ...x.shapes }) } : {}), file: x.file }));
  }
  const f = new Map<string, AdmittedFunction>();
  for (const d of functions) f.set(d.name, Object.freeze({ params: Object.freeze([...d.params]), body: d.body, file: d.file }));
  const handle = Object.freeze({ [admittedBrand]: true as const });
  ADMITTED.set(handle, Object.freeze({ rules: r, functions: f, userFiles: new Set(userFiles) }));
  return handle;
}

/** The contents of an admitted handle, or undefined for anything else. */
export function admittedData(a: unknown): AdmittedData | undefined {
  return typeof a === 'object' && a !== null ? ADMITTED.get(a as AdmittedRules) : undefined;
}
