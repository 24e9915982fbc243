/** Text, LaTeX and Markdown output of a derivation for the terminal. */
import { inDecimals } from '../expr/decimals.js';
import type { Outcome } from '../api/derive.js';
import { type AllOutcome, gradientVerdict } from '../api/all.js';
import { conditionInText } from '../render/conditions.js';
import { derivationFragment, derivationToDocument, gradientsFragment, gradientsToDocument } from '../render/document-derivation.js';
import { gradientsToMarkdown } from '../render/markdown-pages.js';
import { reduceConditions } from '../proof/conditions.js';
import { outcomeToMarkdown } from '../api/render.js';
import { proofToText, stepsToText } from '../render/text.js';
import { toDisplayAscii, toResultAscii } from '../render/display-ascii.js';
import type { Lang } from '../render/rule-name.js';
import { padTo } from '../render/width.js';
import { stoppedText } from '../api/stopped.js';
import { evidenceText } from '../render/evidence.js';
import { premisesToText } from '../render/premises.js';
import { outcomePremises } from '../api/premises.js';
import { givenRowsText, readingText } from '../render/given-text.js';
import { withShapesOf } from '../render/matrix-shapes.js';

const WORDS = {
  en: { gradients: 'Gradients', checked: 'Checked', steps: 'steps replayed by the checker', given: 'Given', result: 'Result', conditions: 'Conditions', expected: 'Expected', at: 'at', vs: 'result', exp: 'expected', proven: 'proven', refuted: 'refuted', unknown: 'unknown' },
  zh: { gradients: '梯度', checked: '检查', steps: '步已由检查器复核', given: '已知', result: '结果', conditions: '条件', expected: '验证', at: '反例', vs: '结果', exp: '预期', proven: '已证明', refuted: '不成立', unknown: '未能判定' },
} as const;

/** The outcome as terminal text, Markdown, a LaTeX document or (`fragment`) its bare `align*` block; decimals where the user wrote them. */
export function formatOutcome(o: Outcome, format: 'text' | 'latex' | 'md', lang: Lang, allSteps: boolean, fragment = false): string {
  // The definitions say which names are matrices (render/matrix-shapes.ts).
  return inDecimals(o.decimals === true, () => withShapesOf(o.proof.definitions, () => formatted(o, format, lang, allSteps, fragment)));
}

function formatted(o: Outcome, format: 'text' | 'latex' | 'md', lang: Lang, allSteps: boolean, fragment: boolean): string {
  const rules = o.rules.byId;
  // Only a proof the kernel replayed is rendered.
  const proof = o.checked.proof;
  const w = WORDS[lang];
  if (format === 'md') return outcomeToMarkdown(o, lang);
  if (format === 'latex' && fragment) return derivationFragment({ proof, rules }, lang, allSteps);
  if (format === 'latex') return derivationToDocument({ ...o, proof, rules, ...(o.stopped ? {} : { premises: outcomePremises(o) }) }, lang, allSteps);
  const out: string[] = [];
  if (o.title) out.push(o.title, '');
  // Echoed in the user's order (the trees are sorted).
  const defs = givenRowsText(o.proof, lang);
  defs.forEach((d, i) => out.push(`${i === 0 ? padTo(w.given, 12) : ' '.repeat(12)}${d}`));
  out.push('', allSteps ? stepsToText(proof, rules, lang) : proofToText(proof, rules, lang), '');
  // A derivation out of budget has no result: say why it stopped instead.
  if (o.stopped) out.push(`${padTo(lang === 'zh' ? '停止' : 'Stopped', 12)}${stoppedText(o.stopped)}`);
  else out.push(`${padTo(w.result, 12)}${toDisplayAscii(o.proof.start)} = ${toResultAscii(o.proof.result, o.factorOrder)}`);
  if (o.conditions.length) out.push(`${padTo(w.conditions, 12)}${o.conditions.map(conditionInText(lang)).join(', ')}`);
  // What the result rests on: the kernel theorem's premises (a budget that ran out proved nothing).
  if (!o.stopped) out.push(...premisesToText(outcomePremises(o), lang, 12, o.discharged.map(conditionInText(lang))));
  for (const e of o.expectations) {
    out.push(`${padTo(w.expected, 12)}${readingText(e.expected)}: ${w[e.decision.verdict]}`);
    const c = e.decision.counterexample;
    if (c) {
      const point = Object.entries(c.point).map(([k, v]) => `${k} = ${v}`).join(', ');
      out.push(`${' '.repeat(12)}${w.at}: ${point}${Number.isNaN(c.left) ? '' : `; ${w.vs} ${c.left.toPrecision(6)}, ${w.exp} ${c.right.toPrecision(6)}`}`);
    }
    if (e.decision.evidence) out.push(`${' '.repeat(12)}${evidenceText(e.decision.evidence, lang)}`);
  }
  return `${out.join('\n')}\n`;
}

