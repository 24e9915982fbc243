/**
 * The playground page: reads the fields, derives or checks (debounced, as the user types) and
 * shows the outcome or the error; keeps the URL's hash a permalink to what is typed. Nothing
 * here throws into the page: every failure becomes a message.
 */
import { runProblem } from '../src/api/derive.js';
import { builtinRules } from '../src/rules/builtin.js';
import { fileSyntax } from '../src/parse/auto.js';
import type { Lang } from '../src/render/rule-name.js';
import { checkFields } from './check.js';
import { copyText } from './clipboard.js';
import { type Example, embeddedExamples } from './examples.js';
import { stateFromHash, stateToHash } from './permalink.js';
import { plotFigure } from './plot.js';
import { type FieldError, type MathField, fieldError, readFields } from './problem.js';
import { math, renderDerivation, renderError } from './render.js';
import { renderCheck } from './render-check.js';
import { FIELD_NAMES, type FieldName, type Mode, type PageState } from './state.js';
import { viewOf } from './view.js';
import { WORDS, type Words } from './words.js';

/** How long typing must pause before the derivation is redone. */
const DEBOUNCE_MS = 200;

const byId = <T extends HTMLElement>(id: string): T => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no #${id}`);
  return e as T;
};

const field = (f: FieldName): HTMLInputElement | HTMLTextAreaElement => byId<HTMLInputElement | HTMLTextAreaElement>(f);
const checkedValue = (name: string): string | undefined => document.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value;

/** What the page holds now. */
function readState(): PageState {
  const fields = Object.fromEntries(FIELD_NAMES.map((f) => [f, field(f).value])) as Record<FieldName, string>;
  return { mode: checkedValue('mode') === 'check' ? 'check' : 'derive', lang: checkedValue('lang') === 'zh' ? 'zh' : 'en', fields };
}

/** Puts `s` in the fields and the radio buttons. */
function writeState(s: PageState): void {
  for (const f of FIELD_NAMES) field(f).value = s.fields[f];
  for (const [name, value] of [['mode', s.mode], ['lang', s.lang]] as const) {
    const radio = document.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`);
    if (radio) radio.checked = true;
  }
}

/** The labels and headings in the chosen language (`data-word` names the entry in WORDS). */
function applyWords(w: Words, lang: Lang): void {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const node of document.querySelectorAll<HTMLElement>('[data-word]')) {
    const text = (w as Readonly<Record<string, unknown>>)[node.dataset.word ?? ''];
    if (typeof text === 'string') node.textContent = text;
  }
  const placeholder = document.querySelector<HTMLOptionElement>('#example option[value=""]');
  if (placeholder) placeholder.textContent = w.pickExample;
  for (const [group, label] of [['derive', w.problems], ['check', w.derivations]] as const) {
    const g = document.querySelector<HTMLOptGroupElement>(`#example optgroup[data-mode="${group}"]`);
    if (g) g.label = label;
  }
}

/** Shows the fields of `mode` only (`data-mode` marks the fields of one mode). */
function applyMode(mode: Mode): void {
  for (const node of document.querySelectorAll<HTMLElement>('#problem [data-mode]')) node.hidden = node.dataset.mode !== mode;
}

