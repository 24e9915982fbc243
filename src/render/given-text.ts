/**
 * What is given, for reading in a terminal: the declared shapes on one row
 * (`W1 ∈ ℝ^{n1×n0}, x ∈ ℝ^{n0}`), then each definition, a shaped one as books write it
 * (`z1 = W1 x + b1`), a scalar one as typed. Used under `withShapesOf` (matrix-shapes.ts).
 */
import type { Expr } from '../expr/node.js';
import { definedTerm } from '../expr/indexed.js';
import { isShaped } from '../expr/matrix.js';
import { toAscii, toAsciiAsWritten } from '../expr/print.js';
import { toDisplayAsciiAsWritten } from './display-ascii.js';
import { givenShapesText } from './matrix-given.js';
import { type Definition, isShapedForDisplay } from './matrix-shapes.js';
import type { Lang } from './rule-name.js';

/** An expression as typed, or, when it is about matrices, as books write it (`W2ᵀ δ2`, not `matmul(transpose(…), δ2)`). */
export const readingText = (e: Expr): string => (isShaped(e) || isShapedForDisplay(e) ? toDisplayAsciiAsWritten(e) : toAsciiAsWritten(e));

/** `name = definition` for reading. */
export const definitionReadingText = (d: Definition): string => `${toAscii(definedTerm(d))} = ${d.index === undefined ? readingText(d.expr) : toAsciiAsWritten(d.expr)}`;

/** The rows of a "Given" block: the declared shapes (one row, if any), then the definitions. */
export function givenRowsText(p: { readonly definitions: readonly Definition[]; readonly assumptions: ReadonlyArray<{ readonly lhs: Expr; readonly rhs: Expr }> }, lang: Lang): string[] {
  const shapes = givenShapesText(p);
  return [...(shapes.length ? [shapes.join(lang === 'zh' ? '，' : ', ')] : []), ...p.definitions.map(definitionReadingText)];
}
