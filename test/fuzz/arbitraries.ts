/**
 * Random expressions for the property tests, built through the canonical constructors over
 * every function the built-in rules know. Fixed seeds and modest run counts by default;
 * `npm run fuzz` sets FUZZ_RUNS (and may set FUZZ_SEED) for a longer run.
 */
import fc from 'fast-check';
import { type Expr, add, call, mul, num, pow, sym } from '../../src/expr/node.js';
import { rat } from '../../src/expr/rational.js';
import { PRIMITIVES } from '../../src/expr/eval.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { functionTable } from '../../src/rules/load.js';

export const rules = builtinRules();
export const fns = functionTable(rules.defs);

/**
 * Names that are not ordinary functions of numbers: derivatives, comparisons, cases, index
 * notation (members, sums, the delta, lists) and functions over families of classes (cce, logsumexp, softmax).
 */
const SPECIAL = new Set(['diff', 'piecewise', 'gt', 'lt', 'ge', 'le', 'delta', 'at', 'sum', 'list', 'cce', 'logsumexp', 'softmax']);

/** Every supported function with its number of arguments. */
export const FUNCTIONS: ReadonlyArray<readonly [string, number]> = [...rules.functions]
  .filter((f) => !SPECIAL.has(f))
  .sort()
  .map((f) => [f, rules.defs.get(f)?.params.length ?? PRIMITIVES[f]?.length ?? 1] as const);

export const VARIABLES = ['x', 'y', 'w1'] as const;

/** How many runs a property gets: `n` in CI, FUZZ_RUNS when set. */
export const runs = (n: number): number => Number(process.env.FUZZ_RUNS ?? n);

/** The fast-check parameters of every property: a fixed seed unless FUZZ_SEED says otherwise. */
export const params = (n: number): fc.Parameters<unknown> => ({ seed: Number(process.env.FUZZ_SEED ?? 20_240_808), numRuns: runs(n) });

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc.constantFrom(...VARIABLES).map((v) => sym(v)),
  fc.integer({ min: -4, max: 5 }).map((n) => num(n)),
  fc.constantFrom(rat(1, 2), rat(-3, 4), rat(5, 2)).map((r) => num(r)),
);

/** An expression of depth at most `maxDepth`, over `functions` (all supported ones by default). */
export function expression(functions: ReadonlyArray<readonly [string, number]> = FUNCTIONS, maxDepth = 4): fc.Arbitrary<Expr> {
  const { e } = fc.letrec<{ e: Expr }>((tie) => ({
    e: fc.oneof(
      { maxDepth, depthSize: 'small' },
      leaf,
      fc.tuple(tie('e'), tie('e')).map(([a, b]) => add(a, b)),
      fc.tuple(tie('e'), tie('e')).map(([a, b]) => mul(a, b)),
      // Not 0 to a negative power: undefined everywhere, so no property has a point to test.
      fc.tuple(tie('e'), fc.constantFrom(-2, -1, 2, 3)).map(([b, k]) => pow(b === num(0) && k < 0 ? sym('x') : b, num(k))),
      // Fractional powers, which the engine combines over one base (x^(1/2)*x^(-3/2) = x^(-1)).
      fc.tuple(tie('e'), fc.constantFrom(rat(1, 2), rat(-1, 2), rat(3, 2), rat(-3, 2), rat(1, 3), rat(2, 3))).map(([b, k]) => pow(b, num(k))),
      fc
        .constantFrom(...functions)
        .chain(([f, arity]) => fc.array(tie('e'), { minLength: arity, maxLength: arity }).map((args) => call(f, ...args))),
    ),
  }));
  return e;
}

/** A point with every variable in [-2, 2], away from 0 by a little (where kinks sit). */
export const point: fc.Arbitrary<Record<string, number>> = fc
  .tuple(...VARIABLES.map(() => fc.double({ min: 0.05, max: 2, noNaN: true })), ...VARIABLES.map(() => fc.boolean()))
  .map((xs) => Object.fromEntries(VARIABLES.map((v, i) => [v, (xs[i + VARIABLES.length] ? -1 : 1) * (xs[i] as number)])));

