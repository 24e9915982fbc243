/**
 * Comparisons (1 where they hold, else 0), `piecewise(c1, v1, c2, v2, ...)` (the first value
 * whose condition holds, NaN where none does: a kink where a derivative does not exist) and
 * the Kronecker delta. Their meaning is built into the evaluators and the kernel.
 */
import type { Decimal } from 'decimal.js';
import type { DecimalCtor, Dual, FunctionSpec } from './types.js';
import { indicator } from './numeric.js';
import { nan } from './spec-helpers.js';

const bool = (D: DecimalCtor, b: boolean): Decimal => new D(b ? 1 : 0);

/** Constant where the two sides differ; at equality the value jumps. */
const jump = { derivative: (D: DecimalCtor, [a, b]: readonly Dual[]) => (a!.v.eq(b!.v) ? nan(D) : new D(0)), error: (D: DecimalCtor) => new D(0) };

function comparison(name: string, symbol: string, en: string, zh: string, holds: (a: number, b: number) => boolean, decimal: (a: Decimal, b: Decimal) => boolean): FunctionSpec {
  return {
    name,
    arity: 2,
    latex: { form: { kind: 'relation', symbol } },
    names: { en, zh },
    meaning: 'notation',
    float: (a, b) => indicator(a, b, holds),
    precise: (D) => (a, b) => bool(D, decimal(a, b)),
    dual: jump,
    code: 'printer',
    total: true,
  };
}

export const PIECEWISE: readonly FunctionSpec[] = [
  comparison('gt', '>', 'greater than', '大于', (a, b) => a > b, (a, b) => a.gt(b)),
  comparison('lt', '<', 'less than', '小于', (a, b) => a < b, (a, b) => a.lt(b)),
  comparison('ge', '\\geq', 'at least', '大于等于', (a, b) => a >= b, (a, b) => a.gte(b)),
  comparison('le', '\\leq', 'at most', '小于等于', (a, b) => a <= b, (a, b) => a.lte(b)),
  {
    name: 'piecewise',
    arity: { min: 2 },
    latex: { form: { kind: 'notation' } },
    names: { en: 'piecewise function', zh: '分段函数' },
    meaning: 'notation',
    float: (...xs) => {
      for (let i = 0; i + 1 < xs.length; i += 2) {
        if (Number.isNaN(xs[i]!)) return NaN;
        if (xs[i] === 1) return xs[i + 1]!;
      }
      return NaN;
    },
    precise: (D) => (...xs) => {
      for (let i = 0; i + 1 < xs.length; i += 2) if (xs[i]!.eq(1)) return xs[i + 1]!;
      return nan(D);
    },
    dual: {
      // The chosen branch's derivative, unless a condition looked at is at its jump.
      derivative: (D, args) => {
        for (let i = 0; i + 1 < args.length; i += 2) {
          if (args[i]!.d.isNaN()) return nan(D);
          if (args[i]!.v.eq(1)) return args[i + 1]!.d;
        }
        return nan(D);
      },
      error: (D, args) => {
        for (let i = 0; i + 1 < args.length; i += 2) if (args[i]!.v.eq(1)) return args[i + 1]!.e;
        return new D(0);
      },
    },
    code: 'printer',
  },
  {
    name: 'delta',
    arity: 2,
    latex: { form: { kind: 'notation' } },
    names: { en: 'Kronecker delta', zh: '克罗内克 δ' },
    meaning: 'notation',
    float: (a, b) => indicator(a, b, (x, y) => x === y),
    precise: (D) => (a, b) => bool(D, a.eq(b)),
    dual: jump,
    code: { js: ([a, b]) => `(${a} === ${b} ? 1 : 0)`, python: ([a, b]) => `(1.0 if ${a} == ${b} else 0.0)` },
    total: true,
  },
];
