/**
 * Matching a matrix rule (one with a `shapes` line): its literals match only themselves,
 * each pattern variable only a term of its declared shape, and the dimension names are
 * bound consistently and recorded in the bindings (`r = n1`), so the right side's
 * `bcast_row(..., r)` is instantiated and the checker can re-check every shape.
 * Defined names get the shapes of their definitions.
 */
import { type Expr, num } from '../expr/node.js';
import type { Definitions } from '../expr/context.js';
import { symbols } from '../expr/traverse.js';
import { type Shape, type ShapeOfName, ShapeError, isMatSym, matName, sameShape, shapeOf } from '../expr/matrix.js';
import { literalNames } from '../rules/shapes.js';
import type { Rule, RuleSet } from '../rules/types.js';
import type { Bindings } from './match.js';
import { sym } from '../expr/node.js';

/** The bindings a matrix rule's match starts from: each literal bound to itself (so it matches only itself). */
export function literalBindings(rule: Rule): Bindings {
  return new Map(literalNames(rule).filter((s) => symbols(rule.lhs!).has(s)).map((s) => [s, sym(s)]));
}

/**
 * The match `b` with the dimensions bound, or undefined when a variable's term does not have
 * its declared shape (or some term has none: a shape error). A scalar fits `[r, c]` with
 * r = c = 1, as a 1×1 matrix is a scalar.
 */
export function bindShapes(rule: Rule, b: Bindings, named: ShapeOfName): Bindings | undefined {
  const out = new Map(b);
  const bindDim = (d: string, value: Expr): boolean => {
    if (/^[0-9]/.test(d)) return value === num(Number(d));
    const known = out.get(d);
    if (known !== undefined) return known === value;
    out.set(d, value);
    return true;
  };
  try {
    for (const [v, declared] of Object.entries(rule.shapes!)) {
      const term = b.get(v);
      if (term === undefined) return undefined;
      const s = shapeOf(term, named);
      if (declared === 'any') continue;
      if (declared === 'scalar') {
        if (s !== null) return undefined;
        continue;
      }
      const [rows, cols] = s === null ? [num(1), num(1)] : [s.rows, s.cols];
      if (!bindDim(declared[0], rows) || !bindDim(declared[1], cols)) return undefined;
    }
  } catch (e) {
    if (e instanceof ShapeError) return undefined;
    throw e;
  }
  return out;
}

/** Whether the instantiated right side is well-shaped with the shape of the left (the number 0 is the zero of every shape). */
export function keepsShape(before: Expr, after: Expr, named: ShapeOfName): boolean {
  try {
    const s: Shape = shapeOf(before, named);
    const t = shapeOf(after, named);
    return (after.kind === 'num' && after.value.n === 0n) || sameShape(s, t);
  } catch (e) {
    if (e instanceof ShapeError) return false;
    throw e;
  }
}

/** `free(A, X)` in a matrix rule: X does not occur in A (a defined name in A is held fixed inside vjp). */
export function occursIn(x: Expr, a: Expr): boolean {
  const name = isMatSym(x) ? matName(x) : x.kind === 'sym' ? x.name : undefined;
  return name === undefined || symbols(a).has(name);
}

/** The shapes of the defined names (the shapes of their definitions); once per definitions. */
export function definedShapes(defs: Definitions): ShapeOfName {
  let known = SHAPES.get(defs);
  if (known) return known;
  const memo = new Map<Expr, Shape>();
  const named: ShapeOfName = (name) => {
    if (!defs.has(name) || defs.isFamily(name)) return undefined;
    return shapeOf(defs.get(name)!, named, memo);
  };
  SHAPES.set(defs, (known = named));
  return known;
}

/** definedShapes per (immutable) definitions: a memo, not state. */
const SHAPES = new WeakMap<Definitions, ShapeOfName>();

/** The matrix rules of a rule set (those with a `shapes` line), in the order written; once per rule set. */
export function matrixRules(rules: RuleSet): readonly Rule[] {
  let known = MATRIX_RULES.get(rules);
  if (!known) MATRIX_RULES.set(rules, (known = rules.rules.filter((r) => r.shapes !== undefined && r.lhs !== undefined && r.rhs !== undefined)));
  return known;
}

/** matrixRules per (immutable) rule set: a memo, not state. */
const MATRIX_RULES = new WeakMap<RuleSet, readonly Rule[]>();
