/**
 * Proofs as terminal text: the textbook lines with the rule names in a column to their right
 * and the conditions at the end (`[a2 != 0, a2 != 1]`), each explained on the rows below it;
 * or every single step, numbered.
 */
import { toAscii } from '../expr/print.js';
import type { Proof } from '../proof/types.js';
import type { Rule } from '../rules/types.js';
import { conditionInText } from './conditions.js';
import { toDisplayAscii } from './display-ascii.js';
import { explainOnce } from './explain.js';
import { proofLines } from './lines.js';
import { type Lang, nameSeparator, ruleName } from './rule-name.js';
import { displayWidth, padTo } from './width.js';
import { wrapText } from './wrap.js';
import { withShapesOf } from './matrix-shapes.js';

/** Layout of `proofToText`, in terminal columns. */
export interface TextLayout {
  /** Total width the rule names wrap within. */
  readonly width: number;
  /** A line whose expression is wider than this has its rule names on the lines below it. */
  readonly maxExpression: number;
  /** Space between the expression and its rule names. */
  readonly gap: number;
  /** Whether each line is followed by the sentence that explains it (default true). */
  readonly explain?: boolean;
}

const DEFAULT_LAYOUT: TextLayout = { width: 100, maxExpression: 56, gap: 4 };

/** The fewest columns an explanation wraps within, however far its indent. */
const MIN_PROSE = 40;

/** Items wrapped greedily into rows of at most `width` columns, a separator between items. */
function wrapItems(items: readonly { text: string; sep: string }[], width: number): string[] {
  const rows: string[] = [];
  let row = '';
  let rowWidth = 0;
  for (const { text, sep } of items) {
    const textWidth = displayWidth(text);
    const nextWidth = row ? rowWidth + displayWidth(sep) + textWidth : textWidth;
    if (row && nextWidth > width) {
      rows.push(row + sep.trimEnd());
      row = text;
      rowWidth = textWidth;
    } else {
      row = row ? row + sep + text : text;
      rowWidth = nextWidth;
    }
  }
  if (row) rows.push(row.trimEnd());
  return rows;
}

/**
 * The proof as terminal text, one textbook line per phase:
 * `∂L/∂a2 = (1 - y)/(1 - a2) - y/a2    sum rule, logarithm rule  [a2 != 0, a2 != 1]`,
 * and below it, from the column of the right side, what explains it (each sentence once).
 */
export function proofToText(
  proof: Proof,
  rules: ReadonlyMap<string, Rule>,
  lang: Lang = 'en',
  layout: TextLayout = DEFAULT_LAYOUT,
): string {
  return withShapesOf(proof.definitions, () => proofText(proof, rules, lang, layout));
}

function proofText(proof: Proof, rules: ReadonlyMap<string, Rule>, lang: Lang, layout: TextLayout): string {
  const lines = proofLines(proof, rules, lang);
  if (!lines.length) return toDisplayAscii(proof.start);
  const lhs = lines.map((l) => (l.lhs ? toDisplayAscii(l.lhs) : ''));
  const lhsWidth = Math.max(...lhs.map(displayWidth));
  const left = lines.map((l, i) => `${padTo(lhs[i]!, lhsWidth)} = ${toDisplayAscii(l.rhs)}`);
  const column = Math.min(Math.max(...left.map(displayWidth)), layout.maxExpression) + layout.gap;
  const sep = nameSeparator(lang);
  const prose = explainOnce(lines, lang);
  const out: string[] = [];
  lines.forEach((l, i) => {
    const items = l.names.map((text) => ({ text, sep }));
    if (l.conditions.length) items.push({ text: `[${l.conditions.map(conditionInText(lang)).join(', ')}]`, sep: '  ' });
    const notes = wrapItems(items, Math.max(layout.width - column, 24));
    const first = left[i]!;
    if (!notes.length) out.push(first);
    else if (displayWidth(first) + layout.gap > column) out.push(first, ...notes.map((n) => padTo('', column) + n));
    else out.push(padTo(first, column) + notes[0], ...notes.slice(1).map((n) => padTo('', column) + n));
    if (layout.explain !== false) {
      const indent = lhsWidth + 3;
      out.push(...wrapText(prose[i]!, Math.max(layout.width - indent, MIN_PROSE)).map((r) => padTo('', indent) + r));
    }
  });
  return out.join('\n');
}

/** Where a step applied, in words. */
const STEP_WORDS = {
  en: { at: 'at', root: 'root', of: (n: number) => ` of lemma ${n}`, using: (n: number) => `, using lemma ${n}` },
  zh: { at: '位置', root: '整个式子', of: (n: number) => `，属于引理 ${n}`, using: (n: number) => `，使用引理 ${n}` },
} as const;

/**
 * Every step on its own line, numbered, in the input syntax (so paths index what is shown),
 * with the lemma it belongs to or uses:
 * `5. -(diff(y*log(a2), a2) + …)  →  -(y/a2 + …)   d.log (logarithm rule)  at 1.0 of lemma 1  [a2 != 0]`.
 */
export function stepsToText(proof: Proof, rules: ReadonlyMap<string, Rule>, lang: Lang = 'en'): string {
  const digits = String(proof.steps.length).length;
  return proof.steps
    .map((s, i) => {
      const name = ruleName(s.rule, rules, lang);
      const rule = name === s.rule ? s.rule : `${s.rule} (${name})`;
      const w = STEP_WORDS[lang];
      const where = `${w.at} ${s.path.length ? s.path.join('.') : w.root}`;
      const within = s.derivation > 0 ? w.of(s.derivation) : '';
      const uses = s.lemma !== undefined ? w.using(s.lemma) : '';
      const conditions = s.conditions.length ? `  [${s.conditions.map(conditionInText(lang)).join(', ')}]` : '';
      const n = `${i + 1}.`.padStart(digits + 1);
      return `${n} ${toAscii(s.before)}  →  ${toAscii(s.after)}   ${rule}  ${where}${within}${uses}${conditions}`;
    })
    .join('\n');
}
