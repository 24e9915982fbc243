// A JavaScript peer on one case, in a process of its own so that bench/run.mjs can stop it
// at a time limit; prints JSON on stdout:
//
//   node bench/peers-js.mjs ENGINE mathjs|nerdamer seed|deep:N RUNS
//
// mathjs: derivative + simplify; nerdamer: diff + simplify. The first call is timed, then,
// if it took under a second, RUNS more whose median is the warm time.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SEED_INLINED, SEED_TEXTBOOK, deepChainInlined } from './deep-chain.mjs';
import { ROOT, loadEngine } from './source.mjs';

const [engineFile, peer, which, runsArg] = process.argv.slice(2);
const require = createRequire(join(ROOT, 'package.json'));
const [expr, wrt] = which === 'seed' ? [SEED_INLINED, 'z'] : [deepChainInlined(Number(which.split(':')[1])), 'w1'];

let t = performance.now();
let run;
if (peer === 'mathjs') {
  const math = require('mathjs');
  run = () => math.simplify(math.derivative(expr, wrt)).toString();
} else if (peer === 'nerdamer') {
  const nerdamer = require('nerdamer');
  require('nerdamer/Calculus');
  require('nerdamer/Algebra');
  run = () => nerdamer(`simplify(${nerdamer.diff(expr, wrt).toString()})`).toString();
} else {
  console.error(`unknown peer '${peer}'`);
  process.exit(2);
}
const loadMs = performance.now() - t;
t = performance.now();
const result = run();
const first = performance.now() - t;
const warm = [];
if (first < 1000) {
  for (let i = 0; i < Number(runsArg ?? 5); i++) {
    t = performance.now();
    run();
    warm.push(performance.now() - t);
  }
}

// The textbook form, for the seed: its output is sigmoid(z) - y in one of the usual
// spellings, as the same tree up to the order of operands (read by gradproof's parser).
let textbook = null;
if (which === 'seed') {
  const gp = await loadEngine(engineFile);
  const read = (s) => {
    try {
      return gp.parse(s.replace(/\*\*/g, '^').replace(/%e/g, 'e'));
    } catch {
      return undefined;
    }
  };
  const got = read(result);
  textbook = got !== undefined && SEED_TEXTBOOK.some((s) => read(s) === got);
}
console.log(JSON.stringify({ loadMs, first, warm, chars: result.length, result: result.slice(0, 200), textbook }));
