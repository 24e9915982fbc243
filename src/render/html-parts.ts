/**
 * Sections of the HTML pages: the problem, the textbook lines with their rules and
 * explanations, verdicts, the plot. Everything the user typed reaches the page either
 * escaped (`escapeHtml`) or as LaTeX printed from the parsed expression and set by KaTeX.
 */
import { type Expr, sym } from '../expr/node.js';
import type { FactorOrder } from '../expr/display.js';
import { Definitions } from '../expr/context.js';
import { indexed, parseMemberKey } from '../expr/indexed.js';
import type { FunctionTable } from '../expr/eval.js';
import type { Decision } from '../verdict/equality.js';
import type { Condition, Proof } from '../proof/types.js';
import type { Rule } from '../rules/types.js';
import { conditionInLatex } from './conditions.js';
import { evidenceText } from './evidence.js';
import { explainLine } from './explain.js';
import { escapeHtml } from './html-escape.js';
import type { Words } from './html-layout.js';
import type { MathRenderer } from './html-math.js';
import { toLatex, toLatexAsWritten } from './latex.js';
import { proofLines } from './lines.js';
import { type Lang, joinNames, ruleName } from './rule-name.js';
import { type Premises, assumptionLatex, hasPremises, premisesLabel, premisesToHtml } from './premises.js';
import { samplePlot } from './plot-sample.js';
import { givenShapesLatex } from './matrix-given.js';
import { isShaped } from '../expr/matrix.js';
import { plotToSvg } from './plot-svg.js';

/** What every section needs: the language, its words, and the math renderer. */
export interface PageContext {
  readonly lang: Lang;
  readonly words: Words;
  readonly math: MathRenderer;
}

/** What a plot is of: the loss's name and the variable (a name, or an indexed name `z[i]`). */
export interface Goal {
  readonly lossName: string;
  readonly variable: Expr;
}

/** The loss and the variable of a goal `diff(L, x)`, when it is one. */
export function goalOf(start: Expr): Goal | undefined {
  if (start.kind !== 'call' || start.fn !== 'diff') return undefined;
  const [f, x] = start.args;
  return f?.kind === 'sym' && x ? { lossName: f.name, variable: x } : undefined;
}

/** The page's heading: the title, escaped; nothing without one. */
export const titleHtml = (title: string | undefined): string => (title ? `<h1 class="title">${escapeHtml(title)}</h1>` : '');

/** The givens, the loss, the variable and the stated facts. */
export function problemSection(proof: Proof, lossName: string | undefined, variable: Expr | undefined, c: PageContext): string {
  const w = c.words;
  // A family `a[k] = ...` is stated with its index.
  const def = (d: { name: string; expr: Expr; index?: string }): string =>
    c.math(`${toLatex(d.index === undefined ? sym(d.name) : indexed(d.name, sym(d.index)))} = ${toLatexAsWritten(d.expr)}`, false);
  const loss = proof.definitions.find((d) => d.name === lossName);
  const given = proof.definitions.filter((d) => d !== loss);
  const rows: string[] = [];
  // The declared shapes first (`W_{1} \in \mathbb{R}^{n_{1} \times n_{0}}`), then the definitions.
  const items = [...givenShapesLatex(proof).map((l) => c.math(l, false)), ...given.map(def)];
  if (items.length) rows.push(`<dt>${w.given}</dt><dd class="givens"><ul class="math-list">${items.map((i) => `<li>${i}</li>`).join('')}</ul></dd>`);
  if (loss) rows.push(`<dt>${w.loss}</dt><dd class="loss">${def(loss)}</dd>`);
  if (variable) rows.push(`<dt>${w.variable}</dt><dd class="variable">${c.math(toLatex(variable), false)}</dd>`);
  const facts = proof.assumptions.map((a) => c.math(assumptionLatex(a), false));
  rows.push(`<dt>${w.assumptions}</dt><dd class="assumptions">${facts.length ? facts.join(', ') : w.none}</dd>`);
  return `<section class="problem"><h2>${w.problem}</h2><dl class="facts">${rows.join('')}</dl></section>`;
}

