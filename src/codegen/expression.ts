/**
 * An expression as source text in a target language, with the parentheses its precedence
 * needs: `a2 - y`, `(a2 - y) * w2 * a1 * sigmoid(-z1)`, `x ** 2`. Bases and exponents of a
 * power are always atoms, so `-x ** 2` (a syntax error in JavaScript) is never written.
 */
import type { Expr } from '../expr/node.js';
import { type FactorOrder, asFraction, isNegativeTerm, negateTerm, writtenTerms } from '../expr/display.js';
import type { Helper, TargetSyntax } from './targets.js';
import { LEVELS } from '../expr/print.js';

const { SUM, PRODUCT, NEG, POWER, ATOM } = LEVELS;

interface Printed {
  readonly text: string;
  readonly level: number;
}

const COMPARISONS: Readonly<Record<string, string>> = { gt: '>', lt: '<', ge: '>=', le: '<=' };

const wrap = (p: Printed, min: number): string => (p.level >= min ? p.text : `(${p.text})`);

export interface PrintContext {
  readonly syntax: TargetSyntax;
  /** The identifier of a name in the generated code. */
  readonly ident: (name: string) => string;
  /** Helpers the printed code calls; filled in while printing. */
  readonly helpers: Set<Helper>;
}

/** The source text of `e`; `order` arranges the factors of a top-level product. */
export function printCode(e: Expr, cx: PrintContext, order?: FactorOrder): string {
  return (e.kind === 'mul' || e.kind === 'pow' ? product(e, cx, order) : print(e, cx)).text;
}

function print(e: Expr, cx: PrintContext): Printed {
  switch (e.kind) {
    case 'num': {
      const { n, d } = e.value;
      if (d === 1n) return { text: n.toString(), level: n < 0n ? NEG : ATOM };
      return { text: `${n} / ${d}`, level: n < 0n ? NEG : PRODUCT };
    }
    case 'sym':
      return { text: e.name === 'pi' ? cx.syntax.pi : cx.ident(e.name), level: ATOM };
    case 'call':
      return callText(e, cx);
    case 'pow':
    case 'mul':
      return product(e, cx);
    case 'add': {
      let text = '';
      writtenTerms(e.args).forEach((t, i) => {
        if (i === 0) text = print(t, cx).text;
        else if (isNegativeTerm(t)) text += ` - ${wrap(print(negateTerm(t), cx), PRODUCT)}`;
        else text += ` + ${wrap(print(t, cx), PRODUCT)}`;
      });
      return { text, level: SUM };
    }
  }
}

function callText(e: Expr & { kind: 'call' }, cx: PrintContext): Printed {
  const { syntax } = cx;
  const comparison = COMPARISONS[e.fn];
  if (comparison) return { text: syntax.indicator(condition(e, cx)), level: ATOM };
  if (e.fn === 'piecewise') {
    const cases: Array<[string, string]> = [];
    for (let i = 0; i + 1 < e.args.length; i += 2) cases.push([condition(e.args[i]!, cx), print(e.args[i + 1]!, cx).text]);
    return { text: syntax.branches(cases), level: ATOM };
  }
  const r = syntax.call(e.fn, e.args.map((a) => print(a, cx).text));
  if (r.helper) cx.helpers.add(r.helper);
  return { text: r.text, level: ATOM };
}

/** A piecewise condition: a comparison as itself, anything else as `== 1`. */
function condition(c: Expr, cx: PrintContext): string {
  const op = c.kind === 'call' ? COMPARISONS[c.fn] : undefined;
  if (op && c.args.length === 2) return `${wrap(print(c.args[0]!, cx), PRODUCT)} ${op} ${wrap(print(c.args[1]!, cx), PRODUCT)}`;
  return cx.syntax.isOne(wrap(print(c, cx), ATOM));
}

function power(e: Expr & { kind: 'pow' }, cx: PrintContext): Printed {
  const [b, x] = e.args;
  if (x.kind === 'num' && x.value.d === 2n && (x.value.n === 1n || x.value.n === -1n)) {
    const root = cx.syntax.call('sqrt', [print(b, cx).text]).text;
    if (x.value.n === 1n) return { text: root, level: ATOM };
    const r = cx.syntax.divide?.('1', root);
    if (r) cx.helpers.add(r.helper);
    return r ? { text: r.text, level: ATOM } : { text: `1 / ${root}`, level: PRODUCT };
  }
  return { text: `${wrap(print(b, cx), ATOM)} ** ${wrap(print(x, cx), ATOM)}`, level: POWER };
}

function product(e: Expr, cx: PrintContext, order?: FactorOrder): Printed {
  const f = asFraction(e, order);
  if (e.kind === 'pow' && f.denominator.length === 0) return power(e, cx);
  const factor = (x: Expr): string => (x.kind === 'pow' ? wrap(power(x, cx), POWER) : wrap(print(x, cx), POWER));
  const top: string[] = [];
  if (f.coefNum !== 1n || f.numerator.length === 0) top.push(f.coefNum.toString());
  top.push(...f.numerator.map(factor));
  // `-x ** 2` is a syntax error in JavaScript: a power right after the sign is wrapped.
  if (f.negative && top[0]!.includes(' ** ')) top[0] = `(${top[0]})`;
  const bottom: string[] = [];
  if (f.coefDen !== 1n) bottom.push(f.coefDen.toString());
  bottom.push(...f.denominator.map(factor));
  let text = top.join(' * ');
  // A target whose division raises at 0 (Python) divides as IEEE 754 does, unless by a constant.
  if (bottom.length && cx.syntax.divide && f.denominator.length) {
    const r = cx.syntax.divide(text, bottom.join(' * '));
    cx.helpers.add(r.helper);
    return f.negative ? { text: `-${r.text}`, level: NEG } : { text: r.text, level: ATOM };
  }
  if (bottom.length === 1) text += ` / ${bottom[0]}`;
  else if (bottom.length > 1) text += ` / (${bottom.join(' * ')})`;
  if (f.negative) return { text: `-${text}`, level: NEG };
  return { text, level: top.length === 1 && bottom.length === 0 ? POWER : PRODUCT };
}
