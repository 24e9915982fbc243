/**
 * Trigonometric functions and their inverses. tan, sec, csc, cot, acot, asec and acsc are
 * given by `def`s in rules/elementary.rules (their values here are second implementations
 * the defs are checked against); asin, acos, atan and atan2 are primitives with derivative
 * rules. Inverses of reciprocals follow mathjs and SymPy: acot(u) = atan(1/u) (so in
 * (-π/2, π/2], undefined at 0 here), asec(u) = acos(1/u), acsc(u) = asin(1/u), for |u| >= 1.
 */
import type { Decimal } from 'decimal.js';
import type { DecimalCtor, FunctionSpec } from './types.js';
import { HALF_PI_UP, PI_UP, REAL_LINE, errorWithSlope, mathCode, nan, ofReciprocal, over, reciprocalOf, span } from './spec-helpers.js';

const operator = (command: string, commands?: readonly string[]): FunctionSpec['latex'] => ({ form: { kind: 'operator', command }, ...(commands ? { commands } : {}) });
/** 1/sqrt(1 - u^2), the slope of asin (NaN where |u| >= 1). */
const arcSlope = (D: DecimalCtor, u: Decimal): Decimal =>
  u.abs().lt(1) ? new D(1).div(new D(1).minus(u.times(u)).sqrt()) : nan(D);

