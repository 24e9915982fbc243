/**
 * The built-in rules start from a snapshot that `npm run gen` made after loading and
 * validating the rule files: it decodes to the very rules the files load into, and it is
 * used only when its digest matches.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_RULE_FILES, BUILTIN_RULES_CHECKED, BUILTIN_RULES_SNAPSHOT } from '../../src/rules/builtin-text.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { rulesDigest } from '../../src/rules/digest.js';
import { loadRules } from '../../src/rules/load.js';
import { decodeRuleSet, encodeRuleSet, sameRuleSet } from '../../src/rules/snapshot.js';

describe('the rule snapshot', () => {
  it('is embedded, with the digest of its text', () => {
    expect(BUILTIN_RULES_SNAPSHOT).not.toBeNull();
    expect(BUILTIN_RULES_CHECKED).toBe(rulesDigest([{ name: 'snapshot', text: BUILTIN_RULES_SNAPSHOT! }]));
  });

  // Loading checks every rule at hundreds of points in high precision: seconds, once.
  let loaded: ReturnType<typeof loadRules>;
  beforeAll(() => {
    loaded = loadRules(BUILTIN_RULE_FILES, undefined, { builtin: true });
  }, 60_000);

  it('decodes to the rules the files load into, node for node', () => {
    expect(sameRuleSet(decodeRuleSet(BUILTIN_RULES_SNAPSHOT!), loaded)).toBe(true);
    expect(sameRuleSet(builtinRules(), loaded)).toBe(true);
    expect(builtinRules().byId.get('d.sigmoid')?.lhs).toBe(loaded.byId.get('d.sigmoid')?.lhs);
    expect(encodeRuleSet(decodeRuleSet(BUILTIN_RULES_SNAPSHOT!))).toBe(BUILTIN_RULES_SNAPSHOT);
  });

  it('tells different rule sets apart', () => {
    const fewer = { ...loaded, rules: loaded.rules.slice(1) };
    expect(sameRuleSet(fewer, loaded)).toBe(false);
    const renamed = { ...loaded, rules: loaded.rules.map((r, i) => (i === 0 ? { ...r, id: `${r.id}-x` } : r)) };
    expect(sameRuleSet(renamed, loaded)).toBe(false);
  });

  it('digests differ when a name or a text differs, or the split between them', () => {
    const d = (...files: Array<[string, string]>) => rulesDigest(files.map(([name, text]) => ({ name, text })));
    expect(d(['a', 'bc'])).toBe(d(['a', 'bc']));
    expect(d(['a', 'bc'])).not.toBe(d(['ab', 'c']));
    expect(d(['a', 'bc'])).not.toBe(d(['a', 'bd']));
    expect(d(['a', 'bc'])).toMatch(/^[0-9a-f]{14}$/);
  });
});
