/** `gradproof derive` as a user runs it: the seed problem file, inline input, -o, help. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BCE, ROOT, SIGMOID, gradproof } from './run.js';

const lines = (s: string): string[] => s.replace(/\n$/, '').split('\n');
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

describe('gradproof derive examples/bce-sigmoid.grad (formula 8-13)', () => {
  const r = gradproof('derive', 'examples/bce-sigmoid.grad');

  it('exits 0 with nothing on stderr', () => {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('starts with the title and the definitions', () => {
    expect(lines(r.stdout).slice(0, 4)).toEqual([
      'Formula 8-13: ∂L/∂z2 for binary cross-entropy on a sigmoid output',
      '',
      'Given       a2 = sigmoid(z2)',
      '            L = -(y*log(a2) + (1 - y)*log(1 - a2))',
    ]);
  });

  it('ends with the result, the premises it rests on and the proven expectation: 0 < a2 < 1 holds by a2 = sigmoid(z2), no condition', () => {
    expect(lines(r.stdout).slice(-5)).toEqual([
      '',
      'Result      ∂L/∂z2 = a2 - y',
      'Premises    given     a2 = sigmoid(z2)',
      '                      L = -(y*log(a2) + (1 - y)*log(1 - a2))',
      'Expected    a2 - y: proven',
    ]);
  });

  it('shows the chain rule first and the cancellation last', () => {
    expect(r.stdout).toMatch(/^∂L\/∂z2 {2}= ∂L\/∂a2 · ∂a2\/∂z2 +chain rule$/m);
    expect(r.stdout).toMatch(/^ +=  ?a2 - y +cancel the common factor {2}\[a2 != 0, a2 != 1\]$/m);
  });
});

describe('gradproof derive EXPR --let ... --wrt ... --expect ...', () => {
  it('proves the expected gradient and exits 0', () => {
    const r = gradproof('derive', BCE, '--let', SIGMOID, '--wrt', 'z2', '--expect', 'a2 - y');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(lines(r.stdout)).toContain('Result      ∂L/∂z2 = a2 - y');
    expect(lines(r.stdout).at(-1)).toBe('Expected    a2 - y: proven');
  });

  it('refutes a wrong expectation with a counterexample that is one, and exits 1', () => {
    const r = gradproof('derive', BCE, '--let', SIGMOID, '--wrt', 'z2', '--expect', 'a2 + y');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const out = lines(r.stdout);
    expect(out.at(-2)).toBe('Expected    a2 + y: refuted');
    const m = /^ {12}at: y = (\S+), z2 = (\S+); result (\S+), expected (\S+)$/.exec(out.at(-1)!);
    expect(m, out.at(-1)).not.toBeNull();
    const [y, z2, result, expected] = m!.slice(1).map(Number) as [number, number, number, number];
    // The printed values are the two sides at the printed point, and they differ.
    expect(result).toBeCloseTo(sigmoid(z2) - y, 5);
    expect(expected).toBeCloseTo(sigmoid(z2) + y, 5);
    expect(Math.abs(result - expected)).toBeGreaterThan(1e-3);
  });

  it('derives without --expect and exits 0', () => {
    const r = gradproof('derive', BCE, '--let', SIGMOID, '--wrt', 'z2');
    expect(r.status).toBe(0);
    expect(lines(r.stdout).slice(-4)).toEqual([
      '',
      'Result      ∂L/∂z2 = a2 - y',
      'Premises    given     a2 = sigmoid(z2)',
      '                      L = -(y*log(a2) + (1 - y)*log(1 - a2))',
    ]);
    expect(r.stdout).not.toMatch(/^Expected/m);
  });

  it('reads a loss that starts with a minus, and --format=json', () => {
    const r = gradproof('derive', '-x^2', '--wrt', 'x', '--expect', '-2*x', '--format=json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ result: '-2*x', verdict: 'proven' });
  });

  it('lists every single step with --steps, each citing its rule id', () => {
    const r = gradproof('derive', 'examples/bce-sigmoid.grad', '--steps');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ 1\. diff\(L, z2\) {2}→ {2}diff\(L, a2\)\*diff\(a2, z2\) +chain \(chain rule\) {2}at root$/m);
    expect(r.stdout).toMatch(/ d\.log \(logarithm rule\) .*\[a2 > 0\]$/m);
  });
});

describe('-o FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradproof-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['text', 'latex', 'json'])('writes the %s output to the file and nothing to stdout', (format) => {
    const file = join(dir, `out.${format}`);
    const r = gradproof('derive', 'examples/bce-sigmoid.grad', '--format', format, '-o', file);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(gradproof('derive', 'examples/bce-sigmoid.grad', '--format', format).stdout);
  });

  it('--output FILE is the same, and a refuted expectation still exits 1', () => {
    const file = join(dir, 'refuted.txt');
    const r = gradproof('derive', BCE, '--let', SIGMOID, '--wrt', 'z2', '--expect', 'a2 + y', '--output', file);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toMatch(/^Expected {4}a2 \+ y: refuted$/m);
  });
});

describe('help and version', () => {
  it.each([['gradproof --help', ['--help']], ['gradproof -h', ['-h']], ['gradproof', []]])('%s prints the usage and exits 0', (_, args) => {
    const r = gradproof(...args);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^gradproof: derive gradients step by step/);
    expect(r.stdout).toContain('  gradproof derive FILE [options]\n');
  });

  it.each(['--version', '-V'])('gradproof %s prints the version in package.json', (flag) => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = gradproof(flag);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`gradproof ${version}\n`);
  });
});

describe('--lang zh', () => {
  const r = gradproof('derive', 'examples/bce-sigmoid.grad', '--lang', 'zh');
  /** Terminal columns: CJK characters take two. */
  const width = (s: string): number => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);

  it('names the rules and the verdict in Chinese', () => {
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^∂L\/∂z2 {2}= ∂L\/∂a2 · ∂a2\/∂z2 +链式法则$/m);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^验证 +a2 - y: 已证明$/);
  });

  // Actual: "已知" is padded to 12 characters, not 12 columns, so the first definition starts
  // at column 14 and the second at column 12 (the same for 结果, 条件, 验证 against 12-column
  // continuation lines).
  it('lines the definitions up under each other (by display width)', () => {
    const out = r.stdout.split('\n');
    const i = out.findIndex((l) => l.startsWith('已知'));
    const first = out[i]!.slice(0, out[i]!.indexOf('a2 = sigmoid(z2)'));
    const second = out[i + 1]!.slice(0, out[i + 1]!.indexOf('L = '));
    expect(width(first)).toBe(width(second));
  });
});
