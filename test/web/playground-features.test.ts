/**
 * The playground at a desktop's width (1280 px) and a phone's (390 px), in Debian's Chromium:
 * wide formulas scroll inside their own cells and the page never grows wider than the screen,
 * the example picker, the permalink, the copy-LaTeX buttons (Clipboard API and fallback), the
 * plot, and check mode on a derivation with one wrong step. Screenshots are left in
 * test/artifacts/ and checked for overflow.
 */
import { chromium } from '../support/system.js';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/cli/serve.js';
import { runProblem } from '../../src/api/derive.js';
import { parseProblem } from '../../src/parse/problem.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { proofLines } from '../../src/render/lines.js';
import { lineToLatex, proofToAlign } from '../../src/render/proof-latex.js';
import { ROOT } from '../cli/run.js';
import { buildPlayground } from './build.js';
import { launchChromium } from './chromium.js';

const EXAMPLES = join(ROOT, 'examples');
const ARTIFACTS = join(ROOT, 'test', 'artifacts');
const FIELDS = ['title', 'definitions', 'loss', 'wrt', 'expect', 'assume', 'steps'] as const;

let dir: string;
let server: Server;
let url: string;
let browser: Browser;
let context: BrowserContext;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (chromium.skip) return;
  dir = buildPlayground();
  ({ server, url } = await startServer(dir, 0));
  browser = await launchChromium();
  context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url.replace(/\/$/, '') });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A new page at `width`, opened at `href` (default the playground), once it shows an outcome. */
async function open(width: number, href = url, ctx: BrowserContext = context): Promise<Page> {
  const page = await ctx.newPage();
  await page.setViewportSize({ width, height: 900 });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(href);
  await settled(page);
  return page;
}

/** Until the page shows the outcome of what was typed or chosen last. */
async function settled(page: Page): Promise<void> {
  await page.waitForSelector('#output[data-status]', { state: 'attached' });
  await page.waitForSelector('#output:not([aria-busy])', { state: 'attached' });
}

async function choose(page: Page, file: string): Promise<void> {
  await page.selectOption('#example', file);
  await settled(page);
}

const fieldsOf = (page: Page) => page.evaluate((names) => Object.fromEntries(names.map((n) => [n, (document.getElementById(n) as HTMLInputElement).value])), [...FIELDS]);
const texOf = (page: Page, selector: string) => page.locator(`${selector} annotation[encoding="application/x-tex"]`).first().textContent();

/** The layout's measures: the page's width, the narrowest of each column, and anything sticking out of the screen. */
function measure(page: Page) {
  return page.evaluate(() => {
    const narrowest = (selector: string): number => Math.min(...[...document.querySelectorAll(selector)].map((e) => e.getBoundingClientRect().width));
    const scrolls = (e: Element): boolean => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(e).overflowX);
    // An element sticks out when it leaves the screen and no box that scrolls holds it.
    const outside = [...document.querySelectorAll('body *')].filter((e) => {
      const r = e.getBoundingClientRect();
      if (!r.width || (r.right <= innerWidth + 0.5 && r.left >= -0.5)) return false;
      for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) if (scrolls(p)) return false;
      return true;
    });
    const problem = document.getElementById('problem')!.getBoundingClientRect();
    const output = document.getElementById('output')!.getBoundingClientRect();
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth,
      columns: { problem: problem.width, output: output.width, why: narrowest('.lines .why'), rhs: narrowest('.lines .rhs') },
      stacked: output.top >= problem.bottom,
      outside: outside.map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
      // Formulas wider than their cells, which must scroll there.
      scrolling: [...document.querySelectorAll('.lines .math')].filter((m) => m.scrollWidth > m.clientWidth + 1).length,
    };
  });
}

/** The width a PNG's header gives. */
const pngWidth = (file: string): number => readFileSync(file).readUInt32BE(16);

const exampleFiles = readdirSync(EXAMPLES).filter((f) => /\.(grad|proof)$/.test(f));
const rules = builtinRules();
/** The proof the CLI derives from an example file. */
const proofOf = (file: string) => runProblem(parseProblem(readFileSync(join(EXAMPLES, file), 'utf8'), file, { functions: rules.functions }), { rules }).checked.proof;

