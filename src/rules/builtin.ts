/** The built-in rule set: `rules/*.rules`, embedded at build time so the core needs no file system. */
import { BUILTIN_RULE_FILES, BUILTIN_RULES_CHECKED, BUILTIN_RULES_SNAPSHOT } from './builtin-text.js';
import { rulesDigest } from './digest.js';
import { loadRules } from './load.js';
import { decodeRuleSet } from './snapshot.js';
import type { RuleSet } from './types.js';

let cached: RuleSet | undefined;

/**
 * The built-in rules, once per process. `npm run gen` parsed and validated the files
 * (numeric checks included) and embedded the result with its digest; when the digest
 * matches, that result is used, else the files are parsed and every check runs.
 */
export function builtinRules(): RuleSet {
  cached ??=
    BUILTIN_RULES_SNAPSHOT !== null && BUILTIN_RULES_CHECKED === rulesDigest([{ name: 'snapshot', text: BUILTIN_RULES_SNAPSHOT }])
      ? decodeRuleSet(BUILTIN_RULES_SNAPSHOT)
      : loadRules(BUILTIN_RULE_FILES, undefined, { builtin: true });
  return cached;
}
