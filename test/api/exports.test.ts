/**
 * Every export of the public API (src/index.ts, and src/vitest/index.ts for `gradproof/vitest`)
 * is documented where it is declared: a one-line TSDoc summary, and for functions, classes
 * and values an `@example`.
 */
import { describe, expect, it } from 'vitest';
import { dirname, join } from 'node:path';
import { readSource } from '../support/source.js';
import * as api from '../../src/index.js';

interface Exported {
  readonly name: string;
  readonly typeOnly: boolean;
  readonly file: string;
}

/** The names `file` re-exports with `export { a, type B } from './x.js'` and `export type { C } from ...`. */
function exportsOf(file: string): Exported[] {
  const out: Exported[] = [];
  for (const m of readSource(file).matchAll(/^export (type )?\{([^}]*)\} from '([^']+)';/gm)) {
    const from = join(dirname(file), m[3]!).replace(/\.js$/, '.ts');
    for (const part of m[2]!.split(',').map((s) => s.trim()).filter(Boolean)) {
      const typeOnly = Boolean(m[1]) || part.startsWith('type ');
      out.push({ name: part.replace(/^type /, ''), typeOnly, file: from });
    }
  }
  return out;
}

/** The TSDoc block right before the declaration of `name` in `file`, or undefined. */
function docOf(name: string, file: string): string | undefined {
  const text = readSource(file);
  const decl = new RegExp(`(/\\*\\*(?:(?!\\*/)[^])*\\*/)\\s*\\n\\s*export (?:declare )?(?:function|const|class|interface|type|abstract class) ${name}\\b`);
  return decl.exec(text)?.[1];
}

const summary = (doc: string): string => doc.replace(/^\/\*\*\s*/, '').split('\n')[0]!.replace(/^\s*\*\s?/, '').trim();

describe.each([
  ['src/index.ts', 13],
  ['src/vitest/index.ts', 1],
] as const)('%s', (entry, values) => {
  const exported = exportsOf(entry);
  it(`exports at least ${values} values`, () => {
    expect(exported.filter((e) => !e.typeOnly).length).toBeGreaterThanOrEqual(values);
  });
  it.each(exported.map((e) => [e.name, e] as const))('%s has a summary (and an @example if it is a value)', (_, e) => {
    const doc = docOf(e.name, e.file);
    expect(doc, `${e.name} in ${e.file}`).toBeDefined();
    expect(summary(doc!).length, `${e.name}: the summary line`).toBeGreaterThan(10);
    if (!e.typeOnly) expect(doc, `${e.name}: an @example`).toMatch(/@example\n\s*\* \S/);
  });
});

it('src/index.ts exports the API the README names', () => {
  const values = Object.keys(api).sort();
  expect(values).toEqual(
    ['GradproofError', 'check', 'checkChain', 'codegen', 'derive', 'equivalent', 'fromMathjs', 'loadRules', 'parse', 'parseLatex', 'proofToAlign', 'renderHtml', 'renderLatex', 'renderMarkdown', 'simplify', 'toAscii', 'toLatex', 'toMathjs'].sort(),
  );
});
