/**
 * Self-contained HTML pages: a derivation (`derive --format html`), every gradient
 * (`--all`), and a written derivation checked link by link (`check`). Pure: the caller
 * hands in KaTeX's styles and a math renderer, so nothing here reads files or imports KaTeX.
 */
import { type Expr, diff, sym } from '../expr/node.js';
import type { FactorOrder } from '../expr/display.js';
import type { FunctionTable } from '../expr/eval.js';
import { toAscii } from '../expr/print.js';
import type { Decision } from '../verdict/equality.js';
import { type ChainReport, type CheckedLink, chainDefinitions, closingLinks } from './document-check.js';
import type { CheckedProof } from '../kernel/index.js';
import type { Condition, Proof } from '../proof/types.js';
import type { Rule } from '../rules/types.js';
import { conditionInLatex } from './conditions.js';
import { evidenceText } from './evidence.js';
import { type CorrectSideShown, correctSideSentence, linkExplanation, linkNames } from './explain-link.js';
import { escapeHtml } from './html-escape.js';
import { WORDS, htmlDocument } from './html-layout.js';
import type { MathRenderer } from './html-math.js';
import {
  type PageContext,
  counterexampleHtml,
  expectationsSection,
  goalOf,
  linesSection,
  plotFigure,
  premisesRow,
  problemSection,
  resultSection,
  stepsSection,
  titleHtml,
  verdictHtml,
} from './html-parts.js';
import { toLatex, toLatexAsWritten } from './latex.js';
import { type Lang, joinNames } from './rule-name.js';
import { type Premises, hasPremises } from './premises.js';
import { type GradientExpectation, gradientVerdict } from './gradient-verdicts.js';
import { isShaped } from '../expr/matrix.js';
import { toDisplayAscii } from './display-ascii.js';
import { withShapesOf } from './matrix-shapes.js';

/** What every page needs besides its content. */
export interface HtmlOptions {
  readonly lang: Lang;
  readonly math: MathRenderer;
  /** Styles set before the page's own: KaTeX's, with its fonts inlined as data: URIs. */
  readonly css: string;
  /** Numeric values of the functions (the rules' definitions included), for the plot. */
  readonly fns: FunctionTable;
  /** List every single step instead of the textbook lines. */
  readonly allSteps?: boolean;
  /** Named in the footer: `gradproof 0.1.0`. */
  readonly generator?: string;
}

/** A derivation as the page needs it (what `runProblem` returns has this shape). */
export interface HtmlDerivation {
  readonly title?: string;
  /** Only a proof the kernel replayed is rendered. */
  readonly checked: CheckedProof;
  readonly factorOrder?: FactorOrder;
  readonly wrt: string;
  readonly expectations: ReadonlyArray<{ readonly expected: Expr; readonly decision: Decision }>;
  readonly conditions: readonly Condition[];
  readonly discharged: readonly Condition[];
  readonly rules: { readonly byId: ReadonlyMap<string, Rule> };
  /** Why the derivation stopped short of a result (a budget ran out), if it did. */
  readonly stopped?: { readonly reason: string; readonly detail: string } | null;
  /** What the result rests on (default: the replayed proof's theorem's premises). */
  readonly premises?: Premises;
  /** Set when the proof was confirmed to prove exactly a problem's statement: the sentence that says so. */
  readonly problem?: string;
}

/** The page of one derivation: problem, lines, result, verdicts, and the plot. */
export function derivationToHtml(o: HtmlDerivation, options: HtmlOptions): string {
  return withShapesOf(o.checked.proof.definitions, () => derivationHtml(o, options));
}

