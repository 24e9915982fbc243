/**
 * Every problem in examples/ (the README's catalogue), through the API: it has a title,
 * comments and an expectation; the kernel replays the proof; every expectation (the
 * textbook's answer) is proven; and the gradient agrees with central finite differences.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProblem } from '../../src/parse/problem.js';
import { outcomeToJson, runProblem } from '../../src/api/derive.js';
import { expectMatchesFiniteDifferences } from '../support/fd.js';
import { ROOT } from '../support/source.js';

const EXAMPLES = readdirSync(join(ROOT, 'examples')).filter((n) => n.endsWith('.grad')).sort();

it('the catalogue has at least 20 problems', () => {
  expect(EXAMPLES.length).toBeGreaterThanOrEqual(20);
});

describe.each(EXAMPLES)('examples/%s', (file) => {
  const text = readFileSync(join(ROOT, 'examples', file), 'utf8');
  const spec = parseProblem(text, `examples/${file}`);

  it('has a title, a comment and an expectation', () => {
    expect(spec.title?.trim()).toBeTruthy();
    expect(text).toMatch(/^#\s*\S/m);
    expect(spec.expects.length).toBeGreaterThan(0);
  });

  it('is proven, replayed by the kernel, and agrees with finite differences', () => {
    const outcome = runProblem(spec);
    const json = outcomeToJson(outcome);
    expect(json.checked).toBe(true);
    expect(json.replayed).toBeGreaterThan(0);
    expect(json.verdict, `${file}: ${json.result}, evidence ${JSON.stringify(json.expectations)}`).toBe('proven');
    expect(json.expectations.map((e) => e.verdict)).toEqual(spec.expects.map(() => 'proven'));
    expect(json.counterexample).toBeNull();
    const report = expectMatchesFiniteDifferences(outcome);
    expect(report.checked.length).toBeGreaterThanOrEqual(8);
    // The JSON's result string, parsed back, is the same gradient.
    expectMatchesFiniteDifferences(json);
  });
});