const fieldLabel = (w: Words) => (f: MathField): string => w[f].replace(/\s*[(（].*$/, '');

/** Derives (or checks) from the fields and replaces the output: the outcome, or the error. */
function update(): void {
  const state = readState();
  const w = WORDS[state.lang];
  applyWords(w, state.lang);
  applyMode(state.mode);
  // The permalink follows what is typed; replaceState adds no history entry per key.
  history.replaceState(null, '', stateToHash(state));
  const output = byId('output');
  const derivation = byId('derivation');
  const error = byId('error');
  for (const f of FIELD_NAMES) field(f).removeAttribute('aria-invalid');

  let failure: FieldError | undefined;
  try {
    const rules = builtinRules();
    if (state.mode === 'check') {
      // One syntax for the whole derivation, as in a derivation file: LaTeX when any field has a backslash.
      byId('syntax').textContent = w.readAs[fileSyntax(`${state.fields.definitions}\n${state.fields.assume}\n${state.fields.steps}`) === 'latex' ? 'latex' : 'ascii'];
      const checked = checkFields(state.fields, rules, state.lang);
      if ('error' in checked) failure = checked.error;
      else {
        derivation.replaceChildren(renderCheck(checked.view, w));
        output.dataset.status = checked.view.status;
      }
    } else {
      const read = readFields(state.fields, rules.functions);
      byId('syntax').textContent = w.readAs[read.syntax];
      if ('error' in read) failure = read.error;
      else {
        const outcome = runProblem(read.spec, { rules });
        derivation.replaceChildren(renderDerivation(viewOf(outcome, state.lang), w, plotFigure(outcome, state.lang, (t) => math(t))));
        const verdicts = outcome.expectations.map((e) => e.decision.verdict);
        output.dataset.status = !verdicts.length ? 'derived' : verdicts.every((v) => v === 'proven') ? 'proven' : verdicts.includes('refuted') ? 'refuted' : 'unknown';
      }
    }
  } catch (err) {
    failure = fieldError(err);
  }
  if (failure) {
    derivation.replaceChildren();
    error.replaceChildren(renderError(failure, w, fieldLabel(w)));
    error.hidden = false;
    if (failure.field) field(failure.field).setAttribute('aria-invalid', 'true');
    output.dataset.status = 'error';
  } else {
    error.replaceChildren();
    error.hidden = true;
  }
  output.removeAttribute('aria-busy');
}

/** The picker's options: the problems, then the derivations, by file name. */
function fillPicker(examples: readonly Example[]): void {
  const select = byId<HTMLSelectElement>('example');
  const placeholder = document.createElement('option');
  placeholder.value = '';
  select.append(placeholder);
  for (const mode of ['derive', 'check'] as const) {
    const group = document.createElement('optgroup');
    group.dataset.mode = mode;
    for (const e of examples.filter((x) => x.mode === mode)) {
      const option = document.createElement('option');
      option.value = e.file;
      option.textContent = `${e.file.replace(/\.(grad|proof)$/, '')}: ${e.label}`;
      group.append(option);
    }
    if (group.childElementCount) select.append(group);
  }
}

/** Copies `text`, saying how (copied, or select and copy by hand from the box shown). */
async function copy(text: string, done: string): Promise<void> {
  const w = WORDS[readState().lang];
  const how = await copyText(text, byId<HTMLTextAreaElement>('copy-fallback'));
  byId('copy-status').textContent = how === 'clipboard' ? done : w.copyByHand;
}

function start(): void {
  const examples = embeddedExamples();
  fillPicker(examples);
  const fromUrl = stateFromHash(location.hash);
  if (fromUrl) writeState(fromUrl);

  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = (): void => {
    // Busy until the output shows what was typed last (assistive technology and tests wait on it).
    byId('output').setAttribute('aria-busy', 'true');
    clearTimeout(timer);
    timer = setTimeout(update, DEBOUNCE_MS);
  };
  byId('problem').addEventListener('input', (e) => {
    if ((e.target as HTMLElement).id !== 'example') later();
  });
  byId('example').addEventListener('change', () => {
    const chosen = examples.find((x) => x.file === byId<HTMLSelectElement>('example').value);
    if (!chosen) return;
    writeState({ mode: chosen.mode, lang: readState().lang, fields: chosen.fields });
    clearTimeout(timer);
    update();
  });
  // The form is never submitted: Enter in a field must not reload the page.
  byId('problem').addEventListener('submit', (e) => e.preventDefault());
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="lang"], input[name="mode"]')) radio.addEventListener('change', update);
  byId('copy-link').addEventListener('click', () => void copy(location.href, WORDS[readState().lang].linkCopied));
  byId('output').addEventListener('click', (e) => {
    const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-latex]');
    if (button) void copy(button.dataset.latex ?? '', WORDS[readState().lang].copied);
  });
  update();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
