/** Wrapping prose for the terminal: at spaces in English, between characters in Chinese. */
import { displayWidth } from './width.js';

// A Chinese character (with the punctuation after it, which never starts a row), or a run of
// anything else without spaces; each with the spaces before it.
const PIECES = /(\s*)([\u3400-\u4dbf\u4e00-\u9fff][\u3000-\u303f\uff00-\uffef]*|[^\s\u3400-\u4dbf\u4e00-\u9fff]+)/g;

/** `text` in rows of at most `width` terminal columns (a longer word gets a row of its own). */
export function wrapText(text: string, width: number): string[] {
  const rows: string[] = [];
  let row = '';
  // The row's width kept as it grows: widths add up, and measuring the row again at every
  // word would take time quadratic in its length.
  let rowWidth = 0;
  for (const [, space, piece] of text.matchAll(PIECES)) {
    const pieceWidth = displayWidth(piece!);
    const gap = row && space ? 1 : 0;
    if (row && rowWidth + gap + pieceWidth > width) {
      rows.push(row);
      row = piece!;
      rowWidth = pieceWidth;
    } else {
      row = row ? row + (gap ? ' ' : '') + piece : piece!;
      rowWidth += gap + pieceWidth;
    }
  }
  if (row) rows.push(row);
  return rows;
}
