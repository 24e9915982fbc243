/**
 * Helpers of the adversarial suite: an oracle that evaluates expressions in 60-digit decimal
 * arithmetic (independent of gradproof's evaluators), and checks that a `refuted` verdict
 * rests on a real counterexample.
 */
import { Decimal } from 'decimal.js';
import { expect } from 'vitest';
import { parse } from '../../src/parse/ascii.js';
import type { Expr } from '../../src/expr/node.js';
import { GradproofError, type ErrorCode } from '../../src/index.js';

const D = Decimal.clone({ precision: 60 });
type Dec = InstanceType<typeof D>;
const NAN = new D(NaN);

const one = new D(1);
const sigmoid = (x: Dec): Dec => one.div(one.plus(x.neg().exp()));
const FUNCTIONS: Readonly<Record<string, (...xs: Dec[]) => Dec>> = {
  exp: (x) => x.exp(),
  log: (x) => (x.gt(0) ? x.ln() : NAN),
  sqrt: (x) => (x.gte(0) ? x.sqrt() : NAN),
  sin: (x) => x.sin(),
  cos: (x) => x.cos(),
  tanh: (x) => x.tanh(),
  sinh: (x) => x.sinh(),
  cosh: (x) => x.cosh(),
  abs: (x) => x.abs(),
  relu: (x) => (x.gt(0) ? x : new D(0)),
  sigmoid,
  softplus: (x) => one.plus(x.exp()).ln(),
  swish: (x) => x.times(sigmoid(x)),
  // Comparisons are 1 or 0; piecewise is the first value whose condition holds.
  gt: (a, b) => new D(a.gt(b) ? 1 : 0),
  lt: (a, b) => new D(a.lt(b) ? 1 : 0),
  ge: (a, b) => new D(a.gte(b) ? 1 : 0),
  le: (a, b) => new D(a.lte(b) ? 1 : 0),
  piecewise: (...xs) => {
    for (let i = 0; i + 1 < xs.length; i += 2) if (xs[i]!.eq(1)) return xs[i + 1]!;
    return NAN;
  },
};

/** `e` in 60 digits, at the point (names not in the point are `pi`, `e`, or an error). */
function value(e: Expr, point: Readonly<Record<string, Dec>>): Dec {
  switch (e.kind) {
    case 'num':
      return new D(e.value.n.toString()).div(e.value.d.toString());
    case 'sym': {
      const v = point[e.name];
      if (v !== undefined) return v;
      if (e.name === 'pi') return D.acos(-1);
      if (e.name === 'e') return one.exp();
      throw new Error(`oracle: no value for ${e.name}`);
    }
    case 'add':
      return e.args.reduce((s, a) => s.plus(value(a, point)), new D(0));
    case 'mul':
      return e.args.reduce((s, a) => s.times(value(a, point)), one);
    case 'pow': {
      const [b, x] = [value(e.args[0], point), value(e.args[1], point)];
      if (b.isZero() && x.lte(0)) return NAN;
      if (b.lt(0) && !x.isInteger()) return NAN;
      return b.pow(x);
    }
    case 'call': {
      if (e.fn === 'diff') return derivative(e.args[0]!, e.args[1]!, point);
      const f = FUNCTIONS[e.fn];
      if (!f) throw new Error(`oracle: no function ${e.fn}`);
      return f(...e.args.map((a) => value(a, point)));
    }
  }
}

/** `diff(f, x)` by a central difference with step 1e-25 (60 digits: accurate to about 1e-25). */
function derivative(f: Expr, x: Expr, point: Readonly<Record<string, Dec>>): Dec {
  if (x.kind !== 'sym' || point[x.name] === undefined) throw new Error('oracle: diff by a name with a value only');
  const h = new D('1e-25');
  const at = (d: Dec) => value(f, { ...point, [x.name]: point[x.name]!.plus(d) });
  return at(h).minus(at(h.neg())).div(h.times(2));
}

/** Values of `lets` (`name = expr`, in dependency order) added to `point`, in 60 digits. */
function scope(point: Readonly<Record<string, number>>, lets: readonly string[] = []): Record<string, Dec> {
  // A number as the user reads it (its shortest decimal form), not its binary expansion.
  const s: Record<string, Dec> = Object.fromEntries(Object.entries(point).map(([k, v]) => [k, new D(String(v))]));
  for (const l of lets) {
    const [name, text] = l.split(/=(.*)/s) as [string, string];
    s[name.trim()] = value(parse(text), s);
  }
  return s;
}

/** `text` evaluated in 60 digits at `point`, through `lets`; NaN where undefined. */
export function hp(text: string, point: Readonly<Record<string, number>>, lets: readonly string[] = []): Dec {
  return value(parse(text), scope(point, lets));
}

const RELATION = /^(.*?)(<=|>=|!=|=|<|>)(.*)$/s;

/** Whether every stated fact holds at the point, equalities to 40 digits. */
export function factsHold(facts: readonly string[], point: Readonly<Record<string, number>>, lets: readonly string[] = []): boolean {
  const s = scope(point, lets);
  return facts.every((f) => {
    const m = RELATION.exec(f);
    if (!m) throw new Error(`oracle: not a relation: ${f}`);
    const d = value(parse(m[1]!), s).minus(value(parse(m[3]!), s));
    if (d.isNaN()) return false;
    const tiny = d.abs().lt('1e-40');
    switch (m[2]) {
      case '=':
        return tiny;
      case '!=':
        return !tiny;
      case '<':
        return d.lt(0) && !tiny;
      case '>':
        return d.gt(0) && !tiny;
      case '<=':
        return d.lte(0) || tiny;
      default:
        return d.gte(0) || tiny;
    }
  });
}

