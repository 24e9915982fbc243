// The engine for in-process measurements, built from src/ by esbuild into one module in a
// temporary folder, so the benchmark measures the current source without a prior build of
// dist/ (and the quick run in the tests needs none). Same code as dist/, bundled.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const ENTRY = `
export { runProblem, derive } from './src/api/derive.ts';
export { parseProblem } from './src/parse/problem.ts';
export { builtinRules } from './src/rules/builtin.ts';
export { formatOutcome } from './src/cli/format.ts';
export { toAscii } from './src/expr/print.ts';
export { parse } from './src/parse/ascii.ts';
`;

/** Embeds the rules (as the build does) and bundles the engine; returns the module's path. `quiet`: nothing on stdout. */
export async function buildEngine({ quiet = false } = {}) {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'embed-rules.mjs')], { cwd: ROOT, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
  const file = join(mkdtempSync(join(tmpdir(), 'gradproof-bench-')), 'engine.mjs');
  await build({
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'ts' },
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  return file;
}

/** The engine module built by buildEngine. */
export const loadEngine = (file) => import(pathToFileURL(file).href);
