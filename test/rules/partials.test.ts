/**
 * The `derivative` form for a function of several arguments: one line per partial
 * derivative, desugared to the chain rule, every partial checked when the file loads.
 */
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../../src/rules/builtin.js';
import { functionTable, loadRules } from '../../src/rules/load.js';
import { parse } from '../../src/parse/ascii.js';
import { Definitions } from '../../src/expr/context.js';
import { numericDerivative, valueAt } from '../../src/expr/numeric.js';
import { GradproofError } from '../../src/expr/errors.js';
import { toAscii } from '../../src/expr/print.js';
import { derive } from '../../src/api/derive.js';

const load = (text: string) => loadRules([{ name: 'my.rules', text }], builtinRules());
const loadError = (text: string): string => {
  try {
    load(text);
  } catch (e) {
    if (e instanceof GradproofError) return e.format();
    throw e;
  }
  throw new Error('loaded');
};

// A smooth function of two arguments the built-in rules do not know: f(u, v) = u*exp(v).
const TWO = (fu: string, fv: string): string => `derivative d.uexp "u exp v" / "u exp v"\n  uexp(u, v) -> ${fu}\n  uexp(u, v) ->v ${fv}\ndef uexp(u, v) = u*exp(v)\n`;

describe('one line per partial derivative, desugared to the chain rule', () => {
  it('one rule per partial (the others held constant), then the whole chain rule under every condition', () => {
    const rs = builtinRules();
    const shown = (id: string) => {
      const r = rs.byId.get(id)!;
      return `${toAscii(r.lhs!)} = ${toAscii(r.rhs!)} if ${r.conditions.map((c) => (c.expr ? `${c.pred}(${toAscii(c.expr)})` : `${c.pred}(${c.args.join(', ')})`)).join(', ')}`;
    };
    expect(shown('d.max')).toBe('diff(max(u, v), x) = diff(u, x)*piecewise(u > v, 1, u < v, 0) if nonzero(u - v), free(v, x)');
    expect(shown('d.max.v')).toBe('diff(max(u, v), x) = diff(v, x)*piecewise(u > v, 0, u < v, 1) if nonzero(u - v), free(u, x)');
    expect(shown('d.max.chain')).toBe('diff(max(u, v), x) = diff(u, x)*piecewise(u > v, 1, u < v, 0) + diff(v, x)*piecewise(u > v, 0, u < v, 1) if nonzero(u - v)');
    // A one-line block is as before: the first argument, the others free of x.
    expect(shown('d.leaky-relu')).toBe('diff(leaky_relu(u, k), x) = diff(u, x)*piecewise(u > 0, 1, u < 0, k) if nonzero(u), free(k, x)');
    expect(rs.byId.has('d.relu.chain')).toBe(false);
  });

  it('a user file with a right pair of partials loads, and derives through both arguments', () => {
    const rs = load(TWO('exp(v)', 'u*exp(v)'));
    const r = derive({ loss: 'uexp(x^2, 3*x)', wrt: 'x' }, { rules: rs });
    expect(r.result).toBe('x*(2 + 3*x)*exp(3*x)');
    const fns = functionTable(rs.defs);
    for (const x of [-1.3, 0.4, 0.9]) {
      const fd = numericDerivative(parse('uexp(x^2, 3*x)', { functions: rs.functions }), 'x', { x }, new Definitions([]), { fns });
      expect(valueAt(parse(r.result, { functions: rs.functions }), { x }, new Definitions([]), { fns })).toBeCloseTo(fd, 6);
    }
    expect(r.steps.map((s) => s.rule)).toContain('d.uexp.chain');
    expect(derive({ loss: 'uexp(2, 3*x)', wrt: 'x' }, { rules: rs }).steps.map((s) => s.rule)).toContain('d.uexp.v');
  });

  it('a wrong partial refuses to load, at its own line', () => {
    expect(loadError(TWO('exp(v)', 'exp(v)'))).toMatch(/^my\.rules:3:1: error: rule d\.uexp\.v does not hold at /);
    expect(loadError(TWO('u*exp(v)', 'u*exp(v)'))).toMatch(/^my\.rules:2:1: error: rule d\.uexp does not hold at /);
  });

  it('malformed blocks are syntax errors', () => {
    expect(loadError('derivative d.f "f" / "f"\n  max(u, v) ->w 1\n')).toBe("my.rules:2:3: error: rule d.f: ->w names no parameter of max(u, v)\n    max(u, v) ->w 1\n    ^");
    expect(loadError('derivative d.f "f" / "f"\n  uexp(u, v) -> 1\n  uexp(u, v) -> 2\n')).toBe('my.rules:3:3: error: rule d.f: a second line for the partial derivative in u\n    uexp(u, v) -> 2\n    ^');
    expect(loadError('derivative d.f "f" / "f"\n  uexp(u, v) -> 1\n  uexp(v, u) ->v 2\n')).toBe('my.rules:3:3: error: rule d.f: every line must name the same function and parameters, uexp(u, v)\n    uexp(v, u) ->v 2\n    ^');
    expect(loadError('derivative d.f "f" / "f"\n  uexp(u, u) -> 1\n')).toBe('my.rules:2:3: error: rule d.f: the left side must be a function of distinct variables, like log(u) or max(u, v)\n    uexp(u, u) -> 1\n    ^');
  });

  it('a takes line says what a call must not leave out', () => {
    const rs = load('def scaled(u, s) = s*u\n  takes "a scale" / "比例"\n');
    expect(rs.defs.get('scaled')!.takes).toEqual({ en: 'a scale', zh: '比例' });
    expect(loadError('takes "a scale" / "比例"\n')).toMatch(/^my\.rules:1:1: error: expected 'rule', 'derivative'/);
    expect(loadError('def scaled(u, s) = s*u\n  takes "a" / "b"\n  takes "c" / "d"\n')).toBe('my.rules:3:3: error: def scaled: a second takes line\n    takes "c" / "d"\n    ^');
  });

  it('a function call in an explain sentence or a comment is prose, not a function', () => {
    expect(() => load('# u(1 + t) is prose\nderivative d.g "g" / "g"\n  uexp(u, v) -> exp(v)\n  explain "As u(1 + v) reads." / "如 u(1 + v)。"\ndef uexp(u, v) = u*exp(v)\n')).not.toThrow();
  });

  it('a variable standing for a piecewise condition is tried as comparisons of every kind', () => {
    const flatten = (rest: string) => `rule d.my-flatten "x" / "x"\n  piecewise(p < q, u, p > q, piecewise(c1, v1, c2, v2)) = piecewise(p < q, u, ${rest})    if nonzero(p - q)\n`;
    expect(() => load(flatten('c1, v1, c2, v2'))).not.toThrow();
    expect(loadError(flatten('c2, v2, c1, v1'))).toMatch(/^my\.rules:1:1: error: rule d\.my-flatten does not hold at /);
  });
});
