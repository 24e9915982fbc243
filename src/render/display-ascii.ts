/**
 * ASCII for reading rather than re-parsing: `toAscii`, except that a derivative
 * `diff(L, a2)` shows as `∂L/∂a2` (`∂/∂x [f]` for a compound `f`), a derivative leads its
 * product and is set off by ` · `, and it is parenthesized where a bare `/` would misread.
 * Index notation is written as in a textbook: `z[i]` as `z_i`, `delta(k, i)` as `δ_ki`,
 * `sum(k, 1, K, f)` as `Σ_{k=1}^{K} f`, the sum last in its product (it reaches to the end
 * of it) and in parentheses wherever something follows it. A derived kink is written as
 * textbooks do (`1[z > 0]`, `sign(a - y)`, see kinks.ts); an expression as written keeps its cases.
 */
import { type Expr, rebuild, sym } from '../expr/node.js';
import type { FactorOrder } from '../expr/display.js';
import { type AsciiNotation, LEVELS, type Printed, toAsciiWith } from '../expr/print.js';
import { type WrittenOrder, writtenOrderOf } from '../expr/written.js';
import { AT, DELTA, isIndexed, isSum } from '../expr/indexed.js';
import { kinkOf } from './kinks.js';
import { isMatSym } from '../expr/matrix.js';
import type { Shape } from '../expr/matrix.js';
import { matrixCallText, matrixProductText } from './matrix-text.js';
import { displayShape, withShapes } from './matrix-shapes.js';

// Placeholder names: `toAscii` prints names verbatim, and these characters never occur in
// a parsed name or in printed ASCII. Their index makes them sort first among the factors
// of a product, in the order the derivatives appeared.
const OPEN = '\u0002';
const CLOSE = '\u0003';

/** A subscript: bare when it is one name or number, else in parentheses (`a_(k+1)`). */
function subscript(p: Printed, e: Expr): string {
  return e.kind === 'sym' || (e.kind === 'num' && p.level === LEVELS.ATOM) ? p.text : `(${p.text})`;
}

/** Index notation for reading: `z_i`, `δ_ki`, `Σ_{k=1}^{K} f`. */
const INDEX_NOTATION: AsciiNotation = {
  call(e, print) {
    const [a, b] = e.args;
    if (e.fn === AT && isIndexed(e)) return { text: `${print(a!).text}_${subscript(print(b!), b!)}`, level: LEVELS.ATOM };
    if (e.fn === DELTA && e.args.length === 2) {
      const short = [a!, b!].every((x) => x.kind === 'sym' && x.name.length === 1);
      const text = short ? `δ_${print(a!).text}${print(b!).text}` : `δ_(${print(a!).text},${print(b!).text})`;
      return { text, level: LEVELS.ATOM };
    }
    if (isSum(e)) {
      const [k, lo, hi, body] = e.args.map(print) as [Printed, Printed, Printed, Printed];
      // A body that is a sum or starts with a sign is set in parentheses; a product is not.
      const inner = body.level === LEVELS.SUM || body.level === LEVELS.NEG ? `(${body.text})` : body.text;
      const text = `Σ_{${k.text}=${lo.text}}^{${hi.text}} ${inner}`;
      return { text, level: LEVELS.POWER, closed: `(${text})` };
    }
    return undefined;
  },
  last: isSum,
};

/** Kinks as `1[z > 0]` and `sign(u)`, shaped terms as books write them (matrix-text.ts); anything else in the input syntax. */
const KINK_NOTATION: AsciiNotation = {
  call(e, print) {
    const kink = kinkOf(e);
    if (kink?.kind === 'indicator') return { text: `1[${print(kink.condition).text}]`, level: LEVELS.ATOM };
    return kink?.kind === 'sign' ? print(kink.sign) : matrixCallText(e, print);
  },
  last: () => false,
  product: matrixProductText,
};

/** Index notation and shaped terms, as written by the user. */
const AS_WRITTEN_NOTATION: AsciiNotation = {
  ...INDEX_NOTATION,
  call: (e, print) => matrixCallText(e, print) ?? INDEX_NOTATION.call(e, print),
  product: matrixProductText,
};

/** Index notation, kinks as `1[z > 0]` and `sign(u)`, and shaped terms. */
const TEXTBOOK_NOTATION: AsciiNotation = {
  ...INDEX_NOTATION,
  call: (e, print) => KINK_NOTATION.call(e, print) ?? INDEX_NOTATION.call(e, print),
  product: matrixProductText,
};

/** A derived result as `toAscii` writes it (`order` arranging a top-level product), its kinks as textbooks do. */
export const toResultAscii = (e: Expr, order?: FactorOrder): string => toAsciiWith(e, KINK_NOTATION, order);

/** `∂L/∂a2` for a name or a member, `∂/∂x [f]` otherwise. */
function derivativeText(f: Expr, x: Expr): string {
  const plain = (v: Expr): boolean => v.kind === 'sym' || isIndexed(v) || isMatSym(v);
  const by = plain(x) ? toDisplayAscii(x) : `(${toDisplayAscii(x)})`;
  return plain(f) ? `∂${toDisplayAscii(f)}/∂${by}` : `∂/∂${by} [${toDisplayAscii(f)}]`;
}

/** toDisplayAscii of `e` read from input, its sums and products in the order the user wrote them. */
export const toDisplayAsciiAsWritten = (e: Expr, written = writtenOrderOf(e)): string => toDisplayAscii(e, written);

/** The ASCII of `e` with derivatives in ∂ notation: `∂L/∂a2 · ∂a2/∂z2`, `(1 - y)/(1 - a2) - y/a2`. */
export function toDisplayAscii(e: Expr, written?: WrittenOrder): string {
  const notation = written ? { ...AS_WRITTEN_NOTATION, written } : TEXTBOOK_NOTATION;
  const texts: string[] = [];
  const placeholders = new Map<Expr, Expr>();
  // A derivative by a matrix is a matrix: its placeholder keeps that shape, so `∂L/∂a1 ⊙ σ′(z1)` reads right.
  const shapes = new Map<string, Shape>();
  const mark = (n: Expr): Expr => {
    if (n.kind === 'call' && n.fn === 'diff' && n.args.length === 2) {
      let p = placeholders.get(n);
      if (!p) {
        const name = `${OPEN}${texts.length}${CLOSE}`;
        p = sym(name);
        texts.push(derivativeText(n.args[0]!, n.args[1]!));
        placeholders.set(n, p);
        const s = displayShape(n);
        if (s) shapes.set(name, s);
      }
      return p;
    }
    if (n.args.length === 0) return n;
    const args = n.args.map(mark);
    return args.every((a, i) => a === n.args[i]) ? n : rebuild(n, args);
  };
  const marked = mark(e);
  if (!texts.length) return toAsciiWith(e, notation);
  const text = shapes.size ? withShapes((name) => shapes.get(name) ?? undefined, () => toAsciiWith(marked, notation)) : toAsciiWith(marked, notation);
  return text
    .replace(/\*(?=\u0002)|(?<=\u0003)\*/g, ' · ')
    .replace(/\u0002(\d+)\u0003/g, (m: string, i: string, at: number, s: string) => {
      const text = texts[Number(i)]!;
      const tight = s[at - 1] === '/' || s[at - 1] === '^' || s[at + m.length] === '^';
      return tight ? `(${text})` : text;
    });
}
