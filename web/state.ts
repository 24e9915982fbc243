/** What the page holds: every field, the language and the mode (what a permalink restores). */
import type { Lang } from '../src/render/rule-name.js';

/** Derive a gradient from a problem, or check a derivation someone wrote, link by link. */
export type Mode = 'derive' | 'check';

/** Every field of the page, in the order the permalink writes them. */
export const FIELD_NAMES = ['title', 'definitions', 'loss', 'wrt', 'expect', 'assume', 'steps'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

export interface PageState {
  readonly mode: Mode;
  readonly lang: Lang;
  readonly fields: Readonly<Record<FieldName, string>>;
}

/** Every field empty. */
export const emptyFields = (): Record<FieldName, string> => ({ title: '', definitions: '', loss: '', wrt: '', expect: '', assume: '', steps: '' });
