/**
 * Differential test: over seeded random expressions in x and y, gradproof's ∂/∂x must match
 * central differences (mathjs at 50 digits), and must match mathjs' `derivative` and
 * nerdamer's `diff` wherever those match the differences too. Where a peer does not, the
 * case is a row of PEER_ERRORS below: recorded and asserted, never skipped.
 *
 * nerdamer's raw `diff` is compared, never its `simplify`, which is unsound (see the last test).
 */
import { describe, expect, it } from 'vitest';
import { all, create, type BigNumber } from 'mathjs';
import nerdamer from 'nerdamer';
import 'nerdamer/Algebra.js';
import 'nerdamer/Calculus.js';
import { type Expr, add, call, div, mul, num, pow, sub, sym } from '../../src/expr/node.js';
import { toAscii } from '../../src/expr/print.js';
import { evaluate } from '../../src/expr/eval.js';
import { seededRandom, uniform, type Random } from '../../src/expr/random.js';
import { symbols } from '../../src/expr/traverse.js';
import { parse } from '../../src/parse/ascii.js';
import { GradproofError } from '../../src/expr/errors.js';
import { derive } from '../../src/api/derive.js';
import { equivalent } from '../../src/api/equivalent.js';
import { fromMathjs, toMathjs } from '../../src/interop/mathjs.js';

const math = create(all!);
const big = create(all!, { number: 'BigNumber', precision: 50 });

const FUNCTIONS = ['exp', 'log', 'sin', 'cos', 'tanh', 'sqrt'] as const;

/** A random expression in x and y, at most `depth` operations deep. */
function randomExpr(rnd: Random, depth: number): Expr {
  if (depth === 0 || rnd() < 0.2) {
    const r = rnd();
    return r < 0.5 ? sym('x') : r < 0.75 ? sym('y') : num(1 + Math.floor(rnd() * 3));
  }
  const a = () => randomExpr(rnd, depth - 1);
  const r = rnd();
  if (r < 0.15) return add(a(), a());
  if (r < 0.3) {
    // Not a - a: it is zero, and dividing by it is bad input (gradproof refuses it, rightly).
    const [p, q] = [a(), a()];
    return p === q ? p : sub(p, q);
  }
  if (r < 0.45) return mul(a(), a());
  if (r < 0.55) return div(a(), a());
  if (r < 0.65) return pow(a(), num(2 + Math.floor(rnd() * 2)));
  return call(FUNCTIONS[Math.floor(rnd() * FUNCTIONS.length)]!, a());
}

/** Agreement of two doubles: relative 1e-8, absolute below 1. */
const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-8 * Math.max(1, Math.abs(a), Math.abs(b));

/** ∂e/∂x by central differences in 50-digit arithmetic (h = 1e-12, error far below 1e-8). */
function finiteDifference(e: Expr, point: { x: number; y: number }): number {
  const code = toMathjs(e, big).compile();
  const at = (x: BigNumber) => code.evaluate({ x, y: big.bignumber(point.y) }) as BigNumber;
  const h = big.bignumber('1e-12');
  const x = big.bignumber(point.x);
  const d = big.divide(big.subtract(at(big.add(x, h) as BigNumber), at(big.subtract(x, h) as BigNumber)), big.multiply(h, 2)) as BigNumber;
  return typeof d === 'object' && 'isBigNumber' in d ? Number(d.toString()) : NaN;
}

interface Row {
  readonly expr: string;
  readonly peer: 'gradproof' | 'mathjs' | 'nerdamer';
  /** The peer's derivative, as it wrote it (for gradproof, its error). */
  readonly derivative: string;
  readonly point: string;
  readonly peerValue: number;
  readonly reference: number;
}

/**
 * Where a derivative is wrong or missing, by expression and tool (one row per pair, at the
 * first point where it is wrong). Each was checked by hand; the reason is beside it. When a
 * tool is fixed, its row goes: the test fails until this table says so.
 */
