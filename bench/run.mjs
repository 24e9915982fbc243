// Benchmarks of the built dist/: `npm run bench` builds, then runs this file.
//
//   (a) formula 8-13 in process, warm: parse the problem file's text, derive, simplify,
//       check the proof and decide the expectation (runProblem ∘ parseProblem);
//   (b) the CLI as a whole process, next to `node -e 0`, interleaved in the same run;
//   (c) every file in examples/, in process and as a process.
//
// No dependency: a small timing loop (warm-up, then N timed runs; median and p90).
// Writes bench/results.md and prints the same table.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(join(root, 'dist', p));
const { runProblem } = await dist('api/derive.js');
const { parseProblem } = await dist('parse/problem.js');
const { builtinRules } = await dist('rules/builtin.js');
const { loadRules } = await dist('rules/load.js');
const { BUILTIN_RULE_FILES } = await dist('rules/builtin-text.js');

const IN_PROCESS = { warmup: 20, runs: 200 };
const PROCESS = { warmup: 2, runs: 20 };

/** Milliseconds of each of `runs` calls of `f`, after `warmup` untimed calls. */
function time(f, { warmup, runs }) {
  for (let i = 0; i < warmup; i++) f();
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

function quantile(ms, q) {
  const s = [...ms].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.ceil(i)] - s[lo]) * (i - lo);
}
const median = (ms) => quantile(ms, 0.5);
const p90 = (ms) => quantile(ms, 0.9);
const f2 = (x) => x.toFixed(2);
const f0 = (x) => x.toFixed(0);

const node = process.execPath;
const cli = join(root, 'dist', 'cli', 'main.js');
const run = (args) => () => execFileSync(node, args, { cwd: root, stdio: 'pipe' });
const inProcess = (file) => {
  const text = readFileSync(join(root, file), 'utf8');
  const rules = builtinRules();
  const options = { functions: rules.functions };
  return () => runProblem(parseProblem(text, file, options), { rules });
};

// Every example must derive before it is timed (exit 0: every expectation proven).
const examples = readdirSync(join(root, 'examples')).filter((n) => n.endsWith('.grad')).sort();
for (const n of examples) run([cli, 'derive', `examples/${n}`])();

const seed = 'examples/bce-sigmoid.grad';
const rulesLoad = time(() => loadRules(BUILTIN_RULE_FILES), { warmup: 3, runs: 30 });
const a = time(inProcess(seed), IN_PROCESS);
const [cliMs, nodeMs] = timeInterleaved([run([cli, 'derive', seed]), run(['-e', '0'])], PROCESS);
const perExample = examples.map((n) => {
  const file = `examples/${n}`;
  return { file, inProcess: time(inProcess(file), IN_PROCESS), process: time(run([cli, 'derive', file]), PROCESS) };
});

const cpus = os.cpus();
const lines = [
  '# Benchmarks',
  '',
  `Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, Node ${process.version}, ${os.platform()} ${os.arch()}. Date: ${new Date().toISOString().slice(0, 10)}.`,
  '',
  `Run by \`npm run bench\` (build, then \`node bench/run.mjs\`). In process: ${IN_PROCESS.warmup} warm-up runs, then ${IN_PROCESS.runs} timed; as a process: ${PROCESS.warmup} warm-up, then ${PROCESS.runs} timed, the CLI and \`node -e 0\` taking turns. Times in milliseconds.`,
  '',
  '| what | median ms | p90 ms |',
  '|---|---:|---:|',
  `| (a) formula 8-13 in process, warm: parse + derive + simplify + check + expectation | ${f2(median(a))} | ${f2(p90(a))} |`,
  `| loading and validating the built-in rules (once per process) | ${f2(median(rulesLoad))} | ${f2(p90(rulesLoad))} |`,
  `| (b) \`node dist/cli/main.js derive ${seed}\` | ${f0(median(cliMs))} | ${f0(p90(cliMs))} |`,
  `| (b) \`node -e 0\` | ${f0(median(nodeMs))} | ${f0(p90(nodeMs))} |`,
  `| (b) difference of the medians: gradproof's own cost per command | ${f0(median(cliMs) - median(nodeMs))} | |`,
  '',
  '(c) Every example:',
  '',
  '| example | in process, median ms | p90 ms | whole process, median ms |',
  '|---|---:|---:|---:|',
  ...perExample.map((e) => `| ${e.file} | ${f2(median(e.inProcess))} | ${f2(p90(e.inProcess))} | ${f0(median(e.process))} |`),
  '',
];
const text = lines.join('\n');
writeFileSync(join(root, 'bench', 'results.md'), text);
process.stdout.write(text);
