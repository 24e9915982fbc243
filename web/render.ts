/**
 * The derivation and errors as DOM nodes. Whatever the user typed reaches the page only as a
 * text node or as LaTeX that our printer wrote from a parsed expression; KaTeX runs with
 * `trust: false` (no \href, \url, \htmlClass…) and never throws.
 */
import katex from 'katex';
import type { DerivationView } from './view.js';
import type { FieldError } from './problem.js';
import type { Words } from './words.js';

/** An element with text content. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** LaTeX typeset by KaTeX into a `span.math`, its source kept in `data-tex` for readers and tests. */
export function math(tex: string, display = false): HTMLElement {
  const host = el(display ? 'div' : 'span', 'math');
  host.dataset.tex = tex;
  katex.render(tex, host, { displayMode: display, throwOnError: false, trust: false, strict: 'ignore', output: 'htmlAndMathml' });
  return host;
}

/** `label` then `content`, as one row of the summary. */
function row(id: string, label: string, ...content: Array<Node | string>): HTMLElement {
  const p = el('p', 'row');
  p.id = id;
  p.append(el('span', 'label', label), ...content);
  return p;
}

/** Joins nodes with a separator text. */
export function joined(nodes: readonly Node[], separator: string): Node[] {
  return nodes.flatMap((n, i) => (i ? [document.createTextNode(separator), n] : [n]));
}

/** A button that copies `latex` (the page listens for clicks on `button[data-latex]`). */
function copyButton(label: string, latex: string, className: string): HTMLButtonElement {
  const b = el('button', `copy ${className}`, label);
  b.type = 'button';
  b.dataset.latex = latex;
  return b;
}

/** The whole derivation: title, givens, one table row per textbook line, result, conditions, verdicts, the plot. */
export function renderDerivation(v: DerivationView, w: Words, plot?: Node): DocumentFragment {
  const out = document.createDocumentFragment();
  if (v.title) out.append(el('h2', 'title', v.title));
  if (v.definitions.length) out.append(row('given', w.given, ...joined(v.definitions.map((d) => math(d)), ', ')));

  const tools = el('p', 'tools');
  const all = copyButton(w.copyProof, v.align, 'copy-proof');
  all.id = 'copy-proof';
  tools.append(all);
  out.append(tools);
  const table = el('table', 'lines');
  table.setAttribute('aria-label', w.derivation);
  for (const line of v.lines) {
    const tr = el('tr', 'line');
    const lhs = el('td', 'lhs');
    if (line.lhs) lhs.append(math(line.lhs, true));
    const rhs = el('td', 'rhs');
    rhs.append(math(`= ${line.rhs}`, true));
    const why = el('td', 'why');
    if (line.rules.length) why.append(el('span', 'rules', line.rules.join(w.separator)));
    if (line.conditions.length) {
      const c = el('span', 'conditions');
      c.append('[', ...joined(line.conditions.map((t) => math(t)), ', '), ']');
      why.append(' ', c);
    }
    if (line.explanation) why.append(el('span', 'explanation', line.explanation));
    why.append(copyButton(w.copyLatex, line.latex, 'copy-line'));
    tr.append(lhs, rhs, why);
    table.append(tr);
  }
  out.append(table);

  out.append(row('result', w.result, math(v.result, true)));
  if (v.conditions.length) out.append(row('conditions', w.conditions, ...joined(v.conditions.map((c) => math(c)), ', ')));
  if (v.assumptions.length) out.append(row('assumed', w.assumed, ...joined(v.assumptions.map((a) => math(a)), ', ')));
  v.expectations.forEach((e, i) => {
    const verdict = el('span', `verdict ${e.verdict}`, w[e.verdict]);
    verdict.dataset.verdict = e.verdict;
    const r = row(`expected-${i}`, w.expected, math(e.expected), ': ', verdict);
    r.classList.add('expectation');
    if (e.counterexample) {
      const c = e.counterexample;
      r.append(el('span', 'detail', `${w.counterexample}: ${c.point}; ${w.values}: ${c.result.toPrecision(6)}, ${c.expected.toPrecision(6)}`));
    }
    if (e.evidence) r.append(el('span', 'detail', e.evidence));
    out.append(r);
  });
  out.append(el('p', 'replayed', `${v.replayed} ${w.checked}`));
  if (plot) {
    const section = el('section', 'plot');
    section.id = 'plot';
    section.append(el('h2', 'plot-heading', w.plot), plot);
    out.append(section);
  }
  return out;
}

/** An error: where it is (field, line, column), the message, and the line with a caret under the column. */
export function renderError(e: FieldError, w: Words, fieldLabel: (field: NonNullable<FieldError['field']>) => string): DocumentFragment {
  const out = document.createDocumentFragment();
  const where: string[] = [];
  if (e.field) where.push(fieldLabel(e.field));
  if (e.line !== undefined && (e.field === 'definitions' || e.field === 'assume' || e.field === 'steps')) where.push(`${w.line} ${e.line}`);
  if (e.column !== undefined) where.push(`${w.column} ${e.column}`);
  const head = el('p', 'message');
  if (where.length) head.append(el('span', 'where', `${where.join(', ')}: `));
  head.append(el('span', 'text', `${w.error}: ${e.message}`));
  out.append(head);
  if (e.text !== undefined && e.column !== undefined) {
    out.append(el('pre', 'caret', `${e.text}\n${' '.repeat(e.column - 1)}^`));
  }
  return out;
}
