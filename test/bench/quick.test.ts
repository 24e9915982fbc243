/**
 * `node bench/run.mjs --quick` (what `npm run bench -- --quick` runs after the build) still
 * works: it writes its tables, and bench/peers-external.mjs adds its columns. No timing is
 * asserted: the benchmark measures, the tests only check that it runs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ROOT } from '../cli/run.js';

const dir = mkdtempSync(join(tmpdir(), 'gradproof-bench-test-'));
const out = join(dir, 'results.md');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const node = (...args: string[]): string => execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', stdio: 'pipe', timeout: 240_000 });

describe('npm run bench -- --quick', () => {
  it('writes every table, with the seed, the command, the examples, deep chains and peers', () => {
    node('bench/run.mjs', '--quick', '--out', out, '--cli', inject('gradproofCli'));
    const md = readFileSync(out, 'utf8');
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## (a) Formula 8-13 in process', '## (b) The command as a whole process', '## (c) Every example, in process, warm', '## (d) Deep chains', '## (e) Peers on the same cases']);
    expect(md).toMatch(/^\| `node -e 0`, taking turns with it \| \d+ \| \d+ \|$/m);
    expect(md).toMatch(/^\| examples\/bce-sigmoid\.grad \| [\d.]+ \| [\d.]+ \| 25 \|$/m);
    // Deep chains: n = 1 and 10, both in the textbook form, 2 and 29 factors.
    expect(md).toMatch(/^\| 1 \| [\d.]+ \| [\d.]+ \(2\) \| yes \| 2 \| 10 \| 32 \| \d+ \| \d+ \|$/m);
    expect(md).toMatch(/^\| 10 \| [\d.]+ \| [\d.]+ \(2\) \| yes \| 29 \| 147 \| 158 \| \d+ \| \d+ \|$/m);
    expect(md).toMatch(/^\| formula 8-13 \(BCE through a sigmoid\), ∂L\/∂z \| [\d.]+ ms \| [\d.]+ ms .*\| .* \| not run \| not run \|$/m);
    expect(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')).quick).toBe(true);
  }, 300_000);

  it('bench/peers-external.mjs fills the SymPy and Maxima columns, or says they are not installed', () => {
    node('bench/peers-external.mjs', '--results', join(dir, 'results.json'));
    const row = readFileSync(out, 'utf8').split('\n').find((l) => l.startsWith('| formula 8-13'))!;
    const [sympy, maxima] = row.split(' | ').slice(-2).map((c) => c.replace(/ \|$/, ''));
    expect(sympy).toMatch(/^([\d.]+ ms.*|not installed \(python3 with sympy\))$/);
    expect(maxima).toMatch(/^([\d.]+ ms.*|not installed \(maxima\))$/);
  }, 300_000);
});