function derivationHtml(o: HtmlDerivation, options: HtmlOptions): string {
  const c = context(options);
  const proof = o.checked.proof;
  const goal = goalOf(proof.start);
  const body = [
    titleHtml(o.title),
    o.stopped ? `<p class="stopped">${c.words.stopped} ${escapeHtml(`${o.stopped.reason}: ${o.stopped.detail}`)}</p>` : '',
    problemSection(proof, goal?.lossName, goal?.variable, c),
    options.allSteps ? stepsSection(proof, o.rules.byId, c) : linesSection(proof, o.rules.byId, c, c.words.derivation),
    resultSection(proof, o.factorOrder, o.conditions, o.discharged, c, o.stopped ? undefined : (o.premises ?? o.checked.theorem.premises)),
    o.problem ? `<p class="summary problem-match">${escapeHtml(o.problem)}</p>` : '',
    expectationsSection(proof.start, o.expectations, c),
    goal ? `<section class="plots"><h2>${c.words.plot}</h2>${plotFigure(proof, goal, proof.result, options.fns, c, '0')}</section>` : '',
    footer(o.checked.replayed, options),
  ];
  return htmlDocument({ lang: options.lang, title: o.title ?? pageTitle(proof.start, proof.result), css: options.css, body: body.join('\n') });
}

/** `start = result` as a title: typed ASCII, or for matrices as books write them (`∂L/∂W2 = δ2 a1ᵀ`). */
const pageTitle = (start: Expr, result: Expr): string => {
  const text = isShaped(start) || isShaped(result) ? toDisplayAscii : toAscii;
  return `${text(start)} = ${text(result)}`;
};

/** Every gradient (what `deriveAll` returns has this shape). */
export interface HtmlAll {
  readonly title?: string;
  readonly lossName: string;
  readonly gradients: ReadonlyArray<{ readonly wrt: string; readonly result: Expr; readonly order?: FactorOrder }>;
  readonly proof: Proof;
  readonly replayed: number;
  readonly rules: { readonly byId: ReadonlyMap<string, Rule> };
  /** What every gradient rests on, from the kernel's theorems. */
  readonly premises?: Premises;
  /** Expectations about single gradients, each with its verdict. */
  readonly expectations?: readonly GradientExpectation[];
}

/** The page of `--all`: the shared derivation, then each gradient with its plot. */
export function allToHtml(o: HtmlAll, options: HtmlOptions): string {
  return withShapesOf(o.proof.definitions, () => allHtml(o, options));
}

function allHtml(o: HtmlAll, options: HtmlOptions): string {
  const c = context(options);
  const gradients = o.gradients.map((g, i) => {
    const goal = { lossName: o.lossName, variable: sym(g.wrt) };
    const eq = c.math(`\\frac{\\partial ${toLatex(sym(o.lossName))}}{\\partial ${toLatex(sym(g.wrt))}} = ${toLatex(g.result, g.order)}`, true);
    const expectations = (o.expectations ?? []).filter((e) => e.wrt === g.wrt);
    const verdict = `<div class="verdict">${verdictHtml(gradientVerdict(expectations, g.wrt), c.words)}</div>`;
    const expected = expectationsSection(diff(sym(o.lossName), sym(g.wrt)), expectations, c);
    return `<section class="gradient" data-wrt="${escapeHtml(g.wrt)}"><div class="result">${eq}</div>${verdict}${expected}${plotFigure(o.proof, goal, g.result, options.fns, c, String(i))}</section>`;
  });
  const body = [
    titleHtml(o.title),
    problemSection(o.proof, o.lossName, undefined, c),
    linesSection(o.proof, o.rules.byId, c, c.words.derivation),
    `<section class="gradients"><h2>${c.words.gradients}</h2>${gradients.join('\n')}</section>`,
    o.premises && hasPremises(o.premises) ? `<section class="outcome"><dl class="facts">${premisesRow(o.premises, c)}</dl></section>` : '',
    footer(o.replayed, options),
  ];
  return htmlDocument({ lang: options.lang, title: o.title ?? `∂${o.lossName}`, css: options.css, body: body.join('\n') });
}

/** A written derivation checked link by link (what `checkDerivation` returns has this shape). */
export interface HtmlChain {
  readonly title?: string;
  readonly links: ReadonlyArray<CheckedLink>;
  readonly firstWrong: number | null;
  readonly rules: { readonly byId: ReadonlyMap<string, Rule> };
  /** What the proven links rest on, from their theorems; null when none is proven. */
  readonly premises?: Premises | null;
  /** The problem's definitions, which say which names are matrices (default: the premises'). */
  readonly definitions?: ChainReport['definitions'];
}

