/**
 * A piecewise function differentiates branch by branch only where its switch p - q cannot
 * jump: p != q at a point then holds near it. With a = piecewise(x > 0, 1, x <= 0, 0), the
 * switch a - 1/2 is -1/2 at x = 0, yet L = piecewise(a < 1/2, x, a >= 1/2, 2*x) is x on one
 * side of 0 and 2x on the other: no derivative there. The rules say `continuous(p - q)`;
 * the kernel decides it itself, the engine the same way first.
 */
import { describe, expect, it } from 'vitest';
import { checkProof } from '../../src/kernel/index.js';
import { CONTINUOUS } from '../../src/kernel/replay.js';
import { CONTINUOUS_FUNCTIONS, TOTAL_FUNCTIONS, isContinuousWhereDefined } from '../../src/expr/total.js';
import { FIXED_NAMES } from '../../src/rules/reserved.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { loadRules } from '../../src/index.js';
import { parse } from '../../src/parse/ascii.js';
import { derive } from '../../src/api/derive.js';
import type { Proof } from '../../src/proof/types.js';
import { gradproof } from '../cli/run.js';

const rules = builtinRules();
const p = (s: string) => parse(s, { functions: rules.functions });
const sorted = (s: ReadonlySet<string>): string[] => [...s].sort();

/** One step citing d.piecewise-lt on piecewise(a < 1/2, x, a >= 1/2, 2*x), with `a` defined as given (or free). */
function piecewiseStep(aDef: string | undefined, rule = 'd.piecewise-lt'): Proof {
  const before = p('diff(piecewise(a < 1/2, x, a >= 1/2, 2*x), x)');
  const after = p('piecewise(a < 1/2, diff(x, x), a > 1/2, diff(2*x, x))');
  const bindings = { p: p('a'), q: p('1/2'), u: p('x'), v: p('2*x'), x: p('x') };
  return {
    start: before, result: after, lemmas: [], phases: [], assumptions: [],
    definitions: aDef === undefined ? [] : [{ name: 'a', expr: p(aDef) }],
    steps: [{ rule, kind: 'rule', path: [], bindings, before, after, conditions: [{ kind: 'nonzero', expr: p('a - 1/2') }], phase: 0, derivation: 0 }],
  };
}
const check = (pr: Proof) => checkProof(pr, rules.admitted);
/** The kernel prints the switch in its own canonical order. */
const refused = { ok: false, step: 1, reason: '-1/2 + a is not known to be continuous' };

describe('the kernel refuses a piecewise rule on a switch that may jump', () => {
  it('a switch through a definition that jumps is refused', () => {
    expect(check(piecewiseStep('piecewise(x > 0, 1, x <= 0, 0)'))).toEqual(refused);
  });

  it.each(['sign(x)', 'heaviside(x)', 'floor(x)', 'round(x)', 'mod(x, 3)', 'gt(x, 0)', 'sqrt(x)', 'x^(1/2)', 'x^y', 'diff(relu(x), x)', 'sum(k, 1, 3, x^k)', 'atan2(x, 1)', 'asin(x)'])(
    'a = %s: refused',
    (def) => expect(check(piecewiseStep(def))).toEqual(refused),
  );

  it.each(['x', 'relu(x)', 'abs(x - 1)', 'max(x, 0)', 'clip(x, 0, 1)', 'leaky_relu(x, 1/10)', 'sigmoid(x)^2', 'log(x)', 'x^(-2) + exp(x)*y', 'hardtanh(x) + elu(x, 1)'])(
    'a = %s: accepted',
    (def) => expect(check(piecewiseStep(def)).ok).toBe(true),
  );

  it('a free name is continuous', () => {
    expect(check(piecewiseStep(undefined)).ok).toBe(true);
  });

  it('through a chain of definitions: the jump two names away is found', () => {
    const pr = piecewiseStep('b + 1');
    const proof = { ...pr, definitions: [{ name: 'b', expr: p('floor(x)') }, ...pr.definitions] };
    expect(check(proof)).toEqual(refused);
  });
});

