/**
 * Shaped terms in LaTeX, as the text display writes them (matrix-text.ts): `W_{2}^{\top}
 * \delta_{2}`, `\odot` between matrices, `\sigma'\left(z_{1}\right)`, a broadcast bias as its
 * column, `\mathbf{1}_{m \times 1}` for ones, and `vjp(G, E, X)` as the derivative of the
 * Frobenius product, `\frac{\partial \left\langle G, E \right\rangle}{\partial X}`.
 */
import type { Expr } from '../expr/node.js';
import type { FactorOrder } from '../expr/display.js';
import { BCAST, BCAST_ROW, MAT, MATMUL, ONES, PRIME, SUM_ALL, TRANSPOSE, VJP, isMatSym, matName } from '../expr/matrix.js';
import { LEVELS } from '../expr/print.js';
import { functionSpec } from '../expr/registry/index.js';
import { shapedProduct } from './matrix-product.js';
import { nameToLatex, operatorNameToLatex } from './names.js';

const { PRODUCT, NEG, POWER, ATOM } = LEVELS;

export interface LatexPrinted {
  text: string;
  level: number;
}

type Print = (x: Expr) => LatexPrinted;

const parens = (text: string): string => `\\left(${text}\\right)`;
const wrap = (p: LatexPrinted, min: number): string => (p.level >= min ? p.text : parens(p.text));

/** `\sigma'`, `\tanh'`, `\operatorname{relu}'`: the function as LaTeX writes it, primed. */
export function primeLatex(fn: string): string {
  const form = functionSpec(fn)?.latex.form;
  const command = form?.kind === 'symbol' || form?.kind === 'operator' ? form.command : operatorNameToLatex(fn);
  return `${command}'`;
}

/** A superscript on a printed atom: braced when it already has a superscript or a prime (`{a^{(2)}}^{\top}`). */
const superscripted = (p: LatexPrinted, sup: string): string => `${p.level < ATOM ? parens(p.text) : /[\^']/.test(p.text) ? `{${p.text}}` : p.text}^{${sup}}`;

/** The LaTeX of a matrix call, or undefined for any other call. */
export function matrixCallLatex(e: Expr & { kind: 'call' }, print: Print): LatexPrinted | undefined {
  const a = e.args;
  switch (e.fn) {
    case MAT:
      return isMatSym(e) ? { text: nameToLatex(matName(e)), level: ATOM } : undefined;
    case MATMUL: {
      if (a.length !== 2) return undefined;
      const operand = (x: Expr): string => (x.kind === 'call' && x.fn === MATMUL ? print(x).text : wrap(print(x), POWER));
      return { text: `${operand(a[0]!)} ${operand(a[1]!)}`, level: PRODUCT };
    }
    case TRANSPOSE:
      return a.length === 1 ? { text: superscripted(print(a[0]!), '\\top'), level: POWER } : undefined;
    case BCAST:
    case BCAST_ROW:
      return a.length === 2 ? print(a[0]!) : undefined;
    case SUM_ALL:
      return a.length === 1 ? { text: `\\operatorname{sum}${parens(print(a[0]!).text)}`, level: ATOM } : undefined;
    case ONES:
      return a.length === 2 ? { text: `\\mathbf{1}_{${print(a[0]!).text} \\times ${print(a[1]!).text}}`, level: ATOM } : undefined;
    case PRIME:
      return a.length === 2 && a[0]!.kind === 'sym' ? { text: `${primeLatex(a[0]!.name)}${parens(print(a[1]!).text)}`, level: ATOM } : undefined;
    case VJP:
      if (a.length !== 3) return undefined;
      return { text: `\\frac{\\partial \\left\\langle ${print(a[0]!).text}, ${print(a[1]!).text} \\right\\rangle}{\\partial ${wrap(print(a[2]!), ATOM)}}`, level: POWER };
  }
  return undefined;
}

/** An entrywise product with a matrix in it: `\frac{1}{m} \delta_{1} X^{\top}`, `\left(W_{2}^{\top} \delta_{2}\right) \odot \sigma'\left(z_{1}\right)`; else undefined. */
export function matrixProductLatex(e: Expr, print: Print, order?: FactorOrder): LatexPrinted | undefined {
  const p = shapedProduct(e, order);
  if (!p) return undefined;
  const pieces: string[] = [];
  if (p.scalar) pieces.push(wrap(print(p.scalar), PRODUCT));
  const single = p.shaped.length === 1 && !p.divisors.length;
  let matrices = single ? wrap(print(p.shaped[0]!), PRODUCT) : p.shaped.map((x) => wrap(print(x), POWER)).join(' \\odot ') || '1';
  for (const d of p.divisors) matrices += ` \\oslash ${wrap(print(d), POWER)}`;
  pieces.push(matrices);
  const text = pieces.join(' ');
  return p.negative ? { text: `-${text}`, level: NEG } : { text, level: PRODUCT };
}
