/**
 * Textbook LaTeX of an expression, with the structure of the ASCII printer
 * (`src/expr/print.ts`): a product is a sign and a fraction, a sum is written positive term
 * first, and parentheses appear only where the reading needs them.
 */
import { decimalNow } from '../expr/decimals.js';
import type { Expr } from '../expr/node.js';
import { type FactorOrder, asFraction, asWritten, isNegativeTerm, isPlainInteger, negateTerm, writtenTerms } from '../expr/display.js';
import { isNegative, ratAbs } from '../expr/rational.js';
import { nameToLatex, operatorNameToLatex } from './names.js';
import { AT, DELTA, LAYER, LIST, isIndexed, isSum } from '../expr/indexed.js';
import { LEVELS } from '../expr/print.js';
import { functionSpec } from '../expr/registry/index.js';
import { kinkOf } from './kinks.js';
import { type WrittenOrder, writtenOrderOf } from '../expr/written.js';
import { matrixCallLatex, matrixProductLatex } from './matrix-latex.js';
import { shapedProduct } from './matrix-product.js';

// Binding strength of what a printed string is at its top, shared with print.ts.
const { SUM, PRODUCT, NEG, POWER, ATOM } = LEVELS;

interface Printed {
  text: string;
  level: number;
  /** For `\log a_{2}`, whose argument is not closed off: the same with parentheses. */
  closed?: string;
  /** A derivative `\frac{\partial L}{\partial a_{2}}`: written first in a product, with `\cdot` after it. */
  derivative?: boolean;
  /** A sum `\sum_{k=1}^{K} f`, which reaches to the end of its product: written last in it. */
  sum?: boolean;
}

const parens = (text: string): string => `\\left(${text}\\right)`;
const wrap = (p: Printed, min: number): string => (p.level >= min ? p.text : parens(p.text));

/** The textbook LaTeX of `e`: `\frac{a_{2} - y}{a_{2} \left(1 - a_{2}\right)}`; `order` arranges a top-level product. */
export function toLatex(e: Expr, order?: FactorOrder): string {
  return (order && (e.kind === 'mul' || e.kind === 'pow') ? printProduct(e, order) : print(e)).text;
}

/** While toLatexAsWritten prints: where the user wrote each piece. */
let written: WrittenOrder | undefined;

/** The LaTeX of `e` read from input, its sums and products in the order the user wrote them (`order`, by default its latest reading). */
export function toLatexAsWritten(e: Expr, order = writtenOrderOf(e)): string {
  const outer = written;
  written = order;
  try {
    return toLatex(e);
  } finally {
    written = outer;
  }
}

function print(e: Expr): Printed {
  switch (e.kind) {
    case 'num': {
      const v = e.value;
      if (isPlainInteger(v)) return { text: v.n.toString(), level: ATOM };
      const decimal = decimalNow(v);
      if (decimal !== undefined) return { text: decimal, level: isNegative(v) ? NEG : ATOM };
      const a = ratAbs(v);
      const text = a.d === 1n ? a.n.toString() : `\\frac{${a.n}}{${a.d}}`;
      return isNegative(v) ? { text: `-${text}`, level: NEG } : { text, level: PRODUCT };
    }
    case 'sym':
      return { text: nameToLatex(e.name), level: ATOM };
    case 'call':
      return printCall(e);
    case 'pow':
    case 'mul':
      return printProduct(e);
    case 'add':
      return { text: sumTerms(e).map((t) => t.sign + t.text).join(' '), level: SUM };
  }
}

/** A sum's terms as written, each with the sign before it (`''` for the first, `+ `, `- `). */
function sumTerms(e: Expr & { kind: 'add' }): Array<{ sign: string; term: Expr; text: string }> {
  return (written ? asWritten(e.args, written.get(e)) : writtenTerms(e.args)).map((t, i) => {
    if (i === 0) return { sign: '', term: t, text: print(t).text };
    // A negated term can be a sum: `x - \left(y + z\right)`.
    if (isNegativeTerm(t)) return { sign: '- ', term: t, text: wrap(print(negateTerm(t)), PRODUCT) };
    return { sign: '+ ', term: t, text: print(t).text };
  });
}

/**
 * The LaTeX of an expression in pieces a displayed line may break between: a sum's terms,
 * and inside a term that is a product ending in a parenthesised sum (`-y \left(a - b\right)`),
 * that sum's terms. Joined by spaces, the pieces are `toLatex(e, order)`.
 */
export type LatexPiece = string | { readonly open: string; readonly inner: readonly LatexPiece[]; readonly close: string };

export function latexPieces(e: Expr, order?: FactorOrder): LatexPiece[] {
  if (e.kind !== 'add') return [openProduct(e, order) ?? toLatex(e, order)];
  return sumTerms(e).map((t) => {
    // A negated term `- x (a + b)` opens as the product `x (a + b)`.
    const inner = t.sign === '- ' ? negateTerm(t.term) : t.term;
    const open = openProduct(inner);
    if (!open || typeof open === 'string') return t.sign + t.text;
    return { ...open, open: t.sign + open.open };
  });
}

