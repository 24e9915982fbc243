/**
 * Vitest global setup: builds the `gradproof` command once before the tests run, the way
 * `npm run build` does (embed the rules, then tsc), into a directory of this run's own.
 *
 * Not into dist/: other work in the same tree rebuilds dist/ at any time, and a CLI test
 * that runs while dist/ is half written fails for no reason of its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
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
  // Under node_modules/ a file does not belong to our package.json, so say ESM here.
  writeFileSync(join(outDir, 'package.json'), '{ "type": "module" }\n');
  const run = (args: string[]): void => {
    try {
      execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string };
      throw new Error(`build failed: node ${args.join(' ')}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
  };
  run(['scripts/embed-rules.mjs']);
  // The bin path comes from node_modules/typescript/package.json ("bin": {"tsc": "./bin/tsc"}).
  run(['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', outDir, '--declaration', 'false']);
  project.provide('gradproofCli', join(outDir, 'cli', 'main.js'));
  return () => rmSync(outDir, { recursive: true, force: true });
}
