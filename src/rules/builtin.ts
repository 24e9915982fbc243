/** The built-in rule set: `rules/*.rules`, embedded at build time so the core needs no file system. */
import { BUILTIN_RULE_FILES } from './builtin-text.js';
import { loadRules } from './load.js';
import type { RuleSet } from './types.js';

let cached: RuleSet | undefined;

/** The built-in rules, parsed and validated once per process. */
export function builtinRules(): RuleSet {
  cached ??= loadRules(BUILTIN_RULE_FILES);
  return cached;
}