export const TRIGONOMETRIC: readonly FunctionSpec[] = [
  {
    name: 'tan',
    arity: 1,
    latex: operator('\\tan', ['tan']),
    names: { en: 'tangent', zh: '正切' },
    meaning: 'rules',
    float: (x) => over(Math.sin(x), Math.cos(x)),
    code: mathCode('tan'),
    range: REAL_LINE,
  },
  {
    name: 'sec',
    arity: 1,
    latex: operator('\\sec', ['sec']),
    names: { en: 'secant', zh: '正割' },
    meaning: 'rules',
    float: (x) => over(1, Math.cos(x)),
    code: { js: reciprocalOf('Math.cos', '1'), python: reciprocalOf('math.cos', '1.0') },
  },
  {
    name: 'csc',
    arity: 1,
    latex: operator('\\csc', ['csc']),
    names: { en: 'cosecant', zh: '余割' },
    meaning: 'rules',
    float: (x) => over(1, Math.sin(x)),
    code: { js: reciprocalOf('Math.sin', '1'), python: reciprocalOf('math.sin', '1.0') },
  },
  {
    name: 'cot',
    arity: 1,
    latex: operator('\\cot', ['cot']),
    names: { en: 'cotangent', zh: '余切' },
    meaning: 'rules',
    float: (x) => over(Math.cos(x), Math.sin(x)),
    code: { js: reciprocalOf('Math.tan', '1'), python: reciprocalOf('math.tan', '1.0') },
    range: REAL_LINE,
  },
  {
    name: 'asin',
    arity: 1,
    latex: { form: { kind: 'operator', command: '\\arcsin' }, commands: ['arcsin'], words: ['arcsin'] },
    names: { en: 'inverse sine', zh: '反正弦' },
    meaning: 'rules',
    float: Math.asin,
    precise: (D) => (x) => (x.abs().lte(1) ? x.asin() : nan(D)),
    dual: { derivative: (D, [a]) => arcSlope(D, a!.v).times(a!.d), error: errorWithSlope((D, u) => arcSlope(D, u)) },
    code: mathCode('asin'),
    range: span(-HALF_PI_UP, HALF_PI_UP, false, false, (x) => Math.asin(Math.max(-1, Math.min(1, x))), (y) =>
      y <= -Math.PI / 2 ? -1 : y >= Math.PI / 2 ? 1 : Math.sin(y),
    ),
  },
  {
    name: 'acos',
    arity: 1,
    latex: { form: { kind: 'operator', command: '\\arccos' }, commands: ['arccos'], words: ['arccos'] },
    names: { en: 'inverse cosine', zh: '反余弦' },
    meaning: 'rules',
    float: Math.acos,
    precise: (D) => (x) => (x.abs().lte(1) ? x.acos() : nan(D)),
    dual: { derivative: (D, [a]) => arcSlope(D, a!.v).neg().times(a!.d), error: errorWithSlope((D, u) => arcSlope(D, u)) },
    code: mathCode('acos'),
    // Decreasing: its range only.
    range: span(0, PI_UP, false, false),
  },
  {
    name: 'atan',
    arity: 1,
    latex: { form: { kind: 'operator', command: '\\arctan' }, commands: ['arctan'], words: ['arctan'] },
    names: { en: 'inverse tangent', zh: '反正切' },
    meaning: 'rules',
    float: Math.atan,
    precise: () => (x) => x.atan(),
    dual: { derivative: (D, [a]) => a!.d.div(new D(1).plus(a!.v.times(a!.v))) },
    code: mathCode('atan'),
    total: true,
    smooth: true,
    range: span(-HALF_PI_UP, HALF_PI_UP, false, false, Math.atan, (y) => (y <= -Math.PI / 2 ? -Infinity : y >= Math.PI / 2 ? Infinity : Math.tan(y))),
  },
  {
    // atan2(y, x): the angle of the point (x, y), in (-π, π]; atan2(0, 0) = 0 as in mathjs, JavaScript and Python.
    name: 'atan2',
    arity: 2,
    latex: { form: { kind: 'named' } },
    names: { en: 'two-argument inverse tangent', zh: '二元反正切' },
    meaning: 'rules',
    float: Math.atan2,
    precise: (D) => (y, x) => D.atan2(y, x),
    dual: {
      // (x y' - y x')/(x^2 + y^2); none on the ray y = 0, x <= 0, where the angle jumps from π to -π.
      derivative: (D, [y, x]) => (y!.v.isZero() && x!.v.lte(0) ? nan(D) : x!.v.times(y!.d).minus(y!.v.times(x!.d)).div(x!.v.times(x!.v).plus(y!.v.times(y!.v)))),
      error: (D, [y, x], v) => {
        const r2 = x!.v.times(x!.v).plus(y!.v.times(y!.v));
        const spread = x!.v.abs().times(y!.e).plus(y!.v.abs().times(x!.e));
        return (r2.isZero() ? new D(0) : spread.div(r2)).plus(v.abs());
      },
    },
    code: mathCode('atan2'),
    range: span(-PI_UP, PI_UP, false, false),
  },
  {
    name: 'acot',
    arity: 1,
    latex: { form: { kind: 'operator', command: '\\operatorname{arccot}' }, words: ['arccot'] },
    names: { en: 'inverse cotangent', zh: '反余切' },
    meaning: 'rules',
    float: (x) => (x === 0 ? NaN : Math.atan(1 / x)),
    code: { js: ofReciprocal('Math.atan', '1'), python: ofReciprocal('math.atan', '1.0') },
    range: span(-HALF_PI_UP, HALF_PI_UP, false, false),
  },
  {
    name: 'asec',
    arity: 1,
    latex: { form: { kind: 'operator', command: '\\operatorname{arcsec}' }, words: ['arcsec'] },
    names: { en: 'inverse secant', zh: '反正割' },
    meaning: 'rules',
    float: (x) => (Math.abs(x) >= 1 ? Math.acos(1 / x) : NaN),
    code: { js: ofReciprocal('Math.acos', '1'), python: ofReciprocal('math.acos', '1.0') },
    range: span(0, PI_UP, false, false),
  },
  {
    name: 'acsc',
    arity: 1,
    latex: { form: { kind: 'operator', command: '\\operatorname{arccsc}' }, words: ['arccsc'] },
    names: { en: 'inverse cosecant', zh: '反余割' },
    meaning: 'rules',
    float: (x) => (Math.abs(x) >= 1 ? Math.asin(1 / x) : NaN),
    code: { js: ofReciprocal('Math.asin', '1'), python: ofReciprocal('math.asin', '1.0') },
    range: span(-HALF_PI_UP, HALF_PI_UP, false, false),
  },
  {
    // The unnormalised sinc of SymPy and of analysis: sin(u)/u, and 1 at 0 (numpy's is sin(πu)/(πu)).
    name: 'sinc',
    arity: 1,
    latex: { form: { kind: 'named' } },
    names: { en: 'sinc function', zh: 'sinc 函数' },
    meaning: 'rules',
    float: (x) => (x === 0 ? 1 : Math.sin(x) / x),
    code: { js: ([x]) => `sinc(${x})`, python: ([x]) => `sinc(${x})`, jsHelper: 'sinc', pythonHelper: 'sinc' },
    total: true,
    smooth: true,
    range: span(-0.2173, 1, false, false),
  },
];
