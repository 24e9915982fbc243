/**
 * A replayed proof file is shown with where its theorem holds: `check` on the JSON of
 * `derive "log(x)"` says x > 0, in text and JSON, so the claim never loses its condition.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradproof } from './run.js';

function proofOf(...args: string[]): string {
  const r = gradproof('derive', ...args, '--format', 'json');
  expect(r.status, r.stderr).toBe(0);
  const file = join(mkdtempSync(join(tmpdir(), 'gradproof-')), 'proof.json');
  writeFileSync(file, r.stdout);
  return file;
}

describe('check PROOF.json: the theorem with its conditions', () => {
  const log = proofOf('log(x)', '--wrt', 'x');

  it('text: the claim, then the condition it needs', () => {
    const r = gradproof('check', log);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('checked: 3 steps replayed\ndiff(L, x) = 1/x\nConditions  x > 0\nPremises    given     L = log(x)\n');
  });

  it('Chinese: the same condition under its Chinese heading', () => {
    expect(gradproof('check', log, '--lang', 'zh').stdout.split('\n')[2]).toBe('条件        x > 0');
  });

  it('JSON: conditions beside the claim', () => {
    const j = JSON.parse(gradproof('check', log, '--format', 'json').stdout);
    expect([j.claim, j.conditions]).toEqual(['diff(L, x) = 1/x', ['x > 0']]);
  });

  it('a theorem that holds at every point lists none', () => {
    const j = JSON.parse(gradproof('check', proofOf('examples/bce-sigmoid.grad'), '--format', 'json').stdout);
    expect([j.claim, j.conditions]).toEqual(['diff(L, z2) = a2 - y', []]);
  });
});
