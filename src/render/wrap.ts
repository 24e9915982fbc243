/** Wrapping prose for the terminal: at spaces in English, between characters in Chinese. */
import { displayWidth } from './width.js';

// A Chinese character (with the punctuation after it, which never starts a row), or a run of
// anything else without spaces; each with the spaces before it.
const PIECES = /(\s*)([\u3400-\u4dbf\u4e00-\u9fff][\u3000-\u303f\uff00-\uffef]*|[^\s\u3400-\u4dbf\u4e00-\u9fff]+)/g;

/** `text` in rows of at most `width` terminal columns (a longer word gets a row of its own). */
export function wrapText(text: string, width: number): string[] {
  const rows: string[] = [];
  let row = '';
  for (const [, space, piece] of text.matchAll(PIECES)) {
    const next = row ? row + (space ? ' ' : '') + piece : piece!;
    if (row && displayWidth(next) > width) {
      rows.push(row);
      row = piece!;
    } else row = next;
  }
  if (row) rows.push(row);
  return rows;
}
