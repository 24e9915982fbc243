/**
 * The premises a `proven` rests on, in every format: the definitions it is given, the facts
 * it assumes, and the user rule files whose rules (axioms, validated only by sampling) it
 * cites. A theorem is its statement and these; no output shows one without the other.
 *
 * Read as a textbook states a theorem: "given a2 = sigmoid(z2); assuming y1 + y2 = 1;
 * proven from the rules of FILE". Text shows them as a block with one definition a line.
 */
import { definedTerm } from '../expr/indexed.js';
import { toAscii, toAsciiAsWritten } from '../expr/print.js';
import type { Premises } from '../kernel/index.js';
import type { Assumption } from '../proof/types.js';
import { factAscii } from '../proof/label-sets.js';
import { documentText } from './document-latex.js';
import { escapeHtml, escapeMarkdownText } from './html-escape.js';
import { toLatex, toLatexAsWritten } from './latex.js';
import type { Lang } from './rule-name.js';
import { displayWidth, padTo } from './width.js';
import { givenRowsText, readingText } from './given-text.js';
import { proofShapedLeaves, withShapesOf } from './matrix-shapes.js';
import { shapedLeafLatex } from './matrix-given.js';

export type { Premises } from '../kernel/index.js';

/** The premises as JSON: each in ASCII input syntax, so it parses back. */
export interface PremisesJson {
  readonly assumptions: readonly string[];
  readonly definitions: readonly string[];
  readonly ruleFiles: readonly string[];
}

const WORDS = {
  en: { premises: 'Premises', given: 'given', assuming: 'assuming', which: 'which gives', none: 'none', rulesOf: (files: string) => `proven from the rules of ${files}` },
  zh: { premises: '前提', given: '已知', assuming: '假设', which: '由此', none: '无', rulesOf: (files: string) => `由 ${files} 中的规则证明` },
} as const;

/** `Premises` / `前提`: the label every format puts before them. */
export const premisesLabel = (lang: Lang): string => WORDS[lang].premises;

const RELATIONS_LATEX: Readonly<Record<Assumption['op'], string>> = { '=': '=', '!=': '\\neq', '<': '<', '<=': '\\leq', '>': '>', '>=': '\\geq' };

// The user's own definitions and facts: in the user's order.
const definitionAscii = (d: Premises['definitions'][number]): string => `${toAscii(definedTerm(d))} = ${toAsciiAsWritten(d.expr)}`;
const definitionLatex = (d: Premises['definitions'][number]): string => `${toLatex(definedTerm(d))} = ${toLatexAsWritten(d.expr)}`;
/** `y1 + y2 = 1`, as typed. */
/** A fact as the user stated it, in the user's order: `y1 + y2 = 1`, `y in {0, 1}`. */
const assumptionAscii = (a: Assumption): string => (a.among ? factAscii(a) : `${toAsciiAsWritten(a.lhs)} ${a.op} ${toAsciiAsWritten(a.rhs)}`);
/** A fact as the user stated it, in LaTeX: `y_{1} + y_{2} = 1`, `y \in \{0, 1\}`. */
export const assumptionLatex = (a: Assumption): string =>
  a.among ? `${toLatex(a.among.name)} \in \{${a.among.values.map((v) => toLatex(v)).join(', ')}\}` : `${toLatexAsWritten(a.lhs)} ${RELATIONS_LATEX[a.op]} ${toLatexAsWritten(a.rhs)}`;


/** A fact for reading: about matrices as books write it (`sum(y) = 1`), else as typed. */
const assumptionText = (a: Assumption): string => (a.among ? factAscii(a) : `${readingText(a.lhs)} ${a.op} ${readingText(a.rhs)}`);

/** The declared shapes the definitions and facts use, in first-use order. */
const shapesOf = (p: Premises) => proofShapedLeaves({ definitions: p.definitions, assumptions: p.assumptions });

/** Whether a theorem rests on anything at all. */
export const hasPremises = (p: Premises): boolean => p.definitions.length + p.assumptions.length + p.ruleFiles.length > 0;

/** The premises as the JSON results carry them. */
export function premisesToJson(p: Premises): PremisesJson {
  return { assumptions: p.assumptions.map(assumptionAscii), definitions: p.definitions.map(definitionAscii), ruleFiles: [...p.ruleFiles] };
}

/**
 * The premises of several theorems taken together (a chain's links, a result and the
 * expectations proven beside it): each definition, fact and file once, in first-seen order.
 */
export function mergePremises(all: readonly Premises[]): Premises | null {
  if (!all.length) return null;
  const once = <T>(items: readonly T[], key: (t: T) => string): T[] => {
    const seen = new Set<string>();
    return items.filter((t) => !seen.has(key(t)) && (seen.add(key(t)), true));
  };
  return {
    definitions: once(all.flatMap((p) => p.definitions), definitionAscii),
    assumptions: once(all.flatMap((p) => p.assumptions), assumptionAscii),
    ruleFiles: once(all.flatMap((p) => p.ruleFiles), (f) => f).sort(),
  };
}