/** The page of `check`: each link with its verdict, rules and counterexample, then the first wrong step. */
export function chainToHtml(o: HtmlChain, options: HtmlOptions): string {
  return withShapesOf(chainDefinitions(o), () => chainHtml(o, options));
}

function chainHtml(o: HtmlChain, options: HtmlOptions): string {
  const c = context(options);
  const w = c.words;
  const links = o.links.map((l) => {
    const names = linkNames(l, o.rules.byId, c.lang);
    const parts = [`<div class="link-math">${c.math(`${toLatexAsWritten(l.from, l.fromWritten)} = ${toLatexAsWritten(l.to, l.toWritten)}`, true)}</div>`];
    let verdict = verdictHtml(l.decision.verdict, w);
    if (names.length) verdict += ` <span class="rules">${w.by} ${escapeHtml(joinNames(names, c.lang))}</span>`;
    parts.push(`<div>${verdict}</div>`);
    if (l.conditions.length) parts.push(`<div class="step-conditions">${c.math(l.conditions.map(conditionInLatex(c.lang)).join(',\\ '), false)}</div>`);
    // A proven link is explained as a derived line is; one that is not shows its point or evidence instead.
    const explanation = l.decision.verdict === 'proven' ? linkExplanation(l, o.rules.byId, c.lang) : '';
    if (explanation) parts.push(`<p class="explanation">${escapeHtml(explanation)}</p>`);
    parts.push(counterexampleHtml(l.decision, { left: w.left, right: w.right }, c));
    if (l.correct) parts.push(correctSideHtml(l.correct, c));
    if (l.decision.evidence) parts.push(`<p class="evidence">${escapeHtml(evidenceText(l.decision.evidence, c.lang))}</p>`);
    const where = !l.line ? '' : c.lang === 'zh' ? `（第 ${l.line} 行）` : ` (${w.line} ${l.line})`;
    return `<div class="verdict verdict-${l.decision.verdict} link" data-verdict="${l.decision.verdict}"><div class="link-number">${w.link(l.number)}${where}</div>${parts.join('')}</div>`;
  });
  const { wrong, undecided } = closingLinks(o.links);
  const summary = !wrong && !undecided ? w.allProven : [undecided ? w.undecided(undecided.number) : '', wrong ? w.firstWrong(wrong.number) : ''].filter(Boolean).join(c.lang === 'zh' ? '' : ' ');
  const body = [
    titleHtml(o.title),
    `<section class="links"><h2>${w.links}</h2>${links.join('\n')}</section>`,
    o.premises && hasPremises(o.premises) ? `<section class="outcome"><dl class="facts">${premisesRow(o.premises, c)}</dl></section>` : '',
    `<p class="summary">${summary}</p>`,
    footer(undefined, options),
  ];
  return htmlDocument({ lang: options.lang, title: o.title ?? w.links, css: options.css, body: body.join('\n') });
}

/** A refuted link's correct right side below its counterexample, its maths rendered (the sentence's words are ours: nothing to escape but numbers). */
function correctSideHtml(correct: CorrectSideShown, c: PageContext): string {
  const conditions = [...new Set(correct.conditions.map(conditionInLatex(c.lang)))].map((t) => c.math(t, false));
  const parts = { expr: c.math(toLatex(correct.expr), false), of: c.math(toLatex(correct.of), false), conditions, value: escapeHtml(correct.value.toPrecision(6)), written: escapeHtml(correct.written.toPrecision(6)) };
  return `<p class="correct-side">${correctSideSentence(correct.source, parts, c.lang)}</p>`;
}

function context(options: HtmlOptions): PageContext {
  return { lang: options.lang, words: WORDS[options.lang], math: options.math };
}

function footer(replayed: number | undefined, options: HtmlOptions): string {
  const w = WORDS[options.lang];
  const parts: string[] = [];
  if (replayed !== undefined) parts.push(`${replayed} ${w.replayed}${w.stop}`);
  if (options.generator) parts.push(`${w.generated} ${escapeHtml(options.generator)}${w.stop}`);
  // Chinese sentences run on, with no space between them.
  return parts.length ? `<footer>${parts.join(options.lang === 'zh' ? '' : ' ')}</footer>` : '';
}
