// gradproof on the peers' corpus (test/corpus/peers.json), against SymPy's recorded results
// (test/corpus/sympy.json): a table per peer, the refusals grouped by reason, and every
// wrong result, refuted expectation and unchecked result by case.
//
//   npm run build && node scripts/corpus.mjs [--json FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { refusals, runCase, tally } from './corpus-run.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = parseArgs({ options: { json: { type: 'string' } } });
const { derive } = await import(join(ROOT, 'dist', 'index.js'));
const cases = JSON.parse(readFileSync(join(ROOT, 'test', 'corpus', 'peers.json'), 'utf8')).cases;
const sympy = JSON.parse(readFileSync(join(ROOT, 'test', 'corpus', 'sympy.json'), 'utf8')).results;

const records = cases.map((c) => runCase(derive, c, sympy[c.id]));
const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(0)}%` : '-');
const rows = tally(records);
const header = ['peer', 'cases', 'gradproof', 'SymPy', 'correct', 'wrong', 'expected proven'];
const table = rows.map((r) => [r.peer, r.cases, r.handled, r.sympy, r.correct, r.wrong, `${r.proven} (${pct(r.proven, r.handled)} of handled, ${pct(r.proven, r.cases)} of all)`]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => String(t[i]).length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
console.log(line(header));
for (const t of table) console.log(line(t));

console.log('\nRefusals by reason:');
for (const [group, details] of refusals(records)) {
  const n = [...details.values()].reduce((s, ids) => s + ids.length, 0);
  console.log(`  ${group} (${n})`);
  for (const [detail, ids] of [...details].sort((a, b) => b[1].length - a[1].length)) console.log(`    ${detail || '-'} (${ids.length}): ${ids.join(', ')}`);
}
const list = (title, rs, show) => {
  if (!rs.length) return;
  console.log(`\n${title} (${rs.length}):`);
  for (const r of rs) console.log(`  ${r.id}  d/d${r.wrt} ${r.expr}  →  ${show(r)}`);
};
const handled = records.filter((r) => r.handled);
list('WRONG results', handled.filter((r) => r.wrong.length || r.sympyWrong.length), (r) => `${r.result}  ${r.error ?? JSON.stringify(r.wrong[0] ?? r.sympyWrong[0])}`);
list('FALSE STATEMENTS PROVEN', handled.filter((r) => r.onFalse.some((f) => f.verdict === 'proven')), (r) => r.onFalse.filter((f) => f.verdict === 'proven').map((f) => f.form).join('; '));
list('Refuted expectations', handled.filter((r) => r.expected.verdict === 'refuted'), (r) => `${r.result}; expected ${cases.find((c) => c.id === r.id).expected}`);
list('Unchecked (the result is defined at no sample point)', handled.filter((r) => !r.error && r.compared === 0), (r) => r.result);
list('Expected form not proven', handled.filter((r) => r.expected.verdict !== 'proven' && r.expected.verdict !== 'refuted'), (r) => `${r.result}  [${r.expected.verdict}: ${r.expected.evidence ?? ''}]`);
if (opts.json) writeFileSync(opts.json, JSON.stringify({ rows, records }, null, 1));
