/**
 * Proofs as Markdown for notes and READMEs: one `$$ ... $$` block per textbook line, the
 * left side repeated so each block stands on its own, the rules and conditions beside it,
 * and what explains it as a paragraph below (each sentence once).
 */
import type { Proof } from '../proof/types.js';
import type { Rule } from '../rules/types.js';
import { conditionInLatex } from './conditions.js';
import { escapeLatexText } from './escape.js';
import { explainOnce } from './explain.js';
import { toLatex } from './latex.js';
import { proofLines } from './lines.js';
import { type Lang, joinNames } from './rule-name.js';

/** The proof's lines as Markdown display-math blocks. */
export function proofToMarkdown(proof: Proof, rules: ReadonlyMap<string, Rule>, lang: Lang = 'en'): string {
  const blocks: string[] = [];
  let lhs = proof.start;
  const lines = proofLines(proof, rules, lang);
  const prose = explainOnce(lines, lang);
  lines.forEach((line, i) => {
    if (line.lhs) lhs = line.lhs;
    const notes: string[] = [];
    if (line.names.length) notes.push(`\\text{${escapeLatexText(joinNames(line.names, lang))}}`);
    if (line.conditions.length) notes.push(`(${line.conditions.map(conditionInLatex(lang)).join(',\\ ')})`);
    const tail = notes.length ? ` \\qquad ${notes.join(' \\quad ')}` : '';
    blocks.push(`$$\n${toLatex(lhs)} = ${toLatex(line.rhs)}${tail}\n$$`);
    if (prose[i]) blocks.push(escapeMarkdown(prose[i]!));
  });
  return blocks.join('\n\n');
}

/** Prose safe in Markdown: the characters that would start emphasis, code, math, links or HTML escaped. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_$[\]<>|#]/g, (c) => `\\${c}`);
}
