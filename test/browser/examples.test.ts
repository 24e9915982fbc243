/**
 * Every example's HTML page in a real browser, offline from a file:// URL: KaTeX set every
 * formula (no error, no fallback), every textbook line is visible, the plot has both curves
 * and they agree, the verdict is shown, and nothing but the page itself was requested.
 * A screenshot of each page goes to test/artifacts/.
 */
import { chromium } from '../support/system.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProblem } from '../../src/parse/problem.js';
import { runProblem } from '../../src/api/derive.js';
import { deriveAll } from '../../src/api/all.js';
import { checkDerivation } from '../../src/api/check-chain.js';
import { parseDerivation } from '../../src/parse/derivation.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { proofLines } from '../../src/render/lines.js';
import { allOutcomeToHtml, chainOutcomeToHtml, outcomeToHtml } from '../../src/cli/format-html.js';
import { ARTIFACTS, type Visit, expectNothingRan, foreignRequests, launchBrowser, offlineContext, scratch, visit } from './browser.js';

const ROOT = join(import.meta.dirname, '../..');
const EXAMPLES = readdirSync(join(ROOT, 'examples')).filter((n) => n.endsWith('.grad')).sort();
const rules = builtinRules();

const specOf = (name: string) => parseProblem(readFileSync(join(ROOT, 'examples', name), 'utf8'), `examples/${name}`, { functions: rules.functions });

let browser: Browser;
let context: BrowserContext;
const { dir, cleanup } = scratch();

beforeAll(async () => {
  if (chromium.skip) return;
  browser = await launchBrowser();
  context = await offlineContext(browser);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  cleanup();
});

/** What every page must show, whatever it is of. */
async function expectRendered(v: Visit): Promise<void> {
  expect(foreignRequests(v)).toEqual([]);
  await expectNothingRan(v);
  expect(await v.page.locator('.katex-error').count()).toBe(0);
  expect(await v.page.locator('.math-fallback').count()).toBe(0);
  expect(await v.page.locator('.katex').count()).toBeGreaterThan(0);
  // KaTeX's fonts came from the data: URIs: the main math font is loaded.
  const families = await v.page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, '')));
  expect(families).toContain('KaTeX_Main');
  expect(families).toContain('KaTeX_Math');
}

/** The plot figure: an SVG with a derived and a numeric curve of many points, and how close they are. */
async function expectPlot(v: Visit, figure = v.page.locator('figure.plot-figure').first()): Promise<void> {
  await expect.poll(() => figure.locator('svg.plot').isVisible()).toBe(true);
  for (const curve of ['curve-derived', 'curve-numeric']) {
    const d = (await figure.locator(`path.${curve}`).getAttribute('d')) ?? '';
    expect(d.match(/[ML]/g)?.length ?? 0, curve).toBeGreaterThanOrEqual(100);
  }
  const box = await figure.locator('svg.plot').boundingBox();
  expect(box!.width).toBeGreaterThan(300);
  const caption = (await figure.locator('figcaption').textContent()) ?? '';
  const diff = /[:：] ?(\d\.\de[-+]\d+)[.。]$/.exec(caption);
  expect(diff, caption).not.toBeNull();
  expect(Number(diff![1])).toBeLessThan(1e-5);
}

