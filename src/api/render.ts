/** A derivation as a page: Markdown (what `--format md` prints) and HTML. */
import { definedTerm } from '../expr/indexed.js';
import { inDecimals } from '../expr/decimals.js';
import { conditionInLatex } from '../render/conditions.js';
import { escapeMarkdownText } from '../render/html-escape.js';
import { toLatex, toLatexAsWritten } from '../render/latex.js';
import { proofToMarkdown } from '../render/markdown.js';
import type { Lang } from '../render/rule-name.js';
import type { RuleSet } from '../rules/types.js';
import { type DeriveInput, type Outcome, problemFromInput, runProblem } from './derive.js';
import { rulesOf } from './inputs.js';
import { outcomePremises } from './premises.js';
import { hasPremises, premisesToMarkdown } from '../render/premises.js';
import { givenShapesLatex } from '../render/matrix-given.js';
import { withShapesOf } from '../render/matrix-shapes.js';

const WORDS = {
  en: { given: 'Given', result: 'Result', conditions: 'Conditions', expected: 'Expected', proven: 'proven', refuted: 'refuted', unknown: 'unknown' },
  zh: { given: '已知', result: '结果', conditions: '条件', expected: '验证', proven: '已证明', refuted: '不成立', unknown: '未能判定' },
} as const;

/** A Markdown page: title, givens, the lines as one aligned block with a note per line, then result, conditions and verdicts; decimals where the user wrote them. */
export function outcomeToMarkdown(o: Outcome, lang: Lang): string {
  return inDecimals(o.decimals === true, () => withShapesOf(o.proof.definitions, () => markdownOf(o, lang)));
}

function markdownOf(o: Outcome, lang: Lang): string {
  const w = WORDS[lang];
  const out: string[] = [];
  // The title is typed text: escaped, so it cannot become markup, a link or math.
  if (o.title) out.push(`## ${escapeMarkdownText(o.title)}`, '');
  // The declared shapes first (`W_{1} \\in \\mathbb{R}^{n_{1} \\times n_{0}}`), then the definitions.
  const given = [...givenShapesLatex(o.proof), ...o.proof.definitions.map((d) => `${toLatex(definedTerm(d))} = ${toLatexAsWritten(d.expr)}`)].map((m) => `$${m}$`).join(', ');
  if (given) out.push(`**${w.given}** ${given}`, '');
  out.push(proofToMarkdown(o.checked.proof, o.rules.byId, lang), '');
  out.push(`**${w.result}** $${toLatex(o.proof.start)} = ${toLatex(o.proof.result, o.factorOrder)}$  `);
  if (o.conditions.length) out.push(`**${w.conditions}** $${o.conditions.map(conditionInLatex(lang)).join(',\\ ')}$  `);
  // What the result rests on, from the kernel's theorem (nothing was proven when a budget ran out).
  const premises = outcomePremises(o);
  if (!o.stopped && hasPremises(premises)) out.push(`${premisesToMarkdown(premises, lang)}  `);
  for (const e of o.expectations) out.push(`**${w.expected}** $${toLatexAsWritten(e.expected)}$: ${w[e.decision.verdict]}  `);
  return `${out.join('\n')}\n`;
}

/** Options of the page renderers: language and rules. */
export interface RenderOptions {
  /** The language of rule names and words (default `en`). */
  readonly lang?: Lang;
  readonly rules?: RuleSet;
}

/**
 * Derives and writes the derivation as Markdown, one aligned block with a note per textbook line, as `gradproof derive --format md` does.
 * @example
 * const md = renderMarkdown({ loss: '(a - y)^2/2', let: { a: 'tanh(z)' }, wrt: 'z' });
 * md.split('\n')[0]; // '**Given** $a = \\tanh z$, $L = \\frac{\\left(a - y\\right)^{2}}{2}$'
 */
export function renderMarkdown(input: DeriveInput, options: RenderOptions = {}): string {
  const rules = rulesOf(options);
  return outcomeToMarkdown(runProblem(problemFromInput(input, rules.functions), { rules }), options.lang ?? 'en');
}
