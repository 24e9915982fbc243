/**
 * Explanations in a LaTeX document: their text made safe for text mode, and the maths the
 * rule file marks set as maths by the LaTeX printer (`$\left(u^{n}\right)' = n u^{n - 1} u'$`),
 * never as ASCII in roman type.
 */
import type { ExplainPart, MathSpan, Rule, Sentence } from '../rules/types.js';
import { documentText } from './document-latex.js';
import { ruleExplanation } from './explain.js';
import { toLatexAsWritten } from './latex.js';
import type { Lang } from './rule-name.js';

const RELATIONS: Readonly<Record<string, string>> = { '=': '=', '<': '<', '>': '>', '<=': '\\leq', '>=': '\\geq', '!=': '\\neq' };

/** A marked span as LaTeX maths: its sides joined by their relations, a primed side `\left(...\right)'`. */
export function mathSpanToLatex(span: MathSpan): string {
  return span.sides
    .map((e, i) => {
      const side = span.primed[i] ? `\\left(${toLatexAsWritten(e)}\\right)'` : toLatexAsWritten(e);
      return i === 0 ? side : ` ${RELATIONS[span.relations[i - 1]!] ?? '='} ${side}`;
    })
    .join('');
}

const part = (p: ExplainPart): string => (typeof p === 'string' ? documentText(p) : `$${mathSpanToLatex(p)}$`);

/** One sentence as text-mode LaTeX, its maths as maths. */
export function sentenceToLatex(s: Sentence, lang: Lang): string {
  const parts = s.math?.[lang];
  return parts ? parts.map(part).join('') : documentText(s[lang]);
}

/** The sentences of rules used together (a checked link), each once, as text-mode LaTeX. */
export function rulesToLatex(ids: readonly string[], rules: ReadonlyMap<string, Rule>, lang: Lang): string {
  const seen = new Map<string, Sentence>();
  for (const id of ids) {
    const s = ruleExplanation(id, rules);
    if (!seen.has(s[lang])) seen.set(s[lang], s);
  }
  return [...seen.values()].map((s) => sentenceToLatex(s, lang)).join(lang === 'zh' ? '' : ' ');
}
