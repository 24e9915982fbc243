/**
 * The kernel's trusted base: every file src/kernel/index.ts imports at run time, transitively
 * (type-only imports bring no code). It is the list in the kernel's header, and it stays small.
 */
import { describe, expect, it } from 'vitest';
import { join, dirname, normalize } from 'node:path';
import { importsOf, readSource } from '../support/source.js';

// 1,600 since the kernel itself decides which conditions hold at every point (the ranges in facts.ts, which replaced
// its bounds on one name): a condition dropped from a theorem must be the kernel's judgement, not the engine's.
// 2,000 (+400) since the kernel checks matrix steps itself: shapes of its terms (shape.ts), lowering to index form
// (lower.ts), the reverse-mode chain step and rules with declared shapes (matrix.ts).
// 2,025 (+25) since a rule may write a matrix as the scalar at its every entry (ones(r, c) = 1) only in an entrywise
// context, which the kernel decides (matrix.ts), a dimension is a kind of pattern variable, and a scalar fact on a matrix
// speaks of each entry.
const LIMIT = 2025;

/** The files a file runs, transitively, itself included (paths from the repository root). */
function runtimeClosure(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const r of importsOf(readSource(file))) {
      if (r.typeOnly) continue;
      expect(r.from.startsWith('.'), `${file} imports the package ${r.from}`).toBe(true);
      visit(normalize(join(dirname(file), r.from.replace(/\.js$/, '.ts'))));
    }
  };
  visit(entry);
  return [...seen].sort();
}

/** The files the header lists: names in src/kernel/, or paths from the root. */
function headerList(): string[] {
  const header = /^\/\*\*([\s\S]*?)\*\//.exec(readSource('src/kernel/index.ts'))![1]!;
  const part = header.slice(header.indexOf('Trusted base')).replace(/\n\s*\*/g, ' ');
  const names = part.slice(part.indexOf(':') + 1).match(/[\w./-]+\.ts/g) ?? [];
  return names.map((n) => (n.includes('/') ? n : `src/kernel/${n}`)).sort();
}

describe('the trusted base', () => {
  const files = runtimeClosure('src/kernel/index.ts');

  it('is the list in the kernel header', () => {
    expect(files).toEqual(headerList());
  });

  it(`stays within ${LIMIT} lines`, () => {
    const lines = files.reduce((n, f) => n + readSource(f).trimEnd().split('\n').length, 0);
    expect(lines, files.join(', ')).toBeLessThanOrEqual(LIMIT);
  });

  it('holds only files of src/kernel/ (nothing shared with the engine runs in it)', () => {
    for (const f of files) expect(f.startsWith('src/kernel/'), f).toBe(true);
  });
});
