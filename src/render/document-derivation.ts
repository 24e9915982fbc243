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
import { DOCUMENT_WORDS, PAGE, alignBlock, besideRow, documentText, explainedAlign, latexDocument, numberToLatex } from './document-latex.js';
import { evidenceText } from './evidence.js';
import { explainOnce, stepExplanation } from './explain.js';
import { sentenceToLatex } from './explain-latex.js';
import type { Sentence } from '../rules/types.js';
import { type LatexPiece, latexPieces, latexPiecesAsWritten, toLatex, toLatexAsWritten } from './latex.js';
import { INDENT, alignedRows, breakPieces, displayEquation } from './latex-break.js';
import { latexWidth } from './latex-width.js';
import { proofLines } from './lines.js';
import { type Lang, joinNames, ruleName } from './rule-name.js';
import { type Premises, assumptionLatex, hasPremises, premisesToLatex } from './premises.js';
import { type GradientExpectation, gradientVerdict } from './gradient-verdicts.js';
import { withShapesOf } from './matrix-shapes.js';
import { givenShapesLatex } from './matrix-given.js';

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
  // The declared shapes, as a book's "given" lists them: `W_{1} \in \mathbb{R}^{n_{1} \times n_{0}}`.
  const shapes = givenShapesLatex(proof);
  if (given.length || shapes.length) out.push(`\\textbf{${w.given}}`);
  if (shapes.length) out.push(`${mathList(shapes, lang)}${PUNCT[lang].stop}`, '');
  if (given.length) {
    const names = given.map((d) => toLatex(definedTerm(d)));
    const widest = Math.max(...names.map(latexWidth));
    out.push(...alignBlock(given.flatMap((d, i) => alignedRows(names[i]!, latexPiecesAsWritten(d.expr), PAGE.width, widest))), '');
  } else if (shapes.length) out.push('');
  const loss = proof.definitions.find((d) => d.name === lossName);
  if (loss) out.push(`\\textbf{${w.loss}}`, ...displayEquation(toLatex(sym(loss.name)), latexPiecesAsWritten(loss.expr), PAGE.width), '');
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
  return [`\\subsection*{${DOCUMENT_WORDS[lang].derivation}}`, '', ...derivationBlock(proof, rules, lang, steps), ''];
}

/** The derivation's `align*` block (or `\[ start \]` for a proof without steps). */
function derivationBlock(proof: Proof, rules: ReadonlyMap<string, Rule>, lang: Lang, steps: boolean): string[] {
  const said = new Set<string>();
  const once = (s: Sentence): string => (said.has(s[lang]) ? '' : (said.add(s[lang]), sentenceToLatex(s, lang)));
  const lines = proofLines(proof, rules, lang);
  const prose = explainOnce(lines, lang, (s) => sentenceToLatex(s, lang));
  // Each row broken to the width beside the rule column, at the terms of its sums.
  const lhs = lines.map((l) => (l.lhs ? toLatex(l.lhs) : ''));
  const widest = Math.max(0, ...lhs.map(latexWidth));
  const rows = steps
    ? proof.steps.map((s) => ({
        // A step's left side is the whole expression before it: a row (or rows) of its own.
        row: [
          ...breakPieces(latexPieces(s.before), PAGE.beside, PAGE.beside - 1).map((r) => `&\\hphantom{{}={}}${r}`),
          ...alignedRows('', latexPieces(s.after), PAGE.beside, 0, besideRow(namesAndConditions([ruleName(s.rule, rules, lang)], s.conditions, lang))),
        ].join(' \\\\\n'),
        explanation: once(stepExplanation(s, rules)),
      }))
    : lines.map((l, i) => {
        const pieces = latexPieces(l.rhs);
        const notes = namesAndConditions(l.names, l.conditions, lang);
        if (fitsBeside(pieces, widest)) return { row: alignedRows(lhs[i]!, pieces, PAGE.beside, widest, besideRow(notes)).join(' \\\\\n'), explanation: prose[i]! };
        // A term wider than the room beside the rule column (a fraction with a long
        // denominator): the row takes the whole line, set over the empty column
        // (`\mathrlap`, so the column keeps its place for the other rows), and its rules go below it.
        const rows = alignedRows(lhs[i]!, pieces, PAGE.width, widest).map((r) => r.replace(/^(.*?&(?:= |\\quad ))(.*)$/, '$1\\mathrlap{$2}'));
        return { row: rows.join(' \\\\\n'), explanation: [notes && `\\textit{${notes}}`, prose[i]!].filter(Boolean).join(' ') };
      });
  if (!rows.length) return [`\\[ ${toLatex(proof.start)} \\]`];
  return explainedAlign(rows);
}

