/**
 * ASCII printing in the input syntax, written the way people write: `a2 - y`,
 * `(1 - y)/(1 - a2)`, `-y/a2`. Printing then parsing gives back the same node.
 */
import type { Expr } from './node.js';
import { type FactorOrder, asFraction, asWritten, isNegativeTerm, isPlainInteger, negateTerm, writtenTerms } from './display.js';
import { ratToString } from './rational.js';
import { decimalNow } from './decimals.js';
import { type WrittenOrder, writtenOrderOf } from './written.js';

// Binding strength of what a printed string is at its top: a sum, a product or quotient,
// a leading minus, a power, or an atom.
const SUM = 1;
const PRODUCT = 2;
const NEG = 3;
const POWER = 4;
const ATOM = 5;

/** A printed piece and how tightly it binds at its top. */
export interface Printed {
  text: string;
  level: number;
  /** The same closed off in parentheses, for a piece that reaches to the end of a product (a Σ). */
  closed?: string;
}

/**
 * Hooks for a printer of the same shape that writes some calls its own way (the display for
 * reading writes `z[i]` as `z_i` and sums as `Σ`); toAscii has none.
 */
export interface AsciiNotation {
  /** The text of a call in this notation, or undefined for the input syntax. */
  call(e: Expr & { kind: 'call' }, print: (x: Expr) => Printed): Printed | undefined;
  /** Whether a factor is written after the others of its product (a Σ reaches to the end of it). */
  last(x: Expr): boolean;
  /** The order the user wrote the sums and products in (expr/written.ts). */
  written?: WrittenOrder;
  /** The text of a product in this notation (an entrywise product of matrices as `A ⊙ B`), or undefined. */
  product?(e: Expr, print: (x: Expr) => Printed, order?: FactorOrder): Printed | undefined;
}

const PLAIN: AsciiNotation = { call: () => undefined, last: () => false };

/** The binding strengths, for notations that print pieces of their own. */
export const LEVELS = { SUM, PRODUCT, NEG, POWER, ATOM } as const;

const COMPARISON_TEXT: Readonly<Record<string, string>> = { gt: '>', lt: '<', ge: '>=', le: '<=' };

const wrap = (p: Printed, min: number): string => (p.level >= min ? p.text : `(${p.text})`);

/** The ASCII text of `e`, parseable by `parse`; `order` arranges the factors of a top-level product. */
export function toAscii(e: Expr, order?: FactorOrder): string {
  return toAsciiWith(e, PLAIN, order);
}

/** The ASCII text of `e` read from input, its sums and products in the order the user wrote them (`written`, by default its latest reading). */
export function toAsciiAsWritten(e: Expr, written = writtenOrderOf(e)): string {
  return written ? toAsciiWith(e, { ...PLAIN, written }) : toAscii(e);
}


/** The text of `e` with the calls `notation` knows written its way. */
export function toAsciiWith(e: Expr, notation: AsciiNotation, order?: FactorOrder): string {
  return (order && (e.kind === 'mul' || e.kind === 'pow') ? printProduct(e, notation, order) : print(e, notation)).text;
}

function print(e: Expr, n: AsciiNotation): Printed {
  switch (e.kind) {
    case 'num': {
      const v = e.value;
      if (isPlainInteger(v)) return { text: v.n.toString(), level: ATOM };
      const decimal = decimalNow(v);
      if (decimal !== undefined) return { text: decimal, level: v.n < 0n ? NEG : ATOM };
      if (v.n < 0n) return { text: ratToString(v), level: NEG };
      return { text: ratToString(v), level: PRODUCT };
    }
    case 'sym':
      return { text: e.name, level: ATOM };
    case 'call': {
      const own = n.call(e, (x) => print(x, n));
      if (own) return own;
      // A comparison is written as one (`z > 0`); it only stands as a piecewise condition.
      // An indexed name `z[i]`.
      if (e.fn === 'at' && e.args.length === 2 && e.args[0]!.kind === 'sym') return { text: `${e.args[0]!.name}[${print(e.args[1]!, n).text}]`, level: ATOM };
      // Listed classes `[y1, y2, y3]`, an argument of a function over families.
      if (e.fn === 'list') return { text: `[${e.args.map((a) => print(a, n).text).join(', ')}]`, level: ATOM };
      const op = COMPARISON_TEXT[e.fn];
      if (op && e.args.length === 2) return { text: `${print(e.args[0]!, n).text} ${op} ${print(e.args[1]!, n).text}`, level: SUM - 1 };
      return { text: `${e.fn}(${e.args.map((a) => print(a, n).text).join(', ')})`, level: ATOM };
    }
    case 'pow':
    case 'mul':
      return printProduct(e, n);
    case 'add': {
      const terms = n.written ? asWritten(e.args, n.written.get(e)) : writtenTerms(e.args);
      let text = '';
      terms.forEach((t, i) => {
        // A term is never a sum, but a negated term can be one: `x - (y + z)`.
        if (i === 0) text = print(t, n).text;
        else if (isNegativeTerm(t)) text += ` - ${wrap(print(negateTerm(t), n), PRODUCT)}`;
        else text += ` + ${print(t, n).text}`;
      });
      return { text, level: SUM };
    }
  }
}

function printPower(e: Expr & { kind: 'pow' }, n: AsciiNotation): Printed {
  const [b, x] = e.args;
  const base = wrap(print(b, n), ATOM);
  const ex = print(x, n);
  const exText = ex.level === ATOM ? ex.text : `(${ex.text})`;
  return { text: `${base}^${exText}`, level: POWER };
}

function printProduct(e: Expr, n: AsciiNotation, order?: FactorOrder): Printed {
  const own = e.kind === 'mul' ? n.product?.(e, (x) => print(x, n), order ?? n.written?.get(e)) : undefined;
  if (own) return own;
  const f = asFraction(e, order ?? n.written?.get(e));
  if (e.kind === 'pow' && f.denominator.length === 0) return printPower(e, n);
  // A piece that reaches to the end of its product is closed off wherever something follows it.
  const factors = (xs: readonly Expr[], end: boolean): string[] => {
    const ordered = [...xs.filter((x) => !n.last(x)), ...xs.filter((x) => n.last(x))];
    return ordered.map((x, i) => {
      if (x.kind === 'pow') return printPower(x, n).text;
      const p = print(x, n);
      return p.closed !== undefined && !(end && i === ordered.length - 1) ? p.closed : wrap(p, POWER);
    });
  };
  const top: string[] = [];
  // In decimals (expr/decimals.ts) the coefficient is one number: 0.134145*x^2, not 26829*x^2/200000.
  const decimal = decimalNow({ n: f.coefNum, d: f.coefDen });
  if (decimal !== undefined) top.push(decimal);
  else if (f.coefNum !== 1n || f.numerator.length === 0) top.push(f.coefNum.toString());
  const coefDen = decimal === undefined ? f.coefDen : 1n;
  const hasBottom = coefDen !== 1n || f.denominator.length > 0;
  top.push(...factors(f.numerator, !hasBottom));
  const bottom: string[] = [];
  if (coefDen !== 1n) bottom.push(coefDen.toString());
  bottom.push(...factors(f.denominator, true));
  let text = top.join('*');
  if (bottom.length === 1) text += `/${bottom[0]}`;
  else if (bottom.length > 1) text += `/(${bottom.join('*')})`;
  if (f.negative) return { text: `-${text}`, level: NEG };
  return { text, level: top.length === 1 && bottom.length === 0 ? POWER : PRODUCT };
}
