/** Contradictory assumptions on the command line: bad input, exit 2, in derive, equal and check alike. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradproof } from './run.js';

describe('the assumptions contradict each other', () => {
  const message = 'error: the assumptions contradict each other: z > 1 and z < 0\n';

  it('equal', () => {
    expect(gradproof('equal', 'x', 'x', '--assume', 'z > 1', '--assume', 'z < 0')).toEqual({ status: 2, stdout: '', stderr: message });
  });

  it('derive', () => {
    expect(gradproof('derive', 'z^2', '--wrt', 'z', '--expect', '2*z', '--assume', 'z > 1', '--assume', 'z < 0')).toEqual({ status: 2, stdout: '', stderr: message });
  });

  it('derive --all and codegen', () => {
    expect(gradproof('derive', 'z^2 + w', '--all', '--assume', 'z > 1', '--assume', 'z < 0')).toEqual({ status: 2, stdout: '', stderr: message });
    expect(gradproof('codegen', 'z^2', '--wrt', 'z', '--target', 'js', '--assume', 'z > 1', '--assume', 'z < 0')).toEqual({ status: 2, stdout: '', stderr: message });
  });

  it('check, a chain and a proof file whose assumptions were edited', () => {
    expect(gradproof('check', '--chain', 'x', 'x', '--assume', 'z > 1', '--assume', 'z < 0')).toEqual({ status: 2, stdout: '', stderr: message });
    const proof = JSON.parse(gradproof('derive', 'z^2', '--wrt', 'z', '--assume', 'z > 1', '--format', 'json').stdout) as { assumptions: string[] };
    proof.assumptions.push('z < 0');
    const file = join(mkdtempSync(join(tmpdir(), 'gradproof-contradiction-')), 'proof.json');
    writeFileSync(file, JSON.stringify(proof));
    expect(gradproof('check', file)).toEqual({ status: 2, stdout: '', stderr: message });
  });

  it('one assumption that can never hold', () => {
    expect(gradproof('equal', '1', '0', '--assume', 'sigmoid(z) = 1')).toEqual({ status: 2, stdout: '', stderr: 'error: the assumption sigmoid(z) = 1 can never hold\n' });
  });
});
