/**
 * A fingerprint of rule files' names and text. `npm run gen` validates the built-in rules
 * (numeric checks included) and records the fingerprint of the text that passed; at run
 * time the same text skips the numeric checks, and any other text is checked in full.
 */
import type { RuleFile } from './parse-file.js';

/** A 53-bit hash (cyrb53) of every file's name and text, as 14 hex digits. Not cryptographic. */
export function rulesDigest(files: readonly RuleFile[]): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const eat = (s: string): void => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    // A separator no file name contains, so that ("ab", "c") and ("a", "bc") differ.
    h1 = Math.imul(h1 ^ 0, 2654435761);
    h2 = Math.imul(h2 ^ 0, 1597334677);
  };
  for (const f of files) {
    eat(f.name);
    eat(f.text);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}
