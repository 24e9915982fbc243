/** Tokens of the ASCII input language (mathjs expression syntax plus the characters textbooks paste). */
import { GradproofError, positionOf } from '../expr/errors.js';

export type TokenKind = 'num' | 'name' | 'op' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** For `op`: the ASCII operator (`−` arrives as `-`, `·` as `*`, `≠` as `!=`). */
  readonly text: string;
  readonly offset: number;
  /** Whether whitespace came right before this token. */
  readonly spaced: boolean;
}

/** Characters textbooks paste, read as their ASCII meaning. */
const LOOKALIKES: Record<string, string> = {
  '\u2212': '-', // − minus sign
  '\u2013': '-', // – en dash
  '\u00b7': '*', // · middle dot
  '\u22c5': '*', // ⋅ dot operator
  '\u00d7': '*', // × times
  '\u2217': '*', // ∗ asterisk operator
  '\u2260': '!=', // ≠
  '\u2264': '<=', // ≤
  '\u2265': '>=', // ≥
};

const OPERATORS = ['!=', '<=', '>=', '==', '+', '-', '*', '/', '^', '(', ')', '[', ']', ',', '=', '<', '>'];

const NAME_START = /[A-Za-z_\u0370-\u03ff]/;
const NAME_PART = /[A-Za-z0-9_\u0370-\u03ff']/;

/** Splits `text` into tokens; throws a positioned syntax error on a character it does not know. */
export function tokenize(text: string, source?: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let spaced = false;
  const fail = (msg: string, at: number): never => {
    throw new GradproofError('syntax', msg, positionOf(text, at, source));
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      spaced = true;
      continue;
    }
    const start = i;
    if (/[0-9.]/.test(c)) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (!m) fail(`unexpected '${c}'`, i);
      const t = m![0];
      if (t.length >= 400) fail('number literal too long', i);
      // `2e` followed by a letter is 2 times e..., not an exponent.
      out.push({ kind: 'num', text: t, offset: start, spaced });
      i += t.length;
    } else if (NAME_START.test(c)) {
      while (i < text.length && NAME_PART.test(text[i]!)) i++;
      out.push({ kind: 'name', text: text.slice(start, i), offset: start, spaced });
    } else {
      const look = LOOKALIKES[c];
      const op = look ?? OPERATORS.find((o) => text.startsWith(o, i));
      if (!op) {
        fail(unexpectedCharacter(text, i), i);
      }
      out.push({ kind: 'op', text: op!, offset: start, spaced });
      i += look ? c.length : op!.length;
    }
    spaced = false;
  }
  out.push({ kind: 'end', text: '', offset: text.length, spaced });
  return out;
}

/**
 * `unexpected '€' (U+20AC)`: the whole code point at `i`, so an emoji is named as itself and
 * not as half a surrogate pair; an invisible one by its code alone.
 */
export function unexpectedCharacter(text: string, i: number): string {
  const ch = String.fromCodePoint(text.codePointAt(i)!);
  const code = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `unexpected ${/[\p{L}\p{N}\p{P}\p{S}]/u.test(ch) ? `'${ch}' (U+${code})` : `character U+${code}`}`;
}
