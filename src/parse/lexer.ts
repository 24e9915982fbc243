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
  '\u2299': '.*', // ⊙ circled dot: the Hadamard product
  '\u2218': '.*', // ∘ ring operator: the Hadamard product too
  '\u1d40': 'ᵀ', // ᵀ modifier letter capital T: the transpose, postfix
};

/**
 * Character classes by code unit, tested in the lexer's inner loop (a regular expression per
 * character costs more than the rest of the lexer): the name characters are ASCII letters,
 * `_`, Greek (U+0370 to U+03FF) and, after the first, digits and `'`.
 */
export const isDigit = (c: number): boolean => c >= 48 && c <= 57; // 0-9
const isNameStart = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (c >= 0x370 && c <= 0x3ff); // A-Z a-z _ Greek
const isNamePart = (c: number): boolean => isNameStart(c) || isDigit(c) || c === 39 || c === 0x2032; // and 0-9 ' ′

/** A number literal is read no further than this; one this long is an error. */
const NUMBER_WINDOW = 400;

/**
 * The end of the number literal `(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?` starting at `i`, read
 * no further than `end`; -1 when there is none (a `.` without a digit after it). An exponent
 * needs a digit: `2e` followed by a letter is 2 times e..., not an exponent.
 */
function numberEnd(text: string, i: number, end: number): number {
  let j = i;
  if (text.charCodeAt(j) === 46 /* . */) {
    j++;
    if (!(j < end && isDigit(text.charCodeAt(j)))) return -1;
    j = digitsEnd(text, j, end);
  } else {
    j = digitsEnd(text, j, end);
    if (j < end && text.charCodeAt(j) === 46) j++;
    j = digitsEnd(text, j, end);
  }
  const e = text.charCodeAt(j);
  if (j < end && (e === 101 || e === 69) /* e E */) {
    let k = j + 1;
    const sign = text.charCodeAt(k);
    if (k < end && (sign === 43 || sign === 45) /* + - */) k++;
    if (k < end && isDigit(text.charCodeAt(k))) j = digitsEnd(text, k, end);
  }
  return j;
}

/** The end of the run of digits at `j`, read no further than `end`. */
function digitsEnd(text: string, j: number, end: number): number {
  while (j < end && isDigit(text.charCodeAt(j))) j++;
  return j;
}

/** mathjs operators gradproof does not read, and why: an error says so rather than "unexpected". */
const REFUSED: Readonly<Record<string, string>> = {
  '!': "'!' (factorial) is not supported",
  '%': "'%' (mathjs's modulus or percentage) is not supported",
  "'": "' (a prime) goes right after a function's name, as in sigmoid'(z)",
};

/** The one-character operators of the ASCII language. */
const ASCII_OPERATORS = '+-*/^()[],=<>';

/**
 * The operator at `i`, or undefined: `!=`, `<=`, `>=` or `==` when it is there (both input
 * languages have these), else a character of `singles`. In place of a search through a list
 * of operators at every character.
 */
export function operatorAt(text: string, i: number, singles: string): string | undefined {
  const c = text[i]!;
  if (text[i + 1] === '=') {
    if (c === '!') return '!=';
    if (c === '<') return '<=';
    if (c === '>') return '>=';
    if (c === '=') return '==';
  }
  return singles.includes(c) ? c : undefined;
}

/** Splits `text` into tokens; throws a positioned syntax error on a character it does not know. */
export function tokenize(text: string, source?: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let spaced = false;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9 || code === 10 || code === 13) {
      // space, tab, newline, carriage return
      i++;
      spaced = true;
      continue;
    }
    const start = i;
    const dotted = code === 46 && (text[i + 1] === '*' || text[i + 1] === '/' || text[i + 1] === '^');
    if (dotted) {
      // mathjs's entrywise operators `.*`, `./`, `.^`.
      out.push({ kind: 'op', text: text.slice(i, i + 2), offset: start, spaced });
      i += 2;
    } else if (isDigit(code) || code === 46 /* . */) {
      const end = numberEnd(text, i, Math.min(text.length, i + NUMBER_WINDOW));
      if (end < 0) fail(text, `unexpected '${text[i]}'`, i, source);
      if (end - i >= NUMBER_WINDOW) fail(text, 'number literal too long', i, source);
      out.push({ kind: 'num', text: text.slice(i, end), offset: start, spaced });
      i = end;
    } else if (isNameStart(code)) {
      i++;
      while (i < text.length && isNamePart(text.charCodeAt(i))) i++;
      // `σ′(z)`: the prime sign is the ASCII prime.
      const name = text.slice(start, i);
      out.push({ kind: 'name', text: name.includes('\u2032') ? name.replace(/\u2032/g, "'") : name, offset: start, spaced });
    } else {
      // Only characters past ASCII can be lookalikes.
      const look = code > 127 ? LOOKALIKES[text[i]!] : undefined;
      // `**` is a token of its own: the parser reads it as a power where a file allows it, else refuses it with a hint.
      const op = look ?? (text.startsWith('**', i) ? '**' : operatorAt(text, i, ASCII_OPERATORS));
      if (op === undefined) fail(text, REFUSED[text[i]!] ?? unexpectedCharacter(text, i), i, source);
      out.push({ kind: 'op', text: op, offset: start, spaced });
      i += look ? 1 : op.length;
    }
    spaced = false;
  }
  out.push({ kind: 'end', text: '', offset: text.length, spaced });
  return out;
}

/** A syntax error at `at` in `text`. */
function fail(text: string, message: string, at: number, source: string | undefined): never {
  throw new GradproofError('syntax', message, positionOf(text, at, source));
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
