/**
 * The problem files of examples/matrix/ as text, a variant with another expectation (the
 * classic mistakes), and whether the problem-file reader knows `shape` lines yet.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProblem } from '../../src/parse/problem.js';
import { ROOT } from '../support/source.js';

export const fileText = (name: string): string => readFileSync(join(ROOT, 'examples', 'matrix', `${name}.grad`), 'utf8');

/** The file with its `expect` lines replaced by one; optionally another `wrt`, and without its `assume` lines. */
export function withExpect(text: string, expect: string, options: { readonly wrt?: string; readonly dropFacts?: boolean } = {}): string {
  const lines = text.split('\n').filter((l) => !/^expect\s/.test(l) && !(options.dropFacts && /^assume\s/.test(l)));
  const out = lines.map((l) => (options.wrt && /^wrt\s/.test(l) ? `wrt    ${options.wrt}` : l));
  const end = out.length && out[out.length - 1] === '' ? out.length - 1 : out.length;
  out.splice(end, 0, `expect ${expect}`);
  return out.join('\n');
}

/**
 * Whether problem files with `shape` lines can be read: false until the matrix parser is
 * merged. The tests that run the files through the engine are skipped until then.
 */
export const MATRIX_FILES_READ: boolean = (() => {
  try {
    parseProblem('shape A [n, 1]\nloss L = sum(A)\nwrt A\n', 'probe.grad');
    return true;
  } catch {
    return false;
  }
})();
