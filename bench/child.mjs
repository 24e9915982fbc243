// One measurement in a fresh process, printed as JSON on stdout (run by bench/run.mjs):
//
//   node bench/child.mjs ENGINE cold FILE      the first derive + check + render of a problem
//                                              file in a new process (rules already loaded)
//   node bench/child.mjs ENGINE deep N RUNS    the deep chain of n layers, RUNS times: each
//                                              time, whether its result is the textbook form,
//                                              its size, and the process's peak memory
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { deepChain, deepChainExpected } from './deep-chain.mjs';
import { ROOT, loadEngine } from './source.mjs';

const [engineFile, what, arg, runsArg] = process.argv.slice(2);
const gp = await loadEngine(engineFile);
const rules = gp.builtinRules();
const derive = (text, source) => gp.runProblem(gp.parseProblem(text, source, { functions: rules.functions }), { rules });

if (what === 'cold') {
  const text = readFileSync(join(ROOT, arg), 'utf8');
  const t = performance.now();
  gp.formatOutcome(derive(text, arg), 'text', 'en', false);
  console.log(JSON.stringify({ ms: performance.now() - t }));
} else if (what === 'deep') {
  const n = Number(arg);
  const text = deepChain(n);
  const expected = gp.parse(deepChainExpected(n));
  const ms = [];
  let outcome;
  let firstRssMB;
  for (let i = 0; i < Number(runsArg ?? 1); i++) {
    const t = performance.now();
    outcome = derive(text, `deep-${n}.grad`);
    ms.push(performance.now() - t);
    firstRssMB ??= process.resourceUsage().maxRSS / 1024;
  }
  const result = outcome.proof.result;
  console.log(
    JSON.stringify({
      ms,
      textbook: result === expected,
      // The result in the intermediates' names: its factors and its length as printed.
      factors: result.kind === 'mul' ? result.args.length : 1,
      chars: gp.toAscii(result).length,
      steps: outcome.proof.steps.length,
      firstRssMB,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
    }),
  );
} else {
  console.error(`unknown measurement '${what}'`);
  process.exit(2);
}
