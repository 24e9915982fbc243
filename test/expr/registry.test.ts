/**
 * The function registry is complete: every function has what each consumer needs, every
 * function a rules file names is in it, and its numeric parts agree with each other.
 */
import { PRIME, SOFTMAX, STRUCTURAL } from '../../src/expr/matrix.js';
import { describe, expect, it } from 'vitest';
import type { Decimal } from 'decimal.js';
import { FUNCTION_NAMES, PYTHON_HELPERS, REGISTRY, decimalCtor, functionSpec, jsHelpers, takesArguments, type FunctionSpec } from '../../src/expr/registry/index.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { functions } from '../../src/expr/traverse.js';
import { AT, LIST, SUM } from '../../src/expr/indexed.js';
import { type Expr, call, num, sym } from '../../src/expr/node.js';
import { toLatex } from '../../src/render/latex.js';
import { toAscii } from '../../src/expr/print.js';
import { parse } from '../../src/parse/ascii.js';
import { parseLatex } from '../../src/parse/latex.js';
import { expectKatex } from '../render/katex.js';
import { readFileSync } from 'node:fs';

const rules = builtinRules();
/** A derivative rule `f(u) -> ...`, or a rewrite rule `diff(f(u, v), x) = ...` (every argument may depend on x). */
const derivativeRuleFor = (name: string): boolean =>
  rules.rules.some((r) => {
    if (r.kind === 'derivative') return r.outer?.fn === name;
    const f = r.kind === 'rewrite' && r.lhs?.kind === 'call' && r.lhs.fn === 'diff' ? r.lhs.args[0] : undefined;
    return f?.kind === 'call' && f.fn === name;
  });
const minArity = (f: FunctionSpec): number => (typeof f.arity === 'number' ? f.arity : f.arity.min);
/** Arguments x, y, z, ... for a call of f with its fewest arguments. */
const sampleCall = (f: FunctionSpec): Expr =>
  f.name === 'piecewise'
    ? call('piecewise', call('gt', sym('x'), num(0)), sym('x'), call('le', sym('x'), num(0)), num(0))
    : call(f.name, ...['x', 'y', 'z', 'w'].slice(0, minArity(f)).map((n) => sym(n)));

