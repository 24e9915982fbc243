/**
 * The maths inside an `explain` sentence, marked with backticks in the rule file
 * (`` By the power rule, `(u^n)' = n u^(n-1) u'` ... ``): read here with the expression
 * parser, so that a document can set it as maths while terminal text shows it as written.
 * A side may be a derivative written with a prime, `(u/v)'`; `|u|` is abs(u), and
 * `log u` the call log(u).
 */
import type { Expr } from '../expr/node.js';
import type { ExplainPart, MathSpan, Sentence } from './types.js';

const RELATION = /\s*(<=|>=|!=|=|<|>)\s*/;

/** One marked span as sides and the relations between them. */
function readSpan(ascii: string, read: (text: string) => Expr): MathSpan {
  const normal = ascii.replace(/\|([^|]+)\|/g, 'abs($1)').replace(/\b(exp|log|sqrt|tanh|sin|cos)\s+([A-Za-z0-9]+)\b/g, '$1($2)');
  const pieces = normal.split(RELATION);
  const sides: Expr[] = [];
  const primed: boolean[] = [];
  const relations: string[] = [];
  pieces.forEach((p, i) => {
    if (i % 2) return void relations.push(p);
    const derivative = /^\((.*)\)'$/.exec(p.trim());
    primed.push(derivative !== null);
    sides.push(read(derivative ? derivative[1]! : p.trim()));
  });
  return { sides, relations, primed };
}

/** The parts of one sentence: text, and maths between backticks. */
function parts(s: string, read: (text: string) => Expr): ExplainPart[] {
  return s.split('`').map((p, i) => (i % 2 ? readSpan(p, read) : p));
}

/**
 * An explain line's sentence: shown without the backticks, and with its maths read (`math`)
 * when it marks any. `read` parses one expression and fails with its position.
 */
export function explainSentence(en: string, zh: string, read: (text: string) => Expr): Sentence {
  const plain = { en: en.replace(/`/g, ''), zh: zh.replace(/`/g, '') };
  if (!en.includes('`') && !zh.includes('`')) return plain;
  return { ...plain, math: { en: parts(en, read), zh: parts(zh, read) } };
}
