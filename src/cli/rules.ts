/** `--rules FILE` (repeatable): a user's rule files, read and validated on top of the built-in rules. */
import { readFileSync } from 'node:fs';
import { GradproofError } from '../expr/errors.js';
import { builtinRules } from '../rules/builtin.js';
import { loadRules } from '../rules/load.js';
import type { RuleSet } from '../rules/types.js';
import { why } from './errors.js';

/** The built-in rules, with the files' rules added; a wrong rule is an error naming file, line and id. */
export function rulesFromFiles(paths: readonly string[]): RuleSet {
  if (!paths.length) return builtinRules();
  const files = paths.map((path) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (err) {
      throw new GradproofError('file', `cannot read ${path}: ${why(err)}`);
    }
    if (bytes.includes(0)) throw new GradproofError('file', `${path} is a binary file, not a rule file`);
    return { name: path, text: bytes.toString('utf8') };
  });
  return loadRules(files, builtinRules());
}