describe('the function registry', () => {
  it('has one entry per name, and no alias is also a name', () => {
    const names = REGISTRY.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of REGISTRY) for (const a of f.aliases ?? []) expect(functionSpec(a), a).toBeUndefined();
  });

  it('gives every function its English and Chinese names, an arity and a LaTeX form', () => {
    for (const f of REGISTRY) {
      expect(f.names.en.trim(), f.name).not.toBe('');
      expect(f.names.zh, f.name).toMatch(/[\u4e00-\u9fff]|^[A-Za-z-]+ 函数$/);
      expect(takesArguments(f.arity, minArity(f)), f.name).toBe(true);
      expect(f.latex.form.kind, f.name).toBeDefined();
      if (f.smooth) expect(f.total ?? true, f.name).toBe(true);
    }
  });

  it('gives a meaning from rules/ to every function that needs one: a def, or a rule that differentiates it', () => {
    for (const f of REGISTRY.filter((g) => g.meaning === 'rules')) expect(rules.defs.has(f.name) || derivativeRuleFor(f.name), f.name).toBe(true);
  });

  it('computes every primitive (a function without a def, other than one only generated code calls) in floating point and in high precision, with its derivative over decimals', () => {
    for (const f of REGISTRY.filter((g) => g.meaning !== 'code' && !rules.defs.has(g.name))) {
      expect(f.float, f.name).toBeDefined();
      expect(f.precise, f.name).toBeDefined();
      expect(f.dual, f.name).toBeDefined();
    }
    for (const f of REGISTRY.filter((g) => g.precise)) expect(f.dual && f.float, f.name).toBeTruthy();
  });

  it('spells every function in generated code, or opens its def; every helper it names is written out', () => {
    for (const f of REGISTRY) expect(f.code !== undefined || rules.defs.has(f.name), f.name).toBe(true);
    for (const f of REGISTRY) {
      if (typeof f.code !== 'object') continue;
      if (f.code.jsHelper) expect(jsHelpers(true)[f.code.jsHelper], f.name).toMatch(new RegExp(`^/\\*\\*[^]*function ${f.code.jsHelper}\\(`));
      if (f.code.pythonHelper) expect(PYTHON_HELPERS[f.code.pythonHelper], f.name).toMatch(new RegExp(`^def ${f.code.pythonHelper}\\(`));
    }
  });

  it("is listed in the README's input syntax section, with every alias", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Input syntax'), readme.indexOf('## Problem files'));
    const listed = new Set([...section.matchAll(/`([a-zA-Z_0-9]+)[`(]/g)].map((m) => m[1]!));
    const missing = REGISTRY.filter((f) => f.meaning !== 'notation').flatMap((f) => [f.name, ...(f.aliases ?? []).filter((a) => /^[a-z]/.test(a))]).filter((n) => !listed.has(n));
    expect(missing).toEqual([]);
  });

  it('knows every function a built-in rules file names', () => {
    const named = new Set<string>();
    for (const d of rules.defs.values()) {
      named.add(d.name);
      for (const g of functions(d.body)) named.add(g);
    }
    for (const r of rules.rules) for (const e of [r.lhs, r.rhs]) if (e) for (const g of functions(e)) named.add(g);
    // Notation, not functions: derivatives, index notation, and the shaped calls of src/expr/matrix.ts.
    for (const notation of ['diff', AT, SUM, LIST, PRIME, ...STRUCTURAL]) if (notation !== SOFTMAX) named.delete(notation);
    for (const name of named) expect(functionSpec(name), name).toBeDefined();
  });

  it('has floating-point and high-precision values that agree, and each derivative over decimals matches a difference quotient', () => {
    const D = decimalCtor(40);
    const points = [-2.3, -0.7, 0.4, 1.3, 2.9];
    for (const f of REGISTRY.filter((g) => g.float && g.precise && g.name !== 'piecewise')) {
      const n = minArity(f);
      const fp = f.precise!(D);
      for (const x of points) {
        const xs = Array.from({ length: n }, (_, i) => x + 0.37 * i);
        const a = f.float!(...xs);
        const b = fp(...xs.map((v) => new D(v))).toNumber();
        if (Number.isNaN(a) || Number.isNaN(b)) expect([f.name, x, Number.isNaN(a)]).toEqual([f.name, x, Number.isNaN(b)]);
        else expect(Math.abs(a - b), `${f.name}(${xs.join(', ')})`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
        if (Number.isNaN(b)) continue;
        // Each partial derivative: the i-th argument moves, the others stay.
        const us = xs.map((v) => new D(v));
        const v = fp(...us);
        for (let i = 0; i < n; i++) {
          const d = f.dual!.derivative(D, us.map((u, j) => ({ v: u, d: new D(j === i ? 1 : 0), e: u.abs() })), v);
          const h = new D('1e-12');
          const moved = (s: Decimal): Decimal => fp(...us.map((u, j) => (j === i ? u.plus(s) : u)));
          const quotient = moved(h).minus(moved(h.neg())).div(h.times(2));
          expect(d.minus(quotient).abs().toNumber(), `${f.name}'s partial ${i + 1} at (${xs.join(', ')})`).toBeLessThan(1e-15);
        }
      }
    }
  });

  it('is what the parsers read: every name followed by ( is a call to it, with or without a rule set', () => {
    for (const f of REGISTRY.filter((g) => g.meaning !== 'notation')) {
      const text = toAscii(sampleCall(f));
      for (const options of [{}, { functions: rules.functions }]) expect(parse(text, options), text).toBe(sampleCall(f));
    }
    expect(parse('ln(x)')).toBe(call('log', sym('x')));
    expect(parseLatex('\\arcsin x + \\operatorname{arsinh} x + \\coth x')).toBe(parse('asin(x) + asinh(x) + coth(x)'));
  });

  it('prints every function in LaTeX that KaTeX renders', () => {
    for (const f of REGISTRY) expectKatex(toLatex(sampleCall(f)));
  });

  it('reads back every function it prints in LaTeX', () => {
    // exp2(x) prints as 2^{x}, read back as the power; relations and notation are not calls.
    const back = REGISTRY.filter((f) => f.meaning !== 'notation' && f.name !== 'exp2' && f.name !== 'logsumexp').filter((f) => {
      const e = sampleCall(f);
      try {
        return parseLatex(toLatex(e), { functions: FUNCTION_NAMES }) !== e;
      } catch {
        return true;
      }
    });
    expect(back.map((f) => `${f.name}: ${toLatex(sampleCall(f))}`)).toEqual([]);
  });

  it('prints as the registry says: operators, enclosed and named forms', () => {
    expect(toLatex(call('sin', sym('x')))).toBe('\\sin x');
    expect(toLatex(call('sqrt', sym('x')))).toBe('\\sqrt{x}');
    expect(toLatex(call('abs', sym('x')))).toBe('\\left|x\\right|');
    expect(toLatex(call('sigmoid', sym('z')))).toBe('\\sigma\\left(z\\right)');
    expect(toLatex(call('relu', sym('z')))).toBe('\\operatorname{relu}\\left(z\\right)');
    expect(toLatex(call('gt', sym('a'), sym('b')))).toBe('a > b');
  });
});
