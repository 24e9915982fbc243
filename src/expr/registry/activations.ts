/**
 * The activations of neural networks. Those given by a `def` in rules/activations.rules have
 * a floating-point value of their own as well, computed independently, so that each
 * definition is checked against a second implementation when it loads.
 */
import type { FunctionSpec } from './types.js';
import { nan, span, spelled } from './spec-helpers.js';
import { erfcFloat, logistic, softplusFloat } from './numeric.js';

const named = { form: { kind: 'named' } } as const;

export const ACTIVATIONS: readonly FunctionSpec[] = [
  {
    name: 'sigmoid',
    aliases: ['σ'],
    arity: 1,
    latex: { form: { kind: 'symbol', command: '\\sigma' } },
    names: { en: 'sigmoid', zh: 'sigmoid 函数' },
    meaning: 'rules',
    float: logistic,
    precise: (D) => (x) => new D(1).div(new D(1).plus(x.neg().exp())),
    // sigmoid(u)*sigmoid(-u), without the cancellation in 1 - sigmoid(u).
    dual: { derivative: (D, [a], v) => v.div(new D(1).plus(a!.v.exp())).times(a!.d) },
    code: { js: spelled('sigmoid'), python: spelled('sigmoid'), jsHelper: 'sigmoid', pythonHelper: 'sigmoid' },
    total: true,
    smooth: true,
    range: span(0, 1, true, true, logistic, (y) => (y <= 0 ? -Infinity : y >= 1 ? Infinity : Math.log(y / (1 - y)))),
  },
  {
    name: 'softplus',
    arity: 1,
    latex: named,
    names: { en: 'softplus', zh: 'softplus 函数' },
    meaning: 'rules',
    float: softplusFloat,
    precise: (D) => (x) => new D(1).plus(x.exp()).ln(),
    dual: { derivative: (D, [a]) => new D(1).div(new D(1).plus(a!.v.neg().exp())).times(a!.d) },
    code: { js: spelled('softplus'), python: spelled('softplus'), jsHelper: 'softplus', pythonHelper: 'softplus' },
    total: true,
    smooth: true,
    // Written so that neither overflows: softplus(x) = x + log1p(e^-x), its inverse y + log(1 - e^-y).
    range: span(0, Infinity, true, true, (x) => (x > 30 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))), (y) =>
      y <= 0 ? -Infinity : y > 30 ? y + Math.log(-Math.expm1(-y)) : Math.log(Math.expm1(y)),
    ),
  },
  {
    name: 'relu',
    arity: 1,
    latex: { form: { kind: 'named' }, words: ['ReLU'] },
    names: { en: 'ReLU', zh: 'ReLU 函数' },
    meaning: 'rules',
    float: (x) => (x > 0 ? x : 0),
    precise: (D) => (x) => (x.gt(0) ? x : new D(0)),
    dual: { derivative: (D, [a]) => (a!.v.isZero() ? nan(D) : a!.v.gt(0) ? a!.d : new D(0)) },
    code: { js: (a) => `Math.max(${a[0]}, 0)`, python: (a) => `max(${a[0]}, 0.0)` },
    total: true,
    continuous: true,
    range: span(0, Infinity, false, true),
  },
  { name: 'leaky_relu', arity: 2, latex: named, names: { en: 'leaky ReLU', zh: 'Leaky ReLU 函数' }, meaning: 'rules', total: true, continuous: true },
  { name: 'elu', arity: 2, latex: named, names: { en: 'ELU', zh: 'ELU 函数' }, meaning: 'rules', total: true, continuous: true },
  { name: 'swish', arity: 1, latex: named, names: { en: 'swish', zh: 'swish 函数' }, meaning: 'rules', float: (x) => x * logistic(x), total: true, smooth: true },
  { name: 'silu', arity: 1, latex: named, names: { en: 'SiLU', zh: 'SiLU 函数' }, meaning: 'rules', float: (x) => x * logistic(x), total: true, smooth: true },
  // x*Φ(x) with Φ(x) = erfc(-x/√2)/2: no cancellation in 1 + erf(x/√2) for x ≪ 0.
  { name: 'gelu', arity: 1, latex: named, names: { en: 'GELU', zh: 'GELU 函数' }, meaning: 'rules', float: (x) => (x * erfcFloat(-x / Math.SQRT2)) / 2, total: true, smooth: true },
  // The tanh approximation of GELU (PyTorch's approximate='tanh').
  {
    name: 'gelu_tanh',
    arity: 1,
    latex: named,
    names: { en: 'GELU (tanh approximation)', zh: 'GELU 函数（tanh 近似）' },
    meaning: 'rules',
    float: (x) => (x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)))) / 2,
    total: true,
    smooth: true,
  },
  { name: 'softsign', arity: 1, latex: named, names: { en: 'softsign', zh: 'softsign 函数' }, meaning: 'rules', float: (x) => x / (1 + Math.abs(x)), total: true, continuous: true },
  { name: 'mish', arity: 1, latex: named, names: { en: 'mish', zh: 'mish 函数' }, meaning: 'rules', float: (x) => x * Math.tanh(softplusFloat(x)), total: true, smooth: true },
  {
    // Only generated code calls it (src/codegen/stable.ts), with its terms as arguments: log(Σ exp(x)) without overflow.
    name: 'logsumexp',
    arity: { min: 1 },
    latex: named,
    names: { en: 'log-sum-exp', zh: 'log-sum-exp 函数' },
    meaning: 'code',
    code: { js: spelled('logsumexp'), python: spelled('logsumexp'), jsHelper: 'logsumexp', pythonHelper: 'logsumexp' },
  },
];
