// The README's catalogue: one row per examples/*.grad (loss, activation or network, the
// gradient gradproof derives, and the verdict on the file's `expect` line), written between
// <!-- catalogue:start --> and <!-- catalogue:end --> in README.md.
//
//   node scripts/catalogue-table.mjs                    rewrite README.md (npm run catalogue)
//   node scripts/catalogue-table.mjs --check            exit 1 if README.md is out of date
//   node scripts/catalogue-table.mjs --cli PATH         use another built cli/main.js
//
// The rows come from the built command (`derive FILE --format json`), so the table shows
// exactly what a user gets; the loss and the `let` lines are shown as the file writes them. renderTable and spliceReadme are pure; test/catalogue/ uses them.
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const START = '<!-- catalogue:start -->';
export const END = '<!-- catalogue:end -->';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The problem files, sorted: `examples/*.grad` under `root`. */
export function exampleFiles(root = ROOT) {
  return readdirSync(join(root, 'examples')).filter((n) => n.endsWith('.grad')).sort();
}

/** `derive examples/FILE --format json` with the built command at `cli`, run from `root`. */
function deriveJson(root, cli, file) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cli, 'derive', `examples/${file}`, '--format', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      // Exit 1 (an expectation not proven) still prints the JSON; the table shows the verdict.
      const code = err && typeof err.code === 'number' ? err.code : err ? undefined : 0;
      if (code === 0 || code === 1) {
        try {
          resolve(JSON.parse(stdout));
          return;
        } catch {
          // fall through: not JSON
        }
      }
      reject(new Error(`gradproof derive examples/${file} failed (${err?.code ?? 'no JSON'}):\n${stderr}`));
    });
  });
}

/** The statements of a problem file as written (comments after `#` dropped). */
function statements(text) {
  return text.split('\n').flatMap((raw) => {
    const line = raw.replace(/\r$/, '');
    const hash = line.indexOf('#');
    const m = /^\s*(\S+)\s+(.*\S)\s*$/.exec(hash >= 0 ? line.slice(0, hash) : line);
    return m ? [{ keyword: m[1], text: m[2] }] : [];
  });
}

/**
 * One row per example: what `renderTable` needs, taken from the command's JSON output.
 * @returns {Promise<import("./catalogue-table.d.mts").CatalogueRow[]>}
 */
export async function collectRows(root = ROOT, cli = join(ROOT, 'dist', 'cli', 'main.js')) {
  const files = exampleFiles(root);
  const rows = [];
  // A few at a time: each is a Node process.
  for (let i = 0; i < files.length; i += 6) {
    const batch = files.slice(i, i + 6);
    const outs = await Promise.all(batch.map((f) => deriveJson(root, cli, f)));
    outs.forEach((j, k) => {
      const m = /^diff\((\w+), (\w+(?:\[\w+\])?)\)$/.exec(j.goal);
      if (!m) throw new Error(`examples/${batch[k]}: unexpected goal ${j.goal}`);
      const lossName = m[1];
      const source = statements(readFileSync(join(root, 'examples', batch[k]), 'utf8'));
      const loss = source.find((st) => st.keyword === 'loss')?.text ?? lossName;
      rows.push({
        file: batch[k],
        title: j.title,
        loss: /^\w+\s*(\([^)]*\))?\s*=[^=]/.test(loss) ? loss : `${lossName} = ${loss}`,
        lets: source.filter((st) => st.keyword === 'let').map((st) => st.text),
        wrt: j.wrt,
        lossName,
        result: j.result,
        verdict: j.verdict,
      });
    });
  }
  return rows;
}

/** A code span inside a table cell: `|` escaped, backticks avoided. */
const code = (s) => `\`${s.replace(/\|/g, '\\|')}\``;
const text = (s) => s.replace(/\|/g, '\\|');

/** The Markdown table for the rows (pure). */
export function renderTable(rows) {
  const lines = [
    '| problem | loss | activation or network (`let`) | gradient | verdict |',
    '|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const problem = `[${text(r.title ?? r.file)}](examples/${r.file})`;
    const lets = r.lets.length ? r.lets.map(code).join('<br>') : '(none)';
    const gradient = code(`∂${r.lossName}/∂${r.wrt} = ${r.result}`);
    lines.push(`| ${problem} | ${code(r.loss)} | ${lets} | ${gradient} | ${r.verdict ?? 'no expectation'} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** `readme` with the table between the markers (pure); throws if the markers are missing. */
export function spliceReadme(readme, table) {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md needs the markers ${START} and ${END}, in that order`);
  return `${readme.slice(0, a + START.length)}\n${table}${readme.slice(b)}`;
}

/** The README as it should be: the current one with a freshly generated table. */
export async function expectedReadme(root = ROOT, cli) {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  return spliceReadme(readme, renderTable(await collectRows(root, cli)));
}

async function main(argv) {
  const check = argv.includes('--check');
  const at = argv.indexOf('--cli');
  const cli = at >= 0 ? argv[at + 1] : join(ROOT, 'dist', 'cli', 'main.js');
  const path = join(ROOT, 'README.md');
  const current = readFileSync(path, 'utf8');
  const next = await expectedReadme(ROOT, cli);
  if (check) {
    if (next !== current) {
      process.stderr.write('README.md: the catalogue disagrees with examples/; run npm run catalogue\n');
      process.exitCode = 1;
    }
    return;
  }
  if (next !== current) writeFileSync(path, next);
  process.stdout.write(`README.md: catalogue of ${exampleFiles().length} examples ${next === current ? 'already up to date' : 'written'}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
}
