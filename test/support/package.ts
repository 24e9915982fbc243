/**
 * The package as npm would publish it, built once per test run: the project is copied
 * (without node_modules, dist, .git and the tests) to a scratch folder, built there with
 * `npm run build`, packed with `npm pack`, and the tarball unpacked. Never in the working
 * tree's dist/, which other work rebuilds at any time.
 *
 * The test files that need it share one build: the first to ask makes it under a lock
 * (a directory only one process can create), the others wait until it is there.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT } from './source.js';

export interface Packed {
  /** The `.tgz` that `npm pack` wrote. */
  readonly tarball: string;
  /** The tarball unpacked: the package as installed, with node_modules linked to ours (offline). */
  readonly dir: string;
  /** The files the tarball holds, relative to the package. */
  readonly files: readonly string[];
}

// Outside the project: a folder cannot be copied into itself.
const CACHE = join(tmpdir(), 'gradproof-pack');
/** Not copied: installed, built, version control, and what the package never ships. */
const SKIP = new Set(['node_modules', 'dist', '.git', 'test', 'bench']);

/** Runs a command; its output, or an error with everything it printed. */
export function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env, timeout: 300_000 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited with ${r.status}\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** The packed package of this test run (vitest's workers share the main process as parent). */
export function packedPackage(): Packed {
  mkdirSync(CACHE, { recursive: true });
  removeStale();
  const base = join(CACHE, String(process.ppid));
  const result = join(base, 'packed.json');
  const failed = join(base, 'failed.txt');
  let owner = true;
  try {
    mkdirSync(base);
  } catch {
    owner = false;
  }
  if (owner) {
    try {
      writeFileSync(result, JSON.stringify(build(base)));
    } catch (err) {
      writeFileSync(failed, (err as Error).message);
      throw err;
    }
  }
  const pause = new Int32Array(new SharedArrayBuffer(4));
  // The owner's build takes seconds; a waiter gives up after ten minutes.
  for (let waited = 0; !existsSync(result) && !existsSync(failed) && waited < 600_000; waited += 200) Atomics.wait(pause, 0, 0, 200);
  if (existsSync(failed)) throw new Error(`building the package failed:\n${readFileSync(failed, 'utf8')}`);
  if (!existsSync(result)) throw new Error('building the package took more than ten minutes');
  return JSON.parse(readFileSync(result, 'utf8')) as Packed;
}

function build(base: string): Packed {
  const project = join(base, 'project');
  cpSync(ROOT, project, { recursive: true, filter: (src) => !SKIP.has(relative(ROOT, src)) });
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
  run('npm', ['run', 'build', '--silent'], project);
  // The build ran just above; --ignore-scripts keeps prepack from running it again.
  const out = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', base], project);
  const [info] = JSON.parse(out) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const tarball = join(base, info!.filename);
  const unpacked = join(base, 'unpacked');
  mkdirSync(unpacked);
  run('tar', ['-xzf', tarball, '-C', unpacked], base);
  const dir = join(unpacked, 'package');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { tarball, dir, files: info!.files.map((f) => f.path).sort() };
}

/** Builds of test runs that have ended (their process is gone). */
function removeStale(): void {
  for (const name of readdirSync(CACHE)) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.ppid) continue;
    try {
      process.kill(pid, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') rmSync(join(CACHE, name), { recursive: true, force: true });
    }
  }
}

/** A fresh project folder whose `node_modules/gradproof` is the packed package (no network needed). */
export function projectUsing(packed: Packed, name: string): string {
  const dir = join(CACHE, String(process.ppid), `${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name, private: true, type: 'module' }, null, 2)}\n`);
  symlinkSync(packed.dir, join(dir, 'node_modules', 'gradproof'), 'dir');
  return dir;
}

/** One test of a vitest run, as its JSON reporter writes it. */
export interface VitestResult {
  readonly title: string;
  readonly status: string;
  readonly failureMessages: readonly string[];
}

/**
 * Runs vitest (ours, linked into `dir`) on the project in `dir`, with its own config,
 * outside our own run: vitest's variables are removed from the environment.
 */
export function runVitest(dir: string): { status: number | null; results: VitestResult[]; output: string } {
  const vitest = join(dir, 'node_modules', 'vitest');
  if (!existsSync(vitest)) symlinkSync(join(ROOT, 'node_modules', 'vitest'), vitest, 'dir');
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS' && k !== 'TEST'));
  const report = join(dir, 'report.json');
  rmSync(report, { force: true });
  const r = spawnSync(process.execPath, [join(vitest, 'vitest.mjs'), 'run', '--reporter=json', `--outputFile=${report}`], { cwd: dir, encoding: 'utf8', env, timeout: 300_000 });
  if (r.error) throw r.error;
  if (!existsSync(report)) throw new Error(`vitest wrote no report (exit ${r.status})\n${r.stdout}${r.stderr}`);
  const json = JSON.parse(readFileSync(report, 'utf8')) as { testResults: Array<{ assertionResults: VitestResult[] }> };
  return { status: r.status, results: json.testResults.flatMap((t) => t.assertionResults), output: r.stdout + r.stderr };
}
