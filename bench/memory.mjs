// Memory of a long-running process (issue 13): derives N distinct problems one after the
// other in one process, as `gradproof serve` or a large test suite does, and reports the heap
// after a full garbage collection at checkpoints. Whatever the core keeps must be bounded:
// the heap should stay flat, whatever N.
//
//   npm run build && node --expose-gc bench/memory.mjs [--at 1000,5000,20000] [--source] [--json]
//
// --source: the engine bundled from src/ (bench/source.mjs) instead of dist/. Each problem is
// its own task (an await between problems, as between requests of a server): V8 keeps what a
// weak reference was made or read for alive until the task ends.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { distinctProblem } from './problems.mjs';
import { buildEngine, loadEngine } from './source.mjs';

const { values: opts } = parseArgs({
  options: { at: { type: 'string', default: '1000,5000,20000' }, source: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
});
const checkpoints = opts.at.split(',').map(Number);
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
const bundle = opts.source ? await buildEngine({ quiet: true }) : undefined;
const { derive } = bundle ? await loadEngine(bundle) : await import('../dist/index.js');

/** The heap in use after full collections, in MB (finalizers run between them). */
async function heapMB() {
  for (let k = 0; k < 3; k++) {
    globalThis.gc();
    await sleep(1);
  }
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** Every derivation must succeed: a failing one would measure something else. */
function derived(i) {
  const r = derive(distinctProblem(i));
  if (!r.checked || r.steps.length === 0 || r.expectations.some((e) => e.verdict !== 'proven')) {
    throw new Error(`problem ${i} not derived: ${JSON.stringify(distinctProblem(i))}`);
  }
}

// Warm-up: the built-in rules loaded and each kind of problem derived a few times.
for (let i = 1; i <= 50; i++) derived(-i);
const baseMB = await heapMB();
const rows = [];
const t0 = performance.now();
for (let i = 0; i < checkpoints.at(-1); ) {
  derived(i++);
  await new Promise((resolve) => setImmediate(resolve));
  if (checkpoints.includes(i)) {
    const mb = await heapMB();
    rows.push({ problems: i, heapMB: mb, growthKBPerProblem: ((mb - baseMB) * 1024) / i, seconds: (performance.now() - t0) / 1000 });
  }
}

if (bundle) rmSync(dirname(bundle), { recursive: true, force: true });
if (opts.json) console.log(JSON.stringify({ baseMB, rows }));
else {
  console.log(`heap after GC, after warm-up: ${baseMB.toFixed(1)} MB`);
  console.log('problems  heap MB  growth KB/problem  seconds');
  for (const r of rows) {
    console.log(`${String(r.problems).padStart(8)}  ${r.heapMB.toFixed(1).padStart(7)}  ${r.growthKBPerProblem.toFixed(2).padStart(17)}  ${r.seconds.toFixed(1).padStart(7)}`);
  }
}