/** `latexPieces` of an expression read from input, in the order the user wrote it. */
export function latexPiecesAsWritten(e: Expr, order = writtenOrderOf(e)): LatexPiece[] {
  const outer = written;
  written = order;
  try {
    return latexPieces(e);
  } finally {
    written = outer;
  }
}

/** A product without a denominator whose last factor is a parenthesised sum, opened at that sum; else undefined. */
function openProduct(e: Expr, order?: FactorOrder): LatexPiece | undefined {
  // A product of matrices is written its own way (matrix-latex.ts), not as `juxtapose` does.
  if (e.kind !== 'mul' || shapedProduct(e, order ?? written?.get(e))) return undefined;
  const f = asFraction(e, order ?? written?.get(e));
  if (f.denominator.length || f.coefDen !== 1n) return undefined;
  const coefficient = f.coefNum !== 1n || f.numerator.length === 0 ? f.coefNum : undefined;
  const single = coefficient === undefined && f.numerator.length === 1;
  // The product as printProduct writes it, cut before its closing parenthesised sum.
  const full = (f.negative ? '-' : '') + (single ? wrap(printFactor(f.numerator[0]!), POWER) : juxtapose(coefficient, f.numerator));
  for (const x of f.numerator) {
    if (x.kind !== 'add') continue;
    const tail = parens(print(x).text);
    if (full.endsWith(tail)) return { open: `${full.slice(0, -tail.length)}\\left(`, inner: latexPieces(x), close: '\\right)' };
  }
  return undefined;
}

function printCall(e: Expr & { kind: 'call' }): Printed {
  const args = e.args;
  const [u] = args;
  if (e.fn === 'diff' && args.length === 2) return printDerivative(args[0]!, args[1]!);
  const matrix = matrixCallLatex(e, print);
  if (matrix) return matrix;
  const notation = printIndexNotation(e);
  if (notation) return notation;
  // How the function registry says the function is written; a function it lacks is an operator name.
  const form = functionSpec(e.fn)?.latex.form;
  if (form?.kind === 'relation' && args.length === 2) return { text: `${toLatex(args[0]!)} ${form.symbol} ${toLatex(args[1]!)}`, level: ATOM };
  // A derived kink as textbooks write it, `\mathbf{1}[z > 0]` or `\operatorname{sign}(u)`;
  // an expression as written keeps its cases.
  const kink = written ? undefined : kinkOf(e);
  if (kink?.kind === 'indicator') return { text: `\\mathbf{1}[${toLatex(kink.condition)}]`, level: ATOM };
  if (kink?.kind === 'sign') return print(kink.sign);
  if (e.fn === 'piecewise' && args.length % 2 === 0) {
    // Cases, each branch with its condition; where none holds the value does not exist.
    const rows: string[] = [];
    for (let i = 0; i < args.length; i += 2) rows.push(`${toLatex(args[i + 1]!)} & ${toLatex(args[i]!)}`);
    return { text: `\\begin{cases} ${rows.join(" \\\\ ")} \\end{cases}`, level: ATOM };
  }
  if (form?.kind === 'operator' && form.base && args.length === 2) {
    return { text: `${form.command}_{${toLatex(args[1]!)}}${parens(toLatex(u!))}`, level: ATOM };
  }
  if (u === undefined || args.length > 1 || !form) {
    return { text: operatorNameToLatex(e.fn) + parens(args.map((a) => toLatex(a)).join(', ')), level: ATOM };
  }
  const arg = print(u);
  switch (form.kind) {
    case 'symbol':
      return { text: `${form.command}${parens(arg.text)}`, level: ATOM };
    case 'exponential':
      return { text: `${form.base}^{${arg.text}}`, level: POWER };
    case 'enclosed':
      return { text: `${form.open}${arg.text}${form.close}`, level: ATOM };
    case 'operator': {
      // Without parentheses around a name or a number: `\\log a_{2}`.
      const closed = `${form.command}${parens(arg.text)}`;
      const bare = u.kind === 'sym' || isIndexed(u) || (u.kind === 'num' && isPlainInteger(u.value));
      return bare ? { text: `${form.command} ${arg.text}`, level: POWER, closed } : { text: closed, level: ATOM };
    }
    default:
      return { text: operatorNameToLatex(e.fn) + parens(arg.text), level: ATOM };
  }
}

/**
 * Index notation as textbooks set it: `a_{k}`, `\delta_{ki}`, `\sum_{k=1}^{K} f`. A member
 * with a number for its index is `a_{[2]}`, since `a_{2}` is the name a2; a family whose
 * name has a subscript of its own is braced (`{w_{1}}_{k}`).
 */
