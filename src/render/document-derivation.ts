/**
 * Standalone LaTeX documents of a derivation: the problem (what is given, the loss, what to
 * find, the assumptions), the derivation line by line in one `align*` with the rules beside
 * each line and the sentence that explains it below, then the result, its conditions and the
 * verdict on each expectation, with the counterexample when one is refuted.
 */
import { type Expr, sym } from '../expr/node.js';
import type { FactorOrder } from '../expr/display.js';
import { definedTerm } from '../expr/indexed.js';
import type { Decision } from '../verdict/equality.js';
import type { Condition, Proof } from '../proof/types.js';
import type { Rule } from '../rules/types.js';
import { conditionInLatex } from './conditions.js';
import { DOCUMENT_WORDS, alignBlock, besideRow, documentText, explainedAlign, latexDocument, numberToLatex } from './document-latex.js';
import { evidenceText } from './evidence.js';
import { explainOnce, joinSentences, stepExplanation } from './explain.js';
import { toLatex, toLatexAsWritten } from './latex.js';
import { proofLines } from './lines.js';
import { type Lang, joinNames, ruleName } from './rule-name.js';
import { type Premises, assumptionLatex, hasPremises, premisesToLatex } from './premises.js';
import { type GradientExpectation, gradientVerdict } from './gradient-verdicts.js';

/** What a document of one derivation shows: a checked proof and the verdicts on it. */
export interface DerivationReport {
  readonly title?: string;
  /** The proof the kernel replayed. */
  readonly proof: Proof;
  readonly rules: ReadonlyMap<string, Rule>;
  /** How to write a product result in the chain's order. */
  readonly factorOrder?: FactorOrder;
  readonly expectations: ReadonlyArray<{ readonly expected: Expr; readonly decision: Decision }>;
  /** What the result needs beyond the assumptions, and what the assumptions already give. */
  readonly conditions: readonly Condition[];
  readonly discharged: readonly Condition[];
  /** Steps the kernel replayed, when the document reports a replay (`check proof.json`). */
  readonly replayed?: number;
  /** What the result rests on, from the kernel's theorem. */
  readonly premises?: Premises;
  /** Set when the proof was confirmed to prove exactly a problem's statement: the sentence that says so. */
  readonly problem?: string;
}

/** What a document of every gradient of a loss shows (`derive --all`). */
export interface GradientsReport {
  readonly title?: string;
  readonly proof: Proof;
  readonly rules: ReadonlyMap<string, Rule>;
  readonly lossName: string;
  readonly gradients: ReadonlyArray<{ readonly wrt: string; readonly result: Expr; readonly order?: FactorOrder }>;
  readonly conditions: readonly Condition[];
  /** Steps the kernel replayed. */
  readonly replayed: number;
  /** What every gradient rests on, from the kernel's theorems. */
  readonly premises?: Premises;
  /** Expectations about single gradients, each with its verdict. */
  readonly expectations?: readonly GradientExpectation[];
}

/** Punctuation of running text. */
const PUNCT = {
  en: { colon: ': ', comma: ', ', stop: '.', dash: ' --- ' },
  zh: { colon: '：', comma: '，', stop: '。', dash: '：' },
} as const;

/** `$a$, $b$` in English, `$a$，$b$` in Chinese. */
const mathList = (items: readonly string[], lang: Lang): string => items.map((m) => `$${m}$`).join(PUNCT[lang].comma);

/** `\textbf{Label:} text.` */
const labelled = (label: string, text: string, lang: Lang): string => `\\textbf{${label}${PUNCT[lang].colon.trimEnd()}} ${text}${PUNCT[lang].stop}`;

