/**
 * Kinks as textbooks print them: `piecewise(z > 0, 1, z < 0, 0)` is `1[z > 0]` and
 * `piecewise(u > 0, 1, u < 0, -1)` is `sign(u)`. A piecewise has no value where none of its
 * conditions holds (at z = 0 here), so the short form is used only where it has exactly the
 * piecewise's values wherever the piecewise has one: two cases whose conditions compare the
 * same two sides and never hold together. Where the piecewise has none, the theorem claims
 * nothing, and the condition that excludes the point (`z != 0`) stays printed beside it.
 * Conventions: `1[c]` is 1 where c holds, else 0; sign(0) = 0 (the registry's).
 */
import { type Expr, call, isNum } from '../expr/node.js';

/** What a two-case piecewise is, read as a textbook would write it. */
export type Kink =
  /** `1[c]`: the comparison `c` (a `gt`/`lt`/`ge`/`le` call), 1 where it holds, else 0. */
  | { readonly kind: 'indicator'; readonly condition: Expr }
  /** `sign(u)`: the call `sign(u)` itself. */
  | { readonly kind: 'sign'; readonly sign: Expr };

/** For each comparison, the ones that never hold with it and together cover all but its boundary. */
const OPPOSITE: Readonly<Record<string, readonly string[]>> = { gt: ['lt', 'le'], lt: ['gt', 'ge'], ge: ['lt'], le: ['gt'] };

const comparison = (e: Expr): (Expr & { kind: 'call' }) | undefined =>
  e.kind === 'call' && e.args.length === 2 && e.fn in OPPOSITE ? e : undefined;

/** The textbook reading of `e`, when it is a two-case piecewise with such a reading. */
export function kinkOf(e: Expr): Kink | undefined {
  if (e.kind !== 'call' || e.fn !== 'piecewise' || e.args.length !== 4) return undefined;
  const [c1, v1, c2, v2] = e.args as [Expr, Expr, Expr, Expr];
  const a = comparison(c1);
  const b = comparison(c2);
  // Both compare the same two sides, and never hold together.
  if (!a || !b || a.args[0] !== b.args[0] || a.args[1] !== b.args[1] || !OPPOSITE[a.fn]!.includes(b.fn)) return undefined;
  if (isNum(v1, 1) && isNum(v2, 0)) return { kind: 'indicator', condition: a };
  if (isNum(v1, 0) && isNum(v2, 1)) return { kind: 'indicator', condition: b };
  // 1 where u > 0 and -1 where u < 0, both strict: sign(u) wherever the piecewise has a value.
  const [u, zero] = a.args as [Expr, Expr];
  const strict = (a.fn === 'gt' && b.fn === 'lt') || (a.fn === 'lt' && b.fn === 'gt');
  if (!strict || !isNum(zero, 0)) return undefined;
  const positiveFirst = a.fn === 'gt';
  if (isNum(v1, positiveFirst ? 1 : -1) && isNum(v2, positiveFirst ? -1 : 1)) return { kind: 'sign', sign: call('sign', u) };
  return undefined;
}
