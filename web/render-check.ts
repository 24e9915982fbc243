/** Check mode's output as DOM nodes, built like the derivation's (render.ts): text nodes and KaTeX only. */
import type { CheckView } from './check.js';
import { el, joined, math } from './render.js';
import type { Words } from './words.js';

/** A checked derivation: one row per link (its two sides, its verdict and why), then the verdict on the whole. */
export function renderCheck(v: CheckView, w: Words): DocumentFragment {
  const out = document.createDocumentFragment();
  if (v.title) out.append(el('h2', 'title', v.title));
  const table = el('table', 'lines links');
  table.setAttribute('aria-label', w.derivation);
  for (const link of v.links) {
    const tr = el('tr', 'line link');
    tr.dataset.verdict = link.verdict;
    const lhs = el('td', 'lhs');
    if (link.from) lhs.append(math(link.from, true));
    const rhs = el('td', 'rhs');
    rhs.append(math(`= ${link.to}`, true));
    const why = el('td', 'why');
    const verdict = el('span', `verdict ${link.verdict}`, w[link.verdict]);
    verdict.dataset.verdict = link.verdict;
    const head = el('span', 'head');
    head.append(el('span', 'number', `${w.stepNumber(link.number)}: `), verdict);
    if (link.rules.length) head.append(' ', el('span', 'rules', link.rules.join(w.separator)));
    why.append(head);
    if (link.conditions.length) {
      const c = el('span', 'conditions');
      c.append('[', ...joined(link.conditions.map((t) => math(t)), ', '), ']');
      why.append(' ', c);
    }
    if (link.counterexample) {
      const c = link.counterexample;
      const d = el('span', 'counterexample');
      d.append(`${w.at} `, math(c.point), `: ${w.left} ${c.left.toPrecision(6)}, ${w.right} ${c.right.toPrecision(6)}`);
      why.append(d);
    }
    if (link.explanation) why.append(el('span', 'explanation', link.explanation));
    tr.append(lhs, rhs, why);
    table.append(tr);
  }
  out.append(table);
  const closing = el('p', 'check-verdict');
  closing.id = 'check-verdict';
  if (v.status === 'proven') closing.append(w.allProven);
  if (v.undecided !== undefined) closing.append(w.undecided(v.undecided));
  if (v.wrong !== undefined) closing.append(`${v.undecided !== undefined ? ' ' : ''}${w.firstWrong(v.wrong)}`);
  out.append(closing);
  return out;
}