/** The problem: what is given, the loss, what to find, what is assumed. */
function problemSection(proof: Proof, lossName: string | undefined, find: string, lang: Lang): string[] {
  const w = DOCUMENT_WORDS[lang];
  const out = [`\\subsection*{${w.problem}}`, ''];
  const given = proof.definitions.filter((d) => d.name !== lossName);
  if (given.length) out.push(`\\textbf{${w.given}}`, ...alignBlock(given.map((d) => `${toLatex(definedTerm(d))} &= ${toLatexAsWritten(d.expr)}`)), '');
  const loss = proof.definitions.find((d) => d.name === lossName);
  if (loss) out.push(`\\textbf{${w.loss}}`, `\\[ ${toLatex(sym(loss.name))} = ${toLatexAsWritten(loss.expr)} \\]`, '');
  out.push(find, '');
  if (proof.assumptions.length) {
    const facts = proof.assumptions.map(assumptionLatex);
    out.push(labelled(w.assumptions, mathList(facts, lang), lang), '');
  }
  return out;
}

/** Rule names, then the conditions in parentheses: text-mode LaTeX for `besideRow`. */
export function namesAndConditions(names: readonly string[], conditions: readonly Condition[], lang: Lang): string {
  const parts: string[] = [];
  if (names.length) parts.push(documentText(joinNames(names, lang)));
  const shown = [...new Set(conditions.map(conditionInLatex(lang)))];
  if (shown.length) parts.push(`(${mathList(shown, lang)})`);
  return parts.join(' ');
}

/** The derivation: every textbook line (or, with `steps`, every step) and its explanation, each sentence once. */
function derivationSection(proof: Proof, rules: ReadonlyMap<string, Rule>, lang: Lang, steps: boolean): string[] {
  const head = [`\\subsection*{${DOCUMENT_WORDS[lang].derivation}}`, ''];
  const said = new Set<string>();
  const once = (sentence: string): string => (said.has(sentence) ? '' : (said.add(sentence), sentence));
  const lines = proofLines(proof, rules, lang);
  const prose = explainOnce(lines, lang);
  const rows = steps
    ? proof.steps.map((s) => ({
        row: `${toLatex(s.before)} &= ${toLatex(s.after)}${besideRow(namesAndConditions([ruleName(s.rule, rules, lang)], s.conditions, lang))}`,
        explanation: documentText(once(joinSentences([stepExplanation(s, rules)], lang))),
      }))
    : lines.map((l, i) => ({
        row: `${l.lhs ? `${toLatex(l.lhs)} ` : ''}&= ${toLatex(l.rhs)}${besideRow(namesAndConditions(l.names, l.conditions, lang))}`,
        explanation: documentText(prose[i]!),
      }));
  if (!rows.length) return [...head, `\\[ ${toLatex(proof.start)} \\]`, ''];
  return [...head, ...explainedAlign(rows), ''];
}

/** A point as `$y = 0.3$, $z_{2} = 0.7$`. */
export function pointToLatex(point: Readonly<Record<string, number>>, lang: Lang): string {
  return mathList(Object.entries(point).map(([k, v]) => `${toLatex(sym(k))} = ${numberToLatex(v)}`), lang);
}

/** `Expected: $e$ --- refuted.` and, below it, the counterexample or the evidence. */
function verdictParagraphs(e: { readonly expected: Expr; readonly decision: Decision }, lang: Lang, goal = ''): string[] {
  const w = DOCUMENT_WORDS[lang];
  const p = PUNCT[lang];
  const out = [labelled(w.expected, `$${goal}${toLatexAsWritten(e.expected)}$${p.dash}${w[e.decision.verdict]}`, lang)];
  const c = e.decision.counterexample;
  if (c) {
    const values = `${w.theResult} $${numberToLatex(c.left, 6)}$${p.comma}${w.theExpected} $${numberToLatex(c.right, 6)}$`;
    out.push(labelled(w.counterexample, `${w.at} ${pointToLatex(c.point, lang)}${lang === 'zh' ? '处' : ''}${p.comma}${values}`, lang));
  }
  if (e.decision.evidence) out.push(documentText(evidenceText(e.decision.evidence, lang)));
  return out;
}

