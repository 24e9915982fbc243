/**
 * The declared shapes as a "given" states them: `W1 ∈ ℝ^{n1×n0}` in text,
 * `W_{1} \in \mathbb{R}^{n_{1} \times n_{0}}` in LaTeX. A column vector `[n, 1]` is `ℝ^{n}`
 * (Nielsen, Goodfellow and d2l write vectors so, and the parser reads both back the same
 * way), a row `[1, c]` keeps both dimensions (`ℝ^{1×c}`), so it is not taken for a column.
 */
import type { Expr } from '../expr/node.js';
import { toAscii } from '../expr/print.js';
import { toLatex } from './latex.js';
import { type ShapedLeaf, proofShapedLeaves } from './matrix-shapes.js';
import { nameToLatex } from './names.js';

const isOne = (d: Expr): boolean => d.kind === 'num' && d.value.n === 1n && d.value.d === 1n;

/** The exponent of ℝ: `n1×n0`, `n0` for a column, nothing for 1×1. */
function space(l: ShapedLeaf, dim: (d: Expr) => string, times: string): string | undefined {
  if (isOne(l.cols)) return isOne(l.rows) ? undefined : dim(l.rows);
  return `${dim(l.rows)}${times}${dim(l.cols)}`;
}

/** `W1 ∈ ℝ^{n1×n0}`, `x ∈ ℝ^{n0}`. */
export function shapedLeafText(l: ShapedLeaf): string {
  const s = space(l, toAscii, '×');
  return `${l.name} ∈ ℝ${s === undefined ? '' : `^{${s}}`}`;
}

/** `W_{1} \in \mathbb{R}^{n_{1} \times n_{0}}`, `x \in \mathbb{R}^{n_{0}}`. */
export function shapedLeafLatex(l: ShapedLeaf): string {
  const s = space(l, (d) => toLatex(d), ' \\times ');
  return `${nameToLatex(l.name)} \\in \\mathbb{R}${s === undefined ? '' : `^{${s}}`}`;
}

/** The declared shapes of a proof (or premises) in LaTeX, in first-use order. */
export const givenShapesLatex = (p: Parameters<typeof proofShapedLeaves>[0]): string[] => proofShapedLeaves(p).map(shapedLeafLatex);

/** The same in text. */
export const givenShapesText = (p: Parameters<typeof proofShapedLeaves>[0]): string[] => proofShapedLeaves(p).map(shapedLeafText);
