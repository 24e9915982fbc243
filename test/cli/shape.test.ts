/** `--shape` on the command line and `shape` lines in files: shape errors are bad input (exit 2), positioned. */
import { describe, expect, it } from 'vitest';
import { expectBadInput, gradproof } from './run.js';
import { parseCommandLine } from '../../src/cli/args.js';

describe('--shape', () => {
  it('is repeatable and kept in order', () => {
    const a = parseCommandLine(['derive', 'sum(W*x)', '--shape', 'W [n, m]', '--shape', 'x [m, 1]', '--wrt', 'W']);
    expect(a.command === 'derive' && a.shapes).toEqual(['W [n, m]', 'x [m, 1]']);
  });
  it('goes with derive or codegen', () => {
    expect(() => parseCommandLine(['check', '--chain', 'a', 'b', '--shape', 'W [n, m]'])).toThrow('--shape goes with derive or codegen and an inline expression');
  });
});

describe('shape errors exit 2 with the position and both shapes', () => {
  it('inline', () => {
    const r = gradproof('derive', 'sum(d)', '--let', 'd = (a - y) * x', '--shape', 'a [K, 1], y [K, 1]', '--shape', 'x [M, 1]', '--wrt', 'a');
    expect(expectBadInput(r)).toEqual(['--let:1:13: error: cannot multiply [K, 1] by [M, 1]: 1 columns against M rows', '  d = (a - y) * x', '              ^', '']);
  });
  it('a bad declaration', () => {
    const r = gradproof('derive', 'sum(x)', '--shape', 'x [M, -1]', '--wrt', 'x');
    expect(expectBadInput(r)).toEqual(["--shape:1:7: error: a dimension is a name or a positive integer, not '-1'", '  x [M, -1]', '        ^', '']);
  });
  it('in a problem file', () => {
    const r = gradproof('derive', 'test/cli/fixtures/shape-mismatch.grad');
    expect(expectBadInput(r)).toEqual(['test/cli/fixtures/shape-mismatch.grad:3:17: error: cannot multiply [K, 1] by [M, 1]: 1 columns against M rows', '  let d = (a - y) * x', '                  ^', '']);
  });
  it('--shape with a problem file is a usage error', () => {
    const r = gradproof('derive', 'test/cli/fixtures/shape-mismatch.grad', '--shape', 'a [K, 1]');
    expect(expectBadInput(r)).toEqual(['error: --shape goes with an inline expression; a problem file states its shapes itself (shape W1 [n1, n0])', '']);
  });
});
