/** Test helper: builds the playground (`npm run build:web`'s two steps) into a folder of the test's own. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Builds the page into `out` (a new temporary folder by default) and returns the folder. */
export function buildPlayground(out: string = mkdtempSync(join(tmpdir(), 'gradproof-web-'))): string {
  for (const args of [['scripts/embed-rules.mjs'], ['scripts/build-web.mjs', out]]) {
    try {
      execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string };
      throw new Error(`build failed: node ${args.join(' ')}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
  }
  return out;
}
