/**
 * A written derivation as `gradproof check --format md` judged it: one `$$` block per link
 * with its verdict, rules and conditions beside it, what explains it below (each sentence
 * once) or the point where its two sides differ, then the first wrong step.
 */
import { conditionInLatex } from './conditions.js';
import { type ChainReport, chainVerdict, explainLink } from './document-check.js';
import { DOCUMENT_WORDS } from './document-latex.js';
import { escapeLatexText } from './escape.js';
import { undecidedText } from './evidence.js';
import { explainProvenLinksOnce } from './explain-link.js';
import { escapeMarkdownText } from './html-escape.js';
import { toLatexAsWritten } from './latex.js';
import { escapeMarkdown } from './markdown.js';
import { type Lang, joinNames, ruleName } from './rule-name.js';
import { hasPremises, premisesToMarkdown } from './premises.js';

/** The check as Markdown: each link, then the verdict on the whole. */
export function chainToMarkdown(r: ChainReport, lang: Lang = 'en'): string {
  const w = DOCUMENT_WORDS[lang];
  const colon = lang === 'zh' ? '：' : ': ';
  const blocks: string[] = [];
  if (r.title) blocks.push(`## ${escapeMarkdownText(r.title)}`);
  const prose = explainProvenLinksOnce(r.links, r.rules, lang);
  r.links.forEach((l, i) => {
    const names = [...new Set(l.rules.map((id) => ruleName(id, r.rules, lang)))];
    let beside = `(${l.number}) ${w[l.decision.verdict]}${names.length ? `${colon}${joinNames(names, lang)}` : ''}`;
    beside = `\\text{${escapeLatexText(beside)}}`;
    const conditions = [...new Set(l.conditions.map(conditionInLatex(lang)))];
    if (conditions.length) beside += ` \\quad (${conditions.join(',\\ ')})`;
    blocks.push(`$$\n${toLatexAsWritten(l.from, l.fromWritten)} = ${toLatexAsWritten(l.to, l.toWritten)} \\qquad ${beside}\n$$`);
    // A refuted link's sentence is our words and `$…$` math; other prose is escaped.
    const below =
      l.decision.verdict === 'proven'
        ? escapeMarkdown(prose[i]!)
        : l.decision.verdict === 'refuted'
          ? explainLink(l, r.rules, lang)
          : escapeMarkdown(undecidedText(l.decision.evidence, lang));
    if (below) blocks.push(below);
  });
  if (r.premises && hasPremises(r.premises)) blocks.push(premisesToMarkdown(r.premises, lang));
  blocks.push(`**${w.verdict}** ${chainVerdict(r.links, lang)}`);
  return `${blocks.join('\n\n')}\n`;
}
