/**
 * Math for HTML pages, pre-rendered by KaTeX. The page builder takes the renderer as a
 * function so that it stays free of any package and of the file system; the policy (no
 * `trust`, bounded macro expansion, no KaTeX error on the page) lives here.
 */
import { escapeHtml } from './html-escape.js';

/** The LaTeX of a formula as HTML, inline or displayed. */
export type MathRenderer = (latex: string, display: boolean) => string;

/** The options of KaTeX's `renderToString` that the pages rely on. */
export interface KatexOptions {
  readonly displayMode: boolean;
  readonly throwOnError: boolean;
  readonly trust: boolean;
  readonly strict: 'ignore' | 'warn' | 'error';
  readonly maxExpand: number;
  readonly maxSize: number;
  readonly output: 'html' | 'mathml' | 'htmlAndMathml';
}

/** KaTeX's `renderToString`, or anything of its shape. */
export type RenderToString = (latex: string, options: KatexOptions) => string;

/**
 * KaTeX settings for pages: `trust: false`, so `\href`, `\url`, `\includegraphics` and
 * `\htmlClass` never produce links or attributes; errors throw, so they are caught below
 * instead of being drawn as red `.katex-error` text.
 */
export const katexOptions = (display: boolean): KatexOptions => ({
  displayMode: display,
  throwOnError: true,
  trust: false,
  strict: 'ignore',
  maxExpand: 1000,
  maxSize: 10,
  output: 'htmlAndMathml',
});

/**
 * A renderer that never lets a KaTeX error reach the page: LaTeX that KaTeX refuses is shown
 * as its escaped source in a `<code class="math-fallback">`.
 */
export function safeMathRenderer(render: RenderToString): MathRenderer {
  return (latex, display) => {
    try {
      return render(latex, katexOptions(display));
    } catch {
      return `<code class="math-fallback">${escapeHtml(latex)}</code>`;
    }
  };
}
