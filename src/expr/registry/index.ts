/**
 * The registry of every function gradproof knows: one entry per function, joined from the
 * families. The parsers, printers, evaluators, code generator and definedness checks read
 * their tables from here; adding a function is one entry here plus its meaning in rules/.
 */
import type { Arity, FunctionSpec } from './types.js';
import { ELEMENTARY } from './elementary.js';
import { TRIGONOMETRIC } from './trigonometric.js';
import { HYPERBOLIC } from './hyperbolic.js';
import { EXPONENTIAL } from './exponential.js';
import { ROUNDING } from './rounding.js';
import { ACTIVATIONS } from './activations.js';
import { PIECEWISE } from './piecewise.js';
import { LOSSES } from './losses.js';
import { KINKED } from './kinked.js';

export type { Arity, CodeSpec, DecimalCtor, Dual, DualSpec, FunctionSpec, LatexForm, LatexSpec, RangeSpec } from './types.js';
export { decimalCtor } from './numeric.js';
export { jsHelpers, PYTHON_HELPERS } from './code-helpers.js';

/** Every function, in family order. */
export const REGISTRY: readonly FunctionSpec[] = [...ELEMENTARY, ...TRIGONOMETRIC, ...HYPERBOLIC, ...EXPONENTIAL, ...ROUNDING, ...ACTIVATIONS, ...KINKED, ...PIECEWISE, ...LOSSES];

// Tables keyed by the input's own words are Maps: on a plain object `constructor` would be found.
const BY_NAME: ReadonlyMap<string, FunctionSpec> = new Map(REGISTRY.map((f) => [f.name, f]));

/** Every canonical function name. */
export const FUNCTION_NAMES: ReadonlySet<string> = new Set(BY_NAME.keys());

/** Whether `name` is a function of the registry (by its canonical name). */
export const isKnownFunction = (name: string): boolean => BY_NAME.has(name);

/** The entry of a function, by its canonical name. */
export const functionSpec = (name: string): FunctionSpec | undefined => BY_NAME.get(name);

/** ASCII aliases and the canonical names they are read as: `ln` is log. */
export const FUNCTION_ALIASES: ReadonlyMap<string, string> = new Map(REGISTRY.flatMap((f) => (f.aliases ?? []).map((a) => [a, f.name] as const)));

/** LaTeX commands read as a function (`\ln` is log, `\arcsin` is asin), without the backslash. */
export const LATEX_COMMANDS: ReadonlyMap<string, string> = new Map(REGISTRY.flatMap((f) => (f.latex.commands ?? []).map((c) => [c, f.name] as const)));

/** Words inside `\operatorname{...}` read as another name (`ReLU` is relu). */
export const OPERATOR_WORDS: ReadonlyMap<string, string> = new Map(REGISTRY.flatMap((f) => (f.latex.words ?? []).map((w) => [w, f.name] as const)));

/** Whether `n` arguments fit an arity. */
export function takesArguments(arity: Arity, n: number): boolean {
  return typeof arity === 'number' ? n === arity : n >= arity.min && (arity.max === undefined || n <= arity.max);
}

/** Names of the functions with a property: `total`, `smooth`. */
export const namesWhere = (has: (f: FunctionSpec) => boolean | undefined): Set<string> => new Set(REGISTRY.filter((f) => has(f)).map((f) => f.name));
