/**
 * A label set as a fact: `y in {0, 1}`, `y in {-1, 1}`, in LaTeX `y \in \{0, 1\}`, or with
 * `∈`. Read before the relation grammar (whose tokens have no braces): the name and each
 * member are parsed on their own, and an error in one points into the whole text.
 */
import { type Expr, isNum } from '../expr/node.js';
import { GradproofError, positionOf } from '../expr/errors.js';
import { parse, type ParseOptions, type Relation } from './ascii.js';
import { parseLatex } from './latex.js';
import { isMatSym } from '../expr/matrix.js';

// name, the membership sign, the opening brace, the members, the closing brace.
const SET = /^(.*?)(\\in(?![A-Za-z])|∈|(?<![A-Za-z0-9_])in(?![A-Za-z0-9_]))(\s*)(\\\{|\{)(.*?)(\\\}|\})\s*$/s;

// A set that opens and never closes: `y in {0, 1`.
const OPENED = /(?:\\in(?![A-Za-z])|∈|(?<![A-Za-z0-9_])in(?![A-Za-z0-9_]))\s*(\\\{|\{)/;

/** The label set `text` states, as a relation with no operators and its members; undefined if it states none. */
export function parseLabelSet(text: string, options: ParseOptions, latex: boolean): Relation | undefined {
  const m = SET.exec(text);
  if (!m) {
    const opened = OPENED.exec(text);
    if (opened) throw new GradproofError('syntax', `missing '${opened[1] === '{' ? '}' : '\\}'}' to close the set of values`, positionOf(text, opened.index + opened[0].length - opened[1]!.length, options.source));
    return undefined;
  }
  const [, left, sign, gap, open, inside, close] = m as unknown as [string, string, string, string, string, string, string];
  const at = (offset: number): ReturnType<typeof positionOf> => positionOf(text, offset, options.source);
  if ((open === '{') !== (close === '}')) throw new GradproofError('syntax', `the set opens with '${open}' and closes with '${close}'`, at(left.length + sign.length + gap.length));
  const piece = (s: string, offset: number): Expr => {
    try {
      return latex ? parseLatex(s, options) : parse(s, options);
    } catch (err) {
      if (err instanceof GradproofError && err.pos) throw new GradproofError(err.code, err.message, at(offset + err.pos.offset));
      throw err;
    }
  };
  const name = piece(left, 0);
  // A shaped name (mat(y, n, 1)) states the set for each of its entries.
  if (name.kind !== 'sym' && !isMatSym(name)) throw new GradproofError('syntax', `a set of values is stated for a name, as in 'y in {0, 1}', not for '${left.trim()}'`, at(0));
  const start = left.length + sign.length + gap.length + open.length;
  if (!inside.trim()) throw new GradproofError('syntax', 'the set of values is empty', at(start));
  const members: Expr[] = [];
  let offset = start;
  for (const part of inside.split(',')) {
    const v = part.trim() ? piece(part, offset) : undefined;
    if (!v || !isNum(v)) throw new GradproofError('syntax', `a set of values lists numbers, as in 'y in {0, 1}'; '${part.trim()}' is not a number`, at(offset + part.length - part.trimStart().length));
    members.push(v);
    offset += part.length + 1;
  }
  return { operands: [name], ops: [], among: members };
}
