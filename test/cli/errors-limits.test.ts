/**
 * Limits instead of crashes: parse limits are positioned errors (exit 2), budgets that run out
 * make the verdict `unknown` with the reason (exit 1), and the limit flags say what is wrong
 * with a bad value. `--debug` is the one way to a stack trace.
 */
import { describe, expect, it } from 'vitest';
import { why } from '../../src/cli/errors.js';
import { expectBadInput, gradproof } from './run.js';

describe('parse limits: the exact message, at the position', () => {
  it.each([
    ['--max-depth', ['derive', '((((x))))', '--wrt', 'x', '--max-depth', '3'], ['loss:1:4: error: expression nested deeper than 3 levels', '  ((((x))))', '     ^']],
    ['the default depth, on a tree deeper than the text (a/(b + a/(b + …)))', ['derive', `${'a/(b + '.repeat(100)}x${')'.repeat(100)}`, '--wrt', 'x'], null],
    ['a number past the exact limit', ['derive', 'x*2^2^2^2^2^2', '--wrt', 'x'], ['loss:1:6: error: a number larger than 2^65536, the limit for exact numbers', '  x*2^2^2^2^2^2', '       ^']],
    ['a literal past the exact limit', ['derive', 'x*1e999999999', '--wrt', 'x'], ['loss:1:3: error: a number larger than 2^65536, the limit for exact numbers', '  x*1e999999999', '    ^']],
  ])('%s', (_, args, lines) => {
    const out = expectBadInput(gradproof(...args));
    if (lines) expect(out).toEqual([...lines, '']);
    else expect(out[0]).toMatch(/^loss:1:\d+: error: expression nested deeper than 250 levels$/);
  });
});

describe('limit flags: a bad value is a usage error naming the flag', () => {
  it.each([
    [['--max-depth', '0'], "error: --max-depth takes a whole number above 0, not '0'"],
    [['--max-depth', '501'], 'error: --max-depth is at most 500, not 501'],
    [['--max-steps', '1.5'], "error: --max-steps takes a whole number above 0, not '1.5'"],
    [['--max-size', '-3'], "error: --max-size takes a whole number above 0, not '-3'"],
    [['--max-input', 'lots'], "error: --max-input takes a whole number above 0, not 'lots'"],
    [['--timeout', 'soon'], "error: --timeout takes a number of seconds above 0, not 'soon'"],
    [['--timeout', '0'], "error: --timeout takes a number of seconds above 0, not '0'"],
  ])('%j', (flags, first) => {
    expect(expectBadInput(gradproof('derive', 'x^2', '--wrt', 'x', ...flags))).toEqual([first, '']);
  });
});

