/** Output of `gradproof check` for a written derivation. */
import { toAsciiAsWritten } from '../expr/print.js';
import type { ChainOutcome } from '../api/check-chain.js';
import { conditionInText } from '../render/conditions.js';
import { toDisplayAsciiAsWritten } from '../render/display-ascii.js';
import type { Lang } from '../render/rule-name.js';
import { chainToDocument, closingLinks } from '../render/document-check.js';
import { chainToMarkdown } from '../render/markdown-chain.js';
import { evidenceText } from '../render/evidence.js';
import { correctSideText, explainProvenLinksOnce, linkNames } from '../render/explain-link.js';
import { wrapText } from '../render/wrap.js';
import { hasPremises, premisesToText } from '../render/premises.js';
import { chainPremises } from '../api/premises.js';

/** The width explanations wrap within, as derive's text does, and their indent. */
const WIDTH = 100;
const INDENT = '    ';

const WORDS = {
  en: { proven: 'proven', refuted: 'refuted', unknown: 'unknown', at: 'at', left: 'left', right: 'right', by: 'by', ok: 'Every step is proven.', wrong: 'The first wrong step is', line: 'line' },
  zh: { proven: '已证明', refuted: '不成立', unknown: '未能判定', at: '反例', left: '左边', right: '右边', by: '依据', ok: '每一步都已证明。', wrong: '第一个错误的步骤是第', line: '行' },
} as const;

/** Link by link, each proven link explained below its verdict (each sentence once), then the first wrong step. */
export function formatChain(o: ChainOutcome, lang: Lang): string {
  const w = WORDS[lang];
  const out: string[] = [];
  if (o.title) out.push(o.title, '');
  const prose = explainProvenLinksOnce(o.links, o.rules.byId, lang);
  o.links.forEach((l, i) => {
    // The user's own lines, in the user's order.
    out.push(`${String(l.number).padStart(2)}. ${toDisplayAsciiAsWritten(l.from, l.fromWritten)} = ${toDisplayAsciiAsWritten(l.to, l.toWritten)}`);
    let verdict = `    ${w[l.decision.verdict]}`;
    if (l.rules.length) verdict += `  ${w.by} ${linkNames(l, o.rules.byId, lang).join(lang === 'zh' ? '、' : ', ')}`;
    const conds = [...new Set(l.conditions.map(conditionInText(lang)))];
    if (conds.length) verdict += `  [${conds.join(', ')}]`;
    out.push(verdict);
    out.push(...wrapText(prose[i]!, WIDTH - INDENT.length).map((row) => INDENT + row));
    const c = l.decision.counterexample;
    if (c) {
      const [comma, colon] = lang === 'zh' ? ['，', '：'] : [', ', ': '];
      const point = Object.entries(c.point).map(([k, v]) => `${k} = ${v}`).join(comma);
      out.push(`    ${w.at} ${point}${colon}${w.left} ${c.left.toPrecision(6)}${comma}${w.right} ${c.right.toPrecision(6)}`);
      // What the right side should have been, worked out and replayed.
      if (l.correct) out.push(...wrapText(correctSideText(l.correct, lang), WIDTH - INDENT.length).map((row) => INDENT + row));
    }
    if (l.decision.evidence) out.push(`    ${evidenceText(l.decision.evidence, lang)}`);
  });
  out.push('');
  // What the proven links rest on, from their theorems, then the verdict on the whole.
  const premises = chainPremises(o);
  if (premises && hasPremises(premises)) out.push(...premisesToText(premises, lang), '');
  // Unknown is not wrong: a link neither proven nor refuted is named as undecided.
  const { wrong, undecided } = closingLinks(o.links);
  const claim = (l: (typeof o.links)[number]): string => `${toAsciiAsWritten(l.from, l.fromWritten)} = ${toAsciiAsWritten(l.to, l.toWritten)}`;
  const where = (l: (typeof o.links)[number]): string => (!l.line ? '' : lang === 'zh' ? `（第 ${l.line} 行）` : ` (line ${l.line})`);
  if (!wrong && !undecided) out.push(w.ok);
  if (undecided) out.push(lang === 'zh' ? `第 ${undecided.number} 步${where(undecided)}既未能证明，也未能否定：${claim(undecided)}` : `Step ${undecided.number}${where(undecided)} could be neither proven nor refuted: ${claim(undecided)}`);
  if (wrong) out.push(lang === 'zh' ? `${w.wrong} ${wrong.number} 步${where(wrong)}：${claim(wrong)}` : `${w.wrong} ${wrong.number}${where(wrong)}: ${claim(wrong)}`);
  return `${out.join('\n')}\n`;
}

/** A standalone LaTeX document of the check: each link with its verdict and explanation, then the first wrong step. */
export function chainToLatex(o: ChainOutcome, lang: Lang): string {
  return chainToDocument({ ...o, rules: o.rules.byId, premises: chainPremises(o) }, lang);
}

/** The check as Markdown: a `$$` block per link, explained below it, then the first wrong step. */
export function chainToMd(o: ChainOutcome, lang: Lang): string {
  return chainToMarkdown({ ...o, rules: o.rules.byId, premises: chainPremises(o) }, lang);
}

/** The JSON of a chain check: the object `checkChain()` returns. */
export { chainToJson } from '../api/chain.js';
