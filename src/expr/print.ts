/**
 * ASCII printing in the input syntax, written the way people write: `a2 - y`,
 * `(1 - y)/(1 - a2)`, `-y/a2`. Printing then parsing gives back the same node.
 */
import type { Expr } from './node.js';
import { type FactorOrder, asFraction, isNegativeTerm, isPlainInteger, negateTerm, writtenTerms } from './display.js';
import { ratToString } from './rational.js';

// Binding strength of what a printed string is at its top: a sum, a product or quotient,
// a leading minus, a power, or an atom.
const SUM = 1;
const PRODUCT = 2;
const NEG = 3;
const POWER = 4;
const ATOM = 5;

interface Printed {
  text: string;
  level: number;
}

const COMPARISON_TEXT: Readonly<Record<string, string>> = { gt: '>', lt: '<', ge: '>=', le: '<=' };

const wrap = (p: Printed, min: number): string => (p.level >= min ? p.text : `(${p.text})`);

/** The ASCII text of `e`, parseable by `parse`; `order` arranges the factors of a top-level product. */
export function toAscii(e: Expr, order?: FactorOrder): string {
  return (order && (e.kind === 'mul' || e.kind === 'pow') ? printProduct(e, order) : print(e)).text;
}

function print(e: Expr): Printed {
  switch (e.kind) {
    case 'num': {
      const v = e.value;
      if (isPlainInteger(v)) return { text: v.n.toString(), level: ATOM };
      if (v.n < 0n) return { text: ratToString(v), level: NEG };
      return { text: ratToString(v), level: PRODUCT };
    }
    case 'sym':
      return { text: e.name, level: ATOM };
    case 'call': {
      // A comparison is written as one (`z > 0`); it only stands as a piecewise condition.
      // An indexed name `z[i]`.
      if (e.fn === 'at' && e.args.length === 2 && e.args[0]!.kind === 'sym') return { text: `${e.args[0]!.name}[${print(e.args[1]!).text}]`, level: ATOM };
      const op = COMPARISON_TEXT[e.fn];
      if (op && e.args.length === 2) return { text: `${print(e.args[0]!).text} ${op} ${print(e.args[1]!).text}`, level: SUM - 1 };
      return { text: `${e.fn}(${e.args.map((a) => print(a).text).join(', ')})`, level: ATOM };
    }
    case 'pow':
    case 'mul':
      return printProduct(e);
    case 'add': {
      const terms = writtenTerms(e.args);
      let text = '';
      terms.forEach((t, i) => {
        // A term is never a sum, but a negated term can be one: `x - (y + z)`.
        if (i === 0) text = print(t).text;
        else if (isNegativeTerm(t)) text += ` - ${wrap(print(negateTerm(t)), PRODUCT)}`;
        else text += ` + ${print(t).text}`;
      });
      return { text, level: SUM };
    }
  }
}

function printPower(e: Expr & { kind: 'pow' }): Printed {
  const [b, x] = e.args;
  const base = wrap(print(b), ATOM);
  const ex = print(x);
  const exText = ex.level === ATOM ? ex.text : `(${ex.text})`;
  return { text: `${base}^${exText}`, level: POWER };
}

function printProduct(e: Expr, order?: FactorOrder): Printed {
  const f = asFraction(e, order);
  if (e.kind === 'pow' && f.denominator.length === 0) return printPower(e);
  const factor = (x: Expr): string => (x.kind === 'pow' ? printPower(x).text : wrap(print(x), POWER));
  const top: string[] = [];
  if (f.coefNum !== 1n || f.numerator.length === 0) top.push(f.coefNum.toString());
  top.push(...f.numerator.map(factor));
  const bottom: string[] = [];
  if (f.coefDen !== 1n) bottom.push(f.coefDen.toString());
  bottom.push(...f.denominator.map(factor));
  let text = top.join('*');
  if (bottom.length === 1) text += `/${bottom[0]}`;
  else if (bottom.length > 1) text += `/(${bottom.join('*')})`;
  if (f.negative) return { text: `-${text}`, level: NEG };
  return { text, level: top.length === 1 && bottom.length === 0 ? POWER : PRODUCT };
}
