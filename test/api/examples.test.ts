/** Every problem in examples/, through the API: the exact result, every expectation proven, finite differences agree. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProblem } from '../../src/parse/problem.js';
import { outcomeToJson, runProblem } from '../../src/api/derive.js';
import { expectMatchesFiniteDifferences } from '../support/fd.js';
import { ROOT } from '../support/source.js';

const table: ReadonlyArray<readonly [file: string, goal: string, result: string, conditions: readonly string[]]> = [
  ['bce-logit.grad', 'diff(L, z)', 'sigmoid(z) - y', []],
  ['bce-sigmoid.grad', 'diff(L, z2)', 'a2 - y', []],
  ['mse-sigmoid.grad', 'diff(L, z)', '(a - y)*a*(1 - a)', []],
  ['tanh-mse.grad', 'diff(L, z)', '(a - y)*(1 - a^2)', []],
  ['two-layer.grad', 'diff(L, w1)', '(a2 - y)*w2*a1*(1 - a1)*x', []],
  // The paper's form (Lin et al. 2017), reached with or without the file's expectation (issue 15).
  ['focal-sigmoid.grad', 'diff(L, z)', 'a^2*(1 - y)*(a - 2*(1 - a)*log(1 - a)) + y*(a - 1 + 2*a*log(a))*(1 - a)^2', []],
];

describe('examples/', () => {
  // Every example is derived and checked in test/catalogue/; this table pins the first ones exactly.
  it('the table names examples that exist', () => {
    const files = readdirSync(join(ROOT, 'examples')).filter((n) => n.endsWith('.grad'));
    for (const [f] of table) expect(files).toContain(f);
  });

  it.each(table)('%s: %s = %s', (file, goal, result, conditions) => {
    const spec = parseProblem(readFileSync(join(ROOT, 'examples', file), 'utf8'), `examples/${file}`);
    expect(spec.expects.length).toBeGreaterThan(0);
    const outcome = runProblem(spec);
    const json = outcomeToJson(outcome);
    expect([json.goal, json.result, json.verdict]).toEqual([goal, result, 'proven']);
    expect(json.expectations.map((e) => e.verdict)).toEqual(spec.expects.map(() => 'proven'));
    expect(json.conditions).toEqual(conditions);
    expectMatchesFiniteDifferences(outcome);
    expectMatchesFiniteDifferences(json);
    // Without its expectation the engine reaches the same result on its own.
    const own = outcomeToJson(runProblem({ ...spec, expects: [] }));
    expect([own.result, own.verdict]).toEqual([result, null]);
  });
});