function printIndexNotation(e: Expr & { kind: 'call' }): Printed | undefined {
  const [a, b] = e.args;
  if (e.fn === AT && isIndexed(e)) {
    const family = toLatex(a!);
    const base = /[_']/.test(family) ? `{${family}}` : family;
    const index = b!.kind === 'num' ? `[${toLatex(b!)}]` : toLatex(b!);
    return { text: `${base}_{${index}}`, level: ATOM };
  }
  if (e.fn === LIST) return { text: `\\left[${e.args.map((x) => toLatex(x)).join(', ')}\\right]`, level: ATOM };
  if (e.fn === DELTA && e.args.length === 2) {
    // Two one-letter indices side by side, as in the textbook; anything else with a comma.
    const short = [a!, b!].every((x) => x.kind === 'sym' && /^[A-Za-z]$/.test(x.name));
    const text = short ? `\\delta_{${toLatex(a!)}${toLatex(b!)}}` : `\\delta_{${toLatex(a!)}, ${toLatex(b!)}}`;
    return { text, level: ATOM };
  }
  if (isSum(e)) {
    const [k, lo, hi, body] = e.args as [Expr, Expr, Expr, Expr];
    const p = print(body);
    // A body that is a sum or starts with a sign is set in parentheses; a product is not.
    const inner = p.level === SUM || p.level === NEG ? parens(p.text) : p.text;
    const text = `\\sum_{${toLatex(k)}=${toLatex(lo)}}^{${toLatex(hi)}} ${inner}`;
    return { text, level: POWER, closed: parens(text), sum: true };
  }
  return undefined;
}

/** `\frac{\partial L}{\partial z_{2}}` for a name or a member, `\frac{\partial}{\partial x}\left[ f \right]` otherwise. */
function printDerivative(f: Expr, x: Expr): Printed {
  const by = `\\partial ${wrap(print(x), ATOM)}`;
  const text =
    f.kind === 'sym' || isIndexed(f)
      ? `\\frac{\\partial ${print(f).text}}{${by}}`
      : `\\frac{\\partial}{${by}}\\left[${toLatex(f)}\\right]`;
  return { text, level: POWER, derivative: true };
}

function printPower(e: Expr & { kind: 'pow' }): Printed {
  const [b, x] = e.args;
  // A name with a layer superscript (`a^{(2)}`) is braced: a second superscript is a power.
  const base = b.kind === 'sym' && b.name.includes(LAYER) ? `{${print(b).text}}` : wrap(print(b), ATOM);
  return { text: `${base}^{${toLatex(x)}}`, level: POWER };
}

const printFactor = (x: Expr): Printed => (x.kind === 'pow' ? printPower(x) : print(x));

/**
 * Factors side by side: derivatives first, a thin `\cdot` after a derivative and before a
 * factor that starts with a digit, parentheses around sums and around the argument of an
 * operator that is not last (`\log\left(a_{2}\right) y`, never `\log a_{2} y`).
 */
function juxtapose(coefficient: bigint | string | undefined, factors: readonly Expr[]): string {
  const printed = factors.map(printFactor);
  const ordered = [...printed.filter((p) => p.derivative), ...printed.filter((p) => !p.derivative && !p.sum), ...printed.filter((p) => p.sum)];
  const parts: Printed[] = coefficient === undefined ? ordered : [{ text: coefficient.toString(), level: ATOM }, ...ordered];
  if (parts.length === 1) return parts[0]!.text;
  let text = '';
  parts.forEach((p, i) => {
    const last = i === parts.length - 1;
    const shown = p.closed !== undefined && !last ? p.closed : wrap(p, POWER);
    if (i > 0) text += parts[i - 1]!.derivative || /^\d/.test(shown) ? ' \\cdot ' : ' ';
    text += shown;
  });
  return text;
}

function printProduct(e: Expr, order?: FactorOrder): Printed {
  const matrices = matrixProductLatex(e, print, order ?? written?.get(e));
  if (matrices) return matrices;
  const f = asFraction(e, order ?? written?.get(e));
  if (e.kind === 'pow' && f.denominator.length === 0) return printPower(e);
  // In decimals (expr/decimals.ts) the coefficient is one number: 0.134145 x^{2}.
  const decimal = decimalNow({ n: f.coefNum, d: f.coefDen });
  const topCoefficient = decimal ?? (f.coefNum !== 1n || f.numerator.length === 0 ? f.coefNum : undefined);
  const bottomCoefficient = decimal === undefined && f.coefDen !== 1n ? f.coefDen : undefined;
  const sign = f.negative ? '-' : '';
  if (f.denominator.length === 0 && bottomCoefficient === undefined) {
    if (topCoefficient === undefined && f.numerator.length === 1) {
      // `-x`, `-\left(a + b\right)`, `-\log a_{2}`: a sign before one factor.
      const p = printFactor(f.numerator[0]!);
      return { text: `${sign}${wrap(p, POWER)}`, level: f.negative ? NEG : p.level };
    }
    const text = juxtapose(topCoefficient, f.numerator);
    return { text: sign + text, level: f.negative ? NEG : PRODUCT };
  }
  const top = juxtapose(topCoefficient, f.numerator);
  const bottom = juxtapose(bottomCoefficient, f.denominator);
  return { text: `${sign}\\frac{${top}}{${bottom}}`, level: f.negative ? NEG : PRODUCT };
}
