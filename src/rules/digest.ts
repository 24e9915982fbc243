/**
 * A fingerprint of files' names and text. `npm run gen` records the one of the snapshot of
 * the built-in rules (src/rules/snapshot.ts); at run time the snapshot is used only when
 * its fingerprint matches, else the rule files are loaded and checked in full.
 */
import type { RuleFile } from './parse-file.js';

/** A 53-bit hash (cyrb53) of every file's name and text, as 14 hex digits. Not cryptographic. */
export function rulesDigest(files: readonly RuleFile[]): string {
  // One string, one flat loop over locals: this runs at every start-up, before the JIT helps.
  // NUL separates the parts, so that ("ab", "c") and ("a", "bc") differ.
  const s = files.map((f) => `${f.name}\0${f.text}\0`).join('');
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}
