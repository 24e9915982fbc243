/**
 * A written derivation as `gradproof check --format md` judged it: the chain in one aligned
 * block, each link numbered at its right, then a note on each link keyed by that number (its
 * verdict, rules and conditions, and what explains it, each sentence once, or the point where
 * its two sides differ), then the first wrong step.
 */
import { conditionInLatex } from './conditions.js';
import { type ChainReport, chainDefinitions, chainVerdict, explainLink } from './document-check.js';
import { DOCUMENT_WORDS } from './document-latex.js';
import { undecidedText } from './evidence.js';
import { explainProvenLinksOnce, linkNames } from './explain-link.js';
import { escapeMarkdownText } from './html-escape.js';
import { toLatexAsWritten } from './latex.js';
import { alignedBlock, alignedRow, escapeMarkdown, rowNote } from './markdown.js';
import { type Lang, joinNames } from './rule-name.js';
import { hasPremises, premisesToMarkdown } from './premises.js';
import { withShapesOf } from './matrix-shapes.js';

/** Before the rules a link was proven by (Chinese runs on without spaces). */
const BY = { en: ' by ', zh: '，依据' } as const;

/** The check as Markdown: the chain, a note on each link, then the verdict on the whole. */
export function chainToMarkdown(r: ChainReport, lang: Lang = 'en'): string {
  return withShapesOf(chainDefinitions(r), () => chainMarkdown(r, lang));
}

function chainMarkdown(r: ChainReport, lang: Lang): string {
  const w = DOCUMENT_WORDS[lang];
  const blocks: string[] = [];
  if (r.title) blocks.push(`## ${escapeMarkdownText(r.title)}`);
  // A link goes on from the one above when it starts where that one ended.
  const rows = r.links.map((l, i) => {
    const previous = r.links[i - 1];
    const lhs = previous && previous.to === l.from ? undefined : toLatexAsWritten(l.from, l.fromWritten);
    return alignedRow(lhs, toLatexAsWritten(l.to, l.toWritten), l.number);
  });
  if (rows.length) blocks.push(alignedBlock(rows));
  const prose = explainProvenLinksOnce(r.links, r.rules, lang);
  const notes = r.links.map((l, i) => {
    const names = linkNames(l, r.rules, lang);
    const lead = `**${w[l.decision.verdict]}**${names.length ? `${BY[lang]}${escapeMarkdown(joinNames(names, lang))}` : ''}`;
    const conditions = [...new Set(l.conditions.map(conditionInLatex(lang)))];
    // A refuted link's sentence is our words and `$…$` math; other prose is escaped.
    const text =
      l.decision.verdict === 'proven'
        ? escapeMarkdown(prose[i]!)
        : l.decision.verdict === 'refuted'
          ? explainLink(l, r.rules, lang)
          : escapeMarkdown(undecidedText(l.decision.evidence, lang));
    return rowNote(l.number, lead, conditions, text, lang);
  });
  if (notes.length) blocks.push(notes.join('\n'));
  if (r.premises && hasPremises(r.premises)) blocks.push(premisesToMarkdown(r.premises, lang));
  blocks.push(`**${w.verdict}** ${chainVerdict(r.links, lang)}`);
  return `${blocks.join('\n\n')}\n`;
}
