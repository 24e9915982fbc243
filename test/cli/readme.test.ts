/**
 * The README's examples run: every `$ node dist/cli/main.js ...` line in a ```console block
 * is run (in a scratch directory that sees examples/), and prints exactly what is shown.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, gradproof, gradproofIn } from './run.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

interface Shown {
  readonly command: string;
  readonly output: string;
}

/** The commands of the ```console blocks, each with the lines shown after it. */
function consoleCommands(md: string): Shown[] {
  const shown: Shown[] = [];
  for (const block of md.matchAll(/^```console\n([^]*?)^```$/gm)) {
    let current: { command: string; output: string[] } | undefined;
    for (const line of block[1]!.replace(/\n$/, '').split('\n')) {
      if (line.startsWith('$ ')) {
        if (current) shown.push({ command: current.command, output: current.output.join('\n') });
        current = { command: line.slice(2), output: [] };
      } else current?.output.push(line);
    }
    if (current) shown.push({ command: current.command, output: current.output.join('\n') });
  }
  return shown;
}

/** Splits a command line the way a POSIX shell would for our examples: words, "…" and '…'. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

const shown = consoleCommands(README);
const cli = shown.filter((s) => s.command.startsWith('node dist/cli/main.js'));

it('the Quick start is the two commands', () => {
  expect(README).toContain('## Quick start');
  expect(README).toMatch(/```sh\nnpm install && npm start\nnpm test\n```/);
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  expect(scripts.start).toBe('npm run build --silent && node dist/cli/main.js derive examples/bce-sigmoid.grad');
});

it('the output shown for npm start is what it derives', () => {
  const start = shown.find((s) => s.command === 'npm start');
  expect(start).toBeDefined();
  // npm's own header: a blank line, "> gradproof@VERSION start", "> COMMAND", a blank line.
  const [blank, name, command, gap, ...rest] = start!.output.split('\n');
  expect([blank, name, command, gap]).toEqual(['', expect.stringMatching(/^> gradproof@\S+ start$/), '> npm run build --silent && node dist/cli/main.js derive examples/bce-sigmoid.grad', '']);
  expect(`${rest.join('\n')}\n`).toBe(gradproof('derive', 'examples/bce-sigmoid.grad').stdout);
});

describe('every CLI command in the README prints what the README shows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradproof-readme-'));
  symlinkSync(join(ROOT, 'examples'), join(dir, 'examples'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('there are some', () => {
    expect(cli.length).toBeGreaterThanOrEqual(5);
  });

  // In order: a later command may read a file an earlier one wrote (-o seed.json, check seed.json).
  it.each(cli.map((s) => [s.command, s] as const))('$ %s', (_, { command, output }) => {
    const r = gradproofIn(dir, ...words(command).slice(2));
    expect(r.stdout + r.stderr).toBe(output ? `${output}\n` : '');
    const status = /^(\S+: )?error: /m.test(output) ? 2 : /: (refuted|unknown)$|^\s+(refuted|unknown)$/m.test(output) ? 1 : 0;
    expect(r.status).toBe(status);
  });
});
