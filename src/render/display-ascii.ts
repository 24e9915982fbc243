/**
 * ASCII for reading rather than re-parsing: `toAscii`, except that a derivative
 * `diff(L, a2)` shows as `∂L/∂a2` (`∂/∂x [f]` for a compound `f`), a derivative leads its
 * product and is set off by ` · `, and it is parenthesized where a bare `/` would misread.
 */
import { type Expr, rebuild, sym } from '../expr/node.js';
import { toAscii } from '../expr/print.js';

// Placeholder names: `toAscii` prints names verbatim, and these characters never occur in
// a parsed name or in printed ASCII. Their index makes them sort first among the factors
// of a product, in the order the derivatives appeared.
const OPEN = '\u0002';
const CLOSE = '\u0003';

/** `∂L/∂a2` for a name, `∂/∂x [f]` otherwise. */
function derivativeText(f: Expr, x: Expr): string {
  const by = x.kind === 'sym' ? x.name : `(${toDisplayAscii(x)})`;
  return f.kind === 'sym' ? `∂${f.name}/∂${by}` : `∂/∂${by} [${toDisplayAscii(f)}]`;
}

/** The ASCII of `e` with derivatives in ∂ notation: `∂L/∂a2 · ∂a2/∂z2`, `(1 - y)/(1 - a2) - y/a2`. */
export function toDisplayAscii(e: Expr): string {
  const texts: string[] = [];
  const placeholders = new Map<Expr, Expr>();
  const mark = (n: Expr): Expr => {
    if (n.kind === 'call' && n.fn === 'diff' && n.args.length === 2) {
      let p = placeholders.get(n);
      if (!p) {
        p = sym(`${OPEN}${texts.length}${CLOSE}`);
        texts.push(derivativeText(n.args[0]!, n.args[1]!));
        placeholders.set(n, p);
      }
      return p;
    }
    if (n.args.length === 0) return n;
    const args = n.args.map(mark);
    return args.every((a, i) => a === n.args[i]) ? n : rebuild(n, args);
  };
  const marked = mark(e);
  if (!texts.length) return toAscii(e);
  return toAscii(marked)
    .replace(/\*(?=\u0002)|(?<=\u0003)\*/g, ' · ')
    .replace(/\u0002(\d+)\u0003/g, (m: string, i: string, at: number, s: string) => {
      const text = texts[Number(i)]!;
      const tight = s[at - 1] === '/' || s[at - 1] === '^' || s[at + m.length] === '^';
      return tight ? `(${text})` : text;
    });
}
