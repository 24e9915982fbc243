/** The shapes the API's inputs come in: named intermediates, facts, and the rules to read them with. */
import type { Expr } from '../expr/node.js';
import { GradproofError } from '../expr/errors.js';
import { parseAny } from '../parse/auto.js';
import type { ParseOptions } from '../parse/ascii.js';
import { builtinRules } from '../rules/builtin.js';
import type { RuleSet } from '../rules/types.js';
import { genuineRules } from '../rules/loaded.js';

/** Named intermediates: `{ a2: 'sigmoid(z2)' }`, pairs `[['a2', 'sigmoid(z2)']]`, or lines `['a2 = sigmoid(z2)']`. */
export type Lets = Readonly<Record<string, string>> | ReadonlyArray<readonly [string, string]> | readonly string[];

/** The intermediates as `name = expr` lines, in the order given. */
export function letLines(l: Lets | undefined): string[] {
  if (!l) return [];
  if (Array.isArray(l)) return l.map((x: string | readonly [string, string]) => (typeof x === 'string' ? x : `${x[0]} = ${x[1]}`));
  return Object.entries(l as Record<string, string>).map(([k, v]) => `${k} = ${v}`);
}

/** One value or a list of them, as a list. */
export function listOf<T>(v: T | readonly T[] | undefined): readonly T[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? (v as readonly T[]) : [v as T];
}

/** The rule set to use: the one given, else the built-in rules. */
export const rulesOf = (options: { readonly rules?: RuleSet }): RuleSet => (options.rules === undefined ? builtinRules() : genuineRules(options.rules));

/** Parser options that know the rule set's functions. */
export const parseOptions = (rules: RuleSet, source: string): ParseOptions => ({ functions: rules.functions, source });

/** An expression given as text (ASCII or LaTeX, told apart by `\`, `_{` and `^{`) or already parsed. */
export function exprOf(e: Expr | string, rules: RuleSet, source: string, variables?: ReadonlySet<string>): Expr {
  if (typeof e === 'string') return parseAny(e, variables ? { ...parseOptions(rules, source), variables } : parseOptions(rules, source));
  if (e && typeof e === 'object' && 'kind' in e) return e;
  throw new GradproofError('usage', `${source} should be an expression or its text`);
}