/**
 * What `--format latex --fragment` prints: the derivation's `align*` block alone, to paste
 * into a paper that loads amsmath (its lines broken for a 16 cm line).
 */
export function derivationFragment(r: Pick<DerivationReport, 'proof' | 'rules'>, lang: Lang = 'en', steps = false): string {
  return withShapesOf(r.proof.definitions, () => `${derivationBlock(r.proof, r.rules, lang, steps).join('\n')}\n`);
}

/** The `align*` block of every gradient of a loss. */
function gradientRows(r: Pick<GradientsReport, 'lossName' | 'gradients'>): string[] {
  const loss = toLatex(sym(r.lossName));
  const names = r.gradients.map((g) => `\\frac{\\partial ${loss}}{\\partial ${toLatex(sym(g.wrt))}}`);
  const widest = Math.max(0, ...names.map(latexWidth));
  return r.gradients.flatMap((g, i) => alignedRows(names[i]!, latexPieces(g.result, g.order), PAGE.width, widest));
}

/** What `derive --all --format latex --fragment` prints: the `align*` block of the gradients alone. */
export function gradientsFragment(r: Pick<GradientsReport, 'lossName' | 'gradients'>): string {
  const rows = gradientRows(r);
  return rows.length ? `${alignBlock(rows).join('\n')}\n` : '';
}

/** Whether every row of `pieces`, broken to the room beside the rule column, fits there. */
function fitsBeside(pieces: readonly LatexPiece[], lhsWidth: number): boolean {
  const avail = PAGE.beside - lhsWidth - latexWidth('=');
  return breakPieces(pieces, avail, avail - INDENT).every((r, i) => latexWidth(r) <= avail - (i ? INDENT : 0));
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
    const values = Number.isNaN(c.left) ? '' : `${p.comma}${w.theResult} $${numberToLatex(c.left, 6)}$${p.comma}${w.theExpected} $${numberToLatex(c.right, 6)}$`;
    out.push(labelled(w.counterexample, `${w.at} ${pointToLatex(c.point, lang)}${lang === 'zh' ? '处' : ''}${values}`, lang));
  }
  if (e.decision.evidence) out.push(documentText(evidenceText(e.decision.evidence, lang)));
  return out;
}

/** A standalone document of one derivation: problem, derivation, result, conditions, verdicts. */
export function derivationToDocument(r: DerivationReport, lang: Lang = 'en', steps = false): string {
  return withShapesOf(r.proof.definitions, () => derivationDocument(r, lang, steps));
}

function derivationDocument(r: DerivationReport, lang: Lang, steps: boolean): string {
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
  const result = [`\\subsection*{${w.result}}`, '', ...displayEquation(toLatex(goal), latexPieces(proof.result, r.factorOrder), PAGE.width), ''];
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
  return withShapesOf(r.proof.definitions, () => gradientsDocument(r, lang));
}

function gradientsDocument(r: GradientsReport, lang: Lang): string {
  const w = DOCUMENT_WORDS[lang];
  const loss = toLatex(sym(r.lossName));
  const find =
    lang === 'zh' ? `求损失函数 $${loss}$ 对它所依赖的每个变量的导数。` : `Find the derivative of the loss $${loss}$ with respect to every name it depends on.`;
  const rows = gradientRows(r);
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
