/** Finding the system tools the tests use: shared by the set-up script and the tests. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Chromium where Debian, Ubuntu or a playwright install puts it (CHROMIUM_PATH first), or undefined. */
export function findChromium() {
  const fixed = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  for (const p of fixed) if (p && existsSync(p)) return p;
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
  let dirs = [];
  try {
    dirs = readdirSync(cache).filter((d) => d.startsWith('chromium')).sort().reverse();
  } catch {
    return undefined;
  }
  for (const d of dirs) {
    for (const sub of ['chrome-linux64/chrome', 'chrome-linux/chrome', 'chrome-headless-shell-linux64/chrome-headless-shell']) {
      const p = join(cache, d, sub);
      if (existsSync(p)) return p;
    }
  }
  return undefined;
}

export const hasPdflatex = () => spawnSync('pdflatex', ['--version'], { stdio: 'ignore' }).status === 0;

export const hasCjkLatex = () => spawnSync('kpsewhich', ['CJKutf8.sty'], { encoding: 'utf8' }).stdout?.trim().length > 0;
