/**
 * Long displayed lines broken as textbooks break them: at a `+` or `-` of the top-level sum,
 * or of a sum in the last parentheses of a product, each continuation row indented by a
 * `\quad`. Where to break is decided by the estimated typeset width (`latexWidth`), not by
 * a count of terms; a piece wider than the row on its own gets a row of its own.
 */
import type { LatexPiece } from './latex.js';
import { latexWidth } from './latex-width.js';

/** The continuation of a broken row, in em: a `\quad`. */
export const INDENT = 1;

/** A piece as one string, as `toLatex` prints it. */
export const pieceText = (p: LatexPiece): string => (typeof p === 'string' ? p : `${p.open}${p.inner.map(pieceText).join(' ')}${p.close}`);

/**
 * `pieces` in rows: the first at most `first` em wide, the others at most `rest` em (as far
 * as a piece allows). Parentheses a break falls inside are closed with `\right.` at the end
 * of the row and opened with `\left.` at the start of the next, so every row is balanced.
 */
export function breakPieces(pieces: readonly LatexPiece[], first: number, rest: number): string[] {
  const rows: string[] = [];
  let row = '';
  let width = 0;
  let depth = 0;
  const room = (): number => (rows.length ? rest : first);
  const newRow = (): void => {
    rows.push(row + ' \\right.'.repeat(depth));
    row = '\\left. '.repeat(depth);
    width = latexWidth(row);
  };
  const add = (s: string): void => {
    // Spaced as the printer spaces: none inside the parentheses of an opened product.
    const glue = !row || row.endsWith(' ') || row.endsWith('\\left(') || s.startsWith('\\right)') ? '' : ' ';
    row += glue + s;
    width += latexWidth(s);
  };
  const place = (p: LatexPiece): void => {
    const w = latexWidth(pieceText(p));
    if (width + w <= room() || (typeof p === 'string' && width === latexWidth('\\left. '.repeat(depth)))) return add(pieceText(p));
    if (typeof p === 'string') {
      newRow();
      return add(p);
    }
    // Too wide as a whole: open it, and break among its terms.
    // The parenthesis opens on the row its first term starts.
    const first = p.inner[0] === undefined ? 0 : latexWidth(pieceText(p.inner[0]));
    if (width + latexWidth(p.open) + first > room() && row.trim()) newRow();
    add(p.open);
    depth++;
    p.inner.forEach(place);
    depth--;
    add(p.close);
  };
  pieces.forEach(place);
  rows.push(row);
  return rows;
}

/**
 * An alignment row `lhs &= rhs` broken to fit `width` em, as rows of an `align*` (the
 * continuations `&\quad + ...`); `lhs` is the left side's LaTeX, `lhsWidth` the width of the
 * block's widest left side (the column it is aligned in). `beside` follows the first row.
 */
export function alignedRows(lhs: string, pieces: readonly LatexPiece[], width: number, lhsWidth: number, beside = ''): string[] {
  const avail = width - lhsWidth - latexWidth('=');
  const rows = breakPieces(pieces, avail, avail - INDENT);
  return rows.map((r, i) => (i === 0 ? `${lhs ? `${lhs} ` : ''}&= ${r}${beside}` : `&\\quad ${r}`));
}

/** `lhs = rhs` displayed: `\[ ... \]` when it fits `width` em, else an `align*` broken at its terms. */
export function displayEquation(lhs: string, pieces: readonly LatexPiece[], width: number): string[] {
  const whole = `${lhs} = ${pieces.map(pieceText).join(' ')}`;
  if (latexWidth(whole) <= width) return [`\\[ ${whole} \\]`];
  return ['\\begin{align*}', alignedRows(lhs, pieces, width, latexWidth(lhs)).join(' \\\\\n'), '\\end{align*}'];
}
