/** Parsing the expressions of a problem or derivation file, line by line. */
import { GradproofError, positionOf } from '../expr/errors.js';
import type { ParseOptions } from './parser-base.js';
import type { InputSyntax } from './auto.js';

/** A parser of one piece of a line: an expression, a definition or a relation. */
export type PieceParser<T> = (s: string, options: ParseOptions, syntax: InputSyntax) => T;

/**
 * Runs parsers on pieces of the file `text`, each with the same options (one object, so the
 * parsers see one shape) and in the file's syntax; a positioned error is moved from the
 * piece into the whole file, so it points at the line and column there.
 */
export function pieceParser(text: string, source: string, options: ParseOptions, syntax: InputSyntax) {
  return <T>(f: PieceParser<T>, piece: string, at: number): T => {
    try {
      return f(piece, options, syntax);
    } catch (err) {
      if (err instanceof GradproofError && err.pos) {
        throw new GradproofError(err.code, err.message, positionOf(text, at + err.pos.offset, source));
      }
      throw err;
    }
  };
}
