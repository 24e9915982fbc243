/**
 * A label set stated as a fact: `y in {0, 1}`, `y in {-1, 1}`. What the engine and the kernel
 * use is the equation it implies, (y - 0)(y - 1) = 0 written `y^2 = y` (`y^2 = 1` for {-1, 1}):
 * a stated equation, which the kernel already knows how to cite. What the user sees is the set
 * as they wrote it, and sampling draws y from the set, never from the line between its members.
 */
import { type Expr, add, isNum, mul, num, pow } from '../expr/node.js';
import { toAscii } from '../expr/print.js';
import { type Rational, ZERO, isZero, ratEq, ratNeg, ratToNumber } from '../expr/rational.js';
import { vanishingPolynomial } from '../expr/label-set.js';
import type { Assumption } from './types.js';

/** The fact `name in {values}`: the equation prod (name - v) = 0 as `name^n = ...`, with the set beside it. */
export function labelSetFact(name: Expr, values: readonly Expr[]): Assumption {
  const roots = values.map((v) => (isNum(v) ? v.value : undefined));
  if (!values.length || roots.some((r) => r === undefined)) throw new Error('a label set lists numbers');
  const c = vanishingPolynomial(roots as Rational[]);
  const n = c.length - 1;
  const power = (k: number): Expr => (k === 0 ? num(1) : k === 1 ? name : pow(name, num(k)));
  const rest = c.slice(0, n).flatMap((k, i) => (isZero(k) ? [] : [mul(num(ratNeg(k)), power(i))]));
  const rhs = rest.length ? add(...rest) : num(0);
  return { lhs: power(n), op: '=', rhs, among: { name, values } };
}

/** The distinct members of a set, in the order first written. */
export function distinctValues(values: readonly Expr[]): Expr[] {
  return values.filter((v, i) => values.findIndex((w) => isNum(w) && isNum(v) && ratEq(w.value, v.value)) === i);
}

/** A fact as the user stated it, in ASCII input syntax: `y in {0, 1}`, `y1 + y2 = 1`. */
export function factAscii(a: Assumption): string {
  if (a.among) return `${toAscii(a.among.name)} in {${a.among.values.map((v) => toAscii(v)).join(', ')}}`;
  return `${toAscii(a.lhs)} ${a.op} ${toAscii(a.rhs)}`;
}

/** The key of the variable a label set constrains in a sample point (its name). */
export const setVariable = (a: Assumption): string | undefined => (a.among?.name.kind === 'sym' ? a.among.name.name : undefined);

/** The member of the set nearest to `x` (the first of two as near): a sample point moved onto the set. */
export function nearestMember(a: Assumption, x: number): Rational {
  const values = a.among!.values.map((v) => (isNum(v) ? v.value : ZERO));
  let best = values[0]!;
  for (const v of values) if (Math.abs(ratToNumber(v) - x) < Math.abs(ratToNumber(best) - x)) best = v;
  return best;
}

/** A rational as a decimal string with `digits` digits after the point (exact when it terminates sooner). */
export function decimal(q: Rational, digits: number): string {
  const sign = q.n < 0n ? '-' : '';
  let n = q.n < 0n ? -q.n : q.n;
  const whole = n / q.d;
  n %= q.d;
  let frac = '';
  for (let i = 0; i < digits && n !== 0n; i++) {
    n *= 10n;
    frac += String(n / q.d);
    n %= q.d;
  }
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}
