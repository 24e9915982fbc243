import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gradproof, expectBadInput } from './run.js';

const lines = (s: string): string[] => s.trimEnd().split('\n');

describe('gradproof check FILE: a written derivation, link by link', () => {
  it("the seed's steps 4 to 6 check as proven", () => {
    const r = gradproof('check', 'examples/seed-steps-4-6.proof');
    expect(r.status, r.stderr).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toBe('Formula 8-13, steps 4 to 6: ∂L/∂a2, one fraction, and the cancellation');
    expect(out.filter((l) => /^\s+proven/.test(l))).toHaveLength(4);
    expect(out).toContain(' 4. a2*(1 - a2)*(a2 - y)/(a2*(1 - a2)) = a2 - y');
    expect(out).toContain('    proven  by algebra  [a2 != 0, a2 != 1]');
    expect(out[out.length - 1]).toBe('Every step is proven.');
  });

  it('a sign error is refuted with a point, and named as the first wrong step', () => {
    const r = gradproof('check', 'examples/wrong-step.proof');
    expect(r.status).toBe(1);
    const out = lines(r.stdout);
    expect(out).toContain('    refuted');
    expect(out.find((l) => l.startsWith('    at '))).toMatch(/^ {4}at a2 = -?[\d.]+, y = -?[\d.]+: left -?[\d.e+-]+, right -?[\d.e+-]+$/);
    expect(out[out.length - 1]).toBe('The first wrong step is 2 (line 7): (1 - y)/(1 - a2) - y/a2 = -y/a2 - (1 - y)/(1 - a2)');
  });

  it('JSON: every link with its verdict, and the first wrong one', () => {
    const r = gradproof('check', 'examples/wrong-step.proof', '--format', 'json');
    const j = JSON.parse(r.stdout);
    expect(j.firstWrong).toBe(2);
    expect(j.links.map((l: { verdict: string }) => l.verdict)).toEqual(['proven', 'refuted', 'proven']);
    expect(j.links[0].checked).toBe(true);
    expect(j.links[0].rules).toEqual(['def.unfold', 'd.const-multiple', 'd.sum', 'd.log', 'd.self', 'd.const', 'alg.rearrange']);
    expect(Object.keys(j.links[1].counterexample).sort()).toEqual(['a2', 'y']);
    expect(j.links[1].values.left).not.toBeCloseTo(j.links[1].values.right, 3);
  });

  it('--chain E1 E2 E3, in Chinese', () => {
    const r = gradproof('check', '--chain', 'diff(log(sigmoid(z)), z)', '1 - sigmoid(z)', 'sigmoid(-z)', '--lang', 'zh');
    expect(r.status, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual([
      ' 1. ∂/∂z [log(sigmoid(z))] = 1 - sigmoid(z)',
      '    已证明  依据 对数求导法则、sigmoid 导数、自变量的导数为一、代数恒等变形  [sigmoid(z) > 0, sigmoid(z) != 0]',
      ' 2. 1 - sigmoid(z) = sigmoid(-z)',
      '    已证明  依据 sigmoid 的对称性、代入上面的结果',
      '',
      '每一步都已证明。',
    ]);
  });

  it('--chain with a stated equation uses it', () => {
    const r = gradproof('check', '--chain', 'a*(y1 + y2 + y3) - y1', 'a - y1', '--assume', 'y1 + y2 + y3 = 1');
    expect(r.status, r.stdout).toBe(0);
    expect(lines(r.stdout)[1]).toBe('    proven  by use the assumption');
  });

  it('needs two expressions', () => {
    expect(expectBadInput(gradproof('check', '--chain', 'x'))[0]).toBe('error: check --chain needs at least two expressions: E1 E2 ...');
  });

  it('a derivation file with a syntax error points at it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradproof-'));
    writeFileSync(join(dir, 'bad.proof'), '  diff(x^2, x)\n= 2*x +\n');
    const err = expectBadInput(gradproof('check', join(dir, 'bad.proof')));
    expect(err[0]).toBe(`${join(dir, 'bad.proof')}:2:8: error: unexpected end of input`);
  });
});

describe('gradproof check p.json: a proof travels', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradproof-'));
  const file = join(dir, 'p.json');
  const derived = gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'json', '-o', file);

  it('re-verifies with the kernel alone', () => {
    expect(derived.status).toBe(0);
    const r = gradproof('check', file);
    expect(r.status, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual(['checked: 25 steps replayed', 'diff(L, z2) = a2 - y']);
  });

  it('a tampered file is rejected, naming the step', () => {
    const j = JSON.parse(readFileSync(file, 'utf8'));
    const i = j.steps.findIndex((s: { rule: string }) => s.rule === 'd.log');
    j.steps[i].bindings.u = 'y';
    const bad = join(dir, 'tampered.json');
    writeFileSync(bad, JSON.stringify(j));
    const r = gradproof('check', bad);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('rejected: step 6 (d.log): d.log with these bindings does not match diff(log(a2), a2)\n');
  });

  it('a file that is not JSON is bad input', () => {
    const bad = join(dir, 'broken.json');
    writeFileSync(bad, '{ "steps": [');
    expect(expectBadInput(gradproof('check', bad))[0]).toMatch(/^error: .*broken\.json is not valid JSON: /);
  });
});

describe('gradproof equal A B', () => {
  it.each([
    ['x*(1 + x)', 'x + x^2', 0, '    proven  by algebra'],
    ['log(sigmoid(z))', '-softplus(-z)', 0, '    proven  by log-sigmoid'],
    ['x*(1 + x)', 'x + x^3', 1, '    refuted'],
    ['sin(x)^2 + cos(x)^2', '1', 1, '    unknown'],
  ])('%s = %s', (a, b, status, verdict) => {
    const r = gradproof('equal', a, b);
    expect(r.status, r.stderr).toBe(status);
    expect(lines(r.stdout)[1]).toBe(verdict);
  });
});

describe('LaTeX as the textbook prints it', () => {
  it("the seed's steps 4 to 6 pasted as LaTeX check as proven", () => {
    const r = gradproof('check', 'examples/seed-steps-latex.proof');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(lines(r.stdout).at(-1)).toBe('Every step is proven.');
  });

  it('inline LaTeX with --input latex derives formula 8-13', () => {
    const r = gradproof('derive', '-[y \\log a_2 + (1 - y) \\log(1 - a_2)]', '--let', 'a_2 = \\sigma(z_2)', '--wrt', 'z_2', '--expect', 'a_2 - y', '--input', 'latex');
    expect(r.status, r.stderr).toBe(0);
    expect(lines(r.stdout).at(-1)).toBe('Expected    a2 - y: proven');
  });

  it('a LaTeX error points into the LaTeX', () => {
    const err = expectBadInput(gradproof('derive', '\\frac{1}{1 + e^{-z}', '--wrt', 'z'));
    expect(err[0]).toMatch(/^loss:1:\d+: error: missing '\}'/);
  });
});