/** Every gradient: the derivation, then each result in the chain's order (`fragment`: the gradients' `align*` block alone). */
export function formatAll(o: AllOutcome, format: 'text' | 'latex' | 'md', lang: Lang, fragment = false): string {
  return withShapesOf(o.proof.definitions, () => formattedAll(o, format, lang, fragment));
}

function formattedAll(o: AllOutcome, format: 'text' | 'latex' | 'md', lang: Lang, fragment: boolean): string {
  const rules = o.rules.byId;
  const { remaining } = reduceConditions(o.conditions, o.proof.assumptions);
  if (format === 'latex' && fragment) return gradientsFragment(o);
  if (format === 'latex' || format === 'md') {
    const report = { ...o, rules, conditions: remaining };
    return format === 'latex' ? gradientsToDocument(report, lang) : gradientsToMarkdown(report, lang);
  }
  const w = WORDS[lang];
  const out: string[] = [];
  if (o.title) out.push(o.title, '');
  givenRowsText(o.proof, lang).forEach((d, i) => out.push(`${i === 0 ? padTo(w.given, 12) : ' '.repeat(12)}${d}`));
  out.push('', proofToText(o.proof, rules, lang), '');
  const label = (v: string): string => `∂${o.lossName}/∂${v}`;
  const width = Math.max(...o.gradients.map((g) => label(g.wrt).length));
  // Each gradient with its verdict: its expectation's, or proven (the result is a kernel theorem).
  const results = o.gradients.map((g) => toResultAscii(g.result, g.order));
  const resultWidth = Math.max(...results.map((r) => r.length));
  o.gradients.forEach((g, i) =>
    out.push(`${i === 0 ? padTo(w.gradients, 12) : ' '.repeat(12)}${label(g.wrt).padEnd(width)} = ${results[i]!.padEnd(resultWidth)}  ${w[gradientVerdict(o, g.wrt)]}`),
  );
  // What the gradients need, as derive prints it: ∂L/∂a2 holds where 0 < a2 < 1 even where ∂L/∂z2 needs nothing.
  if (remaining.length) out.push(`${padTo(w.conditions, 12)}${remaining.map(conditionInText(lang)).join(', ')}`);
  out.push(...premisesToText(o.premises, lang));
  for (const e of o.expectations) {
    out.push(`${padTo(w.expected, 12)}${label(e.wrt)} = ${readingText(e.expected)}: ${w[e.decision.verdict]}`);
    const c = e.decision.counterexample;
    if (c) {
      const point = Object.entries(c.point).map(([k, v]) => `${k} = ${v}`).join(', ');
      out.push(`${' '.repeat(12)}${w.at}: ${point}${Number.isNaN(c.left) ? '' : `; ${w.vs} ${c.left.toPrecision(6)}, ${w.exp} ${c.right.toPrecision(6)}`}`);
    }
    if (e.decision.evidence) out.push(`${' '.repeat(12)}${evidenceText(e.decision.evidence, lang)}`);
  }
  out.push(`${padTo(w.checked, 12)}${o.replayed} ${w.steps}`);
  return `${out.join('\n')}\n`;
}
