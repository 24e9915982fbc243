/** Test helper: runs the built `gradproof` command as a child process. */
import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, inject } from 'vitest';

/** The project root: every command runs there, so paths like `examples/…` resolve. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The seed's loss and its intermediate, as typed on the command line. */
export const BCE = '-(y*log(a2) + (1-y)*log(1-a2))';
export const SIGMOID = 'a2 = sigmoid(z2)';

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `gradproof ...args`, from the project root. */
export function gradproof(...args: string[]): Run {
  return gradproofIn(ROOT, ...args);
}

/** `gradproof ...args`, from `cwd`. */
export function gradproofIn(cwd: string, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [inject('gradproofCli'), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `gradproof ...args` without blocking, for tests that run concurrently. */
export function gradproofAsync(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [inject('gradproofCli'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) => {
      const code = (err as { code?: unknown } | null)?.code;
      if (err && typeof code !== 'number') reject(err);
      else resolve({ status: typeof code === 'number' ? code : 0, stdout, stderr });
    });
  });
}

/** Asserts bad input: exit 2, nothing on stdout, no stack trace; returns stderr's lines. */
export function expectBadInput(r: Run): string[] {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/^ {4}at /m);
  expect(r.stderr).not.toMatch(/internal error/);
  return r.stderr.split('\n');
}