/**
 * Whether `point` really refutes `a = b`: the facts hold there (equalities exactly, to 40
 * digits), both sides are defined, and they differ in 60-digit arithmetic (relative 1e-40).
 */
export function realCounterexample(a: string, b: string, point: Readonly<Record<string, number>>, facts: readonly string[] = [], lets: readonly string[] = []): boolean {
  if (!factsHold(facts, point, lets)) return false;
  const [l, r] = [hp(a, point, lets), hp(b, point, lets)];
  if (l.isNaN() || r.isNaN()) return false;
  return l.minus(r).abs().gt(D.max(l.abs(), r.abs(), 1).times('1e-40'));
}

/** The code of the GradproofError `f` throws; anything else thrown (or nothing) fails the test. */
export function errorCode(f: () => unknown): ErrorCode | 'no error' {
  try {
    f();
  } catch (err) {
    if (err instanceof GradproofError) {
      expect(err.code, `${err.code}: ${err.message}`).not.toBe('internal');
      return err.code;
    }
    throw new Error(`not a GradproofError: ${(err as Error)?.stack ?? String(err)}`);
  }
  return 'no error';
}

/** The verdict of `f`, or the code of the GradproofError it throws (`error:CODE`). */
export function outcome<T extends { verdict: string | null }>(f: () => T): { verdict: string; result?: T } {
  try {
    const r = f();
    return { verdict: r.verdict ?? 'null', result: r };
  } catch (err) {
    if (err instanceof GradproofError) return { verdict: `error:${err.code}` };
    throw err;
  }
}

// ---------------------------------------------------------------------------------------
// Equalities as cases: what `equivalent()` must say about `a = b` under facts and names.

/**
 * What a sound tool must say:
 * - `proven`: exactly that, with exactly `conditions` (order aside) when they are given;
 * - `refuted`: exactly that, at a point the oracle confirms (facts hold, sides really differ);
 * - `unknown`: exactly that;
 * - `true`: the statement holds; `proven` or `unknown`, never `refuted`;
 * - `false`: the statement is false but a counterexample is hard to find; `refuted` at a
 *   point the oracle confirms, or `unknown`, never `proven`;
 * - `unsat`: the facts are contradictory; `unknown`, or a GradproofError (not `internal`);
 * - `undefined`: a side is undefined everywhere (`0/0`); `unknown`, or refused as bad input
 *   with a `syntax` error (as derive refuses a division by something zero everywhere);
 * - `error:CODE`: a GradproofError with that code.
 */
export type Expected = 'proven' | 'refuted' | 'unknown' | 'true' | 'false' | 'unsat' | 'undefined' | `error:${ErrorCode}`;

export interface EqCase {
  readonly a: string;
  readonly b: string;
  readonly let?: readonly string[];
  readonly assume?: readonly string[];
  readonly expect: Expected;
  readonly conditions?: readonly string[];
}

/** `a = b` as a table row reads. */
export const label = (c: EqCase): string =>
  `${c.a} = ${c.b}${c.assume?.length ? ` given ${c.assume.join(', ')}` : ''}${c.let?.length ? ` where ${c.let.join(', ')}` : ''}`;

/** Asserts that `equivalent` (through `decide`) gives what `c.expect` asks. */
export function assertDecision(
  c: EqCase,
  decide: () => { verdict: string | null; counterexample: Readonly<Record<string, number>> | null; conditions?: readonly string[] },
): void {
  let r: ReturnType<typeof decide>;
  try {
    r = decide();
  } catch (err) {
    if (!(err instanceof GradproofError)) throw err;
    expect(err.code, err.message).not.toBe('internal');
    if (c.expect === 'unsat') return;
    expect(`error:${err.code}`, err.message).toBe(c.expect === 'undefined' ? 'error:syntax' : c.expect);
    return;
  }
  const seen = `${r.verdict}${r.counterexample ? ` at ${JSON.stringify(r.counterexample)}` : ''}`;
  switch (c.expect) {
    case 'true':
      expect(r.verdict, seen).not.toBe('refuted');
      return;
    case 'unsat':
    case 'undefined':
      expect(r.verdict, seen).toBe('unknown');
      return;
    case 'false':
      expect(r.verdict, seen).not.toBe('proven');
      if (r.verdict === 'refuted') expect(realCounterexample(c.a, c.b, r.counterexample!, c.assume, c.let), `not a real counterexample: ${seen}`).toBe(true);
      return;
    case 'refuted':
      expect(r.verdict, seen).toBe('refuted');
      expect(realCounterexample(c.a, c.b, r.counterexample!, c.assume, c.let), `not a real counterexample: ${seen}`).toBe(true);
      return;
    default:
      expect(r.verdict, seen).toBe(c.expect);
      if (c.expect === 'proven' && c.conditions) expect([...(r.conditions ?? [])].sort()).toEqual([...c.conditions].sort());
  }
}
