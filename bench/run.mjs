// The benchmarks of issue 7. `npm run bench` builds, then runs this file; it writes
// bench/results.md (and the numbers as bench/results.json, which bench/peers-external.mjs
// reads to add SymPy's and Maxima's columns):
//
//   (a) formula 8-13 in process: derive + check (+ render), warm median, and a first call;
//   (b) the command as a whole process, next to `node -e 0`, taking turns in the same run;
//   (c) every example in examples/, in process, warm;
//   (d) deep chains, n = 1, 10, 100, 1000 sigmoid layers, each in a new process;
//   (e) mathjs and nerdamer on the seed and on deep chains, each in a process of its own with
//       a time limit.
//
//   node bench/run.mjs [--quick] [--out FILE] [--cli PATH]
//
// --quick: a tiny run (few repetitions, small cases, output to a temporary file unless --out
// says where), to check that the benchmark works; --cli: the built command to time (default
// dist/cli/main.js). No dependency: a small timing loop, medians and p90.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { ROOT, buildEngine, loadEngine } from './source.mjs';
import { median, quantile, render, settled } from './report.mjs';

const { values: opts } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string' }, cli: { type: 'string' } } });
const quick = opts.quick;
const out = resolve(opts.out ?? (quick ? join(os.tmpdir(), 'gradproof-bench-quick.md') : join(ROOT, 'bench', 'results.md')));
const cli = resolve(opts.cli ?? join(ROOT, 'dist', 'cli', 'main.js'));

// Warm means steady: untimed calls for at least warmupMs first, so that V8 has optimised the
// hot functions (after 50 calls the seed still runs at twice its settled time).
const IN_PROCESS = quick ? { warmup: 5, runs: 20 } : { warmup: 500, warmupMs: 1000, runs: 2000 };
const EXAMPLE = quick ? { warmup: 2, runs: 5 } : { warmup: 50, warmupMs: 200, runs: 200 };
const PROCESS = quick ? { warmup: 1, runs: 3 } : { warmup: 3, runs: 30 };
const DEEP = quick ? [1, 10] : [1, 10, 100, 1000];
// Calls of each deep chain in its process: the first, then enough for a settled median.
const deepRuns = (n) => (quick ? 2 : n <= 1 ? 2000 : n <= 10 ? 300 : n <= 100 ? 20 : 4);
const PEER_TIMEOUT = quick ? 20_000 : 30_000;
const PEER_CASES = quick ? ['seed'] : ['seed', 'deep:1', 'deep:10', 'deep:100'];

/** Milliseconds of each of `runs` calls of `f`, after at least `warmup` untimed calls and `warmupMs` of them. */
function time(f, { warmup, warmupMs = 0, runs }) {
  const until = performance.now() + warmupMs;
  for (let i = 0; i < warmup || performance.now() < until; i++) f();
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    ms.push(performance.now() - t);
  }
  return ms;
}

/** The same, for several functions taking turns, so that they see the same machine load. */
function timeInterleaved(fs, { warmup, runs }) {
  for (let i = 0; i < warmup; i++) fs.forEach((f) => f());
  const ms = fs.map(() => []);
  for (let i = 0; i < runs; i++) {
    fs.forEach((f, k) => {
      const t = performance.now();
      f();
      ms[k].push(performance.now() - t);
    });
  }
  return ms;
}

