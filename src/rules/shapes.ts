/**
 * The shapes of a matrix rule's pattern variables, from the line under its header
 *
 *   shapes G [r, c], A [r, k], B [k, c], X any, n scalar
 *
 * `scalar` matches only a scalar, `any` a scalar or a matrix, `dim` a dimension (a name or a
 * positive integer: the `m` of `bcast(b, m)`, the sizes of `ones(r, c)`), `[r, c]` a matrix whose rows
 * and columns bind the dimension names r and c (a positive integer is a fixed size; a 1×1
 * matrix is a scalar, so a scalar matches `[r, c]` with r = c = 1). Dimension names may stand
 * in the right side (`bcast_row(..., r)`). Every other name in the rule is a literal: it
 * matches only itself (`sigmoid` in `prime(sigmoid, A)`), never anything else.
 */
import type { Expr } from '../expr/node.js';
import { symbols } from '../expr/traverse.js';
import type { PatternShape, Rule } from './types.js';

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const DIM = `(?:${NAME}|[1-9][0-9]*)`;
const ENTRY = new RegExp(`^(${NAME})\\s+(?:(scalar|any|dim)|\\[\\s*(${DIM})\\s*,\\s*(${DIM})\\s*\\])$`);

/** Reads the text after `shapes`; `fail` gets a message and the column (0-based) in `text`. */
export function parseShapes(text: string, fail: (message: string, at: number) => never): Record<string, PatternShape> {
  const out: Record<string, PatternShape> = {};
  let at = 0;
  for (const part of text.split(/,(?![^[]*\])/)) {
    const entry = part.trim();
    const column = at + part.indexOf(entry);
    at += part.length + 1;
    const m = ENTRY.exec(entry);
    if (!m) fail(`a shape reads 'NAME [rows, columns]', 'NAME scalar', 'NAME any' or 'NAME dim', not '${entry}'`, column);
    const name = m![1]!;
    if (Object.hasOwn(out, name)) fail(`a second shape for ${name}`, column);
    out[name] = m![2] ? (m![2] as 'scalar' | 'any' | 'dim') : [m![3]!, m![4]!];
  }
  return out;
}

/** The dimension names a rule's shapes bind, in order of first use. */
export function dimensionNames(shapes: Readonly<Record<string, PatternShape>>): string[] {
  const out = new Set<string>();
  for (const s of Object.values(shapes)) if (Array.isArray(s)) for (const d of s as readonly string[]) if (!/^[0-9]/.test(d)) out.add(d);
  return [...out];
}

/** The names of a matrix rule that are neither pattern variables nor dimensions: literals. */
export function literalNames(r: Rule): string[] {
  if (!r.shapes) return [];
  const dims = new Set(dimensionNames(r.shapes));
  const all = new Set<string>();
  const add = (e: Expr | undefined): void => void (e && symbols(e).forEach((s) => all.add(s)));
  add(r.lhs);
  add(r.rhs);
  r.conditions.forEach((c) => add(c.expr));
  return [...all].filter((s) => !Object.hasOwn(r.shapes!, s) && !dims.has(s));
}

/** A shape as written: `[r, c]`, `scalar`, `any`. */
export const showPatternShape = (s: PatternShape): string => (typeof s === 'string' ? s : `[${s[0]}, ${s[1]}]`);
