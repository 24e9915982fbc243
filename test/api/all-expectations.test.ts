/**
 * `--all` keeps the problem's `assume` and `expect` lines: the facts simplify every gradient
 * (kernel-checked), the file's expectation is decided against the gradient of its `wrt`
 * variable, and every format shows each gradient's verdict; exit 0 only if all are proven.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diff, sym } from '../../src/expr/node.js';
import { toAscii } from '../../src/expr/print.js';
import { parseProblem } from '../../src/parse/problem.js';
import { builtinRules } from '../../src/rules/builtin.js';
import type { Outcome } from '../../src/api/derive.js';
import { type AllOutcome, allToJson, deriveAll, gradientVerdict } from '../../src/api/all.js';
import { expectMatchesFiniteDifferences } from '../support/fd.js';
import { ROOT, expectBadInput, gradproof } from '../cli/run.js';

const rules = builtinRules();
const load = (file: string) => parseProblem(readFileSync(join(ROOT, file), 'utf8'), file, { functions: rules.functions });
const resultOf = (o: AllOutcome, wrt: string): string => toAscii(o.gradients.find((g) => g.wrt === wrt)!.result);

/** One gradient of `--all` as the finite-difference witness takes it (with the problem's facts). */
const asOutcome = (o: AllOutcome, wrt: string): Outcome =>
  ({ proof: { ...o.proof, start: diff(sym(o.lossName), sym(wrt)), result: o.gradients.find((g) => g.wrt === wrt)!.result }, wrt, rules: o.rules }) as unknown as Outcome;

describe('softmax-cce-3 --all: the assumption y1 + y2 + y3 = 1 and the expectation a1 - y1', () => {
  const o = deriveAll(load('examples/softmax-cce-3.grad'), rules);

  it('uses the stated fact: ∂L/∂zk is ak - yk, no longer ak*(y1 + y2 + y3) - yk', () => {
    expect(['z1', 'z2', 'z3'].map((z) => resultOf(o, z))).toEqual(['a1 - y1', 'a2 - y2', 'a3 - y3']);
    // The step that uses it is the kernel's to check: an `assumption` step citing `assume`.
    const used = o.proof.steps.filter((s) => s.kind === 'assumption');
    expect(used.map((s) => [toAscii(s.before), toAscii(s.after)])).toEqual([
      ['a1*(y1 + y2 + y3) - y1', 'a1 - y1'],
      ['a2*(y1 + y2 + y3) - y2', 'a2 - y2'],
      ['a3*(y1 + y2 + y3) - y3', 'a3 - y3'],
    ]);
    expect(o.premises.assumptions.map((a) => `${toAscii(a.lhs)} ${a.op} ${toAscii(a.rhs)}`)).toEqual(['y1 + y2 + y3 = 1']);
  });

  it('the simplified gradients match finite differences where the labels sum to 1', () => {
    for (const z of ['z1', 'z2', 'z3']) expect(expectMatchesFiniteDifferences(asOutcome(o, z), { points: 8 }).checked).toHaveLength(8);
  });

  it('decides the file expectation against ∂L/∂z1 (its wrt), proven; every other gradient is proven as derived', () => {
    expect(o.expectations.map((e) => [e.wrt, toAscii(e.expected), e.decision.verdict])).toEqual([['z1', 'a1 - y1', 'proven']]);
    expect(o.gradients.map((g) => gradientVerdict(o, g.wrt))).toEqual(Array(9).fill('proven'));
    const json = allToJson(o) as { verdicts: Record<string, string>; verdict: string; expectations: unknown[] };
    expect([json.verdicts.z1, json.verdict, json.expectations]).toEqual([
      'proven',
      'proven',
      [{ wrt: 'z1', expected: 'a1 - y1', verdict: 'proven', counterexample: null, values: null, evidence: null }],
    ]);
  });
});

describe('the verdicts in every format, and the exit code', () => {
  const MSE = ['L = (a - y)^2', '--let', 'a = sigmoid(z)', '--all', '--wrt', 'z'];

  it('text: each gradient with its verdict, the expectation with its counterexample; exit 1 when refuted', () => {
    const r = gradproof('derive', ...MSE, '--expect', 'a - y');
    expect(r.status).toBe(1);
    const tail = r.stdout.slice(r.stdout.indexOf('Gradients'));
    expect(tail.split('\n').slice(0, 3)).toEqual([
      'Gradients   ∂L/∂a = 2*(a - y)            proven',
      '            ∂L/∂y = -2*(a - y)           proven',
      '            ∂L/∂z = 2*(a - y)*a*(1 - a)  refuted',
    ]);
    expect(tail).toMatch(/\nExpected    ∂L\/∂z = a - y: refuted\n {12}at: y = [-\d.e]+, z = [-\d.e]+; result [-\d.e]+, expected [-\d.e]+\n/);
  });

  it('text: exit 0 with a proven expectation', () => {
    const r = gradproof('derive', ...MSE, '--expect', '2*(a - y)*a*(1 - a)');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('\nExpected    ∂L/∂z = 2*(a - y)*a*(1 - a): proven\n');
  });

  it('json: verdicts by variable and the expectation; md: a verdict column; latex: a verdict paragraph; html: a verdict per gradient', () => {
    const json = JSON.parse(gradproof('derive', ...MSE, '--expect', 'a - y', '--format', 'json').stdout) as Record<string, unknown>;
    expect([json.verdicts, json.verdict]).toEqual([{ a: 'proven', y: 'proven', z: 'refuted' }, 'refuted']);
    const md = gradproof('derive', ...MSE, '--expect', 'a - y', '--format', 'md');
    expect(md.status).toBe(1);
    expect(md.stdout).toContain('| Variable | Gradient | Verdict |\n| --- | --- | --- |\n');
    expect(md.stdout).toMatch(/\| \$z\$ \| \$\\frac\{\\partial L\}\{\\partial z\} = [^|]+\$ \| refuted \|\n/);
    expect(md.stdout).toMatch(/\*\*Expected\*\* \$\\frac\{\\partial L\}\{\\partial z\} = a - y\$: refuted \(at \$y = [-\d.e]+\$, \$z = [-\d.e]+\$\)/);
    const latex = gradproof('derive', ...MSE, '--expect', 'a - y', '--format', 'latex').stdout;
    expect(latex).toContain('\\textbf{Verdict:} $\\frac{\\partial L}{\\partial a}$ proven, $\\frac{\\partial L}{\\partial y}$ proven, $\\frac{\\partial L}{\\partial z}$ refuted.');
    expect(latex).toContain('\\textbf{Expected:} $\\frac{\\partial L}{\\partial z} = a - y$ --- refuted.');
    const html = gradproof('derive', ...MSE, '--expect', 'a - y', '--format', 'html').stdout;
    const verdictOf = (wrt: string): string | undefined => new RegExp(`data-wrt="${wrt}">.*?<div class="verdict"><span class="verdict-word[^>]*>(\\w+)<`, 's').exec(html)?.[1];
    expect(['a', 'y', 'z'].map(verdictOf)).toEqual(['proven', 'proven', 'refuted']);
  });

  it('an --expect with --all names its gradient with --wrt', () => {
    expect(expectBadInput(gradproof('derive', 'x^2', '--all', '--expect', '2*x'))[0]).toBe(
      'error: --expect with --all is about one gradient: name it with --wrt VAR (the expectation is then about ∂L/∂VAR)',
    );
  });
});
