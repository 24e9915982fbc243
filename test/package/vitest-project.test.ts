/**
 * A small vitest project of someone else's: its own folder and vitest.config, the matchers
 * imported from the packed package as `gradproof/vitest`. Its textbook assertions pass, a
 * deliberately wrong one fails with the message the README shows, and its TypeScript
 * type-checks against the package's declarations (the matchers on vitest's Assertion).
 */
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packedPackage, projectUsing, runVitest } from '../support/package.js';
import { ROOT } from '../support/source.js';
import { spawnSync } from 'node:child_process';

let project: string;

const TESTS = `import { expect, test } from 'vitest';
import { gradproofMatchers } from 'gradproof/vitest';

expect.extend(gradproofMatchers);

const bce = '-(y*log(a2) + (1-y)*log(1-a2))';

test('formula 8-13', () => {
  expect(bce).toHaveGradient({ wrt: 'z2', let: { a2: 'sigmoid(z2)' } }, 'a2 - y');
  expect('a2*(1 - a2)*(a2 - y)/(a2*(1 - a2))').toEqualSymbolically('a2 - y');
});

test('a wrong sign is refuted', () => {
  expect(bce).not.toHaveGradient({ wrt: 'z2', let: { a2: 'sigmoid(z2)' } }, 'y - a2');
});

test('deliberately wrong', () => {
  expect(bce).toHaveGradient({ wrt: 'z2', let: { a2: 'sigmoid(z2)' } }, 'a2 + y');
});
`;

/** The same in TypeScript, with a call the declarations must refuse. */
const TYPED = `import { expect } from 'vitest';
import { gradproofMatchers, type GradientSpec } from 'gradproof/vitest';
import { derive, type DeriveResult } from 'gradproof';

expect.extend(gradproofMatchers);
const spec: GradientSpec = { wrt: 'z2', let: { a2: 'sigmoid(z2)' } };
expect('-(y*log(a2) + (1-y)*log(1-a2))').toHaveGradient(spec, 'a2 - y');
expect('1 - sigmoid(z)').not.toEqualSymbolically('sigmoid(z)', { assume: [] });
const r: DeriveResult = derive({ loss: 'x^2', wrt: 'x' });
const verdict: 'proven' | 'refuted' | 'unknown' | null = r.verdict;
// @ts-expect-error: a gradient needs the variable it is taken with respect to
expect('x^2').toHaveGradient({ let: {} }, '2*x');
// @ts-expect-error: derive() needs wrt
derive({ loss: 'x^2' });
export { verdict };
`;

beforeAll(() => {
  project = projectUsing(packedPackage(), 'vitest-project');
  symlinkSync(join(ROOT, 'node_modules', 'vitest'), join(project, 'node_modules', 'vitest'), 'dir');
  writeFileSync(join(project, 'vitest.config.mjs'), "import { defineConfig } from 'vitest/config';\n\nexport default defineConfig({ test: { include: ['*.test.mjs'] } });\n");
  writeFileSync(join(project, 'textbook.test.mjs'), TESTS);
  writeFileSync(join(project, 'typed.ts'), TYPED);
  writeFileSync(
    join(project, 'tsconfig.json'),
    `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [] }, files: ['typed.ts'] }, null, 2)}\n`,
  );
}, 600_000);

/** The README's failure message for `toHaveGradient(..., 'a2 + y')`: its ```text block. */
function readmeFailure(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /^```text\n(expected ∂L\/∂z2 = a2 \+ y[^]*?)^```$/m.exec(readme);
  expect(block, 'the README shows the failure message').not.toBeNull();
  return block![1]!.replace(/\n$/, '');
}

describe('a vitest project using gradproof/vitest', () => {
  it('passes the textbook assertions and fails the wrong one with what was derived, the point, both values and the LaTeX', () => {
    const { status, results, output } = runVitest(project);
    expect(results.map((a) => [a.title, a.status])).toEqual([
      ['formula 8-13', 'passed'],
      ['a wrong sign is refuted', 'passed'],
      ['deliberately wrong', 'failed'],
    ]);
    expect(status, output).toBe(1);
    const message = results[2]!.failureMessages[0]!;
    // The first lines of vitest's failure are the matcher's message; a stack follows.
    expect(message.startsWith(`Error: ${readmeFailure()}\n`), message).toBe(true);
  }, 300_000);

  it('its TypeScript type-checks against the declarations, which refuse a call without wrt', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8', timeout: 300_000 });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 300_000);
});
