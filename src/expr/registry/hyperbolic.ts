/**
 * Hyperbolic reciprocals and the inverse hyperbolic functions, each given by a `def` in
 * rules/elementary.rules (asinh(u) = log(u + sqrt(u^2 + 1)) and so on); the values here
 * are second implementations the defs are checked against.
 */
import type { FunctionSpec } from './types.js';
import { REAL_LINE, mathCode, ofReciprocal, over, reciprocalOf, span } from './spec-helpers.js';

const operator = (command: string, words?: readonly string[]): FunctionSpec['latex'] => ({ form: { kind: 'operator', command }, ...(words ? { words } : {}) });

export const HYPERBOLIC: readonly FunctionSpec[] = [
  {
    name: 'sech',
    arity: 1,
    latex: operator('\\operatorname{sech}'),
    names: { en: 'hyperbolic secant', zh: '双曲正割' },
    meaning: 'rules',
    float: (x) => 1 / Math.cosh(x),
    code: { js: reciprocalOf('Math.cosh', '1'), python: reciprocalOf('math.cosh', '1.0') },
    range: span(0, 1, true, false),
  },
  {
    name: 'csch',
    arity: 1,
    latex: operator('\\operatorname{csch}'),
    names: { en: 'hyperbolic cosecant', zh: '双曲余割' },
    meaning: 'rules',
    float: (x) => over(1, Math.sinh(x)),
    code: { js: reciprocalOf('Math.sinh', '1'), python: reciprocalOf('math.sinh', '1.0') },
  },
  {
    name: 'coth',
    arity: 1,
    latex: { form: { kind: 'operator', command: '\\coth' }, commands: ['coth'] },
    names: { en: 'hyperbolic cotangent', zh: '双曲余切' },
    meaning: 'rules',
    float: (x) => over(Math.cosh(x), Math.sinh(x)),
    code: { js: reciprocalOf('Math.tanh', '1'), python: reciprocalOf('math.tanh', '1.0') },
  },
  {
    name: 'asinh',
    arity: 1,
    latex: operator('\\operatorname{arsinh}', ['arsinh', 'arcsinh']),
    names: { en: 'inverse hyperbolic sine', zh: '反双曲正弦' },
    meaning: 'rules',
    float: Math.asinh,
    total: true,
    smooth: true,
    code: mathCode('asinh'),
    range: { ...REAL_LINE, f: Math.asinh, inverse: Math.sinh },
  },
  {
    name: 'acosh',
    arity: 1,
    latex: operator('\\operatorname{arcosh}', ['arcosh', 'arccosh']),
    names: { en: 'inverse hyperbolic cosine', zh: '反双曲余弦' },
    meaning: 'rules',
    float: Math.acosh,
    code: mathCode('acosh'),
    range: span(0, Infinity, false, true, (x) => (x <= 1 ? 0 : Math.acosh(x)), (y) => (y <= 0 ? 1 : Math.cosh(y))),
  },
  {
    name: 'atanh',
    arity: 1,
    latex: operator('\\operatorname{artanh}', ['artanh', 'arctanh']),
    names: { en: 'inverse hyperbolic tangent', zh: '反双曲正切' },
    meaning: 'rules',
    float: (x) => (Math.abs(x) < 1 ? Math.atanh(x) : NaN),
    code: mathCode('atanh'),
    range: { ...REAL_LINE, f: (x) => (x <= -1 ? -Infinity : x >= 1 ? Infinity : Math.atanh(x)), inverse: Math.tanh },
  },
  {
    name: 'acoth',
    arity: 1,
    latex: operator('\\operatorname{arcoth}', ['arcoth', 'arccoth']),
    names: { en: 'inverse hyperbolic cotangent', zh: '反双曲余切' },
    meaning: 'rules',
    float: (x) => (Math.abs(x) > 1 ? Math.atanh(1 / x) : NaN),
    code: { js: ofReciprocal('Math.atanh', '1'), python: ofReciprocal('math.atanh', '1.0') },
  },
  {
    name: 'asech',
    arity: 1,
    latex: operator('\\operatorname{arsech}', ['arsech', 'arcsech']),
    names: { en: 'inverse hyperbolic secant', zh: '反双曲正割' },
    meaning: 'rules',
    float: (x) => (x > 0 && x <= 1 ? Math.acosh(1 / x) : NaN),
    code: { js: ofReciprocal('Math.acosh', '1'), python: ofReciprocal('math.acosh', '1.0') },
    range: span(0, Infinity, false, true),
  },
  {
    name: 'acsch',
    arity: 1,
    latex: operator('\\operatorname{arcsch}', ['arcsch', 'arccsch']),
    names: { en: 'inverse hyperbolic cosecant', zh: '反双曲余割' },
    meaning: 'rules',
    float: (x) => (x === 0 ? NaN : Math.asinh(1 / x)),
    code: { js: ofReciprocal('Math.asinh', '1'), python: ofReciprocal('math.asinh', '1.0') },
  },
];
