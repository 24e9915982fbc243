/**
 * Differential test of the ASCII parser against `math.parse`: seeded random ASCII text over
 * numbers, names, `+ - * /`, `^`, unary signs, juxtaposition with and without spaces,
 * parentheses and calls to known functions. mathjs's tree is read by `fromMathjs`, which
 * does not use gradproof's parser, and both trees are compared as canonical expressions
 * (else by value at random points). Every disagreement fails with the text.
 *
 * gradproof refuses a little that mathjs reads (a number written right after a factor,
 * `x 2`); such a refusal must say so, and nothing else may be refused that mathjs reads.
 */
import { describe, expect, it } from 'vitest';
import { parse as mathParse } from 'mathjs';
import type { Expr } from '../../src/expr/node.js';
import { evaluate } from '../../src/expr/eval.js';
import { seededRandom, uniform, type Random } from '../../src/expr/random.js';
import { GradproofError } from '../../src/expr/errors.js';
import { toAscii } from '../../src/expr/print.js';
import { BUILTIN_FUNCTIONS, parse } from '../../src/parse/ascii.js';
import { type MathjsNode, fromMathjs } from '../../src/interop/mathjs.js';

/** Names that are no function's (nor a mathjs constant or unit such as `i` or `m`). */
const NAMES = ['x', 'y', 'z', 'w', 'a2', 'z1', 'b', 'pi'] as const;
const FUNCTIONS = ['exp', 'log', 'sqrt', 'sin', 'cos', 'tanh', 'sigmoid', 'softplus', 'abs'] as const;
const NUMBERS = ['2', '3', '1', '0.5', '.5', '2.5', '10', '1e-3', '4'] as const;