const PEER_ERRORS: ReadonlyArray<Pick<Row, 'expr' | 'peer'>> = [
  // nerdamer: abs(x)^(-1)*sqrt(3)*sqrt(y^(1/2))*x, i.e. sqrt(3)*y^(1/4)*sign(x); the derivative is sqrt(3*y)*sign(x).
  { expr: 'sqrt(3*x*x*y)', peer: 'nerdamer' },
  // nerdamer leaves diff(sqrt(log(x)), x) unevaluated inside its result, which then evaluates to 0.
  { expr: 'cos(sqrt(log(x)))', peer: 'nerdamer' },
  // nerdamer: e^sqrt((1/2)*x^(-1/2)) where the chain rule needs e^sqrt(x).
  { expr: 'x^2 + tanh(x) + exp(sqrt(x))', peer: 'nerdamer' },
  // nerdamer: sqrt((y - x)^(-1/2))^(-1), i.e. (y - x)^(1/4), where the quotient rule needs (y - x)^(-1/2).
  { expr: 'cos(x)/sqrt(y - x)', peer: 'nerdamer' },
];

describe('gradproof, mathjs and nerdamer on random expressions', () => {
  const rnd = seededRandom(8131);
  const exprs: Expr[] = [];
  while (exprs.length < 60) {
    const e = randomExpr(rnd, 3);
    if (symbols(e).has('x') && !exprs.includes(e)) exprs.push(e);
  }
  const points = Array.from({ length: 3 }, () => ({ x: uniform(rnd, 0.3, 2), y: uniform(rnd, 0.3, 2) }));
  const rows: Row[] = [];
  const compared = { gradproof: 0, mathjs: 0, nerdamer: 0 };

  it.each(exprs.map((e) => [toAscii(e), e] as const))('∂/∂x %s', (text, e) => {
    let result: Expr;
    try {
      result = parse(derive({ loss: text, wrt: 'x' }).result);
    } catch (err) {
      // The kernel refusing the engine's own proof is an internal error: on record, not hidden.
      if (!(err instanceof GradproofError) || err.code !== 'internal') throw err;
      rows.push({ expr: text, peer: 'gradproof', derivative: err.message, point: '', peerValue: NaN, reference: NaN });
      return;
    }
    const mj = math.derivative(toMathjs(e, math), 'x');
    const mjCode = mj.compile();
    const nd = nerdamer.diff(text, 'x').toString();
    for (const p of points) {
      const f = evaluate(e, (n) => p[n as 'x' | 'y']);
      const reference = finiteDifference(e, p);
      if (!Number.isFinite(f) || !Number.isFinite(reference)) continue;
      const mine = evaluate(result, (n) => p[n as 'x' | 'y']);
      const at = `x = ${p.x}, y = ${p.y}`;
      expect(close(mine, reference), `gradproof's ${toAscii(result)} at ${at}: ${mine}, differences ${reference}`).toBe(true);
      compared.gradproof++;
      // The interop reads mathjs' result back to the same value.
      const mjValue = mjCode.evaluate(p) as unknown;
      const mjNumber = typeof mjValue === 'number' ? mjValue : NaN;
      if (Number.isFinite(mjNumber)) expect(evaluate(fromMathjs(mj), (n) => p[n as 'x' | 'y'])).toBeCloseTo(mjNumber, 9);
      const ndNumber = Number(nerdamer(nd, { x: String(p.x), y: String(p.y) }, 'numer').text('decimals'));
      for (const [peer, value, derivative] of [['mathjs', mjNumber, mj.toString()], ['nerdamer', ndNumber, nd]] as const) {
        if (close(value, reference)) {
          expect(close(mine, value), `${peer}: ${derivative} at ${at}`).toBe(true);
          compared[peer]++;
        } else if (!rows.some((r) => r.expr === text && r.peer === peer)) {
          rows.push({ expr: text, peer, derivative, point: at, peerValue: value, reference });
        }
      }
    }
  });

  it('compared at many points, and where a peer is wrong, it is on record', () => {
    console.table(rows);
    expect(compared.gradproof).toBeGreaterThanOrEqual(120);
    expect(compared.mathjs).toBeGreaterThanOrEqual(100);
    expect(compared.nerdamer).toBeGreaterThanOrEqual(100);
    expect(rows.map(({ expr, peer }) => ({ expr, peer }))).toEqual(PEER_ERRORS);
  });
});

describe("nerdamer's simplify is unsound, so only its raw diff is compared", () => {
  it('simplify(-y+z) gives -z+y, which gradproof refutes', () => {
    const simplified = nerdamer('simplify(-y+z)').toString();
    expect(simplified).toBe('-z+y');
    const r = equivalent('-y+z', simplified);
    expect(r.verdict).toBe('refuted');
  });
});
