/**
 * ASCII or LaTeX, decided per expression: text with a backslash, `_{` or `^{` is read as
 * LaTeX (`y \log a_2`), anything else as ASCII (`y*log(a2)`). Names map both ways:
 * `a_2` in LaTeX is `a2` in ASCII.
 */
import type { Expr } from '../expr/node.js';
import { GradproofError } from '../expr/errors.js';
import { parse, parseDefinition, parseRelation, type ParseOptions, type Relation } from './ascii.js';
import { parseLatex, parseLatexDefinition, parseLatexRelation } from './latex.js';
import { parseLabelSet } from './label-set.js';

/** Which syntax an input is in: forced by `--input`, or guessed from the text. */
export type InputSyntax = 'auto' | 'ascii' | 'latex';

/** Whether `text` looks like LaTeX. */
export const looksLikeLatex = (text: string): boolean => /\\|_\{|\^\{/.test(text);

const isLatex = (text: string, syntax: InputSyntax): boolean => syntax === 'latex' || (syntax === 'auto' && looksLikeLatex(text));

/** An expression in either syntax. */
export function parseAny(text: string, options: ParseOptions = {}, syntax: InputSyntax = 'auto'): Expr {
  return isLatex(text, syntax) ? parseLatex(text, options) : parse(text, options);
}

/** A definition `name = expr` in either syntax. */
export function parseAnyDefinition(text: string, options: ParseOptions = {}, syntax: InputSyntax = 'auto'): { name: string; expr: Expr } {
  return isLatex(text, syntax) ? parseLatexDefinition(text, options) : parseDefinition(text, options);
}

/** A relation in either syntax, or a label set (`y in {0, 1}`, `y \in \{-1, 1\}`). */
export function parseAnyRelation(text: string, options: ParseOptions = {}, syntax: InputSyntax = 'auto'): Relation {
  const latex = isLatex(text, syntax);
  const set = parseLabelSet(text, options, latex);
  if (set) return set;
  return aFact(latex ? parseLatexRelation(text, options) : parseRelation(text, options), text, options);
}

/** A stated fact is a relation or a label set: `x` alone states nothing, and is refused rather than dropped. */
export function aFact(r: Relation, text: string, options: ParseOptions): Relation {
  if (r.ops.length || r.among) return r;
  const pos = { ...(options.source ? { source: options.source } : {}), offset: 0, line: 1, column: 1, text };
  throw new GradproofError('syntax', `a fact is a relation (=, !=, <, <=, >, >=) or a set of values (y in {0, 1}), not '${text.trim()}'`, pos);
}

/**
 * The syntax of a problem or derivation file: LaTeX when any line of mathematics has a
 * backslash (a file pasted from a textbook), so `a_2 - y` there is `a2 - y`; else ASCII.
 * Comments and the `title` line are prose, whatever they quote: a title such as
 * `The \sigma derivative` leaves an ASCII file ASCII.
 */
export function fileSyntax(text: string): InputSyntax {
  // Without a backslash anywhere the file is ASCII, and its lines need no reading.
  if (!text.includes('\\')) return 'ascii';
  // A comment runs to the end of its line, a carriage return (CRLF files) included.
  const code = text
    .split('\n')
    .map((l) => (l.includes('#') ? l.slice(0, l.indexOf('#')) : l))
    .filter((l) => !/^\s*title\b/.test(l));
  return code.some((l) => l.includes('\\')) ? 'latex' : 'ascii';
}
