/**
 * The example picker's problems: the files of examples/ (`.grad` problems to derive, `.proof`
 * derivations to check), embedded by scripts/build-web.mjs at build time and split here into
 * the page's fields, keyword by keyword, as the file's parser reads them.
 */
import { type FieldName, type Mode, emptyFields } from './state.js';

/** An example file as embedded: its name and text. */
export interface ExampleFile {
  readonly file: string;
  readonly text: string;
}

export interface Example {
  readonly file: string;
  /** The file's `title` line, or its name. */
  readonly label: string;
  readonly mode: Mode;
  readonly fields: Readonly<Record<FieldName, string>>;
}

/** Filled in by the build (esbuild's `define`); absent when this module runs outside the page. */
declare const GRADPROOF_EXAMPLES: readonly ExampleFile[] | undefined;

/** The field each keyword's lines go to; `index` lines stay in the definitions with their keyword. */
const FIELD_OF: Readonly<Record<string, FieldName>> = { title: 'title', let: 'definitions', index: 'definitions', loss: 'loss', wrt: 'wrt', expect: 'expect', assume: 'assume' };

/** A file's lines as fields: keyword lines by keyword, every other line (a `.proof` file's steps) as written. */
export function exampleOf(e: ExampleFile): Example {
  const lines: Record<FieldName, string[]> = { title: [], definitions: [], loss: [], wrt: [], expect: [], assume: [], steps: [] };
  for (const raw of e.text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    // Comment lines and blank lines are left out: the fields are for the mathematics.
    if (!line.replace(/#.*$/, '').trim()) continue;
    const m = /^\s*(title|let|index|loss|wrt|expect|assume)(?:\s+|$)(.*)$/.exec(line);
    if (!m) lines.steps.push(line);
    else lines[FIELD_OF[m[1]!]!].push(m[1] === 'index' ? line.trim() : m[2]!.trimEnd());
  }
  const fields = emptyFields();
  for (const [k, v] of Object.entries(lines) as Array<[FieldName, string[]]>) fields[k] = v.join('\n');
  const mode: Mode = e.file.endsWith('.proof') ? 'check' : 'derive';
  return { file: e.file, label: fields.title || e.file, mode, fields };
}

/** The embedded examples: problems first, then derivations, each by file name. */
export function embeddedExamples(): Example[] {
  const files = typeof GRADPROOF_EXAMPLES === 'undefined' ? [] : GRADPROOF_EXAMPLES;
  return files.map(exampleOf).sort((a, b) => (a.mode === b.mode ? a.file.localeCompare(b.file) : a.mode === 'derive' ? -1 : 1));
}