describe.skipIf(chromium.skip)(chromium.named('the playground at 1280 px, 900 px and 390 px'), { timeout: 60_000 }, () => {
  describe.each([1280, 900, 390])('%i px wide', (width) => {
    it.each([
      ['seed', undefined, 'proven'],
      ['focal', 'focal-sigmoid.grad', 'proven'],
      ['check', 'wrong-step.proof', 'refuted'],
    ] as const)('%s: nothing wider than the screen, no column under 200 px, a screenshot', async (name, file, status) => {
      const page = await open(width);
      if (file) await choose(page, file);
      expect(await page.getAttribute('#output', 'data-status')).toBe(status);
      const m = await measure(page);
      expect(m.innerWidth).toBe(width);
      expect(m.scrollWidth).toBeLessThanOrEqual(width);
      expect(m.outside).toEqual([]);
      for (const [column, w] of Object.entries(m.columns)) expect(w, column).toBeGreaterThanOrEqual(200);
      expect(m.stacked).toBe(width === 390);
      // The focal loss's lines are wider than a phone: they scroll inside their cells.
      if (name === 'focal') expect(m.scrolling).toBeGreaterThan(width === 390 ? 2 : 0);
      const shot = join(ARTIFACTS, `playground-${name}-${width}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      expect(pngWidth(shot)).toBe(width);
      await page.close();
    });
  });

  it('the picker lists every example file; choosing one fills the fields and derives', async () => {
    const page = await open(1280);
    const options = await page.locator('#example option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(options.sort()).toEqual([...exampleFiles].sort());
    await choose(page, 'focal-sigmoid.grad');
    expect(await fieldsOf(page)).toEqual({
      title: '∂L/∂z for the focal loss with gamma = 2 on a sigmoid output',
      definitions: 'a = sigmoid(z)',
      loss: 'L = focal(y, a, 2)',
      wrt: 'z',
      expect: 'y*(1 - a)^2*(2*a*log(a) + a - 1) + (1 - y)*a^2*(a - 2*(1 - a)*log(1 - a))',
      assume: '',
      steps: '',
    });
    expect(await page.getAttribute('#output', 'data-status')).toBe('proven');
    expect(await page.locator('#expected-0 .verdict').textContent()).toBe('proven');
    expect(await page.locator('table.lines tr').count()).toBe(proofLines(proofOf('focal-sigmoid.grad'), rules.byId, 'en').length);
    await page.close();
  });

  it('permalink: the URL follows the typing, and opened in a new page gives the same fields and result', async () => {
    const page = await open(1280);
    await choose(page, 'bce-tanh.grad');
    await page.locator('#title').fill('');
    await page.locator('#title').pressSequentially('my & notes #1');
    await page.locator('input[name="lang"][value="zh"]').check();
    await settled(page);
    const href = page.url();
    expect(new URL(href).hash).toMatch(/^#mode=derive&lang=zh&title=my\+%26\+notes\+%231&/);
    const fields = await fieldsOf(page);
    const result = await texOf(page, '#result');
    const again = await open(390, href);
    expect(await fieldsOf(again)).toEqual(fields);
    expect(await again.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await texOf(again, '#result')).toBe(result);
    expect(await again.locator('#expected-0 .verdict').textContent()).toBe('已证明');

    // Check mode too: the mode comes back with the steps.
    await choose(page, 'wrong-step.proof');
    const check = await open(1280, page.url());
    expect(await check.locator('input[name="mode"][value="check"]').isChecked()).toBe(true);
    expect(await fieldsOf(check)).toEqual(await fieldsOf(page));
    expect(await check.locator('tr.link').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.verdict))).toEqual(['proven', 'refuted', 'proven']);
    // "Copy link" copies the permalink.
    await check.locator('#copy-link').click();
    await check.waitForFunction(() => document.getElementById('copy-status')!.textContent !== '');
    expect(await check.evaluate(() => navigator.clipboard.readText())).toBe(check.url());
    for (const p of [page, again, check]) await p.close();
  });

  it('copy LaTeX: each line its row of the align* block, the whole proof the block, as the LaTeX renderers write them', async () => {
    const page = await open(1280);
    await choose(page, 'focal-sigmoid.grad');
    const proof = proofOf('focal-sigmoid.grad');
    const lines = proofLines(proof, rules.byId, 'en');
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    await page.locator('#copy-proof').click();
    await page.waitForFunction(() => document.getElementById('copy-status')!.textContent === 'Copied to the clipboard.');
    const align = await clipboard();
    expect(align).toBe(proofToAlign(proof, rules.byId, 'en'));
    expect(align.startsWith('\\begin{align*}\n')).toBe(true);
    const buttons = page.locator('.copy-line');
    expect(await buttons.count()).toBe(lines.length);
    for (const i of [0, lines.length - 1]) {
      await buttons.nth(i).click();
      await expect.poll(clipboard).toBe(lineToLatex(lines[i]!, 'en'));
    }
    await page.close();
  });

  it('copy LaTeX without a Clipboard API: the text in a selected box, and no error', async () => {
    const bare = await browser.newContext();
    await bare.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
    const page = await open(390, url, bare);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.locator('#copy-proof').click();
    await page.waitForSelector('#copy-fallback:not([hidden])');
    const seed = runProblem(parseProblem('let a2 = sigmoid(z2)\nloss L(y, a2) = -[y log(a2) + (1 - y) log(1 - a2)]\nwrt z2\nexpect a2 - y', 'seed', { functions: rules.functions }), { rules });
    expect(await page.inputValue('#copy-fallback')).toBe(proofToAlign(seed.checked.proof, rules.byId, 'en'));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('copy-fallback');
    expect(await page.textContent('#copy-status')).toBe('Select the text below and copy it (Ctrl+C).');
    expect((await measure(page)).scrollWidth).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await bare.close();
  });

  it('plots the derived gradient against finite differences, within the output column', async () => {
    const page = await open(390);
    const figure = page.locator('#plot figure.plot-figure');
    expect(await figure.getAttribute('data-wrt')).toBe('z2');
    expect(Number(await figure.getAttribute('data-points'))).toBeGreaterThanOrEqual(12);
    expect(Number(await figure.getAttribute('data-max-difference'))).toBeLessThan(1e-6);
    for (const curve of ['.curve-derived', '.curve-numeric']) expect(await figure.locator(`svg.plot path${curve}`).getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+ L/);
    expect(await figure.locator('figcaption').textContent()).toMatch(/^Other variables fixed at .*y\s*=\s*0\.3.*\. Largest relative difference over \d+ points: [\d.]+e-\d+\.$/);
    const [svg, output] = await Promise.all([figure.locator('svg').boundingBox(), page.locator('#output').boundingBox()]);
    expect(svg!.width).toBeLessThanOrEqual(output!.width);
    await page.close();
  });

  it('check mode: wrong-step.proof gives proven, refuted at a point, proven; typed steps are checked as typed', async () => {
    const page = await open(1280);
    await choose(page, 'wrong-step.proof');
    expect(await page.locator('#loss').isHidden()).toBe(true);
    expect(await page.locator('#steps').isVisible()).toBe(true);
    const rows = page.locator('tr.link');
    expect(await rows.locator('.verdict').allTextContents()).toEqual(['proven', 'refuted', 'proven']);
    // The point as math, then the two sides' values there.
    const counterexample = rows.nth(1).locator('.counterexample');
    expect(await counterexample.locator('.math').getAttribute('data-tex')).toBe('a_{2} = 0.3,\\ y = 2');
    expect(await counterexample.evaluate((e) => [...e.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('|'))).toBe('at |: left side -8.09524, right side -5.23810');
    expect(await page.textContent('#check-verdict')).toBe('The first wrong step is step 2.');
    expect(await page.getAttribute('#output', 'data-status')).toBe('refuted');

    await page.locator('#steps').fill('');
    await page.locator('#steps').pressSequentially('diff(L, a2)\n= -y/a2 + (1 - y)/(1 - a2)');
    await settled(page);
    expect(await rows.locator('.verdict').allTextContents()).toEqual(['proven']);
    expect(await page.textContent('#check-verdict')).toBe('Every step is proven.');
    expect(await page.getAttribute('#output', 'data-status')).toBe('proven');

    await page.locator('#steps').pressSequentially('\n= -y/a2 +');
    await settled(page);
    expect(await page.textContent('#error .where')).toBe('Derivation, line 3, column 10: ');
    expect(await page.getAttribute('#steps', 'aria-invalid')).toBe('true');

    // A true step beyond the identity rules is unknown: said so, never called wrong.
    await page.locator('#steps').fill('sin(2*x)\n= 2*sin(x)*cos(x)');
    await settled(page);
    expect(await rows.locator('.verdict').allTextContents()).toEqual(['unknown']);
    expect(await page.textContent('#check-verdict')).toBe('Step 1 could be neither proven nor refuted.');
    expect(await page.getAttribute('#output', 'data-status')).toBe('unknown');
    await page.close();
  });

  it('threw nothing into any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
