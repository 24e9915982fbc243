/** Exponentials, logarithms, powers, trigonometric and hyperbolic functions, erf, abs. */
import type { FunctionSpec } from './types.js';
import { REAL_LINE, chain, errorWithSlope, mathCode, nan, span, spelled } from './spec-helpers.js';
import { erfFloat, erfPrecise } from './numeric.js';

export const ELEMENTARY: readonly FunctionSpec[] = [
  {
    name: 'exp',
    arity: 1,
    latex: { form: { kind: 'exponential', base: 'e' }, commands: ['exp'] },
    names: { en: 'exponential function', zh: '指数函数' },
    meaning: 'rules',
    float: Math.exp,
    precise: () => (x) => x.exp(),
    dual: { derivative: chain((_D, _u, v) => v), error: errorWithSlope((_D, _u, v) => v) },
    code: mathCode('exp'),
    total: true,
    smooth: true,
    range: span(0, Infinity, true, true, Math.exp, Math.log),
  },
  {
    // log(u), and log(u, b) = log(u)/log(b) to the base b (mathjs's two-argument form).
    name: 'log',
    aliases: ['ln'],
    arity: { min: 1, max: 2 },
    latex: { form: { kind: 'operator', command: '\\log', base: true }, commands: ['log', 'ln'] },
    names: { en: 'logarithm', zh: '对数' },
    meaning: 'rules',
    continuous: true,
    float: (x, b) => (b === undefined ? (x > 0 ? Math.log(x) : NaN) : x > 0 && b > 0 && b !== 1 ? Math.log(x) / Math.log(b) : NaN),
    precise: (D) => (x, b) => (b === undefined ? (x.gt(0) ? x.ln() : nan(D)) : x.gt(0) && b.gt(0) && !b.eq(1) ? x.ln().div(b.ln()) : nan(D)),
    dual: {
      derivative: (_D, [a, b], v) => {
        if (!b) return a!.d.div(a!.v);
        // (log u / log b)' = u'/(u log b) - log(u) b'/(b log(b)^2).
        const lb = b.v.ln();
        return a!.d.div(a!.v.times(lb)).minus(v.times(b.d).div(b.v.times(lb)));
      },
      error: (D, [a, b], v) => {
        const own = v.isFinite() ? v.abs() : new D(0);
        const inU = a!.e.div(a!.v.abs());
        return b ? inU.plus(v.abs().times(b.e).div(b.v.abs())).div(b.v.ln().abs()).plus(own) : inU.plus(own);
      },
    },
    code: { js: ([x, b]) => (b === undefined ? `Math.log(${x})` : `(Math.log(${x}) / Math.log(${b}))`), python: spelled('math.log') },
    range: span(-Infinity, Infinity, true, true, (x) => (x <= 0 ? -Infinity : Math.log(x)), Math.exp),
  },
  {
    name: 'sqrt',
    arity: 1,
    latex: { form: { kind: 'enclosed', open: '\\sqrt{', close: '}' } },
    names: { en: 'square root', zh: '平方根' },
    meaning: 'rules',
    float: (x) => (x >= 0 ? Math.sqrt(x) : NaN),
    precise: (D) => (x) => (x.gte(0) ? x.sqrt() : nan(D)),
    dual: {
      derivative: (D, [a], v) => (a!.v.gt(0) ? a!.d.div(v.times(2)) : nan(D)),
      error: (D, [a], v) => {
        const own = v.isFinite() ? v.abs() : new D(0);
        return own.isZero() ? a!.e.sqrt() : a!.e.div(own.times(2)).plus(own);
      },
    },
    code: mathCode('sqrt'),
    range: span(0, Infinity, false, true, (x) => Math.sqrt(Math.max(x, 0)), (y) => (y <= 0 ? 0 : y * y)),
  },
  {
    name: 'sin',
    arity: 1,
    latex: { form: { kind: 'operator', command: '\\sin' }, commands: ['sin'] },
    names: { en: 'sine', zh: '正弦' },
    meaning: 'rules',
    float: Math.sin,
    precise: () => (x) => x.sin(),
    dual: { derivative: chain((_D, u) => u.cos()) },
    code: mathCode('sin'),
    total: true,
    smooth: true,
    range: span(-1, 1, false, false),
  },
  {
    name: 'cos',
    arity: 1,
    latex: { form: { kind: 'operator', command: '\\cos' }, commands: ['cos'] },
    names: { en: 'cosine', zh: '余弦' },
    meaning: 'rules',
    float: Math.cos,
    precise: () => (x) => x.cos(),
    dual: { derivative: chain((_D, u) => u.sin().neg()) },
    code: mathCode('cos'),
    total: true,
    smooth: true,
    range: span(-1, 1, false, false),
  },
  {
    name: 'sinh',
    arity: 1,
    latex: { form: { kind: 'operator', command: '\\sinh' }, commands: ['sinh'] },
    names: { en: 'hyperbolic sine', zh: '双曲正弦' },
    meaning: 'rules',
    float: Math.sinh,
    precise: () => (x) => x.sinh(),
    dual: { derivative: chain((_D, u) => u.cosh()), error: errorWithSlope((_D, u) => u.cosh()) },
    code: mathCode('sinh'),
    total: true,
    smooth: true,
    range: { ...REAL_LINE, f: Math.sinh, inverse: Math.asinh },
  },
  {
    name: 'cosh',
    arity: 1,
    latex: { form: { kind: 'operator', command: '\\cosh' }, commands: ['cosh'] },
    names: { en: 'hyperbolic cosine', zh: '双曲余弦' },
    meaning: 'rules',
    float: Math.cosh,
    precise: () => (x) => x.cosh(),
    dual: { derivative: chain((_D, u) => u.sinh()), error: errorWithSlope((_D, u) => u.cosh()) },
    code: mathCode('cosh'),
    total: true,
    smooth: true,
    range: span(1, Infinity, false, true),
  },
  {
    name: 'tanh',
    arity: 1,
    latex: { form: { kind: 'operator', command: '\\tanh' }, commands: ['tanh'] },
    names: { en: 'hyperbolic tangent', zh: '双曲正切' },
    meaning: 'rules',
    float: Math.tanh,
    precise: () => (x) => x.tanh(),
    // 1/cosh^2 rather than 1 - tanh^2, whose digits all cancel for large |u|.
    dual: { derivative: chain((D, u) => new D(1).div(u.cosh().pow(2))) },
    code: mathCode('tanh'),
    total: true,
    smooth: true,
    range: span(-1, 1, true, true, Math.tanh, (y) => (y <= -1 ? -Infinity : y >= 1 ? Infinity : Math.atanh(y))),
  },
  {
    name: 'erf',
    arity: 1,
    latex: { form: { kind: 'named' } },
    names: { en: 'error function', zh: '误差函数' },
    meaning: 'rules',
    float: erfFloat,
    precise: (D) => (x) => erfPrecise(D, x),
    dual: { derivative: chain((D, u) => u.times(u).neg().exp().times(2).div(D.acos(-1).sqrt())) },
    code: { js: spelled('erf'), python: spelled('math.erf'), jsHelper: 'erf' },
    total: true,
    smooth: true,
    range: span(-1, 1, true, true),
  },
  {
    name: 'abs',
    arity: 1,
    latex: { form: { kind: 'enclosed', open: '\\left|', close: '\\right|' } },
    names: { en: 'absolute value', zh: '绝对值' },
    meaning: 'rules',
    float: Math.abs,
    precise: () => (x) => x.abs(),
    dual: { derivative: (D, [a]) => (a!.v.isZero() ? nan(D) : a!.d.times(a!.v.s)) },
    code: { js: spelled('Math.abs'), python: spelled('abs') },
    total: true,
    continuous: true,
    range: span(0, Infinity, false, true),
  },
];
