/**
 * A sentence explaining each textbook line, in the reader's language, modelled on the
 * wording of the textbook the project started from ("由链式法则可得…").
 */
import type { ProofLine } from './lines.js';
import { type Lang, joinNames } from './rule-name.js';

/** One sentence saying why `line` holds: `By the chain rule.` / `由链式法则可得。` */
export function explainLine(line: ProofLine, lang: Lang): string {
  if (!line.names.length) return '';
  return lang === 'zh' ? `由${joinNames(line.names, lang)}可得。` : `By ${joinNames(line.names, lang)}.`;
}
