/**
 * A second witness for the stable forms: each rewritten expression must have the value of
 * the one it replaces at seeded random points. A wrong identity is then an internal error,
 * never silently generated code.
 */
import type { Expr } from '../expr/node.js';
import { Definitions, type Definition } from '../expr/context.js';
import { evaluate, PRIMITIVES, type FunctionTable } from '../expr/eval.js';
import { seededRandom, uniform } from '../expr/random.js';
import { toAscii } from '../expr/print.js';

/** The evaluator's functions, and logsumexp, which only generated code uses. */
const FUNCTIONS: FunctionTable = {
  ...PRIMITIVES,
  logsumexp: (...xs) => {
    const m = Math.max(...xs);
    return Number.isFinite(m) ? m + Math.log(xs.reduce((s, x) => s + Math.exp(x - m), 0)) : m;
  },
};

/**
 * The first pair `[before, after]` whose values differ where both are finite, described,
 * or undefined when they agree at every point tried.
 */
export function firstDisagreement(
  pairs: ReadonlyArray<readonly [Expr, Expr]>,
  definitions: readonly Definition[],
  inputs: readonly string[],
  seed = 20240607,
): string | undefined {
  const changed = pairs.filter(([a, b]) => a !== b);
  if (!changed.length) return undefined;
  const defs = new Definitions(definitions);
  const rnd = seededRandom(seed);
  for (let t = 0; t < 8; t++) {
    const point = Object.fromEntries(inputs.map((v) => [v, uniform(rnd, -2, 2)]));
    let valueOf;
    try {
      valueOf = defs.valuation(point, [], { fns: FUNCTIONS });
    } catch {
      continue;
    }
    for (const [a, b] of changed) {
      const x = evaluate(a, valueOf, { fns: FUNCTIONS });
      const y = evaluate(b, valueOf, { fns: FUNCTIONS });
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (Math.abs(x - y) > 1e-9 * Math.max(1, Math.abs(x), Math.abs(y))) {
        const at = Object.entries(point).map(([k, v]) => `${k} = ${v}`).join(', ');
        return `${toAscii(a)} is ${x} but its stable form ${toAscii(b)} is ${y} at ${at}`;
      }
    }
  }
  return undefined;
}
