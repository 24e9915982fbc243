/** Test helper: every LaTeX string we emit must parse under KaTeX with `throwOnError: true`. */
import katex from 'katex';
import { expect } from 'vitest';

/** Asserts that KaTeX renders `latex` (in display mode, where `align*` is allowed) without error. */
export function expectKatex(latex: string): void {
  expect(() => katex.renderToString(latex, { throwOnError: true, displayMode: true, strict: 'error' })).not.toThrow();
}