describe('budgets: the verdict is unknown, with the reason', () => {
  it('step-limit in text: a Stopped line, the expectation unknown, exit 1', () => {
    const r = gradproof('derive', '(a + b)^100000', '--wrt', 'a', '--expect', '100000*(a + b)^99999', '--max-steps', '2');
    expect([r.status, r.stderr]).toEqual([1, '']);
    expect(r.stdout.split('\n').filter((l) => /^(Stopped|Expected| {12}\S)/.test(l))).toEqual([
      'Stopped     step-limit: more than 2 steps',
      'Expected    100000*(a + b)^99999: unknown',
      '            step-limit: more than 2 steps',
    ]);
  });

  it('step-limit in JSON: verdict unknown, stopped with reason and detail, no steps', () => {
    const r = gradproof('derive', '(a + b)^100000', '--wrt', 'a', '--expect', '100000*(a + b)^99999', '--max-steps', '2', '--format', 'json');
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout);
    expect([j.verdict, j.stopped, j.steps, j.expectations[0].verdict, j.expectations[0].evidence]).toEqual([
      'unknown',
      { reason: 'step-limit', detail: 'more than 2 steps' },
      [],
      'unknown',
      'step-limit: more than 2 steps',
    ]);
  });

  it('size-limit: an expression larger than --max-size nodes', () => {
    const r = gradproof('derive', 'x^3*sin(x)', '--wrt', 'x', '--max-size', '5', '--format', 'json');
    expect([r.status, JSON.parse(r.stdout).stopped]).toEqual([1, { reason: 'size-limit', detail: 'an expression of more than 5 nodes' }]);
  });

  it('size-limit: 240 nested sines record far more than the default --max-output nodes of steps', () => {
    const r = gradproof('derive', `${'sin('.repeat(240)}x${')'.repeat(240)}`, '--wrt', 'x', '--format', 'json');
    const out = JSON.parse(r.stdout);
    expect([r.status, out.verdict, out.stopped]).toEqual([1, 'unknown', { reason: 'size-limit', detail: 'steps of more than 1000000 nodes in all' }]);
  });

  it('the same in text, which prints the textbook lines only: derived, no output limit', () => {
    const r = gradproof('derive', `${'sin('.repeat(240)}x${')'.repeat(240)}`, '--wrt', 'x');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('Stopped');
  });

  it('--steps prints every step, so it has the output limit too', () => {
    const r = gradproof('derive', `${'sin('.repeat(240)}x${')'.repeat(240)}`, '--wrt', 'x', '--steps');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('size-limit: steps of more than 1000000 nodes in all');
  });

  it('size-limit: steps larger in all than --max-output nodes', () => {
    const r = gradproof('derive', 'x^3*sin(x)', '--wrt', 'x', '--max-output', '20', '--format', 'json');
    expect([r.status, JSON.parse(r.stdout).stopped]).toEqual([1, { reason: 'size-limit', detail: 'steps of more than 20 nodes in all' }]);
  });

  it('time-limit: a derivation of hundreds of steps, under --timeout 0.001', () => {
    // Softmax over 10 classes takes hundreds of steps and far more than a millisecond.
    const r = gradproof('derive', 'examples/softmax-cce-10.grad', '--timeout', '0.001', '--format', 'json');
    expect([r.status, JSON.parse(r.stdout).stopped]).toEqual([1, { reason: 'time-limit', detail: 'more than 1 ms' }]);
  });

  it('--all out of budget: stopped on stderr, exit 1', () => {
    const r = gradproof('derive', 'x^2', '--wrt', 'x', '--all', '--max-steps', '1');
    expect([r.status, r.stdout, r.stderr]).toEqual([1, '', 'stopped: step-limit: more than 1 steps; the result is unknown\n']);
  });

  it('a finished derivation has stopped: null in JSON', () => {
    const r = gradproof('derive', 'x^2', '--wrt', 'x', '--format', 'json');
    expect([r.status, JSON.parse(r.stdout).stopped]).toEqual([0, null]);
  });
});

describe('blow-ups stay within the default budget', () => {
  it.each([
    ['(a + b)^100000', 'a', '100000*(a + b)^99999'],
    ['(a + b + c)^50', 'a', '50*(a + b + c)^49'],
    ['x^(10^100)', 'x', `${10n ** 100n}*x^${10n ** 100n - 1n}`],
    [`${'(a + (b*'.repeat(100)}x${'))'.repeat(100)}`, 'x', 'b^100'],
  ])('%s', (loss, wrt, expected) => {
    const r = gradproof('derive', loss, '--wrt', wrt, '--expect', expected);
    expect([r.status, r.stderr, r.stdout.split('\n').filter((l) => l.startsWith('Expected'))]).toEqual([0, '', [`Expected    ${expected}: proven`]]);
  });
});

describe('--debug', () => {
  it('bad input with --debug: the message, then a stack trace', () => {
    const r = gradproof('derive', 'sigmoud(x)', '--wrt', 'x', '--debug');
    expect(r.status).toBe(2);
    const lines = r.stderr.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      "loss:1:1: error: unknown function 'sigmoud'; did you mean 'sigmoid'?",
      '  sigmoud(x)',
      '  ^',
      "GradproofError: unknown function 'sigmoud'; did you mean 'sigmoid'?",
    ]);
    expect(lines[4]).toMatch(/^ {4}at /);
  });

  it('the same without --debug: no stack trace', () => {
    expect(expectBadInput(gradproof('derive', 'sigmoud(x)', '--wrt', 'x'))).toHaveLength(4);
  });
});

describe('file errors in words', () => {
  // The tests run as any user, root included, for whom nothing is unreadable: the words are checked directly.
  it.each([
    ['EACCES', 'permission denied'],
    ['ENOENT', 'no such file'],
    ['EISDIR', 'it is a directory'],
    ['ENOTDIR', 'a part of the path is not a directory'],
  ])('%s', (code, words) => {
    expect(why(Object.assign(new Error(code), { code }))).toBe(words);
  });

  it('a missing rule file', () => {
    expect(expectBadInput(gradproof('derive', 'x^2', '--wrt', 'x', '--rules', 'no-such.rules'))).toEqual(['error: cannot read no-such.rules: no such file', '']);
  });
});
