// The cost of interning on the hot path: the seed (formula 8-13) derived 2000 times in
// process after warm-up (median per call), and the deep chain of n sigmoid layers, first
// call in a new process. Compares builds: `--dist DIR` (repeatable) names each build's dist/
// folder (default ./dist); the seed runs take turns between builds, so they see one load.
//
//   npm run build && node bench/intern-speed.mjs [--dist DIR]... [--n 1000] [--runs 5]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { deepChain } from './deep-chain.mjs';

const ROOT = join(import.meta.dirname, '..');
const { values: opts } = parseArgs({ options: { dist: { type: 'string', multiple: true }, n: { type: 'string', default: '1000' }, runs: { type: 'string', default: '5' }, child: { type: 'string' } } });
/** The core's path in build `dist`, as bench/run.mjs times it: parse + derive + simplify + check + expectation. */
async function engine(dist, text) {
  const load = (f) => import(pathToFileURL(join(dist, f)).href);
  const [{ runProblem }, { parseProblem }, { builtinRules }] = await Promise.all([load('api/derive.js'), load('parse/problem.js'), load('rules/builtin.js')]);
  const rules = builtinRules();
  return { derive: () => runProblem(parseProblem(text, 'bench.grad', { functions: rules.functions }), { rules }) };
}
const dists = (opts.dist ?? [join(ROOT, 'dist')]).map((d) => resolve(d));

if (opts.child) {
  // In a new process: the deep chain's first call, after the rules are loaded.
  const { derive } = await engine(opts.child, deepChain(Number(opts.n)));
  const t = performance.now();
  const outcome = derive();
  console.log(JSON.stringify({ ms: performance.now() - t, steps: outcome.proof.steps.length }));
  process.exit(0);
}

const seedText = readFileSync(join(ROOT, 'examples', 'bce-sigmoid.grad'), 'utf8');
const engines = await Promise.all(dists.map((d) => engine(d, seedText)));
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ms = engines.map(() => []);
for (let i = 0; i < 1000; i++) for (const e of engines) e.derive();
for (let i = 0; i < 2000; i++) {
  engines.forEach((e, k) => {
    const t = performance.now();
    e.derive();
    ms[k].push(performance.now() - t);
  });
}
// The deep chain in new processes, taking turns between builds too.
const deep = dists.map(() => []);
for (let r = 0; r < Number(opts.runs); r++) {
  dists.forEach((d, k) => {
    const c = spawnSync(process.execPath, [import.meta.filename, '--child', d, '--n', opts.n], { encoding: 'utf8' });
    if (c.status !== 0) throw new Error(c.stderr);
    deep[k].push(JSON.parse(c.stdout).ms);
  });
}
for (const [k, d] of dists.entries()) {
  const first = deep[k].map((x) => x.toFixed(0)).join(', ');
  console.log(`${d}: seed median ${median(ms[k]).toFixed(4)} ms; deep chain n=${opts.n} first call ${first} ms (median ${median(deep[k]).toFixed(0)}, min ${Math.min(...deep[k]).toFixed(0)})`);
}
