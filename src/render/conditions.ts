/**
 * Side conditions as people state them: `nonzero(1 - a2)` reads `a2 ≠ 1`, `positive(1 - a2)`
 * reads `a2 < 1`. A condition on anything but `k*x + c` for one name `x` is shown as is.
 */
import { type Expr, num } from '../expr/node.js';
import { toAscii } from '../expr/print.js';
import { type Rational, ONE, ZERO, isNegative, isZero, ratInv, ratMul, ratNeg } from '../expr/rational.js';
import type { Condition } from '../proof/types.js';
import { toLatex } from './latex.js';

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

function state(c: Condition): Stated {
  const l = linear(c.expr);
  const zeroOp: Op = c.kind === 'nonzero' ? '!=' : c.kind === 'nonnegative' ? '>=' : '>';
  if (!l || isZero(l.k)) return { lhs: c.expr, op: zeroOp, rhs: num(0) };
  // k*x + c op 0  <=>  x op' -c/k, the order flipping when k < 0.
  const op: Op = c.kind === 'nonzero' ? '!=' : c.kind === 'nonnegative' ? (isNegative(l.k) ? '<=' : '>=') : isNegative(l.k) ? '<' : '>';
  return { lhs: l.x, op, rhs: num(ratMul(ratNeg(l.c), ratInv(l.k))) };
}

const LATEX_OPS: Readonly<Record<Op, string>> = { '!=': '\\neq', '>': '>', '<': '<', '>=': '\\geq', '<=': '\\leq' };

/** The LaTeX of a condition: `a_{2} \neq 1`, `u > 0`. */
export function conditionToLatex(c: Condition): string {
  const s = state(c);
  return `${toLatex(s.lhs)} ${LATEX_OPS[s.op]} ${toLatex(s.rhs)}`;
}

/** The ASCII of a condition: `a2 != 1`, `u > 0`. */
export function conditionToText(c: Condition): string {
  const s = state(c);
  return `${toAscii(s.lhs)} ${s.op} ${toAscii(s.rhs)}`;
}