describe('one list of continuous functions', () => {
  it('the kernel and the engine list the same', () => {
    expect(sorted(CONTINUOUS)).toEqual(sorted(CONTINUOUS_FUNCTIONS));
  });

  it('continuous on an open domain: these are, these are not', () => {
    const yes = ['exp', 'log', 'sin', 'cos', 'tanh', 'sinh', 'cosh', 'sigmoid', 'softplus', 'erf', 'erfc', 'atan', 'asinh', 'relu', 'abs', 'leaky_relu', 'elu', 'selu', 'softsign', 'swish', 'silu', 'gelu', 'gelu_tanh', 'mish', 'max', 'min', 'clip', 'relu6', 'hardtanh', 'hard_sigmoid', 'cbrt', 'exp2', 'expm1', 'log1p'];
    const no = ['sqrt', 'nthRoot', 'piecewise', 'gt', 'lt', 'ge', 'le', 'sign', 'heaviside', 'floor', 'ceil', 'round', 'mod', 'delta', 'diff', 'sum', 'atan2', 'asin', 'acos', 'acosh', 'pow'];
    expect(yes.filter((f) => !CONTINUOUS_FUNCTIONS.has(f))).toEqual([]);
    expect(no.filter((f) => CONTINUOUS_FUNCTIONS.has(f))).toEqual([]);
  });

  it('every one is a name no user may define', () => {
    expect([...CONTINUOUS_FUNCTIONS].filter((f) => !FIXED_NAMES.has(f))).toEqual([]);
    expect(() => loadRules('def log1p(u) = floor(u)\n')).toThrow('def log1p: log1p has a fixed meaning and cannot be redefined');
  });

  it('the engine reads an expression as the kernel does', () => {
    expect(isContinuousWhereDefined(p('relu(x)^2 - 1/x + log(y)'))).toBe(true);
    expect(isContinuousWhereDefined(p('relu(x)^(1/2)'))).toBe(false);
    expect(isContinuousWhereDefined(p('x + sign(x)'))).toBe(false);
    expect([...TOTAL_FUNCTIONS].filter((f) => !CONTINUOUS_FUNCTIONS.has(f)).sort()).toEqual(['delta', 'ge', 'gt', 'heaviside', 'le', 'list', 'lt', 'round', 'sign', 'ceil', 'floor'].sort());
  });
});

describe('the engine never writes the step the kernel would refuse', () => {
  const input = { loss: 'piecewise(a < 1/2, x, a >= 1/2, 2*x)', wrt: 'x', let: ['a = piecewise(x > 0, 1, x <= 0, 0)'] };
  const message = 'no rule differentiates the function piecewise (in diff(piecewise(a < 1/2, x, a >= 1/2, 2*x), x)): its switch a - 1/2 is not known to be continuous, and where it jumps the function need not have a derivative';

  it('the jumping switch: no derivative is given, with the reason', () => {
    expect(() => derive({ ...input, expect: 'piecewise(a < 1/2, 1, a > 1/2, 2)' })).toThrow(message);
    expect(() => derive({ ...input, assume: 'a < 1/2', expect: '1' })).toThrow(message);
  });

  it('the same piecewise function of a switch that cannot jump is differentiated and proven', () => {
    const r = derive({ ...input, let: ['a = relu(x)'], expect: 'piecewise(a < 1/2, 1, a > 1/2, 2)' });
    expect(r.result).toBe('piecewise(a < 1/2, 1, a > 1/2, 2)');
    expect(r.checked).toBe(true);
    expect(r.expectations.map((e) => e.verdict)).toEqual(['proven']);
  });
});

describe('from the command line', () => {
  it('the example is no longer proven: no rule, exit 2, the reason on stderr', () => {
    const r = gradproof('derive', 'piecewise(a < 1/2, x, a >= 1/2, 2*x)', '--wrt', 'x', '--let', 'a = piecewise(x > 0, 1, x <= 0, 0)', '--expect', 'piecewise(a < 1/2, 1, a > 1/2, 2)');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('its switch a - 1/2 is not known to be continuous');
    expect(r.stderr).not.toMatch(/proven|\n\s+at /);
  });
});

describe('the condition in a rule file', () => {
  const rule = (cond: string): string => `rule my.cases "cases" / "分段"\n  diff(piecewise(p < q, u, p >= q, v), x) = piecewise(p < q, diff(u, x), p > q, diff(v, x))    if nonzero(p - q), ${cond}\n`;

  it('continuous(e) loads, on an expression of the left side\'s variables', () => {
    const loaded = loadRules(rule('continuous(p - q)'));
    expect(loaded.rules.find((r) => r.id === 'my.cases')!.conditions.map((c) => c.pred)).toEqual(['nonzero', 'continuous']);
  });

  it('a misspelt condition names the known ones', () => {
    expect(() => loadRules(rule('continous(p - q)'))).toThrow("unknown condition 'continous(p - q)' (known: free(c, x), nonzero(u), positive(u), continuous(u))");
  });
});
