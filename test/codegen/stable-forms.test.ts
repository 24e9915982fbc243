/**
 * Stable forms for tanh, logs of products, log-cosh and the sigmoid's slope, and Python that
 * computes as JavaScript does (inf, -inf, NaN) where math.exp and math.log would raise. Each
 * form is checked by its generated text, and by its value where the form as written fails.
 */
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { codegen } from '../../src/codegen/generate.js';
import type { DeriveInput } from '../../src/api/derive.js';
import { cleanUp, writeGenerated } from './support.js';

afterAll(cleanUp);

const body = (code: string): string[] => code.slice(code.search(/^(export function|def loss_and_grad)/m)).split('\n');

let counter = 0;
async function runJs(input: DeriveInput, point: Record<string, number>, all = false): Promise<{ loss: number; grad: Record<string, number> }> {
  const { code } = codegen(input, { target: 'js', all });
  const mod = (await import(pathToFileURL(writeGenerated(`stable${counter++}.mjs`, code!)).href)) as { lossAndGrad: (p: Record<string, number>) => { loss: number; grad: Record<string, number> } };
  return mod.lossAndGrad(point);
}

function runPython(input: DeriveInput, point: Record<string, number>): string {
  const { code } = codegen(input, { target: 'python' });
  const name = `stable_py${counter++}`;
  writeGenerated(`${name}.py`, code!);
  const file = writeGenerated(`run_${name}.py`, `from ${name} import loss_and_grad\nloss, grad = loss_and_grad(**${JSON.stringify(point)})\nprint(repr(loss), sorted((k, repr(v)) for k, v in grad.items()))\n`);
  return execFileSync('python3', [file], { cwd: file.slice(0, file.lastIndexOf('/')), encoding: 'utf8' }).trim();
}

const BCE_TANH = { loss: 'bce(y, a)', let: { a: '(1 + tanh(z))/2' }, wrt: 'z' };

describe('tanh rescaled to (0, 1) is a sigmoid', () => {
  it('(1 + tanh(z))/2 is sigmoid(2z); its logs are softplus', () => {
    const lines = body(codegen(BCE_TANH, { target: 'js' }).code!);
    expect(lines.slice(2, 6)).toEqual(['  const a = sigmoid(2 * z);', '  const loss = y * softplus(-2 * z) + (1 - y) * softplus(2 * z);', '  const grad = {', '    z: 2 * (a - y),']);
  });

  it('at z = -800 the loss is 1600, not log(0)', async () => {
    const r = await runJs(BCE_TANH, { y: 1, z: -800 });
    expect([r.loss, r.grad.z]).toEqual([1600, -2]);
  });

  it('--all: 1 - tanh(z)^2 is 4*sigmoid(2z)*sigmoid(-2z), and cancels against a*(1 - a)', async () => {
    const { code } = codegen(BCE_TANH, { target: 'js', all: true });
    expect(body(code!)).toContain('    z: 2 * (a - y),');
    expect(code).toContain('//   x*x^-1 = 1, x read through the definitions  (no 0/0 where both round to 0)');
    const r = await runJs(BCE_TANH, { y: 0, z: -800 }, true);
    expect(r.grad.z).toBe(0);
  });
});

describe('a log of a quotient by a positive form', () => {
  const KL = { loss: 'kl_bernoulli(p, q)', let: { q: 'sigmoid(z)' }, wrt: 'z' };

  it('log(p/q) with q = sigmoid(z) is log(p) + softplus(-z)', () => {
    const lines = body(codegen(KL, { target: 'js' }).code!);
    expect(lines.slice(2, 5)).toEqual(['  const q = sigmoid(z);', '  const loss = p * (Math.log(p) + softplus(-z)) + (1 - p) * (softplus(z) + Math.log(1 - p));', '  const grad = {']);
  });

  it('finite and right at z = ±800', async () => {
    const lo = await runJs(KL, { p: 0.25, z: -800 });
    expect(lo.loss).toBeCloseTo(0.25 * (Math.log(0.25) + 800) + 0.75 * Math.log(0.75), 9);
    const hi = await runJs(KL, { p: 0.25, z: 800 });
    expect(hi.loss).toBeCloseTo(0.25 * Math.log(0.25) + 0.75 * (Math.log(0.75) + 800), 9);
    expect([lo.grad.z, hi.grad.z]).toEqual([-0.25, 0.75]);
  });
});

describe('log-cosh, tanh and the sigmoid slope written out', () => {
  it('log(cosh(u)) never overflows, sinh/cosh is tanh', async () => {
    const input = { loss: 'log_cosh(y, a)', let: { a: 'w*x + b' }, wrt: 'w' };
    const lines = body(codegen(input, { target: 'js' }).code!);
    expect(lines.slice(2, 6)).toEqual(['  const a = b + w * x;', '  const loss = a - y - Math.log(2) + softplus(-2 * (a - y));', '  const grad = {', '    w: x * Math.tanh(a - y),']);
    const r = await runJs(input, { b: 800, w: 1, x: 0.5, y: 0 });
    expect([r.loss, r.grad.w]).toEqual([800.5 - Math.log(2), 0.5]);
  });

  it('(exp(z) - exp(-z))/(exp(z) + exp(-z)) is tanh(z); exp(-z)/(1 + exp(-z))^2 is sigmoid(z)*sigmoid(-z)', async () => {
    expect(body(codegen({ loss: '(exp(z) - exp(-z))/(exp(z) + exp(-z))', wrt: 'z' }, { target: 'js' }).code!)).toContain('  const loss = Math.tanh(z);');
    const slope = { loss: '1/(1 + exp(-z))', wrt: 'z' };
    expect(body(codegen(slope, { target: 'js' }).code!).slice(2, 6)).toEqual(['  const sig_z = sigmoid(z);', '  const loss = sig_z;', '  const grad = {', '    z: sig_z * sigmoid(-z),']);
    const r = await runJs(slope, { z: -800 });
    expect([r.loss, r.grad.z]).toEqual([0, 0]);
  });
});

describe('Python computes as JavaScript does: no exception where a value overflows or is log(0)', () => {
  it('exp that overflows is inf', () => {
    expect(runPython({ loss: 'r - y*log(r)', let: { r: 'exp(z)' }, wrt: 'z' }, { y: 0, z: 800 })).toBe("inf [('z', 'inf')]");
  });

  it('log(0) is -inf, and a constant log stays math.log', () => {
    expect(runPython({ loss: 'log(x)', wrt: 'x' }, { x: 0 })).toBe("-inf [('x', 'inf')]");
    const { code } = codegen({ loss: 'x*log(2) + exp(x)', wrt: 'x' }, { target: 'python' });
    expect(body(code!).slice(2, 3)).toEqual(['    exp_x = ieee_exp(x)']);
    expect(code).toContain('math.log(2)');
    expect(code).not.toContain('ieee_log');
  });
});
