/**
 * What an HTML page needs from KaTeX, read at run time from the installed package: its
 * stylesheet with every font inlined as a data: URI (so the page works offline, from a
 * file:// URL), and its `renderToString`. Loaded only when a page is made, so the other
 * formats do not pay for KaTeX.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GradproofError } from '../expr/errors.js';
import { type MathRenderer, type RenderToString, safeMathRenderer } from '../render/html-math.js';

const require = createRequire(import.meta.url);

/** KaTeX's `dist/` directory. */
function katexDist(): string {
  try {
    return dirname(require.resolve('katex'));
  } catch (err) {
    throw new GradproofError('file', `the HTML format needs the katex package: ${(err as Error).message}`);
  }
}

/**
 * `katex.min.css` with each `@font-face` reduced to its woff2 file, inlined. Fails loudly
 * if any `url(...)` other than a data: URI would remain: the page must not fetch anything.
 */
export function katexCss(): string {
  const dist = katexDist();
  const read = (file: string): Buffer => {
    try {
      return readFileSync(join(dist, file));
    } catch (err) {
      throw new GradproofError('file', `cannot read KaTeX's ${file}: ${(err as Error).message}`);
    }
  };
  const css = read('katex.min.css').toString('utf8');
  const inlined = css.replace(/src:url\((fonts\/[\w-]+\.woff2)\) format\("woff2"\)(?:,url\([^)]*\) format\("[^"]*"\))*/g, (_, file: string) => {
    return `src:url(data:font/woff2;base64,${read(file).toString('base64')}) format("woff2")`;
  });
  const remote = /url\((?!data:)[^)]*\)/.exec(inlined);
  if (remote) throw new GradproofError('internal', `KaTeX's stylesheet refers to ${remote[0]}, which the page cannot inline`);
  return inlined;
}

/** KaTeX's renderer with the pages' settings (`trust: false`; errors shown as escaped source). */
export function katexMath(): MathRenderer {
  const katex = require('katex') as { renderToString: RenderToString };
  return safeMathRenderer(katex.renderToString);
}
