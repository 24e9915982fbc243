/**
 * The permalink: the whole page state in the URL's hash (`#mode=derive&lang=en&loss=...`),
 * so a link restores the same problem. Read back leniently: an unknown key is ignored, a
 * missing field is empty, an unknown mode or language is the default.
 */
import { FIELD_NAMES, type PageState, emptyFields } from './state.js';

/** The state as a hash (with its `#`). Empty fields are left out. */
export function stateToHash(s: PageState): string {
  const p = new URLSearchParams();
  p.set('mode', s.mode);
  p.set('lang', s.lang);
  for (const f of FIELD_NAMES) if (s.fields[f]) p.set(f, s.fields[f]);
  return `#${p.toString()}`;
}

/** The state a hash holds, or undefined when it holds none (no `mode`). */
export function stateFromHash(hash: string): PageState | undefined {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const mode = p.get('mode');
  if (mode === null) return undefined;
  const fields = emptyFields();
  for (const f of FIELD_NAMES) fields[f] = p.get(f) ?? '';
  return { mode: mode === 'check' ? 'check' : 'derive', lang: p.get('lang') === 'zh' ? 'zh' : 'en', fields };
}
