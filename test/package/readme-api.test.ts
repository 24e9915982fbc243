/**
 * The README's ```ts examples run, against the packed package (`import … from 'gradproof'`).
 *
 * The convention: what a block prints is written in it as `// → ` comments, one per line
 * of output, in order (a comment line of its own, or at the end of a code line); the block
 * must print exactly that. A block that imports `vitest` is a test file: it runs in a vitest
 * project of its own and every test in it must pass. TypeScript is stripped by esbuild.
 */
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { packedPackage, projectUsing, run, runVitest } from '../support/package.js';
import { ROOT } from '../support/source.js';

interface Example {
  /** 1-based line of the block's first code line in README.md. */
  readonly line: number;
  readonly code: string;
  /** What it prints, from its `// → ` comments. */
  readonly printed: readonly string[];
  readonly isTest: boolean;
}

/** The ```ts blocks of a Markdown text. */
export function examplesOf(md: string): Example[] {
  return [...md.matchAll(/^```ts\n([^]*?)^```$/gm)].map((m) => {
    const code = m[1]!;
    const printed = [...code.matchAll(/\/\/ → (.*)$/gm)].map((p) => p[1]!);
    return { line: md.slice(0, m.index).split('\n').length + 1, code, printed, isTest: /from 'vitest'/.test(code) };
  });
}

describe('the convention', () => {
  it('reads blocks, their printed lines and whether they are tests', () => {
    const md = ['text', '```ts', "import { a } from 'gradproof';", 'console.log(a); // → 1', '// → 2', '```', '```ts', "import { test } from 'vitest';", '```'].join('\n');
    expect(examplesOf(md)).toEqual([
      { line: 3, code: "import { a } from 'gradproof';\nconsole.log(a); // → 1\n// → 2\n", printed: ['1', '2'], isTest: false },
      { line: 8, code: "import { test } from 'vitest';\n", printed: [], isTest: true },
    ]);
  });
});

const examples = examplesOf(readFileSync(join(ROOT, 'README.md'), 'utf8'));
let project: string;

beforeAll(() => {
  project = projectUsing(packedPackage(), 'readme');
  // The examples read files such as examples/rules/gauss.rules from where they run.
  symlinkSync(join(ROOT, 'examples'), join(project, 'examples'), 'dir');
}, 600_000);

const js = (code: string): string => transformSync(code, { loader: 'ts', format: 'esm', target: 'node20' }).code;

describe('README.md', () => {
  it('has examples of the API, and of the matchers', () => {
    expect(examples.filter((e) => !e.isTest).length).toBeGreaterThanOrEqual(3);
    expect(examples.filter((e) => e.isTest).length).toBeGreaterThanOrEqual(1);
  });

  it.each(examples.filter((e) => !e.isTest).map((e) => [e.line, e] as const))('the example at line %i prints what it shows', (line, e) => {
    expect(e.printed.length, 'an example shows what it prints').toBeGreaterThan(0);
    expect(e.code, 'an example imports the package').toMatch(/from 'gradproof'/);
    const file = join(project, `readme-${line}.mjs`);
    writeFileSync(file, js(e.code));
    expect(run(process.execPath, [file], project)).toBe(`${e.printed.join('\n')}\n`);
  }, 300_000);

  it('the vitest examples pass as a test suite of their own', () => {
    const tests = examples.filter((e) => e.isTest);
    writeFileSync(join(project, 'vitest.config.mjs'), "import { defineConfig } from 'vitest/config';\n\nexport default defineConfig({ test: { include: ['readme-*.test.mjs'] } });\n");
    for (const e of tests) writeFileSync(join(project, `readme-${e.line}.test.mjs`), js(e.code));
    const { status, results, output } = runVitest(project);
    expect(results.length, output).toBeGreaterThanOrEqual(tests.length);
    expect(results.filter((r) => r.status !== 'passed').map((r) => [r.title, r.failureMessages[0]])).toEqual([]);
    expect(status).toBe(0);
  }, 300_000);
});