describe.skipIf(chromium.skip)(chromium.named('every example as a page, offline in Chromium'), () => {
  it('examples/ has the seed and the others', () => {
    expect(EXAMPLES).toContain('bce-sigmoid.grad');
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(EXAMPLES)('examples/%s', async (name) => {
    const outcome = runProblem(specOf(name), { rules });
    const v = await visit(context, dir, name.replace(/\.grad$/, '.html'), outcomeToHtml(outcome, 'en'));
    try {
      await expectRendered(v);
      expect(await v.page.locator('h1.title').textContent()).toBe(outcome.title);
      const lines = proofLines(outcome.checked.proof, outcome.rules.byId, 'en');
      const rows = v.page.locator('table.steps tr.step');
      expect(await rows.count()).toBe(lines.length);
      for (let i = 0; i < lines.length; i++) expect(await rows.nth(i).isVisible(), `line ${i + 1}`).toBe(true);
      // Every line that cites rules names them beside it.
      for (let i = 0; i < lines.length; i++) {
        if (lines[i]!.names.length) expect(await rows.nth(i).locator('.rules').textContent()).toBe(lines[i]!.names.join(', '));
      }
      const verdicts = v.page.locator('.expectations .verdict');
      expect(await verdicts.count()).toBe(outcome.expectations.length);
      for (let i = 0; i < outcome.expectations.length; i++) {
        expect(await verdicts.nth(i).isVisible()).toBe(true);
        expect(await verdicts.nth(i).getAttribute('data-verdict')).toBe('proven');
        expect(await verdicts.nth(i).locator('.verdict-word').textContent()).toBe('proven');
      }
      await expectPlot(v);
      await v.page.screenshot({ path: join(ARTIFACTS, name.replace(/\.grad$/, '.png')), fullPage: true });
    } finally {
      await v.page.close();
    }
  }, 60_000);

  it('the seed in Chinese', async () => {
    const outcome = runProblem(specOf('bce-sigmoid.grad'), { rules });
    const v = await visit(context, dir, 'bce-sigmoid-zh.html', outcomeToHtml(outcome, 'zh'));
    try {
      await expectRendered(v);
      expect(await v.page.getAttribute('html', 'lang')).toBe('zh-CN');
      expect(await v.page.locator('.verdict-word').first().textContent()).toBe('已证明');
      expect(await v.page.locator('tr.step .rules').first().textContent()).toBe('链式法则');
      expect(await v.page.locator('section.plots h2').textContent()).toBe('数值验证');
      await expectPlot(v);
      await v.page.screenshot({ path: join(ARTIFACTS, 'bce-sigmoid-zh.png'), fullPage: true });
    } finally {
      await v.page.close();
    }
  }, 60_000);

  it('--all: every gradient of the two-layer network, each with its plot', async () => {
    const all = deriveAll(specOf('two-layer.grad'), rules);
    const v = await visit(context, dir, 'two-layer-all.html', allOutcomeToHtml(all, 'en'));
    try {
      await expectRendered(v);
      const sections = v.page.locator('section.gradient');
      expect(await sections.count()).toBe(all.gradients.length);
      expect(all.gradients.map((g) => g.wrt)).toContain('w1');
      for (let i = 0; i < all.gradients.length; i++) await expectPlot(v, sections.nth(i).locator('figure.plot-figure'));
      await v.page.screenshot({ path: join(ARTIFACTS, 'two-layer-all.png'), fullPage: true });
    } finally {
      await v.page.close();
    }
  }, 60_000);

  it('check: a written derivation with a wrong step, link by link', async () => {
    const file = 'examples/wrong-step.proof';
    const chain = checkDerivation(parseDerivation(readFileSync(join(ROOT, file), 'utf8'), file, { functions: rules.functions }), rules);
    const v = await visit(context, dir, 'wrong-step.html', chainOutcomeToHtml(chain, 'en'));
    try {
      await expectRendered(v);
      const links = v.page.locator('.link');
      expect(await links.count()).toBe(chain.links.length);
      const verdicts = await links.evaluateAll((ls) => ls.map((l) => l.getAttribute('data-verdict')));
      expect(verdicts).toEqual(chain.links.map((l) => l.decision.verdict));
      expect(chain.firstWrong).not.toBeNull();
      expect(await v.page.locator('.summary').textContent()).toBe(`The first wrong step is step ${chain.firstWrong}.`);
      expect(await v.page.locator('.counterexample').count()).toBeGreaterThan(0);
      await v.page.screenshot({ path: join(ARTIFACTS, 'wrong-step.png'), fullPage: true });
    } finally {
      await v.page.close();
    }
  }, 60_000);
});
