/**
 * Vitest global setup: builds the `gradproof` command once before the tests run, the way
 * `npm run build` does (embed the rules, then bundle the command), into a directory of this
 * run's own, so the tests run the command as shipped.
 *
 * Not into dist/: other work in the same tree rebuilds dist/ at any time, and a CLI test
 * that runs while dist/ is half written fails for no reason of its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built `cli/main.js` that the CLI tests run. */
    gradproofCli: string;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Builds once; the teardown removes the build. */
export default function setup(project: TestProject): () => void {
  const outDir = join(root, 'node_modules', '.cache', 'gradproof-cli-test', String(process.pid));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const run = (args: string[]): void => {
    try {
      execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string };
      throw new Error(`build failed: node ${args.join(' ')}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
  };
  run(['scripts/embed-rules.mjs']);
  run(['scripts/bundle-cli.mjs', join(outDir, 'cli')]);
  project.provide('gradproofCli', join(outDir, 'cli', 'main.js'));
  return () => rmSync(outDir, { recursive: true, force: true });
}
