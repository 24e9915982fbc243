/**
 * A standalone LaTeX document of a written derivation as `gradproof check` judged it: the
 * chain of expressions in one `align*`, each link with its verdict and rules beside it and
 * the sentence that explains it (or the point where its two sides differ) below, then the
 * first wrong step.
 */
import type { Expr } from '../expr/node.js';
import type { Decision } from '../verdict/equality.js';
import type { Condition } from '../proof/types.js';
import type { Rule } from '../rules/types.js';
import { DOCUMENT_WORDS, PAGE, besideRow, documentText, explainedAlign, latexDocument, numberToLatex } from './document-latex.js';
import { namesAndConditions, pointToLatex } from './document-derivation.js';
import { undecidedText } from './evidence.js';
import { type CorrectSideShown, correctSideSentence, linkCitation, linkNames } from './explain-link.js';
import { latexPiecesAsWritten, toLatex, toLatexAsWritten } from './latex.js';
import { conditionInLatex } from './conditions.js';
import { rulesToLatex } from './explain-latex.js';
import { alignedRows } from './latex-break.js';
import { latexWidth } from './latex-width.js';
import type { WrittenOrder } from '../expr/written.js';
import { type Lang } from './rule-name.js';
import { type Premises, hasPremises, premisesToLatex } from './premises.js';
import { type Definition, withShapesOf } from './matrix-shapes.js';

/** What a document of a checked derivation shows: each link and its verdict. */
export interface ChainReport {
  readonly title?: string;
  readonly rules: ReadonlyMap<string, Rule>;
  readonly links: ReadonlyArray<CheckedLink>;
  readonly firstWrong: number | null;
  /** What the proven links rest on, from their theorems; null when none is proven. */
  readonly premises?: Premises | null;
  /** The problem's definitions, which say which names are matrices (default: the premises'). */
  readonly definitions?: readonly Definition[];
}

/** The definitions that say which names of a checked derivation are matrices. */
export const chainDefinitions = (r: { readonly definitions?: readonly Definition[]; readonly premises?: Premises | null }): readonly Definition[] =>
  r.definitions ?? r.premises?.definitions ?? [];

/** One link `from = to` of a written derivation, decided. */
export interface CheckedLink {
  /** 1-based, across all chains. */
  readonly number: number;
  readonly from: Expr;
  readonly to: Expr;
  /** How the user wrote each side (expr/written.ts); by default, the tree's latest reading. */
  readonly fromWritten?: WrittenOrder;
  readonly toWritten?: WrittenOrder;
  /** The line of the file the link's right side is on. */
  readonly line?: number;
  readonly decision: Decision;
  readonly rules: readonly string[];
  readonly conditions: readonly Condition[];
  /** For a refuted link: the right side it should have had, when one was found. */
  readonly correct?: CorrectSideShown;
}

/**
 * The links a chain's verdict names: the first refuted one (wrong), and the first one neither
 * proven nor refuted before it (undecided: unknown is not wrong). Neither when all are proven.
 */
export function closingLinks<L extends { readonly decision: { readonly verdict: string } }>(links: readonly L[]): { wrong?: L; undecided?: L } {
  const wrong = links.find((l) => l.decision.verdict === 'refuted');
  const undecided = links.find((l) => l.decision.verdict === 'unknown');
  const before = undecided && (!wrong || links.indexOf(undecided) < links.indexOf(wrong)) ? undecided : undefined;
  return { ...(wrong ? { wrong } : {}), ...(before ? { undecided: before } : {}) };
}

