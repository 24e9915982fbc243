/** The one error type for bad input: a code, a message and, where known, a source position. */

/** Where in the input an error is: source, offset, line and column. */
export interface SourcePos {
  /** A file name, or a label such as `--wrt` for inline input. */
  readonly source?: string;
  /** 0-based offset into the text. */
  readonly offset: number;
  /** 1-based line and column. */
  readonly line: number;
  readonly column: number;
  /** The text the offset points into (for the caret line). */
  readonly text: string;
}

/** What kind of bad input an error is about. */
export type ErrorCode =
  | 'syntax'
  /** Shapes that do not fit: a product, sum or broadcast of mismatched matrices. */
  | 'shape'
  | 'unknown-function'
  | 'unknown-variable'
  | 'cycle'
  | 'duplicate'
  | 'limit'
  | 'rule'
  | 'file'
  | 'usage'
  | 'contradiction'
  | 'internal';

/**
 * Bad input, with where it is. The CLI prints it without a stack trace and exits 2.
 * @example
 * try { parse('log(a2') } catch (e) { if (e instanceof GradproofError) e.format(); } // "expression:1:1: error: missing ')' to close the call to log\n  log(a2\n  ^"
 */
export class GradproofError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly pos?: SourcePos,
  ) {
    super(message);
    this.name = 'GradproofError';
  }

  /** `file:line:col: message`, then the source line and a caret under the column. */
  format(): string {
    if (!this.pos) return `error: ${this.message}`;
    const { source, line, column } = this.pos;
    const where = source ? `${source}:${line}:${column}` : `${line}:${column}`;
    return `${where}: error: ${this.message}\n${caretLines(this.pos)}`;
  }
}

/** Line and column (1-based) of an offset. */
export function positionOf(text: string, offset: number, source?: string): SourcePos {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      start = i + 1;
    }
  }
  return located(offset, line, offset - start + 1, text, source);
}

/** A position; two literals rather than a spread of `source`, which V8 makes slow. */
const located = (offset: number, line: number, column: number, text: string, source: string | undefined): SourcePos =>
  source === undefined ? { offset, line, column, text } : { offset, line, column, text, source };

/**
 * positionOf for many offsets into one text: the line starts found once, then each offset's
 * line by binary search (a problem file of thousands of lines has a position per name).
 */
export function positionsIn(text: string, source?: string): (offset: number) => SourcePos {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    const end = Math.min(offset, text.length);
    let lo = 0;
    let hi = starts.length - 1;
    // The last line start at or before the offset.
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= end) lo = mid;
      else hi = mid - 1;
    }
    return located(offset, lo + 1, offset - starts[lo]! + 1, text, source);
  };
}

/** The line at the position and a caret under it; long lines are cut around the caret. */
export function caretLines(pos: SourcePos): string {
  const lines = pos.text.split('\n');
  let text = lines[pos.line - 1] ?? '';
  let col = pos.column - 1;
  const WIDTH = 100;
  if (text.length > WIDTH) {
    const from = Math.max(0, Math.min(col - WIDTH / 2, text.length - WIDTH));
    text = (from > 0 ? '…' : '') + text.slice(from, from + WIDTH) + (from + WIDTH < text.length ? '…' : '');
    col = col - from + (from > 0 ? 1 : 0);
  }
  return `  ${text}\n  ${' '.repeat(Math.max(0, col))}^`;
}
