// bench/results.md from the measurements (bench/results.json), shared by bench/run.mjs and
// bench/peers-external.mjs (which adds SymPy's and Maxima's columns and writes it again).

const f2 = (x) => (x === undefined || x === null ? '' : x < 0.1 ? x.toFixed(3) : x.toFixed(2));
const f0 = (x) => (x === undefined || x === null ? '' : x.toFixed(0));
const ms = (x) => (x === undefined || x === null ? '' : x >= 100 ? f0(x) : f2(x));

/** A peer's cell: its time (warm median when it had one, else the first call), or why there is none. */
function peerCell(p, gradproofMs) {
  if (!p) return 'not run';
  if (p.missing) return p.missing;
  if (p.timeout) return `stopped after ${(p.timeout / 1000).toFixed(0)} s`;
  if (p.error) return `error: ${p.error.slice(0, 60)}`;
  const t = p.warmMs ?? p.firstMs;
  const ratio = gradproofMs ? ` (${(t / gradproofMs).toFixed(t / gradproofMs >= 10 ? 0 : 1)}×)` : '';
  const form = p.textbook === null || p.textbook === undefined ? '' : p.textbook ? ', textbook form' : ', not the textbook form';
  return `${ms(t)} ms${p.warmMs === undefined ? ' (one call)' : ''}${ratio}${form}`;
}

/**
 * The warm time of a deep chain: the median of the second half of its calls (at least the
 * calls after the first), the first half being the warm-up in which V8 optimises.
 */
export const settled = (ms) => (ms.length > 1 ? median(ms.slice(Math.max(1, ms.length >> 1))) : ms[0]);

export function render(r) {
  const L = [];
  L.push('# Benchmarks', '');
  L.push(`Machine: ${r.machine}. Node ${r.node}. Date: ${r.date}.${r.quick ? ' **Quick run** (`--quick`): few repetitions, small cases; not for comparison.' : ''}`, '');
  L.push(`Run by \`${r.command}\`. Times in milliseconds; a median is over the timed runs after untimed warm-up runs. ${r.note}`, '');
  L.push('## (a) Formula 8-13 in process', '');
  L.push('| what | median | p90 |', '|---|---:|---:|');
  L.push(`| parse + derive + simplify + check (kernel replay) + expectation, warm | ${f2(r.seed.derive.median)} | ${f2(r.seed.derive.p90)} |`);
  L.push(`| the same + render as text, warm | ${f2(r.seed.render.median)} | ${f2(r.seed.render.p90)} |`);
  L.push(`| the same, first call in a new process (rules loaded; no memo filled yet) | ${f2(r.seed.cold)} | |`);
  L.push(`| loading the built-in rules, first call in a new process | ${f2(r.seed.rulesCold)} | |`);
  L.push('');
  L.push('## (b) The command as a whole process', '');
  L.push('| command | median | p90 |', '|---|---:|---:|');
  L.push(`| \`node ${r.cli.path} derive examples/bce-sigmoid.grad\` | ${f0(r.cli.median)} | ${f0(r.cli.p90)} |`);
  L.push(`| \`node -e 0\`, taking turns with it | ${f0(r.cli.nodeMedian)} | ${f0(r.cli.nodeP90)} |`);
  L.push(`| **difference of the medians: gradproof's own start-up and work** | **${f0(r.cli.median - r.cli.nodeMedian)}** | |`);
  L.push('');
  L.push('## (c) Every example, in process, warm', '');
  L.push('| example | median | p90 | steps |', '|---|---:|---:|---:|');
  for (const e of r.examples) L.push(`| ${e.file} | ${f2(e.median)} | ${f2(e.p90)} | ${e.steps} |`);
  L.push('');
  L.push('## (d) Deep chains', '');
  L.push('n sigmoid layers `z_k = w_k*a_(k-1) + b_k`, `a_k = sigmoid(z_k)`, binary cross-entropy on `a_n`, `∂L/∂w1`; each n in a new process. "First" is the first call there; "again" the median of the second half of the calls in the same process (the first half warms up V8; memo tables filled). Result size is in the intermediates\' names: factors of the product and characters as printed. Peak memory is the process\'s peak resident set, Node itself included: after the first derivation, and after all the calls.', '');
  L.push('| n | first | again (calls) | textbook form | result factors | result characters | steps | peak memory MB, one derivation | peak memory MB, all calls |', '|---:|---:|---:|---|---:|---:|---:|---:|---:|');
  for (const d of r.deep) {
    const again = d.ms.length > 1 ? `${ms(settled(d.ms))} (${d.ms.length})` : '';
    L.push(`| ${d.n} | ${ms(d.ms[0])} | ${again} | ${d.textbook ? 'yes' : 'no'} | ${d.factors} | ${d.chars} | ${d.steps} | ${f0(d.firstRssMB)} | ${f0(d.maxRssMB)} |`);
  }
  const d100 = r.deep.find((d) => d.n === 100);
  const d1000 = r.deep.find((d) => d.n === 1000);
  if (d100 && d1000) L.push('', `time(1000)/time(100), first calls: ${(d1000.ms[0] / d100.ms[0]).toFixed(1)}.`);
  L.push('');
  L.push('## (e) Peers on the same cases', '');
  L.push(`Each peer runs in a process of its own, stopped after ${(r.peerTimeout / 1000).toFixed(0)} s. Its time is the warm median when the first call took under a second, else that one call; the ratio is to gradproof's warm time on the case (the seed: (a), parse and kernel replay included; a deep chain: (d) "again"); below 1, the peer is faster. "Textbook form" for the seed: the output is σ(z) − y spelled \`1/(1 + exp(-z)) - y\` or \`exp(z)/(1 + exp(z)) - y\`, the same tree up to the order of operands; the peers have no named intermediates, so for deep chains there is no such form to reach.`, '');
  const peers = ['mathjs', 'nerdamer', 'sympy', 'maxima'];
  L.push(`| case | gradproof | ${peers.join(' | ')} |`, `|---|---:|${peers.map(() => '---|').join('')}`);
  for (const c of r.peerCases) {
    L.push(`| ${c.label} | ${ms(c.gradproofMs)} ms | ${peers.map((p) => peerCell(c.peers[p], c.gradproofMs)).join(' | ')} |`);
  }
  if (r.peerNotes?.length) L.push('', ...r.peerNotes);
  L.push('');
  return L.join('\n');
}

export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.ceil(i)] - s[lo]) * (i - lo);
}
export const median = (xs) => quantile(xs, 0.5);
