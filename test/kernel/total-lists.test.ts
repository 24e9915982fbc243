/**
 * The functions taken as defined everywhere (and as differentiable everywhere): the kernel
 * keeps its own list, the engine its own; they must agree, or the engine's steps would record
 * less than the kernel asks (or erase what the kernel keeps). No user's `def` may take one of
 * these names: the kernel would read the user's partial function as total.
 */
import { describe, expect, it } from 'vitest';
import { SMOOTH, TOTAL } from '../../src/kernel/term.js';
import { SMOOTH_FUNCTIONS, TOTAL_FUNCTIONS } from '../../src/expr/total.js';
import { FIXED_NAMES } from '../../src/rules/reserved.js';
import { loadRules } from '../../src/index.js';

const sorted = (s: ReadonlySet<string>): string[] => [...s].sort();

describe('total and smooth functions', () => {
  it('the kernel and the engine list the same', () => {
    expect(sorted(TOTAL)).toEqual(sorted(TOTAL_FUNCTIONS));
    expect(sorted(SMOOTH)).toEqual(sorted(SMOOTH_FUNCTIONS));
  });

  it('smooth is a subset of total', () => {
    expect([...SMOOTH].filter((f) => !TOTAL.has(f))).toEqual([]);
  });

  it('the functions issue 14 adds: these total, and these among them smooth', () => {
    const total = ['atan', 'asinh', 'erfc', 'sinc', 'cbrt', 'exp2', 'expm1', 'sign', 'heaviside', 'floor', 'ceil', 'round', 'max', 'min', 'clip', 'selu', 'relu6', 'hardtanh', 'hard_sigmoid', 'gelu_tanh'];
    const smooth = ['atan', 'asinh', 'erfc', 'sinc', 'exp2', 'expm1', 'gelu_tanh'];
    expect(total.filter((f) => !TOTAL.has(f))).toEqual([]);
    expect(smooth.filter((f) => !SMOOTH.has(f))).toEqual([]);
    expect(total.filter((f) => SMOOTH.has(f))).toEqual(smooth);
  });

  it('partial functions are in neither', () => {
    for (const f of ['log', 'sqrt', 'asin', 'acos', 'acosh', 'atanh', 'log10', 'log2', 'log1p', 'mod', 'atan2', 'tan', 'sec', 'coth', 'piecewise', 'diff', 'sum']) expect(TOTAL.has(f), f).toBe(false);
  });

  it('every one is a name no user may define', () => {
    expect([...TOTAL].filter((f) => !FIXED_NAMES.has(f))).toEqual([]);
    expect(() => loadRules('def floor(u) = log(u)\n')).toThrow('def floor: floor has a fixed meaning and cannot be redefined');
    expect(() => loadRules('def gelu_tanh(u) = sqrt(u)\n')).toThrow('def gelu_tanh: gelu_tanh has a fixed meaning and cannot be redefined');
  });
});
