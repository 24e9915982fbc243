/** The built-in rule set: `rules/*.rules`, embedded at build time so the core needs no file system. */
import { BUILTIN_RULE_FILES, BUILTIN_RULES_CHECKED } from './builtin-text.js';
import { rulesDigest } from './digest.js';
import { loadRules } from './load.js';
import type { RuleSet } from './types.js';

let cached: RuleSet | undefined;

/**
 * The built-in rules, parsed and validated once per process. `npm run gen` ran the numeric
 * checks on this very text (its digest says so), so here they are skipped; if the embedded
 * text does not match the digest, every check runs.
 */
export function builtinRules(): RuleSet {
  cached ??= loadRules(BUILTIN_RULE_FILES, undefined, BUILTIN_RULES_CHECKED !== rulesDigest(BUILTIN_RULE_FILES));
  return cached;
}