/** A child process's JSON answer, or why there is none. */
function child(args, timeout) {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout, maxBuffer: 1 << 26 });
  if (r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGTERM') return { timeout };
  if (r.status !== 0) {
    // The error's own line (a crash ends with Node's version), else the last line.
    const lines = (r.stderr || `exit ${r.status}`).trim().split('\n');
    return { error: (lines.find((l) => /^\w*(Error|Exception)\b/.test(l)) ?? lines.pop()).trim() };
  }
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const engineFile = await buildEngine();
const gp = await loadEngine(engineFile);
const rules = gp.builtinRules();
const problem = (file) => readFileSync(join(ROOT, file), 'utf8');
const derive = (text, file) => gp.runProblem(gp.parseProblem(text, file, { functions: rules.functions }), { rules });

// (a)
const SEED = 'examples/bce-sigmoid.grad';
const seedText = problem(SEED);
const deriveMs = time(() => derive(seedText, SEED), IN_PROCESS);
const renderMs = time(() => gp.formatOutcome(derive(seedText, SEED), 'text', 'en', false), IN_PROCESS);
const cold = child([join(ROOT, 'bench', 'child.mjs'), engineFile, 'cold', SEED], 60_000);
const rulesCold = child(['--input-type=module', '-e', `const t = performance.now(); (await import(${JSON.stringify(pathToFileURL(engineFile).href)})).builtinRules(); console.log(JSON.stringify({ ms: performance.now() - t }));`], 60_000);

// (b): every example must derive with the command (exit 0) before anything is timed.
const run = (args) => () => execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'pipe' });
const files = readdirSync(join(ROOT, 'examples')).filter((n) => n.endsWith('.grad')).sort().map((n) => `examples/${n}`);
const examples = quick ? files.slice(0, 3) : files;
run([cli, 'derive', SEED])();
const [cliMs, nodeMs] = timeInterleaved([run([cli, 'derive', SEED]), run(['-e', '0'])], PROCESS);

// (c)
const perExample = examples.map((file) => {
  const text = problem(file);
  const steps = derive(text, file).proof.steps.length;
  const ms = time(() => derive(text, file), EXAMPLE);
  return { file, median: median(ms), p90: quantile(ms, 0.9), steps };
});

// (d)
const deep = DEEP.map((n) => ({ n, ...child([join(ROOT, 'bench', 'child.mjs'), engineFile, 'deep', String(n), String(deepRuns(n))], 600_000) }));

// (e)
const seedMedian = median(deriveMs);
const peerCases = PEER_CASES.map((c) => {
  const n = c === 'seed' ? undefined : Number(c.split(':')[1]);
  // Warm against warm: the seed's median, a deep chain's settled calls.
  const d = deep.find((x) => x.n === n);
  const gradproofMs = n === undefined ? seedMedian : d?.ms ? settled(d.ms) : undefined;
  const peers = {};
  for (const peer of ['mathjs', 'nerdamer']) {
    const r = child([join(ROOT, 'bench', 'peers-js.mjs'), engineFile, peer, c, quick ? '2' : '10'], PEER_TIMEOUT);
    peers[peer] = r.timeout || r.error ? r : { firstMs: r.first, warmMs: r.warm.length ? median(r.warm) : undefined, textbook: r.textbook, chars: r.chars, loadMs: r.loadMs };
  }
  return { id: c, label: n === undefined ? 'formula 8-13 (BCE through a sigmoid), ∂L/∂z' : `deep chain, n = ${n}, ∂L/∂w1`, n, gradproofMs, peers };
});

const cpus = os.cpus();
const results = {
  quick,
  machine: `${cpus[0]?.model?.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.platform()} ${os.arch()}`,
  node: process.version,
  date: new Date().toISOString().slice(0, 10),
  command: quick ? 'node bench/run.mjs --quick' : 'npm run bench',
  note:
    'The engine keeps memo tables keyed by interned nodes (pure functions only: equality of rational functions, a rule at a node, the simplifier\'s first move at a node), so a warm run of a problem seen before reuses them; the first-call figures are without them. The kernel still replays every step.',
  seed: {
    derive: { median: median(deriveMs), p90: quantile(deriveMs, 0.9) },
    render: { median: median(renderMs), p90: quantile(renderMs, 0.9) },
    cold: cold.ms,
    rulesCold: rulesCold.ms,
  },
  cli: { path: cli.startsWith(ROOT) ? cli.slice(ROOT.length + 1) : cli, median: median(cliMs), p90: quantile(cliMs, 0.9), nodeMedian: median(nodeMs), nodeP90: quantile(nodeMs, 0.9) },
  examples: perExample,
  deep,
  peerTimeout: PEER_TIMEOUT,
  peerCases,
  peerNotes: ['SymPy and Maxima: `node bench/peers-external.mjs` adds their columns when they are installed.'],
};
writeFileSync(out.replace(/\.md$/, '') + '.json', `${JSON.stringify(results, null, 2)}\n`);
const text = render(results);
writeFileSync(out, text);
rmSync(dirname(engineFile), { recursive: true, force: true });
process.stdout.write(`${text}\nwritten to ${out}\n`);
