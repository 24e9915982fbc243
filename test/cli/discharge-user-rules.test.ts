/**
 * The kernel discharges a condition by the ranges of functions whose meaning is fixed; a rule
 * file can neither redefine one of them nor have a function of its own taken as positive.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectBadInput, gradproof } from './run.js';

const rulesFile = (text: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'gradproof-')), 'user.rules');
  writeFileSync(file, text);
  return file;
};

describe('ranges come only from functions with a fixed meaning', () => {
  it('a rule file that redefines sigmoid (to make sigmoid(z) > 0 false) is refused', () => {
    const r = gradproof('derive', 'log(sigmoid(z))', '--wrt', 'z', '--rules', rulesFile('def sigmoid(u) = u - 1\n'));
    expect(expectBadInput(r)[0]).toMatch(/def sigmoid: sigmoid has a fixed meaning and cannot be redefined$/);
  });

  it("a user's function keeps its condition: log(pos(z)) needs pos(z) > 0", () => {
    const r = gradproof('derive', 'log(pos(z))', '--wrt', 'z', '--rules', rulesFile('def pos(u) = u - 1\n'), '--format', 'json');
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect([j.result, j.conditions]).toEqual(['1/pos(z)', ['pos(z) > 0']]);
  });
});
