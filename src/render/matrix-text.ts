/**
 * Shaped terms as text for reading, the books' look: `mat(W2, n2, n1)` is `W2`, a matrix
 * product is juxtaposition (`W2ᵀ δ2`, as Nielsen, Bishop and Ng print it: a `·` would read as
 * the scalar product of the text printer), `transpose` a superscript `ᵀ`, an entrywise
 * product of matrices `⊙`, a broadcast bias its column (`b1`: books leave it implicit),
 * `prime(sigmoid, z1)` `σ′(z1)`, `sum_all(A)` `sum(A)`, and `vjp(G, E, X)` `∂⟨G, E⟩/∂X`, the
 * derivative of the Frobenius product Σᵢⱼ GᵢⱼEᵢⱼ it is defined as, which reads as the chain
 * rule through E. The functional form stays the ASCII of JSON and of proofs (expr/print.ts).
 */
import type { Expr } from '../expr/node.js';
import { BCAST, BCAST_ROW, MAT, MATMUL, PRIME, SUM_ALL, TRANSPOSE, VJP, isMatSym, matName } from '../expr/matrix.js';
import { type AsciiNotation, LEVELS, type Printed } from '../expr/print.js';
import type { FactorOrder } from '../expr/display.js';
import { shapedProduct } from './matrix-product.js';

const { PRODUCT, NEG, POWER, ATOM } = LEVELS;

const wrap = (p: Printed, min: number): string => (p.level >= min ? p.text : `(${p.text})`);

/** How a function's derivative is named: `σ′`, `tanh′`. */
export const primeName = (fn: string): string => `${fn === 'sigmoid' ? 'σ' : fn}′`;

/** The text of a matrix call, or undefined for any other call. */
export function matrixCallText(e: Expr & { kind: 'call' }, print: (x: Expr) => Printed): Printed | undefined {
  const a = e.args;
  switch (e.fn) {
    case MAT:
      return isMatSym(e) ? { text: matName(e), level: ATOM } : undefined;
    case MATMUL: {
      if (a.length !== 2) return undefined;
      // A product of products needs no parentheses: the matrix product is associative.
      const operand = (x: Expr): string => (x.kind === 'call' && x.fn === MATMUL ? print(x).text : wrap(print(x), POWER));
      return { text: `${operand(a[0]!)} ${operand(a[1]!)}`, level: PRODUCT };
    }
    case TRANSPOSE:
      return a.length === 1 ? { text: `${wrap(print(a[0]!), ATOM)}ᵀ`, level: POWER } : undefined;
    case BCAST:
    case BCAST_ROW:
      return a.length === 2 ? print(a[0]!) : undefined;
    case SUM_ALL:
      return a.length === 1 ? { text: `sum(${print(a[0]!).text})`, level: ATOM } : undefined;
    case PRIME:
      return a.length === 2 && a[0]!.kind === 'sym' ? { text: `${primeName(a[0]!.name)}(${print(a[1]!).text})`, level: ATOM } : undefined;
    case VJP:
      return a.length === 3 ? { text: `∂⟨${print(a[0]!).text}, ${print(a[1]!).text}⟩/∂${wrap(print(a[2]!), ATOM)}`, level: PRODUCT } : undefined;
  }
  return undefined;
}

/** An entrywise product with a matrix in it: `(1/m) δ1 Xᵀ`, `(W2ᵀ δ2) ⊙ a1 ⊙ (1 - a1)`, `G ⊘ A`; else undefined. */
export function matrixProductText(e: Expr, print: (x: Expr) => Printed, order?: FactorOrder): Printed | undefined {
  const p = shapedProduct(e, order);
  if (!p) return undefined;
  const pieces: string[] = [];
  if (p.scalar) pieces.push(wrap(print(p.scalar), POWER));
  const single = p.shaped.length === 1 && !p.divisors.length;
  // One matrix after a coefficient needs parentheses only when it is a sum; factors of ⊙ whenever they are not closed.
  let matrices = single ? wrap(print(p.shaped[0]!), PRODUCT) : p.shaped.map((x) => wrap(print(x), POWER)).join(' ⊙ ') || '1';
  for (const d of p.divisors) matrices += ` ⊘ ${wrap(print(d), POWER)}`;
  pieces.push(matrices);
  const text = pieces.join(' ');
  return p.negative ? { text: `-${text}`, level: NEG } : { text, level: PRODUCT };
}

/** The notation hooks of both, for a printer built on expr/print.ts. */
export const MATRIX_TEXT: Pick<AsciiNotation, 'call' | 'product'> = { call: matrixCallText, product: matrixProductText };
