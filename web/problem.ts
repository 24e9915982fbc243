/**
 * The playground's fields as a problem file (`let`, `loss`, `wrt`, `expect`, `assume` lines),
 * read by the same parser as `gradproof derive FILE`: one syntax for the whole problem (LaTeX
 * when any field has a backslash), the same checks (names defined twice, cycles, a `wrt` the
 * loss does not use), and errors mapped back to the field, line and column they came from.
 */
import { GradproofError } from '../src/expr/errors.js';
import { fileSyntax } from '../src/parse/auto.js';
import { parseProblem, type ProblemSpec } from '../src/parse/problem.js';

/** What the user typed, field by field. Multi-line fields hold one statement a line. */
export interface Fields {
  readonly title: string;
  readonly definitions: string;
  readonly loss: string;
  readonly wrt: string;
  readonly expect: string;
  readonly assume: string;
}

/** The fields that hold mathematics (the title is only shown); `steps` is check mode's derivation. */
export type MathField = 'definitions' | 'loss' | 'wrt' | 'expect' | 'assume' | 'steps';

/** An error pinned to where it was typed: field, 1-based line in the field and column. */
export interface FieldError {
  readonly message: string;
  readonly field?: MathField;
  readonly line?: number;
  readonly column?: number;
  /** The field's line the column points into. */
  readonly text?: string;
}

/** The keyword each field's lines get in the file; `steps` lines are written as they are. */
const KEYWORD: Readonly<Record<MathField, string>> = { definitions: 'let', loss: 'loss', wrt: 'wrt', expect: 'expect', assume: 'assume', steps: '' };
const ORDER: readonly MathField[] = ['definitions', 'loss', 'wrt', 'expect', 'assume'];

/** A composed problem (or derivation) file, and for each of its lines the field line it came from. */
export interface Composed {
  readonly text: string;
  readonly origins: ReadonlyArray<{ readonly field: MathField; readonly line: number; readonly text: string; readonly prefix: number }>;
}

/** The fields' lines as one file, each line behind its field's keyword (an `index` line of the definitions as it is). */
export function compose(f: Readonly<Partial<Record<MathField, string>>>, order: readonly MathField[] = ORDER): Composed {
  const lines: string[] = [];
  const origins: Array<Composed['origins'][number]> = [];
  for (const field of order) {
    (f[field] ?? '').split('\n').forEach((raw, i) => {
      const text = raw.replace(/\r$/, '');
      // Blank lines and `#` comments are left out, as in a problem file.
      if (!text.replace(/#.*$/, '').trim()) return;
      const keyword = field === 'definitions' && /^\s*index\s/.test(text) ? '' : KEYWORD[field];
      lines.push(keyword ? `${keyword} ${text}` : text);
      origins.push({ field, line: i + 1, text, prefix: keyword ? keyword.length + 1 : 0 });
    });
  }
  return { text: lines.join('\n'), origins };
}

/** What the fields say: the problem or the first error in it, and the syntax they are read in. */
export type Reading = ({ readonly spec: ProblemSpec } | { readonly error: FieldError }) & { readonly syntax: 'ascii' | 'latex' };

/** The problem the fields state, or the first error in them, positioned in its field. */
export function readFields(f: Fields, functions: ReadonlySet<string>): Reading {
  const composed = compose(f);
  const syntax = fileSyntax(composed.text) === 'latex' ? 'latex' : 'ascii';
  if (!f.loss.trim()) return { error: { message: 'type a loss', field: 'loss' }, syntax };
  if (!f.wrt.trim()) return { error: { message: 'type the variable to differentiate by', field: 'wrt' }, syntax };
  try {
    const spec = parseProblem(composed.text, 'playground', { functions });
    const title = f.title.trim();
    return { spec: title ? { ...spec, title } : spec, syntax };
  } catch (err) {
    return { error: fieldError(err, composed), syntax };
  }
}

/** An error thrown while reading or deriving, as a message with its field position. */
export function fieldError(err: unknown, composed?: Composed): FieldError {
  if (!(err instanceof GradproofError)) return { message: `internal error: ${err instanceof Error ? err.message : String(err)}` };
  const pos = err.pos;
  const origin = pos && composed?.origins[pos.line - 1];
  if (!pos || !origin) return { message: err.message };
  // Each composed line is `keyword ` (or nothing) followed by the field's line exactly.
  const column = Math.max(1, pos.column - origin.prefix);
  return { message: err.message, field: origin.field, line: origin.line, column, text: origin.text };
}
