/**
 * Where the user wrote the pieces of each expression read from input. Trees are canonical
 * (a sum's terms sorted), so `z = w*x + b` is the tree of `b + w*x`; output that echoes the
 * input (Given, Expected) prints it in the user's order from these notes. The parsers fill
 * them in; no other printing reads them.
 */
import type { Expr } from './node.js';
import type { FactorOrder } from './display.js';

/** Where a piece was written: from `at` to `end` (offsets), and how deeply nested it was there. */
export interface Occurrence {
  readonly at: number;
  readonly end: number;
  readonly depth: number;
}

/** Each piece a parser read, to where it was written (by offset). */
export type Occurrences = ReadonlyMap<Expr, readonly Occurrence[]>;

/** For each sum and product of an expression: its terms or factors ranked by where they were written. */
export type WrittenOrder = ReadonlyMap<Expr, FactorOrder>;

/** Each expression a parser read (and its parts), to the occurrences of the pieces in its text. */
const notes = new WeakMap<Expr, Occurrences>();

/** The expressions whose latest reading wrote a number with a decimal point or an exponent (`0.044715`, `1e-3`). */
const inDecimals = new WeakSet<Expr>();

/** Notes that `e` was read with its pieces at `occurrences`, and whether it wrote decimals; the latest reading wins. */
export function noteWritten(e: Expr, occurrences: Occurrences, decimals = false): void {
  notes.set(e, occurrences);
  if (decimals) inDecimals.add(e);
  else inDecimals.delete(e);
}

/** Whether `e`, as the user last wrote it, has a number written as a decimal: its results then print decimals. */
export const writtenInDecimals = (e: Expr): boolean => inDecimals.has(e);

/**
 * The order the user wrote `e` in, when `e` was read from input. A piece can occur more than
 * once (`y` in `y log a + (1 - y) log b`): walking down from the whole, each part is placed
 * at its least nested occurrence within its parent's stretch of text, and its own parts are
 * looked for within its own.
 */
export function writtenOrderOf(e: Expr): WrittenOrder | undefined {
  const occurrences = notes.get(e);
  if (!occurrences) return undefined;
  const out = new Map<Expr, FactorOrder>();
  // The least nested occurrence in [from, to) (the y of `(a - y)^2 + y` that is a term), the first of those.
  const own = (x: Expr, from: number, to: number): Occurrence | undefined => {
    let best: Occurrence | undefined;
    for (const o of occurrences.get(x) ?? []) if (o.at >= from && o.at < to && (!best || o.depth < best.depth)) best = o;
    return best;
  };
  // A part the tree made (a sum's terms regrouped, `1/a` of `.../(a*b)`) is placed by its earliest piece.
  const position = (x: Expr, from: number, to: number): number => {
    const o = own(x, from, to);
    if (o) return o.at;
    let best = Infinity;
    if (x.kind !== 'num' && x.kind !== 'sym') for (const a of x.args) best = Math.min(best, position(a, from, to));
    return best;
  };
  // A part read as it stands is looked into within its own text; a part the tree made, from
  // where it is placed to where the next part read as it stands starts.
  const walk = (x: Expr, from: number, to: number): void => {
    if (x.kind === 'num' || x.kind === 'sym') return;
    const found = new Map(x.args.map((a) => [a, own(a, from, to)] as const));
    const ranks = new Map(x.args.map((a) => [a, found.get(a)?.at ?? position(a, from, to)] as const));
    if (x.kind === 'add' || x.kind === 'mul') out.set(x, ranks);
    const starts = [...found.values()].flatMap((o) => (o ? [o.at] : [])).sort((a, b) => a - b);
    for (const a of x.args) {
      const o = found.get(a);
      const r = ranks.get(a)!;
      if (o) walk(a, o.at, o.end);
      else if (!Number.isFinite(r)) walk(a, from, to);
      else walk(a, r, starts.find((s) => s > r) ?? to);
    }
  };
  walk(e, 0, Infinity);
  return out;
}
