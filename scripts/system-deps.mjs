#!/usr/bin/env node
/**
 * What the tests need from the system, before `npm test`: a Chromium (browser tests) and
 * pdflatex with CJKutf8 (LaTeX document tests). Installs what is missing from Debian's
 * packages when it can (root or passwordless sudo, apt-get); otherwise says in one line
 * per thing what is missing and how to get it, and those tests are skipped with that
 * reason. Under CI=true a missing tool is a failure.
 */
import { spawnSync } from 'node:child_process';
import { findChromium, hasCjkLatex, hasPdflatex } from './system-tools.mjs';

const NEEDS = [
  { what: 'Chromium (browser tests)', present: () => findChromium() !== undefined, packages: ['chromium'] },
  { what: 'pdflatex (LaTeX document tests)', present: hasPdflatex, packages: ['texlive-latex-base', 'texlive-latex-recommended', 'texlive-fonts-recommended'] },
  { what: 'CJKutf8 for pdflatex (Chinese documents)', present: hasCjkLatex, packages: ['latex-cjk-chinese', 'latex-cjk-chinese-arphic-gbsn00lp'] },
];

const run = (cmd, args) => spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
const quiet = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

let missing = NEEDS.filter((n) => !n.present());
if (missing.length && process.platform === 'linux' && quiet('sh', ['-c', 'command -v apt-get'])) {
  const root = process.getuid?.() === 0;
  const sudo = root ? [] : quiet('sudo', ['-n', 'true']) ? ['sudo', '-n'] : undefined;
  if (sudo) {
    const packages = missing.flatMap((n) => n.packages);
    console.log(`gradproof tests: installing ${packages.join(' ')} from Debian's packages`);
    const [cmd, ...pre] = sudo.length ? sudo : ['env'];
    run(cmd, [...pre, 'apt-get', 'update', '-qq']);
    run(cmd, [...pre, 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages]);
    missing = NEEDS.filter((n) => !n.present());
  }
}
for (const n of missing) {
  console.log(`gradproof tests: missing ${n.what}: install it with \`sudo apt-get install ${n.packages.join(' ')}\`; those tests are skipped`);
}
if (missing.length && process.env.CI === 'true') {
  console.error('gradproof tests: CI=true needs every tool above; failing');
  process.exit(1);
}
