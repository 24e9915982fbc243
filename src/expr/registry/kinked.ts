/**
 * Functions with kinks and jumps, each given by a `def` in rules/piecewise.rules (its kinks
 * carried as conditions by its derivative rule). The floating-point values here are second
 * implementations, computed independently, that each definition is checked against when it loads.
 */
import type { FunctionSpec } from './types.js';
import { spelled } from './spec-helpers.js';

const named = { form: { kind: 'named' } } as const;
const clip = (u: number, lo: number, hi: number): number => Math.min(Math.max(u, lo), hi);
// Klambauer et al. (2017).
const SELU_LAMBDA = 1.0507009873554805;
const SELU_ALPHA = 1.6732632423543772;

/**
 * max or min of two or more arguments (`sense` 1 or -1): a primitive, so that calls of any
 * length have values (the def of two arguments says what it means, the derivative rules of
 * each length how it changes). Its derivative over decimals follows the one extreme
 * argument, and does not exist where two tie for it.
 */
function extremum(name: string, en: string, zh: string, sense: 1 | -1): FunctionSpec {
  const pick = (xs: readonly number[]): number => (sense > 0 ? Math.max(...xs) : Math.min(...xs));
  return {
    name,
    arity: { min: 2 },
    latex: { form: { kind: 'named' }, commands: [name] },
    names: { en, zh },
    meaning: 'rules',
    float: (...xs) => pick(xs),
    precise: (D) => (...xs) => (sense > 0 ? D.max(...xs) : D.min(...xs)),
    dual: {
      derivative: (D, args, v) => {
        const at = args.filter((a) => a.v.eq(v));
        return at.length === 1 ? at[0]!.d : new D(NaN);
      },
      error: (D, args) => args.reduce((m, a) => (a.e.gt(m) ? a.e : m), new D(0)),
    },
    code: { js: spelled(`Math.${name}`), python: spelled(name) },
    total: true,
    continuous: true,
  };
}

export const KINKED: readonly FunctionSpec[] = [
  extremum('max', 'maximum', '最大值', 1),
  extremum('min', 'minimum', '最小值', -1),
  // numpy's clip, min(max(u, lo), hi); PyTorch calls it clamp.
  { name: 'clip', aliases: ['clamp'], arity: 3, latex: named, names: { en: 'clip', zh: '截断函数' }, meaning: 'rules', float: (u, lo, hi) => clip(u, lo!, hi!), total: true, continuous: true },
  // sign(0) = 0.
  { name: 'sign', arity: 1, latex: { form: { kind: 'named' }, words: ['sgn'] }, names: { en: 'sign function', zh: '符号函数' }, meaning: 'rules', float: (x) => (Number.isNaN(x) ? NaN : x > 0 ? 1 : x < 0 ? -1 : 0), total: true },
  // heaviside(0) = 1/2, SymPy's convention.
  { name: 'heaviside', arity: 1, latex: named, names: { en: 'Heaviside step function', zh: '单位阶跃函数' }, meaning: 'rules', float: (x) => (Number.isNaN(x) ? NaN : x > 0 ? 1 : x < 0 ? 0 : 0.5), total: true },
  { name: 'relu6', arity: 1, latex: named, names: { en: 'ReLU6', zh: 'ReLU6 函数' }, meaning: 'rules', float: (x) => clip(x, 0, 6), total: true, continuous: true },
  { name: 'hardtanh', arity: 1, latex: named, names: { en: 'hardtanh', zh: 'hardtanh 函数' }, meaning: 'rules', float: (x) => clip(x, -1, 1), total: true, continuous: true },
  // PyTorch's definition, relu6(u + 3)/6.
  { name: 'hard_sigmoid', arity: 1, latex: named, names: { en: 'hard sigmoid', zh: '硬 sigmoid 函数' }, meaning: 'rules', float: (x) => clip(x + 3, 0, 6) / 6, total: true, continuous: true },
  { name: 'selu', arity: 1, latex: named, names: { en: 'SELU', zh: 'SELU 函数' }, meaning: 'rules', float: (x) => SELU_LAMBDA * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)), total: true, continuous: true },
];
