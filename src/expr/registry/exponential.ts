/**
 * Logarithms to other bases, log1p, expm1, exp2, erfc and roots, each given by a `def` in
 * rules/elementary.rules; the values here are second implementations the defs are checked
 * against. cbrt is the real cube root (negative for negative u, as mathjs's); nthRoot(u, n)
 * is u^(1/n), defined here for u >= 0 only (mathjs also takes odd roots of negative numbers).
 */
import type { FunctionSpec } from './types.js';
import { REAL_LINE, mathCode, nan, span, spelled } from './spec-helpers.js';
import { erfcFloat } from './numeric.js';

const named = { form: { kind: 'named' } } as const;

export const EXPONENTIAL: readonly FunctionSpec[] = [
  {
    name: 'log10',
    arity: 1,
    latex: { form: { kind: 'operator', command: '\\log_{10}' } },
    names: { en: 'common logarithm', zh: '常用对数' },
    meaning: 'rules',
    float: (x) => (x > 0 ? Math.log10(x) : NaN),
    code: mathCode('log10'),
    range: { ...REAL_LINE, f: (x) => (x <= 0 ? -Infinity : Math.log10(x)), inverse: (y) => 10 ** y },
  },
  {
    name: 'log2',
    arity: 1,
    latex: { form: { kind: 'operator', command: '\\log_{2}' } },
    names: { en: 'binary logarithm', zh: '以 2 为底的对数' },
    meaning: 'rules',
    float: (x) => (x > 0 ? Math.log2(x) : NaN),
    code: mathCode('log2'),
    range: { ...REAL_LINE, f: (x) => (x <= 0 ? -Infinity : Math.log2(x)), inverse: (y) => 2 ** y },
  },
  {
    name: 'log1p',
    arity: 1,
    latex: named,
    names: { en: 'logarithm of one plus', zh: '一加自变量的对数' },
    meaning: 'rules',
    continuous: true,
    float: (x) => (x > -1 ? Math.log1p(x) : NaN),
    code: mathCode('log1p'),
    range: { ...REAL_LINE, f: (x) => (x <= -1 ? -Infinity : Math.log1p(x)), inverse: Math.expm1 },
  },
  {
    name: 'expm1',
    arity: 1,
    latex: named,
    names: { en: 'exponential minus one', zh: '指数减一' },
    meaning: 'rules',
    float: Math.expm1,
    total: true,
    smooth: true,
    code: mathCode('expm1'),
    range: span(-1, Infinity, true, true, Math.expm1, (y) => (y <= -1 ? -Infinity : Math.log1p(y))),
  },
  {
    name: 'exp2',
    arity: 1,
    latex: { form: { kind: 'exponential', base: '2' } },
    names: { en: 'power of two', zh: '以 2 为底的指数' },
    meaning: 'rules',
    float: (x) => 2 ** x,
    code: { js: ([x]) => `Math.pow(2, ${x})`, python: ([x]) => `math.pow(2.0, ${x})` },
    total: true,
    smooth: true,
    range: span(0, Infinity, true, true, (x) => 2 ** x, Math.log2),
  },
  {
    name: 'erfc',
    arity: 1,
    latex: { form: { kind: 'operator', command: '\\operatorname{erfc}' } },
    names: { en: 'complementary error function', zh: '互补误差函数' },
    meaning: 'rules',
    float: erfcFloat,
    code: { js: spelled('erfc'), python: spelled('math.erfc'), jsHelper: 'erfc' },
    total: true,
    smooth: true,
    range: span(0, 2, true, true),
  },
  {
    name: 'cbrt',
    arity: 1,
    latex: { form: { kind: 'enclosed', open: '\\sqrt[3]{', close: '}' } },
    names: { en: 'cube root', zh: '立方根' },
    meaning: 'rules',
    float: Math.cbrt,
    code: { js: spelled('Math.cbrt'), python: spelled('cbrt'), pythonHelper: 'cbrt' },
    total: true,
    continuous: true,
    range: { ...REAL_LINE, f: Math.cbrt, inverse: (y) => y * y * y },
  },
  {
    // nthRoot(u) is the square root, as in mathjs.
    name: 'nthRoot',
    arity: { min: 1, max: 2 },
    latex: named,
    names: { en: 'n-th root', zh: 'n 次方根' },
    meaning: 'rules',
    float: (x, n = 2) => (n === 0 || (x === 0 && n < 0) ? NaN : Math.pow(x, 1 / n)),
    // A value of its own in high precision, since nthRoot(u) has no def to open.
    precise: (D) => (x, n = new D(2)) => (n.isZero() || (x.isZero() && n.isNeg()) ? nan(D) : x.pow(new D(1).div(n))),
    dual: {
      // v/(n u) u' - v log(u)/n^2 n'; none at u <= 0.
      derivative: (D, [u, n], v) => {
        if (!u!.v.gt(0)) return nan(D);
        const k = n ? n.v : new D(2);
        const inN = n ? v.times(u!.v.ln()).div(k.times(k)).times(n.d) : new D(0);
        return v.div(k.times(u!.v)).times(u!.d).minus(inN);
      },
      error: (D, [u, n], v) => {
        const k = n ? n.v.abs() : new D(2);
        const own = v.isFinite() ? v.abs() : new D(0);
        const inN = n && u!.v.gt(0) ? own.times(u!.v.ln().abs()).div(k.times(k)).times(n.e) : new D(0);
        return u!.v.isZero() ? own.plus(u!.e.pow(new D(1).div(k))) : own.div(k.times(u!.v.abs())).times(u!.e).plus(inN).plus(own);
      },
    },
    code: { js: ([x, n]) => `Math.pow(${x}, 1 / ${n ?? 2})`, python: ([x, n]) => `nth_root(${x}, ${n ?? 2})`, pythonHelper: 'nth_root' },
  },
  // mathjs's power by name, a def (u^v) that code opens.
  { name: 'pow', arity: 2, latex: named, names: { en: 'power', zh: '幂' }, meaning: 'rules', float: (x, y) => (x === 0 && y! < 0 ? NaN : Math.pow(x, y!)) },
];
