/**
 * The command line, for what only it shows: exit codes, and the premises printed beside
 * a checked proof (text and JSON), and `check --problem` matching a proof to a problem.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProblem } from '../../src/parse/problem.js';
import { outcomeToJson, runProblem } from '../../src/api/derive.js';
import { gradproof, expectBadInput } from '../cli/run.js';

const dir = mkdtempSync(join(tmpdir(), 'gradproof-adversarial-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The example's proof JSON, edited by `edit`, written to a file; its path. */
function proofFile(name: string, edit: (j: Record<string, unknown>) => void = () => {}): string {
  const j = JSON.parse(JSON.stringify(outcomeToJson(runProblem(parseProblem(readFileSync(`examples/${name}.grad`, 'utf8'), `${name}.grad`))))) as Record<string, unknown>;
  edit(j);
  const file = join(dir, `${name}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(j));
  return file;
}
const step = (o: Record<string, unknown>) => ({ conditions: [], bindings: {}, phase: 0, path: [], derivation: 0, ...o });
/** A valid proof that diff(L, z2) = 0, for a loss L = 3 of its own. */
const trivialLoss = (j: Record<string, unknown>) => {
  j.definitions = [{ name: 'L', expr: '3' }];
  j.assumptions = [];
  j.lemmas = [];
  j.result = '0';
  j.steps = [
    step({ rule: 'def.unfold', kind: 'definition', path: [0], before: 'diff(L, z2)', after: 'diff(3, z2)' }),
    step({ rule: 'd.const', kind: 'rule', before: 'diff(3, z2)', after: '0', bindings: { c: '3', x: 'z2' } }),
  ];
};

describe('check prints the premises a proof rests on', () => {
  it('the seed: its definitions', () => {
    const r = gradproof('check', proofFile('bce-sigmoid'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('a2 = sigmoid(z2)');
    expect(r.stdout).toContain('L = -(y*log(a2) + (1 - y)*log(1 - a2))');
  });
  it('softmax: the labels’ fact', () => {
    const r = gradproof('check', proofFile('softmax-cce-3'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('y1 + y2 + y3 = 1');
  });
  it('a proof for a loss of its own, L = 3: the definition is printed', () => {
    const r = gradproof('check', proofFile('bce-sigmoid', trivialLoss));
    expect(r.stdout).toContain('L = 3');
  });
  it('--format json: a premises field', () => {
    const r = gradproof('check', proofFile('softmax-cce-3'), '--format', 'json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { premises?: { assumptions: unknown[]; definitions: unknown[]; ruleFiles: unknown[] } };
    expect(out.premises?.assumptions).toHaveLength(1);
    expect(out.premises?.ruleFiles).toEqual([]);
  });
});

describe('check --problem: the proof proves that problem, under its facts', () => {
  it('the seed’s proof matches the seed', () => {
    const r = gradproof('check', proofFile('bce-sigmoid'), '--problem', 'examples/bce-sigmoid.grad');
    expect(r.status, r.stderr).toBe(0);
  });
  it('a proof for L = 3 does not match the seed: exit 1', () => {
    const r = gradproof('check', proofFile('bce-sigmoid', trivialLoss), '--problem', 'examples/bce-sigmoid.grad');
    expect(r.status, r.stdout + r.stderr).toBe(1);
  });
  it('softmax’s proof with an extra fact does not match softmax: exit 1', () => {
    const r = gradproof('check', proofFile('softmax-cce-3', (j) => (j.assumptions as string[]).push('y1 = 1/2')), '--problem', 'examples/softmax-cce-3.grad');
    expect(r.status, r.stdout + r.stderr).toBe(1);
  });
});

describe('exit codes: nothing false passes, bad input is exit 2', () => {
  it('a proof without the fact it uses: exit 1', () => {
    const r = gradproof('check', proofFile('softmax-cce-3', (j) => (j.assumptions = [])));
    expect(r.status).toBe(1);
  });
  it('equal 0/0 0 is not proven: exit 1', () => expect(gradproof('equal', '0/0', '0').status).toBe(1));
  it('equal x + 0/0 x is not proven: exit 1', () => expect(gradproof('equal', 'x + 0/0', 'x').status).toBe(1));
  it('an expectation under contradictory facts is not proven: refused as bad input, exit 2', () => {
    expect(gradproof('derive', '(relu(z) - y)^2/2', '--wrt', 'z', '--assume', 'z > 1', '--assume', 'z < 0', '--expect', 'z - y').status).toBe(2);
  });
  it('a false rule file is refused: exit 2', () => {
    const file = join(dir, 'relu.rules');
    writeFileSync(file, 'rule user.relu "relu" / "relu"\n  relu(x - 5) = 0\n');
    expectBadInput(gradproof('derive', 'relu(z - 5)', '--wrt', 'z', '--rules', file));
  });
  it('a rule file that redefines exp is refused: exit 2', () => {
    const file = join(dir, 'exp.rules');
    writeFileSync(file, 'def exp(u) = exp(u)\n');
    expectBadInput(gradproof('derive', 'exp(z)', '--wrt', 'z', '--rules', file));
  });
  it('a proof that is not JSON: exit 2', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"goal": ');
    expectBadInput(gradproof('check', file));
  });
  it('a sum from an index the labels’ fact does not cover: no internal error', () => {
    const r = gradproof('derive', '-sum(k, 0, K, y[k]*log(a[k]))', '--let', 'a[k] = exp(z[k])/sum(j, 1, K, exp(z[j]))', '--wrt', 'z[i]', '--assume', 'sum(k, 1, K, y[k]) = 1', '--expect', 'a[i] - y[i]');
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.status).toBe(1);
  });
});