/** One table row per textbook line: left side, `= right side`, and why (rules, conditions, explanation). */
export function linesSection(proof: Proof, rules: ReadonlyMap<string, Rule>, c: PageContext, heading: string): string {
  const rows = proofLines(proof, rules, c.lang).map((line) => {
    const why: string[] = [];
    if (line.names.length) why.push(`<div class="rules">${escapeHtml(joinNames(line.names, c.lang))}</div>`);
    if (line.conditions.length) why.push(`<div class="step-conditions">${conditionsMath(line.conditions, c)}</div>`);
    const explanation = explainLine(line, c.lang);
    if (explanation) why.push(`<p class="explanation">${escapeHtml(explanation)}</p>`);
    const lhs = line.lhs ? c.math(toLatex(line.lhs), true) : '';
    return `<tr class="step"><td class="lhs">${lhs}</td><td class="rhs">${c.math(`= ${toLatex(line.rhs)}`, true)}</td><td class="why">${why.join('')}</td></tr>`;
  });
  if (!rows.length) rows.push(`<tr class="step"><td class="lhs"></td><td class="rhs">${c.math(toLatex(proof.start), true)}</td><td class="why"></td></tr>`);
  return `<section class="derivation"><h2>${heading}</h2><table class="steps"><tbody>${rows.join('\n')}</tbody></table></section>`;
}

/** Every single step, each with its rule (the page of `--steps`). */
export function stepsSection(proof: Proof, rules: ReadonlyMap<string, Rule>, c: PageContext): string {
  const rows = proof.steps.map((s) => {
    const why = [`<div class="rules">${escapeHtml(ruleName(s.rule, rules, c.lang))}</div>`];
    if (s.conditions.length) why.push(`<div class="step-conditions">${conditionsMath(s.conditions, c)}</div>`);
    return `<tr class="step"><td class="lhs">${c.math(toLatex(s.before), true)}</td><td class="rhs">${c.math(`= ${toLatex(s.after)}`, true)}</td><td class="why">${why.join('')}</td></tr>`;
  });
  return `<section class="derivation"><h2>${c.words.steps}</h2><table class="steps"><tbody>${rows.join('\n')}</tbody></table></section>`;
}

const conditionsMath = (cs: readonly Condition[], c: PageContext): string => c.math(cs.map(conditionInLatex(c.lang)).join(',\\ '), false);

/** The result, what it needs, what the stated facts already give, and what it rests on. */
export function resultSection(
  proof: Proof,
  order: FactorOrder | undefined,
  conditions: readonly Condition[],
  discharged: readonly Condition[],
  c: PageContext,
  premises?: Premises,
): string {
  const w = c.words;
  const rows = [`<dt>${w.result}</dt><dd class="result">${c.math(`${toLatex(proof.start)} = ${toLatex(proof.result, order)}`, true)}</dd>`];
  if (conditions.length) rows.push(`<dt>${w.conditions}</dt><dd class="conditions">${conditionsMath(conditions, c)}</dd>`);
  if (discharged.length) rows.push(`<dt>${w.assumptions}</dt><dd class="discharged">${w.which} ${conditionsMath(discharged, c)}</dd>`);
  if (premises && hasPremises(premises)) rows.push(premisesRow(premises, c));
  return `<section class="outcome"><dl class="facts">${rows.join('')}</dl></section>`;
}

/** `Premises: given …; assuming …; proven from the rules of F.` as a row of a facts list. */
export const premisesRow = (p: Premises, c: PageContext): string =>
  `<dt>${premisesLabel(c.lang)}</dt><dd class="premises">${premisesToHtml(p, c.lang, (latex) => c.math(latex, false))}</dd>`;

/** A verdict word with its class. */
export const verdictHtml = (v: Decision['verdict'], w: Words): string => `<span class="verdict-word">${w[v]}</span>`;

