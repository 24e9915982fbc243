/** `gradproof derive EXPR --wrt "z[i]"`: an inline problem takes a family member, as a problem file's `wrt` line does. */
import { describe, expect, it } from 'vitest';
import { gradproof } from './run.js';

const lines = (s: string): string[] => s.replace(/\n$/, '').split('\n');

describe('inline --wrt with a member of a family', () => {
  it('derives softmax with cross-entropy for any K, the same as examples/softmax-cce-K.grad', () => {
    const inline = gradproof(
      'derive', 'L = -sum(k, 1, K, y[k]*log(a[k]))',
      '--let', 'a[k] = exp(z[k])/sum(j, 1, K, exp(z[j]))',
      '--wrt', 'z[i]',
      '--assume', '1 <= i <= K', '--assume', 'sum(k, 1, K, y[k]) = 1',
      '--expect', 'a[i] - y[i]',
    );
    expect(inline.stderr).toBe('');
    expect(inline.status).toBe(0);
    const file = gradproof('derive', 'examples/softmax-cce-K.grad');
    expect(lines(inline.stdout).slice(-4)).toEqual(lines(file.stdout).slice(-4));
    expect(lines(inline.stdout).slice(-1)).toEqual(['Expected    a[i] - y[i]: proven']);
  });

  it('takes spaces inside the brackets and a numbered member', () => {
    const r = gradproof('derive', 'log(z[2])', '--wrt', 'z[ 2 ]', '--format', 'json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).result).toBe('1/z[2]');
  });

  it('still refuses what is not one name or one member, with exit code 2', () => {
    for (const wrt of ['x y', 'z[i', 'z[i][j]', 'z[i+1]']) {
      const r = gradproof('derive', 'x^2', '--wrt', wrt);
      expect(r.status, wrt).toBe(2);
      expect(r.stderr, wrt).toBe(`error: --wrt takes one variable name, not '${wrt}'\n`);
    }
  });
});

describe('--wrt in the syntax of the input', () => {
  it('with a LaTeX loss, --wrt z_2 is z2 and --expect a_2 - y is a2 - y', () => {
    const r = gradproof('derive', '-[y \\log a_2 + (1 - y) \\log(1 - a_2)]', '--let', 'a_2 = \\sigma(z_2)', '--wrt', 'z_2', '--expect', 'a_2 - y', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ wrt: 'z2', result: 'a2 - y', verdict: 'proven' });
  });

  it('a member of a family written with a number subscript, and a layer superscript', () => {
    const member = gradproof('derive', '\\sum_{k=1}^{3} z_k^2', '--wrt', 'z_1', '--format', 'json');
    expect(JSON.parse(member.stdout)).toMatchObject({ wrt: 'z[1]', result: '2*z[1]' });
    const layer = gradproof('derive', '\\tanh(z^{(2)})', '--wrt', 'z^{(2)}', '--expect', '1 - \\tanh^2 z^{(2)}', '--format', 'json');
    expect(JSON.parse(layer.stdout)).toMatchObject({ wrt: 'z__2', verdict: 'proven' });
  });
});
