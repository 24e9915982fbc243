/**
 * Side conditions as people state them: `nonzero(1 - a2)` reads `a2 ≠ 1`, `positive(1 - a2)`
 * reads `a2 < 1`, `nonnegative(x)` reads `x ≥ 0`, `defined(f(x))` reads "f(x) is defined"
 * ("f(x) 有定义"). A condition on anything but `k*x + c` for one name `x` is shown as is.
 */
import { type Expr, num } from '../expr/node.js';
import { toAscii } from '../expr/print.js';
import { type Rational, ONE, ZERO, isNegative, isZero, ratInv, ratMul, ratNeg } from '../expr/rational.js';
import type { Condition } from '../proof/types.js';
import { toLatex } from './latex.js';
import type { Lang } from './rule-name.js';

type Op = '!=' | '>' | '<' | '>=' | '<=';

/** A condition as `lhs op rhs`, solved for its one name when it is linear in it. */
interface Stated {
  lhs: Expr;
  op: Op;
  rhs: Expr;
}

/** `k*x + c` with `x` a name and `k` a nonzero number, or undefined. */
function linear(e: Expr): { x: Expr; k: Rational; c: Rational } | undefined {
  const term = (t: Expr): { x: Expr; k: Rational } | undefined => {
    if (t.kind === 'sym') return { x: t, k: ONE };
    const [k, x] = t.args;
    if (t.kind === 'mul' && t.args.length === 2 && k!.kind === 'num' && x!.kind === 'sym') return { x, k: k.value };
    return undefined;
  };
  const [c, rest] = e.args;
  if (e.kind === 'add' && e.args.length === 2 && c!.kind === 'num') {
    const t = term(rest!);
    return t && { ...t, c: c.value };
  }
  const t = term(e);
  return t && { ...t, c: ZERO };
}

/** Not for `defined`, which is not a relation (shown before this is asked). */
function state(c: Condition): Stated {
  const l = linear(c.expr);
  const zeroOp: Op = c.kind === 'nonzero' ? '!=' : c.kind === 'positive' ? '>' : '>=';
  if (!l || isZero(l.k)) return { lhs: c.expr, op: zeroOp, rhs: num(0) };
  // k*x + c op 0  <=>  x op' -c/k, the order flipping when k < 0.
  const op: Op = c.kind === 'nonzero' ? '!=' : isNegative(l.k) ? FLIPPED[zeroOp] : zeroOp;
  return { lhs: l.x, op, rhs: num(ratMul(ratNeg(l.c), ratInv(l.k))) };
}

const FLIPPED: Readonly<Record<Op, Op>> = { '!=': '!=', '>': '<', '<': '>', '>=': '<=', '<=': '>=' };

const LATEX_OPS: Readonly<Record<Op, string>> = { '!=': '\\neq', '>': '>', '<': '<', '>=': '\\geq', '<=': '\\leq' };

/** "is defined", after the term (the ASCII form is what a proof file reads back). */
const IS_DEFINED: Readonly<Record<Lang, string>> = { en: 'is defined', zh: '有定义' };

/** The LaTeX of a condition: `a_{2} \neq 1`, `u > 0`, `x \geq 0`, `f(x) \text{ is defined}`. */
export const conditionToLatex = (c: Condition): string => latexIn(c, 'en');

/** The LaTeX of conditions in `lang`: `f(x) \text{ 有定义}` in Chinese. */
export const conditionInLatex =
  (lang: Lang) =>
  (c: Condition): string =>
    latexIn(c, lang);

function latexIn(c: Condition, lang: Lang): string {
  if (c.kind === 'defined') return `${toLatex(c.expr)}\\ \\text{${IS_DEFINED[lang]}}`;
  const s = state(c);
  return `${toLatex(s.lhs)} ${LATEX_OPS[s.op]} ${toLatex(s.rhs)}`;
}

/** The ASCII of a condition: `a2 != 1`, `u > 0`, `x >= 0`, `f(x) is defined`. */
export const conditionToText = (c: Condition): string => textIn(c, 'en');

/** The ASCII of conditions in `lang` (a proof file is always written in English, to be read back). */
export const conditionInText =
  (lang: Lang) =>
  (c: Condition): string =>
    textIn(c, lang);

function textIn(c: Condition, lang: Lang): string {
  if (c.kind === 'defined') return `${toAscii(c.expr)} ${IS_DEFINED[lang]}`;
  const s = state(c);
  return `${toAscii(s.lhs)} ${s.op} ${toAscii(s.rhs)}`;
}
