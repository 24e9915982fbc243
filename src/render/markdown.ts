/**
 * Proofs as Markdown for notes and READMEs: the derivation as one aligned display block
 * (`$$\begin{aligned} … \end{aligned}$$`, which KaTeX and GitHub's MathJax both set), each
 * line numbered at its right, then a list keyed by those numbers with the line's rules and
 * conditions and what explains it (each sentence once): the words stay outside the maths.
 */
import type { Proof } from '../proof/types.js';
import type { Rule } from '../rules/types.js';
import { conditionInLatex } from './conditions.js';
import { explainOnce } from './explain.js';
import { toLatex } from './latex.js';
import { proofLines } from './lines.js';
import { type Lang, joinNames } from './rule-name.js';
import { withShapesOf } from './matrix-shapes.js';

/** One row of an aligned block: `lhs &= rhs && (n)`, the left side blank when the row goes on from the one above. */
export const alignedRow = (lhs: string | undefined, rhs: string, n: number): string => `${lhs ? `${lhs} ` : ''}&= ${rhs} && (${n})`;

/** Rows as a Markdown display block. */
export const alignedBlock = (rows: readonly string[]): string => `$$\n\\begin{aligned}\n${rows.join(' \\\\\n')}\n\\end{aligned}\n$$`;

/**
 * The note on row `n` below the block: `- (n) lead ($conditions$): text`, each part left out
 * when empty; nothing when there is nothing to say. `lead` and `text` are Markdown already.
 */
export function rowNote(n: number, lead: string, conditions: readonly string[], text: string, lang: Lang): string {
  const zh = lang === 'zh';
  let note = lead;
  if (conditions.length) note += `${zh ? '（' : note ? ' (' : '('}$${conditions.join(',\\ ')}$${zh ? '）' : ')'}`;
  if (text) note += note ? `${zh ? '：' : ': '}${text}` : text;
  return note ? `- (${n}) ${note}` : '';
}

/** The proof's lines as one aligned block, then the note on each line. */
export function proofToMarkdown(proof: Proof, rules: ReadonlyMap<string, Rule>, lang: Lang = 'en'): string {
  return withShapesOf(proof.definitions, () => proofMarkdown(proof, rules, lang));
}

function proofMarkdown(proof: Proof, rules: ReadonlyMap<string, Rule>, lang: Lang): string {
  const lines = proofLines(proof, rules, lang);
  if (!lines.length) return '';
  const prose = explainOnce(lines, lang);
  const rows = lines.map((line, i) => alignedRow(line.lhs ? toLatex(line.lhs) : i === 0 ? toLatex(proof.start) : undefined, toLatex(line.rhs), i + 1));
  const notes = lines.map((line, i) =>
    rowNote(i + 1, line.names.length ? `**${escapeMarkdown(joinNames(line.names, lang))}**` : '', line.conditions.map(conditionInLatex(lang)), escapeMarkdown(prose[i]!), lang),
  );
  return [alignedBlock(rows), notes.filter(Boolean).join('\n')].filter(Boolean).join('\n\n');
}

/** Prose safe in Markdown: the characters that would start emphasis, code, math, links or HTML escaped. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_$[\]<>|#]/g, (c) => `\\${c}`);
}
