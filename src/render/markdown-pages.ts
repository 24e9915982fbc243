/**
 * Markdown pages besides one derivation's (`derive --format md`): every gradient of a loss
 * (`derive --all`) and a proof file the kernel replayed (`check proof.json`). Both read like
 * derive's: the title, what is given, the textbook lines as one aligned block with a note per
 * line below it (each sentence once), then what was found.
 */
import { sym } from '../expr/node.js';
import { definedTerm } from '../expr/indexed.js';
import type { Condition, Proof } from '../proof/types.js';
import type { Rule } from '../rules/types.js';
import { conditionInLatex } from './conditions.js';
import { DOCUMENT_WORDS } from './document-latex.js';
import type { GradientsReport } from './document-derivation.js';
import { evidenceText } from './evidence.js';
import { gradientVerdict } from './gradient-verdicts.js';
import { escapeMarkdownText } from './html-escape.js';
import { toLatex, toLatexAsWritten } from './latex.js';
import { proofToMarkdown } from './markdown.js';
import type { Lang } from './rule-name.js';
import { type Premises, hasPremises, premisesToMarkdown } from './premises.js';
import { withShapesOf } from './matrix-shapes.js';

const TABLE_WORDS = {
  en: { variable: 'Variable', gradient: 'Gradient' },
  zh: { variable: '变量', gradient: '梯度' },
} as const;

/** The title (typed text, so escaped), the givens, and the proof's lines. */
function head(title: string | undefined, proof: Proof, rules: ReadonlyMap<string, Rule>, lang: Lang): string[] {
  const out: string[] = [];
  if (title) out.push(`## ${escapeMarkdownText(title)}`, '');
  const given = proof.definitions.map((d) => `$${toLatex(definedTerm(d))} = ${toLatexAsWritten(d.expr)}$`).join(', ');
  if (given) out.push(`**${DOCUMENT_WORDS[lang].given}** ${given}`, '');
  out.push(proofToMarkdown(proof, rules, lang), '');
  return out;
}

/** `**Conditions** $…$`, `**Premises** …` and `**Checked** N steps replayed by the checker`, as rows of one paragraph. */
function tail(conditions: readonly Condition[], premises: Premises | undefined, replayed: number, lang: Lang): string[] {
  const w = DOCUMENT_WORDS[lang];
  const out: string[] = [];
  if (conditions.length) out.push(`**${w.conditions}** $${conditions.map(conditionInLatex(lang)).join(',\\ ')}$  `);
  if (premises && hasPremises(premises)) out.push(`${premisesToMarkdown(premises, lang)}  `);
  out.push(`**${w.checked}** ${replayed} ${w.steps}`);
  return out;
}

/** LaTeX in a table cell: a `|` (of an absolute value) would end the cell. */
const cell = (latex: string): string => latex.replace(/\|/g, '\\vert ');

/** Every gradient: the shared derivation, then a table of the gradients, the conditions and the replay. */
export function gradientsToMarkdown(r: GradientsReport, lang: Lang = 'en'): string {
  return withShapesOf(r.proof.definitions, () => gradientsMarkdown(r, lang));
}

function gradientsMarkdown(r: GradientsReport, lang: Lang): string {
  const w = TABLE_WORDS[lang];
  const loss = toLatex(sym(r.lossName));
  const d = DOCUMENT_WORDS[lang];
  const expectations = r.expectations ?? [];
  const rows = r.gradients.map((g) => {
    const x = toLatex(sym(g.wrt));
    return `| $${cell(x)}$ | $${cell(`\\frac{\\partial ${loss}}{\\partial ${x}} = ${toLatex(g.result, g.order)}`)}$ | ${d[gradientVerdict(expectations, g.wrt)]} |`;
  });
  const table = rows.length ? [`**${d.gradients}**`, '', `| ${w.variable} | ${w.gradient} | ${d.verdict} |`, '| --- | --- | --- |', ...rows, ''] : [];
  // Each expectation with the gradient it is about, its verdict, and why when it is not proven.
  const expected = expectations.flatMap((e) => {
    const goal = `\\frac{\\partial ${loss}}{\\partial ${toLatex(sym(e.wrt))}} = ${toLatexAsWritten(e.expected)}`;
    const c = e.decision.counterexample;
    const at = c ? ` (${d.at} ${Object.entries(c.point).map(([k, v]) => `$${toLatex(sym(k))} = ${v}$`).join(', ')})` : '';
    const why = e.decision.evidence ? ` ${escapeMarkdownText(evidenceText(e.decision.evidence, lang))}` : '';
    return [`**${d.expected}** $${goal}$: ${d[e.decision.verdict]}${at}${why}  `];
  });
  return `${[...head(r.title, r.proof, r.rules, lang), ...table, ...expected, ...(expected.length ? [''] : []), ...tail(r.conditions, r.premises, r.replayed, lang)].join('\n')}\n`;
}

/** What a page of a replayed proof shows. */
export interface ReplayReport {
  readonly title?: string;
  /** The proof the kernel replayed. */
  readonly proof: Proof;
  readonly rules: ReadonlyMap<string, Rule>;
  readonly conditions: readonly Condition[];
  readonly replayed: number;
  /** What the proof rests on, from the kernel's theorem. */
  readonly premises?: Premises;
  /** Set when the proof was confirmed to prove exactly a problem's statement: the sentence that says so. */
  readonly problem?: string;
}

/** A proof the kernel replayed: its lines, the result, the conditions and the replay. */
export function replayToMarkdown(r: ReplayReport, lang: Lang = 'en'): string {
  return withShapesOf(r.proof.definitions, () => replayMarkdown(r, lang));
}

function replayMarkdown(r: ReplayReport, lang: Lang): string {
  const result = `**${DOCUMENT_WORDS[lang].result}** $${toLatex(r.proof.start)} = ${toLatex(r.proof.result)}$  `;
  const problem = r.problem ? ['', escapeMarkdownText(r.problem)] : [];
  return `${[...head(r.title, r.proof, r.rules, lang), result, ...tail(r.conditions, r.premises, r.replayed, lang), ...problem].join('\n')}\n`;
}
