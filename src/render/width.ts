/** How many terminal columns text takes: wide (CJK) characters take two. */

/** The wide ranges, as [first, last] code units (all in the Basic Multilingual Plane). */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
];

const isWide = (c: number): boolean => {
  for (const [lo, hi] of WIDE) if (c >= lo && c <= hi) return true;
  return false;
};

/**
 * The number of terminal columns `s` occupies: one per code point, two for a wide one. By
 * character codes, not a regular expression per character: rendering measures every line.
 */
export function displayWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x1100) w += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: one code point outside the wide ranges.
      w += 1;
      i++;
    } else w += isWide(c) ? 2 : 1;
  }
  return w;
}

/** `s` padded with spaces to `width` terminal columns. */
export const padTo = (s: string, width: number): string => s + ' '.repeat(Math.max(0, width - displayWidth(s)));
