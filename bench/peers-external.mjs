// SymPy (diff + simplify) and Maxima (diff + ratsimp) on the cases of bench/run.mjs, added
// as columns to its results: reads bench/results.json, writes it and bench/results.md again.
//
//   node bench/peers-external.mjs [--results FILE.json] [--quick]
//
// Each runs in a process of its own, stopped at the same time limit as the JavaScript peers.
// A peer that is not installed (`python3` with `sympy`; Debian's `maxima`) is reported so.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SEED_INLINED, SEED_TEXTBOOK, deepChainInlined } from './deep-chain.mjs';
import { ROOT, buildEngine, loadEngine } from './source.mjs';
import { median, render } from './report.mjs';

const { values: opts } = parseArgs({ options: { results: { type: 'string' }, quick: { type: 'boolean', default: false } } });
const file = resolve(opts.results ?? join(ROOT, 'bench', 'results.json'));
const results = JSON.parse(readFileSync(file, 'utf8'));
const runs = opts.quick || results.quick ? 2 : 10;

// SymPy: the first call, then `runs` more when it took under a second; JSON on stdout.
const SYMPY = `
import json, sys, time
import sympy as sp
expr, wrt, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
e = sp.sympify(expr)
w = sp.Symbol(wrt)
t = time.perf_counter(); r = sp.simplify(sp.diff(e, w)); first = (time.perf_counter() - t) * 1000
warm = []
if first < 1000:
    for _ in range(runs):
        t = time.perf_counter(); sp.simplify(sp.diff(e, w)); warm.append((time.perf_counter() - t) * 1000)
s = str(r)
print(json.dumps({"first": first, "warm": warm, "chars": len(s), "result": s[:200]}))
`;

// Maxima: one call, then, when it took under a second, a loop of calls timed as a whole
// (its clock counts hundredths of a second): 2000 calls for a fast case, else \`runs\`.
const maximaScript = (expr, wrt) => `display2d: false$
e: ${expr}$
t0: elapsed_real_time()$
r: ratsimp(diff(e, ${wrt}))$
first: elapsed_real_time() - t0$
k: if first < 0.05 then 2000 else ${runs}$
t0: elapsed_real_time()$
if first < 1 then for i: 1 thru k do ratsimp(diff(e, ${wrt}))$
per: (elapsed_real_time() - t0) / k$
s: string(r)$
print("RESULT", first * 1000, if first < 1 then per * 1000 else -1, slength(s))$
print("FORM", s)$
`;

const has = (cmd, args) => spawnSync(cmd, args, { encoding: 'utf8' }).status === 0;
const sympyMissing = has('python3', ['-c', 'import sympy']) ? undefined : 'not installed (python3 with sympy)';
const maximaMissing = has('maxima', ['--version']) ? undefined : 'not installed (maxima)';

const engineFile = await buildEngine();
const gp = await loadEngine(engineFile);
rmSync(dirname(engineFile), { recursive: true, force: true });
const read = (s) => {
  try {
    return gp.parse(s.replace(/\*\*/g, '^').replace(/%e/g, 'e'));
  } catch {
    return undefined;
  }
};
const textbook = (id, s) => (id === 'seed' ? SEED_TEXTBOOK.some((t) => read(t) === read(s) && read(s) !== undefined) : null);

for (const c of results.peerCases) {
  const [expr, wrt] = c.id === 'seed' ? [SEED_INLINED, 'z'] : [deepChainInlined(c.n), 'w1'];
  const timeout = results.peerTimeout;
  if (sympyMissing) c.peers.sympy = { missing: sympyMissing };
  else {
    const r = spawnSync('python3', ['-c', SYMPY, expr, wrt, String(runs)], { encoding: 'utf8', timeout, maxBuffer: 1 << 26 });
    if (r.error?.code === 'ETIMEDOUT' || r.signal) c.peers.sympy = { timeout };
    else if (r.status !== 0) c.peers.sympy = { error: r.stderr.trim().split('\n').pop() };
    else {
      const j = JSON.parse(r.stdout.trim().split('\n').pop());
      c.peers.sympy = { firstMs: j.first, warmMs: j.warm.length ? median(j.warm) : undefined, chars: j.chars, textbook: textbook(c.id, j.result) };
    }
  }
  if (maximaMissing) c.peers.maxima = { missing: maximaMissing };
  else {
    const r = spawnSync('maxima', ['--very-quiet', `--batch-string=${maximaScript(expr, wrt)}`], { encoding: 'utf8', timeout, maxBuffer: 1 << 26 });
    const line = /RESULT\s+(\S+)\s+(\S+)\s+(\d+)/.exec(r.stdout ?? '');
    const form = /FORM\s+(.*)/.exec(r.stdout ?? '');
    // Maxima reports a Lisp error and carries on, with r unbound.
    const lisp = /Maxima encountered a Lisp error:\s*\n\s*\n?\s*(.*)/.exec(r.stdout ?? '');
    if (r.error?.code === 'ETIMEDOUT' || r.signal) c.peers.maxima = { timeout };
    else if (lisp) c.peers.maxima = { error: lisp[1].replace(/^Condition in .*?: /, '').trim() };
    else if (!line) c.peers.maxima = { error: (r.stderr || r.stdout || '').trim().split('\n').pop() ?? 'no result' };
    else {
      const warm = Number(line[2]);
      c.peers.maxima = { firstMs: Number(line[1]), warmMs: warm >= 0 ? warm : undefined, chars: Number(line[3]), textbook: textbook(c.id, form?.[1] ?? '') };
    }
  }
}
results.peerNotes = [
  `SymPy: ${sympyMissing ?? `python3 with sympy ${spawnSync('python3', ['-c', 'import sympy; print(sympy.__version__)'], { encoding: 'utf8' }).stdout.trim()}`}, \`diff\` + \`simplify\`. Maxima: ${maximaMissing ?? spawnSync('maxima', ['--version'], { encoding: 'utf8' }).stdout.trim()}, \`diff\` + \`ratsimp\`, its warm time the mean of a loop (its clock is coarse). Added by \`node bench/peers-external.mjs\`.`,
];
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
const md = file.replace(/\.json$/, '.md');
writeFileSync(md, render(results));
process.stdout.write(`${render(results)}\nwritten to ${md}\n`);