/** The closing sentences: every link proven, or the first undecided and the first wrong one, with line and claim (math in `$ $`). */
export function chainVerdict(links: readonly CheckedLink[], lang: Lang): string {
  const w = DOCUMENT_WORDS[lang];
  const { wrong, undecided } = closingLinks(links);
  if (!wrong && !undecided) return w.allProven;
  const where = (l: CheckedLink): string => (l.line === undefined ? '' : lang === 'zh' ? `（第 ${l.line} 行）` : ` (${w.line} ${l.line})`);
  const claim = (l: CheckedLink): string => `$${toLatexAsWritten(l.from, l.fromWritten)} = ${toLatexAsWritten(l.to, l.toWritten)}$`;
  const out: string[] = [];
  if (undecided) out.push(lang === 'zh' ? `第 ${undecided.number} 步${where(undecided)}既未能证明，也未能否定：${claim(undecided)}。` : `${w.step} ${undecided.number}${where(undecided)} could be neither proven nor refuted: ${claim(undecided)}.`);
  if (wrong) out.push(lang === 'zh' ? `${w.firstWrong} ${wrong.number} 步${where(wrong)}：${claim(wrong)}。` : `${w.firstWrong} ${wrong.number}${where(wrong)}: ${claim(wrong)}.`);
  return out.join(lang === 'zh' ? '' : ' ');
}

type Link = ChainReport['links'][number];

/** Why a link holds (its rules' sentences), or where it fails and what its right side should have been. */
export function explainLink(link: Link, rules: ReadonlyMap<string, Rule>, lang: Lang): string {
  const w = DOCUMENT_WORDS[lang];
  const c = link.decision.counterexample;
  if (link.decision.verdict === 'proven') return rulesToLatex(linkCitation(link).cited, rules, lang);
  if (!c) return documentText(undecidedText(link.decision.evidence, lang));
  const sep = lang === 'zh' ? '，' : ', ';
  const at = `${w.at} ${pointToLatex(c.point, lang)}${lang === 'zh' ? ' 处' : ''}`;
  const values = `${w.left} $${numberToLatex(c.left, 6)}$${sep}${w.right} $${numberToLatex(c.right, 6)}$`;
  const differ = lang === 'zh' ? `${w.wrong}：${at}，${values}。` : `${w.wrong}: ${at}, ${values}.`;
  return link.correct ? `${differ}${lang === 'zh' ? '' : ' '}${correctSideLatex(link.correct, lang)}` : differ;
}

/** The correct right side of a refuted link, its maths in `$ $`; the point is the one shown just before it. */
export function correctSideLatex(correct: CorrectSideShown, lang: Lang): string {
  const m = (s: string): string => `$${s}$`;
  const conditions = [...new Set(correct.conditions.map(conditionInLatex(lang)))].map(m);
  const parts = { expr: m(toLatex(correct.expr)), of: m(toLatex(correct.of)), conditions, value: m(numberToLatex(correct.value, 6)), written: m(numberToLatex(correct.written, 6)) };
  return correctSideSentence(correct.source, parts, lang);
}

/** A standalone document of a written derivation, link by link, with the first wrong step. */
export function chainToDocument(r: ChainReport, lang: Lang = 'en'): string {
  return withShapesOf(chainDefinitions(r), () => chainDocument(r, lang));
}

function chainDocument(r: ChainReport, lang: Lang): string {
  const w = DOCUMENT_WORDS[lang];
  const lhs = r.links.map((l, i) => (r.links[i - 1]?.to === l.from ? '' : toLatexAsWritten(l.from, l.fromWritten)));
  const widest = Math.max(0, ...lhs.map(latexWidth));
  const rows = r.links.map((l, i) => {
    const names = linkNames(l, r.rules, lang);
    const verdict = `\\textbf{(${l.number}) ${w[l.decision.verdict]}}`;
    const notes = namesAndConditions(names, l.conditions, lang);
    const beside = besideRow(notes ? `${verdict}${lang === 'zh' ? '：' : ': '}${notes}` : verdict);
    // Broken to the width beside the rule column, at the terms of its sums.
    const row = alignedRows(lhs[i]!, latexPiecesAsWritten(l.to, l.toWritten), PAGE.beside, widest, beside).join(' \\\\\n');
    return { row, explanation: explainLink(l, r.rules, lang) };
  });
  const verdict = chainVerdict(r.links, lang);
  const premises = r.premises && hasPremises(r.premises) ? [premisesToLatex(r.premises, lang), ''] : [];
  const body = [`\\subsection*{${w.written}}`, '', ...(rows.length ? explainedAlign(rows) : []), '', `\\subsection*{${w.verdict}}`, '', ...premises, verdict, ''];
  return latexDocument(r.title, body, lang);
}
