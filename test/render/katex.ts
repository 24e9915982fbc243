/** Test helper: every LaTeX string we emit must parse under KaTeX with `throwOnError: true`. */
import katex from 'katex';
import { expect } from 'vitest';

/** Asserts that KaTeX renders `latex` (in display mode, where `align*` is allowed) without error. */
export function expectKatex(latex: string): void {
  expect(() => katex.renderToString(latex, { throwOnError: true, displayMode: true, strict: 'error' })).not.toThrow();
}

/**
 * The mathematics of a standalone document, in pieces KaTeX can parse: each `align*` block
 * without its `\intertext` lines and with the `\parbox` beside each row left out, each
 * `\[ ... \]`, and each `$ ... $` (in the text, the parboxes and the intertext).
 */
export function documentMath(doc: string): string[] {
  const out: string[] = [];
  const rest = doc.replace(/\\begin\{align\*\}\n([\s\S]*?)\n\\end\{align\*\}/g, (_, body: string) => {
    const rows = body
      .split('\n')
      .filter((l) => !l.startsWith('\\intertext{'))
      .map((l) => l.replace(/ && \\parbox\[t\]\{[^}]*\}\{.*\}( \\\\)?$/, '$1'));
    out.push(`\\begin{align*}\n${rows.join('\n')}\n\\end{align*}`);
    return body;
  });
  for (const m of rest.matchAll(/\\\[ (.*?) \\\]/g)) out.push(m[1]!);
  for (const m of rest.replace(/\\\[ .*? \\\]/g, '').matchAll(/(?<!\\)\$([^$]+)\$/g)) out.push(m[1]!);
  return out;
}