/** A standalone document of one derivation: problem, derivation, result, conditions, verdicts. */
export function derivationToDocument(r: DerivationReport, lang: Lang = 'en', steps = false): string {
  const w = DOCUMENT_WORDS[lang];
  const { proof } = r;
  const goal = proof.start;
  const lossName = goal.kind === 'call' && goal.fn === 'diff' && goal.args[0]!.kind === 'sym' ? goal.args[0]!.name : undefined;
  const wrt = goal.kind === 'call' && goal.fn === 'diff' ? goal.args[1] : undefined;
  const of = lossName === undefined ? '' : `$${toLatex(sym(lossName))}$`;
  const find =
    !wrt || !of
      ? `${w.find} $${toLatex(goal)}$${PUNCT[lang].stop}`
      : lang === 'zh'
        ? `求 ${of} 对 $${toLatex(wrt)}$ 的导数 $${toLatex(goal)}$。`
        : `Find $${toLatex(goal)}$, the derivative of ${of} with respect to $${toLatex(wrt)}$.`;
  const result = [`\\subsection*{${w.result}}`, '', `\\[ ${toLatex(goal)} = ${toLatex(proof.result, r.factorOrder)} \\]`, ''];
  if (r.conditions.length) result.push(labelled(w.conditions, mathList(r.conditions.map(conditionInLatex(lang)), lang), lang), '');
  if (r.discharged.length) result.push(labelled(w.covers, mathList(r.discharged.map(conditionInLatex(lang)), lang), lang), '');
  if (r.premises && hasPremises(r.premises)) result.push(premisesToLatex(r.premises, lang), '');
  for (const e of r.expectations) result.push(...verdictParagraphs(e, lang), '');
  if (r.replayed !== undefined) result.push(labelled(w.checked, `${r.replayed} ${w.steps}`, lang), '');
  if (r.problem) result.push(documentText(r.problem), '');
  return latexDocument(r.title, [...problemSection(proof, lossName, find, lang), ...derivationSection(proof, r.rules, lang, steps), ...result], lang);
}

/** A standalone document of every gradient of a loss: problem, the shared derivation, the gradients. */
export function gradientsToDocument(r: GradientsReport, lang: Lang = 'en'): string {
  const w = DOCUMENT_WORDS[lang];
  const loss = toLatex(sym(r.lossName));
  const find =
    lang === 'zh' ? `求损失函数 $${loss}$ 对它所依赖的每个变量的导数。` : `Find the derivative of the loss $${loss}$ with respect to every name it depends on.`;
  const rows = r.gradients.map((g) => `\\frac{\\partial ${loss}}{\\partial ${toLatex(sym(g.wrt))}} &= ${toLatex(g.result, g.order)}`);
  const gradients = [`\\subsection*{${w.gradients}}`, '', ...(rows.length ? alignBlock(rows) : []), ''];
  // Each gradient's verdict, then each expectation's paragraphs about the gradient it names.
  const expectations = r.expectations ?? [];
  const verdicts = r.gradients.map((g) => `$\\frac{\\partial ${loss}}{\\partial ${toLatex(sym(g.wrt))}}$ ${w[gradientVerdict(expectations, g.wrt)]}`);
  if (verdicts.length) gradients.push(labelled(w.verdict, verdicts.join(PUNCT[lang].comma), lang), '');
  for (const e of expectations) {
    gradients.push(...verdictParagraphs(e, lang, `\\frac{\\partial ${loss}}{\\partial ${toLatex(sym(e.wrt))}} = `), '');
  }
  if (r.conditions.length) gradients.push(labelled(w.conditions, mathList(r.conditions.map(conditionInLatex(lang)), lang), lang), '');
  if (r.premises && hasPremises(r.premises)) gradients.push(premisesToLatex(r.premises, lang), '');
  gradients.push(labelled(w.checked, `${r.replayed} ${w.steps}`, lang), '');
  return latexDocument(r.title, [...problemSection(r.proof, r.lossName, find, lang), ...derivationSection(r.proof, r.rules, lang, false), ...gradients], lang);
}