const pick = <T>(rnd: Random, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

/** Random ASCII text, at most `depth` levels of parentheses and calls deep. */
function randomText(rnd: Random, depth: number): string {
  const gap = (): string => (rnd() < 0.5 ? ' ' : '');
  const atom = (): string => {
    const r = rnd();
    if (depth > 0 && r < 0.1) return `(${randomText(rnd, depth - 1)})`;
    if (depth > 0 && r < 0.2) return `${pick(rnd, FUNCTIONS)}${rnd() < 0.1 ? ' ' : ''}(${randomText(rnd, depth - 1)})`;
    return r < 0.65 ? pick(rnd, NAMES) : pick(rnd, NUMBERS);
  };
  const power = (): string => {
    let s = atom();
    if (rnd() < 0.2) s += `${gap()}^${gap()}${rnd() < 0.3 ? '-' : ''}${atom()}`;
    if (rnd() < 0.05) s += `^${atom()}`;
    return s;
  };
  const signed = (): string => (rnd() < 0.15 ? pick(rnd, ['-', '+', '- -']) + gap() : '') + power();
  // Side by side: a space, or none where the text stays the same tokens (`2x`, `x(y)`, `(a)b`).
  const juxtaposed = (): string => {
    let s = signed();
    while (rnd() < 0.35) {
      const next = power();
      // Mostly what both read: a name then `(` is a call (to an unknown function here), and a
      // number after a factor is refused; a few of each stay, to check both refuse them.
      const call = /(^|[^\w.])[A-Za-z_]\w*$/.test(s) && next.startsWith('(');
      if ((call || /^[\d.]/.test(next)) && rnd() < 0.9) continue;
      const merges = /[\w.]$/.test(s) && /^[\w.]/.test(next);
      s += (merges || rnd() < 0.5 ? ' ' : '') + next;
    }
    return s;
  };
  let s = juxtaposed();
  const n = Math.floor(rnd() * 4);
  for (let k = 0; k < n; k++) s += `${gap()}${pick(rnd, ['+', '-', '*', '/', '/', '*'])}${gap()}${juxtaposed()}`;
  return s;
}

type Reading = { expr: Expr } | { error: string };

function ours(text: string): Reading {
  try {
    return { expr: parse(text, { functions: BUILTIN_FUNCTIONS }) };
  } catch (e) {
    if (e instanceof GradproofError) return { error: e.message };
    throw e;
  }
}

function theirs(text: string): Reading {
  try {
    return { expr: fromMathjs(mathParse(text) as unknown as MathjsNode) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Whether two expressions agree at random points where both are defined (and are defined at the same points). */
function sameValues(a: Expr, b: Expr, rnd: Random): boolean {
  for (let k = 0; k < 4; k++) {
    const point = new Map(NAMES.map((n) => [n as string, uniform(rnd, 0.3, 1.7)]));
    const [u, v] = [evaluate(a, (n) => point.get(n)), evaluate(b, (n) => point.get(n))];
    if (Number.isFinite(u) !== Number.isFinite(v)) return false;
    if (Number.isFinite(u) && Math.abs(u - v) > 1e-9 * Math.max(1, Math.abs(u), Math.abs(v))) return false;
  }
  return true;
}

/** gradproof's refusals of text mathjs reads: a number after a factor, as `x 2`. */
const OUR_REFUSALS = /^missing operator before number /;

describe('the ASCII parser agrees with math.parse', () => {
  // About two seconds alone, most of it in math.parse; more when other test files run beside it.
  it('on 10,000 random expressions', { timeout: 30_000 }, () => {
    const rnd = seededRandom(14);
    const disagreements: string[] = [];
    const tally = { same: 0, sameByValue: 0, bothRefuse: 0, weRefuse: 0 };
    for (let k = 0; k < 10_000; k++) {
      const text = randomText(rnd, 2);
      const [a, b] = [ours(text), theirs(text)];
      if ('error' in a && 'error' in b) tally.bothRefuse++;
      else if ('error' in a) {
        if (OUR_REFUSALS.test(a.error)) tally.weRefuse++;
        else disagreements.push(`${text}: gradproof refuses (${a.error}), mathjs reads ${toAscii((b as { expr: Expr }).expr)}`);
      } else if ('error' in b) disagreements.push(`${text}: gradproof reads ${toAscii(a.expr)}, mathjs refuses (${b.error})`);
      else if (a.expr === b.expr) tally.same++;
      else if (sameValues(a.expr, b.expr, rnd)) tally.sameByValue++;
      else disagreements.push(`${text}: gradproof reads ${toAscii(a.expr)}, mathjs ${toAscii(b.expr)}`);
    }
    expect(disagreements.slice(0, 20)).toEqual([]);
    // The comparison compares: most texts are read by both, and read alike structurally; a
    // few are refused by both, or by gradproof alone for a number after a factor.
    expect(tally.same).toBeGreaterThan(8000);
    expect(tally.bothRefuse).toBeGreaterThan(100);
    expect(tally.weRefuse).toBeGreaterThan(100);
  });

  it.each([
    ['x / 2 y', 'x/(2*y)'],
    ['8 pi / 2 pi', '4*pi/pi'],
    ['-2^2', '-4'],
    ['2^-3', '1/8'],
    ['x^y^z', 'x^(y^z)'],
    ['-x^2', '-x^2'],
    ['2x^2', '2*x^2'],
    ['(a)(b)', 'a*b'],
    ['2(x)', '2*x'],
    ['x y z', 'x*y*z'],
    ['1/2x', 'x/2'],
    ['1/2/3x', '3/(2*x)'],
    ['-1/2 x', '-x/2'],
    ['2/3(x + 1)', '2*(1 + x)/3'],
    ['a/b c', 'a/(b*c)'],
    ['a b/c d', 'a*b/(c*d)'],
    ['x/2(y)', 'x/(2*y)'],
    ['-x y', '-x*y'],
    ['2^3x', '8*x'],
    ['x^-2y', 'y/x^2'],
    ['.5', '1/2'],
    ['1e-3', '1/1000'],
    ['1e3x', '1000*x'],
    ['2e', '2*exp(1)'],
  ])('%s is read as mathjs reads it: %s', (text, printed) => {
    const e = parse(text, { functions: BUILTIN_FUNCTIONS });
    expect(toAscii(e)).toBe(printed);
    expect(e).toBe(fromMathjs(mathParse(text) as unknown as MathjsNode));
  });
});