/** A counterexample point and the two values there. */
export function counterexampleHtml(d: Decision, labels: { left: string; right: string }, c: PageContext): string {
  const ce = d.counterexample;
  if (!ce) return '';
  const rows = Object.entries(ce.point).map(([k, v]) => `<tr><td>${c.math(toLatex(sym(k)), false)}</td><td>${escapeHtml(String(v))}</td></tr>`);
  // A shaped refutation by shape has no values (NaN): its reason is the evidence.
  if (!Number.isNaN(ce.left)) rows.push(`<tr><th>${labels.left}</th><td>${escapeHtml(ce.left.toPrecision(6))}</td></tr>`, `<tr><th>${labels.right}</th><td>${escapeHtml(ce.right.toPrecision(6))}</td></tr>`);
  return `<div class="counterexample">${c.words.counterexample}${c.lang === 'zh' ? '：' : ':'}<table class="point"><tbody>${rows.join('')}</tbody></table></div>`;
}

/** Each expectation with its verdict; a refuted one with its counterexample, an unknown one with its evidence. */
export function expectationsSection(
  start: Expr,
  expectations: ReadonlyArray<{ readonly expected: Expr; readonly decision: Decision }>,
  c: PageContext,
): string {
  if (!expectations.length) return '';
  const w = c.words;
  const items = expectations.map(({ expected, decision }) => {
    const parts = [`<div class="expected">${c.math(`${toLatex(start)} = ${toLatexAsWritten(expected)}`, false)}: ${verdictHtml(decision.verdict, w)}</div>`];
    parts.push(counterexampleHtml(decision, { left: w.resultValue, right: w.expectedValue }, c));
    if (decision.evidence) parts.push(`<p class="evidence">${escapeHtml(evidenceText(decision.evidence, c.lang))}</p>`);
    return `<div class="verdict verdict-${decision.verdict}" data-verdict="${decision.verdict}">${parts.join('')}</div>`;
  });
  return `<section class="expectations"><h2>${w.expectations}</h2>${items.join('\n')}</section>`;
}

/** The plot of `result` against central finite differences of the loss, with what was fixed. */
export function plotFigure(
  proof: Proof,
  goal: Goal,
  result: Expr,
  fns: FunctionTable,
  c: PageContext,
  id: string,
): string {
  const w = c.words;
  // A loss of whole matrices is no curve in one variable: no plot.
  if (isShaped(goal.variable) || proof.definitions.some((d) => isShaped(d.expr))) return `<p class="no-plot">${w.noMatrixPlot}</p>`;
  let series;
  try {
    series = samplePlot({ defs: new Definitions(proof.definitions), lossName: goal.lossName, variable: goal.variable, result, assumptions: proof.assumptions, fns });
  } catch {
    series = undefined;
  }
  if (!series) return `<p class="no-plot">${w.noPlot}</p>`;
  const yLabel = `∂${goal.lossName}/∂${series.wrt}`;
  const svg = plotToSvg(series, { x: series.wrt, y: yLabel, derived: w.derived, numeric: w.numeric, description: w.plotOf(yLabel, series.wrt) }, id);
  const fixed = Object.entries(series.fixed).map(([k, v]) => c.math(`${keyToLatex(k)} = ${shortNumber(v)}`, false));
  const caption = [
    fixed.length ? w.fixed(fixed.join(c.lang === 'zh' ? '，' : ', ')) : w.noOthers,
    `${w.difference(series.plotted)}${w.colon}${escapeHtml(series.maxDifference.toExponential(1))}${w.stop}`,
  ];
  return `<figure class="plot-figure" data-wrt="${escapeHtml(series.wrt)}" data-points="${series.plotted}">${svg}<figcaption>${caption.join(' ')}</figcaption></figure>`;
}

/** A value's name as LaTeX: `y`, or `z_{1}` for the member `z[1]` of a family. */
function keyToLatex(key: string): string {
  const m = parseMemberKey(key);
  return m ? `{${toLatex(sym(m.family))}}_{${m.n}}` : toLatex(sym(key));
}

/** A sample value as typed: `0.3`, not `0.30000000000000004`. */
const shortNumber = (v: number): string => String(Number(v.toPrecision(6)));
