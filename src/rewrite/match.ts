/**
 * Pattern matching, associative-commutative for `+` and `*`. Every name in a pattern is a
 * variable; a variable seen twice must match the same node both times. Against a longer
 * sum or product, the last variable operand of the pattern takes the remaining operands
 * (`u + v` against `a + b + c` gives `u = a`, `v = b + c`).
 */
import { type Expr, add, mul } from '../expr/node.js';

export type Bindings = ReadonlyMap<string, Expr>;

/**
 * False when `pattern` cannot match `target` whatever the bindings: their shapes differ
 * outside the variables and the associative-commutative operands. A cheap test before
 * `match`, which every step runs for every rule.
 */
export function mayMatch(pattern: Expr, target: Expr): boolean {
  switch (pattern.kind) {
    case 'sym':
      return true;
    case 'num':
      return pattern === target;
    case 'add':
    case 'mul':
      return target.kind === pattern.kind;
    case 'call':
    case 'pow':
      // Operand by operand, as match does.
      if (target.kind !== pattern.kind || target.args.length !== pattern.args.length) return false;
      if (pattern.kind === 'call' && (target as typeof pattern).fn !== pattern.fn) return false;
      for (let i = 0; i < pattern.args.length; i++) if (!mayMatch(pattern.args[i]!, target.args[i]!)) return false;
      return true;
  }
}

/** Every way `pattern` matches `target`, in a deterministic order. */
export function* match(pattern: Expr, target: Expr, bindings: Bindings = new Map()): Generator<Bindings> {
  switch (pattern.kind) {
    case 'sym': {
      const bound = bindings.get(pattern.name);
      if (bound === undefined) yield new Map(bindings).set(pattern.name, target);
      else if (bound === target) yield bindings;
      return;
    }
    case 'num':
      if (pattern === target) yield bindings;
      return;
    case 'call':
      if (target.kind !== 'call' || target.fn !== pattern.fn || target.args.length !== pattern.args.length) return;
      yield* matchSequence(pattern.args, target.args, 0, bindings);
      return;
    case 'pow':
      if (target.kind !== 'pow') return;
      yield* matchSequence(pattern.args, target.args, 0, bindings);
      return;
    case 'add':
    case 'mul':
      if (target.kind !== pattern.kind) return;
      yield* matchAC(pattern.kind, pattern.args, target.args, bindings);
      return;
  }
}

function* matchSequence(ps: readonly Expr[], ts: readonly Expr[], i: number, b: Bindings): Generator<Bindings> {
  if (i === ps.length) {
    yield b;
    return;
  }
  for (const b2 of match(ps[i]!, ts[i]!, b)) yield* matchSequence(ps, ts, i + 1, b2);
}

/** Assigns each pattern operand a distinct target operand; a rest variable takes what is left. */
function* matchAC(kind: 'add' | 'mul', ps: readonly Expr[], ts: readonly Expr[], b: Bindings): Generator<Bindings> {
  if (ps.length > ts.length) return;
  let restIndex = -1;
  if (ps.length < ts.length) {
    for (let i = ps.length - 1; i >= 0; i--) {
      if (ps[i]!.kind === 'sym' && !b.has((ps[i] as Expr & { kind: 'sym' }).name)) {
        restIndex = i;
        break;
      }
    }
    if (restIndex < 0) return;
  }
  const fixed = ps.filter((_, i) => i !== restIndex);
  const used = new Array<boolean>(ts.length).fill(false);
  function* assign(k: number, cur: Bindings): Generator<Bindings> {
    if (k === fixed.length) {
      if (restIndex < 0) {
        yield cur;
        return;
      }
      const rest = ts.filter((_, i) => !used[i]);
      const restExpr = kind === 'add' ? add(...rest) : mul(...rest);
      yield* match(ps[restIndex]!, restExpr, cur);
      return;
    }
    for (let i = 0; i < ts.length; i++) {
      if (used[i]) continue;
      used[i] = true;
      for (const b2 of match(fixed[k]!, ts[i]!, cur)) yield* assign(k + 1, b2);
      used[i] = false;
    }
  }
  yield* assign(0, b);
}
