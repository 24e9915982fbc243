/**
 * Every function of the library the README names is exported from the package entry: a
 * code span of the README (`proofToAlign`, `renderLatex(input)`) that names a function
 * src/api/ or src/render/ declares must be importable from 'gradproof'. The source layout
 * table names internal functions by design and is left out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { ROOT, readSource, tsFiles } from '../support/source.js';
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The README without the section that maps the source files. */
const prose = README.replace(/^## Source layout\n[^]*?(?=^## )/m, '');

/** Names in code spans: `name`, `name(...)`, `name()`. */
const named = new Set([...prose.matchAll(/`([A-Za-z_$][\w$]*)(?:\([^`]*\))?`/g)].map((m) => m[1]!));

/** Functions the library's layers declare: `export function NAME` in src/api and src/render. */
const declared = new Set(
  ['src/api', 'src/render'].flatMap((dir) => tsFiles(dir).flatMap((f) => [...readSource(f).matchAll(/^export function (\w+)/gm)].map((m) => m[1]!))),
);

it('the README names proofToAlign and renderLatex, and the package exports them', () => {
  expect(named.has('proofToAlign')).toBe(true);
  expect(named.has('renderLatex')).toBe(true);
});

it('every library function the README names is exported by the package', () => {
  const missing = [...named].filter((n) => declared.has(n) && !(n in api));
  expect(missing).toEqual([]);
});