/**
 * The premises as terminal text, under a label `width` columns wide:
 *
 *   Premises    given     a2 = sigmoid(z2)
 *                         L = -(y*log(a2) + (1 - y)*log(1 - a2))
 *               assuming  y1 + y2 + y3 = 1 (which gives a1 != 0)
 *               proven from the rules of gauss.rules
 *
 * Nothing when there are none.
 */
export function premisesToText(p: Premises, lang: Lang, width = 12, discharged: readonly string[] = []): string[] {
  return withShapesOf(p.definitions, () => premisesRows(p, lang, width, discharged));
}

function premisesRows(p: Premises, lang: Lang, width: number, discharged: readonly string[]): string[] {
  const w = WORDS[lang];
  const kind = Math.max(displayWidth(w.given), displayWidth(w.assuming)) + 2;
  const rows: string[] = [];
  // The declared shapes first, on one row (`W1 ∈ ℝ^{n1×n0}, x ∈ ℝ^{n0}`), then the definitions.
  const given = givenRowsText(p, lang);
  given.forEach((g, i) => rows.push(`${padTo(i === 0 ? w.given : '', kind)}${g}`));
  if (p.assumptions.length) {
    const which = discharged.length ? (lang === 'zh' ? `（${w.which} ${discharged.join('，')}）` : ` (${w.which} ${discharged.join(', ')})`) : '';
    rows.push(`${padTo(w.assuming, kind)}${p.assumptions.map(assumptionText).join(lang === 'zh' ? '，' : ', ')}${which}`);
  }
  if (p.ruleFiles.length) rows.push(w.rulesOf(p.ruleFiles.join(lang === 'zh' ? '、' : ', ')));
  return rows.map((r, i) => `${padTo(i === 0 ? w.premises : '', width)}${r}`);
}

/** What is given, in LaTeX: the declared shapes, then the definitions (shaped ones as books write them). */
const givenLatex = (p: Premises): string[] =>
  withShapesOf(p.definitions, () => [...shapesOf(p).map(shapedLeafLatex), ...p.definitions.map(definitionLatex)]);

/** The parts of the sentence, each already in its format: definitions, facts (math), files (text). */
function sentence(parts: { defs: readonly string[]; facts: readonly string[]; files: readonly string[]; which: readonly string[] }, lang: Lang): string {
  const w = WORDS[lang];
  const [comma, semi, stop] = lang === 'zh' ? ['，', '；', '。'] : [', ', '; ', '.'];
  const out: string[] = [];
  if (parts.defs.length) out.push(`${w.given} ${parts.defs.join(comma)}`);
  if (parts.facts.length) out.push(`${w.assuming} ${parts.facts.join(comma)}${parts.which.length ? (lang === 'zh' ? `（${w.which} ${parts.which.join(comma)}）` : ` (${w.which} ${parts.which.join(comma)})`) : ''}`);
  if (parts.files.length) out.push(w.rulesOf(parts.files.join(lang === 'zh' ? '、' : ', ')));
  return out.length ? `${out.join(semi)}${stop}` : `${w.none}${stop}`;
}

/** `\textbf{Premises:} given $a_{2} = \sigma(z_{2})$; assuming …; proven from the rules of \texttt{F}.`, text-mode LaTeX. */
export function premisesToLatex(p: Premises, lang: Lang, discharged: readonly string[] = []): string {
  const m = (s: string): string => `$${s}$`;
  const body = sentence(
    { defs: givenLatex(p).map(m), facts: p.assumptions.map((a) => m(assumptionLatex(a))), files: p.ruleFiles.map((f) => `\\texttt{${documentText(f)}}`), which: discharged.map(m) },
    lang,
  );
  return `\\textbf{${WORDS[lang].premises}${lang === 'zh' ? '：' : ':'}} ${body}`;
}

/** `**Premises** given $…$; assuming $…$; proven from the rules of F.`, as a Markdown line. */
export function premisesToMarkdown(p: Premises, lang: Lang, discharged: readonly string[] = []): string {
  const m = (s: string): string => `$${s}$`;
  const body = sentence(
    { defs: givenLatex(p).map(m), facts: p.assumptions.map((a) => m(assumptionLatex(a))), files: p.ruleFiles.map(escapeMarkdownText), which: discharged.map(m) },
    lang,
  );
  return `**${WORDS[lang].premises}** ${body}`;
}

/** The same sentence as HTML, its math set by `math` (inline). */
export function premisesToHtml(p: Premises, lang: Lang, math: (latex: string) => string, discharged: readonly string[] = []): string {
  return sentence(
    { defs: givenLatex(p).map(math), facts: p.assumptions.map((a) => math(assumptionLatex(a))), files: p.ruleFiles.map((f) => `<code>${escapeHtml(f)}</code>`), which: discharged.map(math) },
    lang,
  );
}
