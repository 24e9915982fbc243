/**
 * Rounding: floor, ceil and round are primitives whose derivative is 0 away from their
 * jumps (rules/elementary.rules carries the jump as a condition: u - floor(u) ≠ 0 for
 * floor and ceil, u - floor(u) ≠ 1/2 for round); mod(u, k) = u - k floor(u/k) is a `def` (mathjs's
 * convention: the sign of k; undefined for k = 0 here, where mathjs gives u). round
 * takes halves away from zero, as mathjs does (round(-2.5) = -3).
 */
import type { Decimal } from 'decimal.js';
import type { DecimalCtor, Dual, DualSpec, FunctionSpec } from './types.js';
import { nan, spelled } from './spec-helpers.js';

/** Half away from zero, exactly: |x| - floor(|x|) is exact for a double. */
const roundHalfAway = (x: number): number => {
  const a = Math.abs(x);
  const f = Math.floor(a);
  return Math.sign(x) * (a - f >= 0.5 ? f + 1 : f);
};

/** 0 away from the jumps `at(u)` says u is at; NaN there. Its value is exact away from them. */
const flat = (at: (u: Decimal) => boolean): DualSpec => ({
  derivative: (D: DecimalCtor, [a]: readonly Dual[]) => (at(a!.v) ? nan(D) : new D(0)),
  error: (D: DecimalCtor, [a]: readonly Dual[], v: Decimal) => (v.isFinite() ? v.abs() : new D(0)).plus(a!.e),
});

export const ROUNDING: readonly FunctionSpec[] = [
  {
    name: 'floor',
    arity: 1,
    latex: { form: { kind: 'enclosed', open: '\\left\\lfloor ', close: '\\right\\rfloor' } },
    names: { en: 'floor', zh: '向下取整' },
    meaning: 'rules',
    float: Math.floor,
    precise: () => (x) => x.floor(),
    dual: flat((u) => u.isInteger()),
    code: { js: spelled('Math.floor'), python: spelled('math.floor') },
    total: true,
  },
  {
    name: 'ceil',
    arity: 1,
    latex: { form: { kind: 'enclosed', open: '\\left\\lceil ', close: '\\right\\rceil' } },
    names: { en: 'ceiling', zh: '向上取整' },
    meaning: 'rules',
    float: Math.ceil,
    precise: () => (x) => x.ceil(),
    dual: flat((u) => u.isInteger()),
    code: { js: spelled('Math.ceil'), python: spelled('math.ceil') },
    total: true,
  },
  {
    name: 'round',
    arity: 1,
    latex: { form: { kind: 'named' } },
    names: { en: 'rounding to the nearest integer', zh: '四舍五入' },
    meaning: 'rules',
    float: roundHalfAway,
    precise: (D) => (x) => x.toDecimalPlaces(0, D.ROUND_HALF_UP),
    dual: flat((u) => u.minus(u.floor()).eq(0.5)),
    code: { js: spelled('round_half_away'), python: spelled('round_half_away'), jsHelper: 'round_half_away', pythonHelper: 'round_half_away' },
    total: true,
  },
  {
    name: 'mod',
    arity: 2,
    latex: { form: { kind: 'named' } },
    names: { en: 'modulo', zh: '取模' },
    meaning: 'rules',
    float: (x, k) => (k === 0 ? NaN : x - k! * Math.floor(x / k!)),
    code: { js: spelled('mod'), python: spelled('mod'), jsHelper: 'mod', pythonHelper: 'mod' },
  },
];
