/**
 * Proofs as LaTeX: every line `lhs &= rhs && \text{rule names}` with its conditions, as the
 * body of an `align*` (for documents) or `aligned` (for KaTeX) block.
 */
import type { Condition, Proof, Step } from '../proof/types.js';
import type { Rule } from '../rules/types.js';
import { conditionInLatex } from './conditions.js';
import { escapeLatexText } from './escape.js';
import { toLatex } from './latex.js';
import { type ProofLine, proofLines } from './lines.js';
import { type Lang, joinNames, ruleName } from './rule-name.js';
import { withShapesOf } from './matrix-shapes.js';

/** `&& \text{names} \quad (conditions)`, or nothing when there is nothing to say. */
function annotation(names: readonly string[], conditions: readonly Condition[], lang: Lang): string {
  const parts: string[] = [];
  if (names.length) parts.push(`\\text{${escapeLatexText(joinNames(names, lang))}}`);
  if (conditions.length) parts.push(`(${conditions.map(conditionInLatex(lang)).join(',\\ ')})`);
  return parts.length ? ` && ${parts.join(' \\quad ')}` : '';
}

/** One textbook line as an alignment row: `lhs &= rhs && \text{names} \quad (conditions)`, `lhs` blank when it continues. */
export const lineToLatex = (line: ProofLine, lang: Lang): string =>
  `${line.lhs ? `${toLatex(line.lhs)} ` : ''}&= ${toLatex(line.rhs)}${annotation(line.names, line.conditions, lang)}`;

/** One step as an alignment row: `before &= after && \text{name}`, with its conditions. */
export function stepToLatex(step: Step, rules: ReadonlyMap<string, Rule>, lang: Lang = 'en'): string {
  const names = [ruleName(step.rule, rules, lang)];
  return `${toLatex(step.before)} &= ${toLatex(step.after)}${annotation(names, step.conditions, lang)}`;
}

/** The rows of a proof, one per textbook line, joined by `\\`: the body of an `align*` block. */
export function proofToLatex(proof: Proof, rules: ReadonlyMap<string, Rule>, lang: Lang = 'en'): string {
  return withShapesOf(proof.definitions, () => proofLatex(proof, rules, lang));
}

function proofLatex(proof: Proof, rules: ReadonlyMap<string, Rule>, lang: Lang): string {
  const lines = proofLines(proof, rules, lang);
  if (!lines.length) return toLatex(proof.start);
  return lines.map((l) => lineToLatex(l, lang)).join(' \\\\\n');
}

/** The proof as a LaTeX document's `\begin{align*} ... \end{align*}` block. */
export function proofToAlign(proof: Proof, rules: ReadonlyMap<string, Rule>, lang: Lang = 'en'): string {
  return `\\begin{align*}\n${proofToLatex(proof, rules, lang)}\n\\end{align*}`;
}

/** The proof as `\begin{aligned} ... \end{aligned}`, for KaTeX's display mode or inside `\[ \]`. */
export function proofToAligned(proof: Proof, rules: ReadonlyMap<string, Rule>, lang: Lang = 'en'): string {
  return `\\begin{aligned}\n${proofToLatex(proof, rules, lang)}\n\\end{aligned}`;
}
