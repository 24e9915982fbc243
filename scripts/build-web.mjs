// Builds the playground: the engine core (src/, without src/cli) and the page in web/ bundled
// by esbuild into one script, with KaTeX's CSS and fonts copied beside it, so the folder works
// offline. The example picker's files (examples/*.grad and *.proof) are embedded in the script:
// the page reads no file at run time. `gradproof serve` serves dist/web; tests pass a folder of their own.
//
//   node scripts/build-web.mjs [OUT_DIR]        (default dist/web; run `npm run gen` first)
import { build } from 'esbuild';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? join(root, 'dist', 'web'));
const katex = join(root, 'node_modules', 'katex', 'dist');

if (!existsSync(join(root, 'src', 'rules', 'builtin-text.ts'))) {
  console.error('src/rules/builtin-text.ts is missing: run `npm run gen` first (npm run build:web does)');
  process.exit(2);
}

const examplesDir = join(root, 'examples');
const examples = readdirSync(examplesDir)
  .filter((f) => /\.(grad|proof)$/.test(f))
  .sort()
  .map((file) => ({ file, text: readFileSync(join(examplesDir, file), 'utf8') }));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(root, 'web', 'playground.ts')],
  outfile: join(out, 'playground.js'),
  bundle: true,
  // A classic script (not a module), so the page also opens from file:// without a server.
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  define: { GRADPROOF_EXAMPLES: JSON.stringify(examples) },
  logLevel: 'warning',
});
for (const file of ['index.html', 'playground.css']) copyFileSync(join(root, 'web', file), join(out, file));
copyFileSync(join(katex, 'katex.min.css'), join(out, 'katex.min.css'));
cpSync(join(katex, 'fonts'), join(out, 'fonts'), { recursive: true });
