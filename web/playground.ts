/**
 * The playground page: reads the fields, derives (debounced, as the user types) and shows the
 * derivation or the error. Nothing here throws into the page: every failure becomes a message.
 */
import { runProblem } from '../src/api/derive.js';
import { builtinRules } from '../src/rules/builtin.js';
import type { Lang } from '../src/render/rule-name.js';
import { type FieldError, type Fields, type MathField, fieldError, readFields } from './problem.js';
import { renderDerivation, renderError } from './render.js';
import { viewOf } from './view.js';
import { WORDS, type Words } from './words.js';

/** How long typing must pause before the derivation is redone. */
const DEBOUNCE_MS = 200;
const FIELDS = ['title', 'definitions', 'loss', 'wrt', 'expect', 'assume'] as const;

const byId = <T extends HTMLElement>(id: string): T => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no #${id}`);
  return e as T;
};

function readInputs(): Fields {
  const value = (id: string): string => byId<HTMLInputElement | HTMLTextAreaElement>(id).value;
  return { title: value('title'), definitions: value('definitions'), loss: value('loss'), wrt: value('wrt'), expect: value('expect'), assume: value('assume') };
}

function currentLang(): Lang {
  const checked = document.querySelector<HTMLInputElement>('input[name="lang"]:checked');
  return checked?.value === 'zh' ? 'zh' : 'en';
}

/** The labels and headings in the chosen language (`data-word` names the entry in WORDS). */
function applyWords(w: Words, lang: Lang): void {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const node of document.querySelectorAll<HTMLElement>('[data-word]')) {
    const text = (w as Readonly<Record<string, unknown>>)[node.dataset.word ?? ''];
    if (typeof text === 'string') node.textContent = text;
  }
}

const fieldLabel = (w: Words) => (field: MathField): string => w[field].replace(/\s*[(（].*$/, '');

/** Derives from the fields and replaces the output: the derivation, or the error. */
function update(): void {
  const lang = currentLang();
  const w = WORDS[lang];
  applyWords(w, lang);
  const output = byId('output');
  const derivation = byId('derivation');
  const error = byId('error');
  const fields = readInputs();
  for (const f of FIELDS) byId(f).removeAttribute('aria-invalid');

  let failure: FieldError | undefined;
  try {
    const rules = builtinRules();
    const read = readFields(fields, rules.functions);
    byId('syntax').textContent = w.readAs[read.syntax];
    if ('error' in read) failure = read.error;
    else {
      const outcome = runProblem(read.spec, { rules });
      derivation.replaceChildren(renderDerivation(viewOf(outcome, lang), w));
      const verdicts = outcome.expectations.map((e) => e.decision.verdict);
      output.dataset.status = !verdicts.length ? 'derived' : verdicts.every((v) => v === 'proven') ? 'proven' : verdicts.includes('refuted') ? 'refuted' : 'unknown';
    }
  } catch (err) {
    failure = fieldError(err);
  }
  if (failure) {
    derivation.replaceChildren();
    error.replaceChildren(renderError(failure, w, fieldLabel(w)));
    error.hidden = false;
    if (failure.field) byId(failure.field).setAttribute('aria-invalid', 'true');
    output.dataset.status = 'error';
  } else {
    error.replaceChildren();
    error.hidden = true;
  }
  output.removeAttribute('aria-busy');
}

function start(): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  byId('problem').addEventListener('input', () => {
    // Busy until the derivation shows what was typed last (assistive technology and tests wait on it).
    byId('output').setAttribute('aria-busy', 'true');
    clearTimeout(timer);
    timer = setTimeout(update, DEBOUNCE_MS);
  });
  // The form is never submitted: Enter in a field must not reload the page.
  byId('problem').addEventListener('submit', (e) => e.preventDefault());
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="lang"]')) radio.addEventListener('change', update);
  update();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
