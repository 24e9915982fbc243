/**
 * The sifting property of the Kronecker delta, `sum(k, lo, hi, f*delta(k, i)) = f` at k = i,
 * which holds when i is an integer between lo and hi. Shared by the engine (to find the
 * step) and the kernel (to check it); both get the integer-ness and the range from the
 * proof itself, never from the engine.
 */
import { type Expr, mul, num } from './node.js';
import { DELTA, binderOf, freeSymbols, isSum, substituteFree } from './indexed.js';
import { toAscii } from './print.js';
import type { Fact } from './bounds.js';

export type Sifted = { readonly ok: true; readonly result: Expr; readonly index: Expr } | { readonly ok: false; readonly reason: string };

/** Whether the stated facts say `a <= b` in so many words. */
function statesAtMost(facts: readonly Fact[], a: Expr, b: Expr): boolean {
  if (a.kind === 'num' && b.kind === 'num') return a.value.n * b.value.d <= b.value.n * a.value.d;
  return facts.some((f) => (f.op === '<=' && f.lhs === a && f.rhs === b) || (f.op === '>=' && f.lhs === b && f.rhs === a) || (f.op === '=' && ((f.lhs === a && f.rhs === b) || (f.lhs === b && f.rhs === a))));
}

/** `sum(k, lo, hi, f*delta(k, i))` sifted to f at k = i, or why not. */
export function siftedSum(e: Expr, facts: readonly Fact[], indices: ReadonlySet<string>): Sifted {
  if (!isSum(e)) return { ok: false, reason: `${toAscii(e)} is not a sum over an index` };
  const k = binderOf(e);
  const [lo, hi, body] = [e.args[1]!, e.args[2]!, e.args[3]!];
  const factors = body.kind === 'mul' ? body.args : [body];
  const at = factors.findIndex((f) => f.kind === 'call' && f.fn === DELTA && f.args.length === 2 && f.args.some((a) => a.kind === 'sym' && a.name === k) && f.args.some((a) => !freeSymbols(a).has(k)));
  if (at < 0) return { ok: false, reason: `the body of ${toAscii(e)} has no factor delta(${k}, i) with i free of ${k}` };
  const d = factors[at]!;
  const i = d.args.find((a) => !freeSymbols(a).has(k))!;
  const integer = (i.kind === 'num' && i.value.d === 1n) || (i.kind === 'sym' && indices.has(i.name));
  if (!integer) return { ok: false, reason: `${toAscii(i)} is not an index (a name used as a subscript, or an integer)` };
  if (!statesAtMost(facts, lo, i)) return { ok: false, reason: `no stated fact gives ${toAscii(lo)} <= ${toAscii(i)}` };
  if (!statesAtMost(facts, i, hi)) return { ok: false, reason: `no stated fact gives ${toAscii(i)} <= ${toAscii(hi)}` };
  const rest = factors.length === 1 ? num(1) : mul(...factors.filter((_, j) => j !== at));
  return { ok: true, result: substituteFree(rest, new Map([[k, i]])), index: i };
}
