/** `--all` over index notation is refused with the position of the family, not a crash. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseProblem } from '../../src/parse/problem.js';
import { deriveAll } from '../../src/api/all.js';
import { GradproofError } from '../../src/expr/errors.js';
import { ROOT } from '../support/source.js';

it.each([
  ['softmax-cce-K.grad', 'a', 6],
  ['softmax-cce-K-named.grad', 'a', 5],
])('%s: --all names the family %s and its line', (file, name, line) => {
  const spec = parseProblem(readFileSync(join(ROOT, 'examples', file), 'utf8'), `examples/${file}`);
  let error: unknown;
  try {
    deriveAll(spec);
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(GradproofError);
  const e = error as GradproofError;
  expect(e.code).toBe('usage');
  expect(e.message).toBe(`--all does not take index notation yet (${name} uses it); derive one gradient at a time with --wrt, such as --wrt "z[i]"`);
  expect([e.pos?.source, e.pos?.line, e.pos?.column]).toEqual([`examples/${file}`, line, 8]);
});
