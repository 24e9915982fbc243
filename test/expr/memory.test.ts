/**
 * What the core keeps is bounded (issue 13): deriving thousands of distinct problems in one
 * process, as a server or a large test suite does, leaves the heap flat once collected.
 * Before the intern tables forgot unheld nodes, each problem kept about 22 KB for good.
 * Not timed: bench/memory.mjs runs in a child process with --expose-gc, on the engine
 * bundled from src/, and reports the heap after full collections.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run.js';

interface MemoryReport {
  baseMB: number;
  rows: Array<{ problems: number; heapMB: number }>;
}

describe('a long process', () => {
  it('keeps a flat heap over 2,500 distinct derivations', () => {
    const out = execFileSync(process.execPath, ['--expose-gc', 'bench/memory.mjs', '--source', '--at', '500,2500', '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const { baseMB, rows } = JSON.parse(out.trim().split('\n').pop()!) as MemoryReport;
    expect(rows.map((r) => r.problems)).toEqual([500, 2500]);
    const [early, late] = rows as [MemoryReport['rows'][0], MemoryReport['rows'][0]];
    // 2,000 problems between the checkpoints: about 44 MB when every node was kept.
    expect(late.heapMB - early.heapMB).toBeLessThan(3);
    // And from the warm-up on (compiled code and the bounded memos settle in the first ones).
    expect(late.heapMB - baseMB).toBeLessThan(8);
  }, 120_000);
});
