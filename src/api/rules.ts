/** Users' own rule files, loaded beside the built-in rules and validated like them. */
import { GradproofError } from '../expr/errors.js';
import { builtinRules } from '../rules/builtin.js';
import { loadRules as loadRuleFiles } from '../rules/load.js';
import type { RuleFile } from '../rules/parse-file.js';
import type { RuleSet } from '../rules/types.js';

/** A rule file: its text with the name errors show (`{ name: 'my.rules', text }`), or bare text. */
export type RuleSource = string | RuleFile;

/** Options of `loadRules()`. */
export interface LoadRulesOptions {
  /** The rules to add to; the built-in rules by default. */
  readonly base?: RuleSet;
}

/**
 * Loads rule files (a new activation, its derivative, its definition) on top of the built-in rules; a wrong rule throws with file, line and id.
 * @example
 * const rules = loadRules({
 *   name: 'gauss.rules',
 *   text: 'derivative d.gauss "Gaussian derivative" / "高斯导数"\n  gauss(u) -> -2*u*gauss(u)\ndef gauss(u) = exp(-u^2)\n',
 * });
 * derive({ loss: '(a - y)^2/2', let: { a: 'gauss(z)' }, wrt: 'z' }, { rules }).result; // '-2*(a - y)*a*z'
 */
export function loadRules(files: RuleSource | readonly RuleSource[], options: LoadRulesOptions = {}): RuleSet {
  const list: readonly RuleSource[] = Array.isArray(files) ? files : [files as RuleSource];
  const named = list.map((f, i): RuleFile => {
    if (typeof f === 'string') return { name: list.length === 1 ? 'rules' : `rules ${i + 1}`, text: f };
    if (f && typeof f.name === 'string' && typeof f.text === 'string') return f;
    throw new GradproofError('usage', 'a rule file is its text, or { name, text }');
  });
  return loadRuleFiles(named, options.base ?? builtinRules());
}
