/**
 * Output of `gradproof check proof.json`: the kernel's verdict on a proof file (the JSON of
 * `derive --format json`). A replayed proof is shown the way derive shows one, as a document
 * or a page with its lines explained; a rejected one names the step the kernel refused.
 */
import { type Expr, neg } from '../expr/node.js';
import { Definitions } from '../expr/context.js';
import { toAscii } from '../expr/print.js';
import type { CheckResult } from '../kernel/index.js';
import type { Condition, Proof } from '../proof/types.js';
import { reduceConditions } from '../proof/conditions.js';
import { algebraicallyEqual } from '../verdict/equality.js';
import { functionTable } from '../rules/load.js';
import type { RuleSet } from '../rules/types.js';
import { collectConditions } from '../api/derive.js';
import { derivationToDocument } from '../render/document-derivation.js';
import { DOCUMENT_WORDS, documentText, latexDocument } from '../render/document-latex.js';
import { escapeHtml, escapeMarkdownText } from '../render/html-escape.js';
import { htmlDocument } from '../render/html-layout.js';
import { derivationToHtml } from '../render/html-page.js';
import { goalOf, titleHtml } from '../render/html-parts.js';
import { toLatex } from '../render/latex.js';
import { replayToMarkdown } from '../render/markdown-pages.js';
import type { Lang } from '../render/rule-name.js';
import type { Format } from './args.js';
import { katexCss, katexMath } from './html-assets.js';
import { premisesToText } from '../render/premises.js';
import { conditionInText } from '../render/conditions.js';
import { padTo } from '../render/width.js';

const CONDITIONS = { en: 'Conditions', zh: '条件' } as const;
import { type ProblemDifference, problemVerdictText } from '../api/problem-match.js';

/** A proof file as read, and what the kernel made of it. */
export interface Replay {
  /** The file's title, typed text. */
  readonly title?: string;
  readonly proof: Proof;
  readonly result: CheckResult;
  readonly rules: RuleSet;
  /** With `--problem`: how the theorem differs from the problem (empty: it proves exactly that problem). */
  readonly problem?: { readonly source: string; readonly differences: readonly ProblemDifference[] };
}

const WORDS = {
  en: { checked: (n: number) => `checked: ${n} steps replayed`, rejected: 'rejected', step: (n: number, rule: string) => `step ${n} (${rule})`, whole: 'the proof', colon: ': ' },
  zh: { checked: (n: number) => `检查通过：${n} 步已由检查器复核`, rejected: '未通过', step: (n: number, rule: string) => `第 ${n} 步（${rule}）`, whole: '整个证明', colon: '：' },
} as const;

/** `rejected: step 6 (d.log): …`, naming the step the kernel refused and why. */
function rejection(r: Replay, step: number, reason: string, lang: Lang): string {
  const w = WORDS[lang];
  const s = r.proof.steps[step - 1];
  return `${w.rejected}${w.colon}${s ? w.step(step, s.rule) : w.whole}${w.colon}${reason}`;
}

/**
 * What the proof's result needs, as derive states it. A file writes `a2 != 1` back as
 * `a2 - 1 != 0`, no longer the node of the `1 - a2 > 0` that makes it redundant, so a
 * nonzero condition is dropped where `u > 0` or `-u > 0` is needed too.
 */
function conditionsOf(proof: Proof): { remaining: Condition[]; discharged: Condition[] } {
  const all = collectConditions(proof);
  const none = new Definitions([]);
  const positive = all.filter((c) => c.kind === 'positive').map((c) => c.expr);
  const implied = (u: Expr): boolean => positive.some((p) => algebraicallyEqual(u, p, none) || algebraicallyEqual(u, neg(p), none));
  return reduceConditions(all.filter((c) => c.kind !== 'nonzero' || !implied(c.expr)), proof.assumptions);
}

/** The replay in `format` (not JSON: that is `check()`'s object). */
export function formatReplay(r: Replay, format: Exclude<Format, 'json'>, lang: Lang): string {
  const claim = (latex: (e: Expr) => string): string => `${latex(r.proof.start)} = ${latex(r.proof.result)}`;
  const mismatch = r.problem && r.problem.differences.length ? `${WORDS[lang].rejected}${WORDS[lang].colon}${problemVerdictText(r.problem.source, r.problem.differences, lang)}` : undefined;
  if (!r.result.ok || mismatch) {
    const why = !r.result.ok ? rejection(r, r.result.step, r.result.reason, lang) : mismatch!;
    const w = DOCUMENT_WORDS[lang];
    if (format === 'latex') return latexDocument(r.title, [`\\[ ${claim(toLatex)} \\]`, '', `\\subsection*{${w.verdict}}`, '', documentText(why), ''], lang);
    if (format === 'md') return `${r.title ? `## ${escapeMarkdownText(r.title)}\n\n` : ''}$$\n${claim(toLatex)}\n$$\n\n**${w.verdict}** ${escapeMarkdownText(why)}\n`;
    if (format === 'html') {
      const math = katexMath();
      const body = [titleHtml(r.title), `<section class="outcome">${math(claim(toLatex), true)}</section>`, `<p class="summary verdict-refuted">${escapeHtml(why)}</p>`];
      return htmlDocument({ lang, title: r.title ?? claim(toAscii), css: katexCss(), body: body.join('\n') });
    }
    return `${why}\n`;
  }
  // Only the proof the kernel replayed is rendered.
  const checked = r.result.checked;
  const proof = checked.proof;
  const { remaining, discharged } = conditionsOf(proof);
  const title = r.title === undefined ? {} : { title: r.title };
  const rules = r.rules.byId;
  // What the claim rests on, from the theorem; and, with --problem, that it is exactly the problem's.
  const premises = checked.theorem.premises;
  const problem = r.problem ? { problem: problemVerdictText(r.problem.source, [], lang) } : {};
  if (format === 'latex') return derivationToDocument({ ...title, proof, rules, expectations: [], conditions: remaining, discharged, replayed: checked.replayed, premises, ...problem }, lang);
  if (format === 'md') return replayToMarkdown({ ...title, proof, rules, conditions: remaining, replayed: checked.replayed, premises, ...problem }, lang);
  if (format === 'html') {
    const goal = goalOf(proof.start);
    const page = { ...title, checked, wrt: goal ? toAscii(goal.variable) : '', expectations: [], conditions: remaining, discharged, rules: r.rules, premises, ...problem };
    return derivationToHtml(page, { lang, math: katexMath(), css: katexCss(), fns: functionTable(r.rules.defs), generator: 'gradproof' });
  }
  // The theorem's own conditions: a claim is never shown without where it holds.
  const where = checked.theorem.conditions.length ? [`${padTo(CONDITIONS[lang], 12)}${checked.theorem.conditions.map(conditionInText(lang)).join(', ')}`] : [];
  const lines = [WORDS[lang].checked(checked.replayed), claim(toAscii), ...where, ...premisesToText(premises, lang), ...(r.problem ? [problem.problem!] : [])];
  return `${lines.join('\n')}\n`;
}
