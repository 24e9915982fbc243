/**
 * Issue 15: HTML pages at desktop (1280 px) and phone (390 px) width, with scrollbars drawn
 * as a desktop browser draws them. Nothing is wider than the viewport; a block shows a
 * scrollbar only when its content is wider than it (a formula, never a short block, never
 * vertically); the Given block is seen whole. Screenshots go to test/artifacts/html-*.png.
 */
import { chromium } from '../support/system.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProblem } from '../../src/parse/problem.js';
import { runProblem } from '../../src/api/derive.js';
import { deriveAll } from '../../src/api/all.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { checkDerivation } from '../../src/api/check-chain.js';
import { parseDerivation } from '../../src/parse/derivation.js';
import { allOutcomeToHtml, chainOutcomeToHtml, outcomeToHtml } from '../../src/cli/format-html.js';
import { ARTIFACTS, launchBrowser, offlineContext, scratch, visit } from './browser.js';

const ROOT = join(import.meta.dirname, '../..');
const rules = builtinRules();
const WRONG = 'examples/wrong-step.proof';
const specOf = (name: string) => parseProblem(readFileSync(join(ROOT, 'examples', name), 'utf8'), `examples/${name}`, { functions: rules.functions });

/**
 * The seed, a network's --all page, the example with the widest lines (focal) and the one with
 * the longest result, and a written derivation checked link by link (no Given block).
 */
const PAGES = [
  { name: 'seed', given: true, html: () => outcomeToHtml(runProblem(specOf('bce-sigmoid.grad'), { rules }), 'en') },
  { name: 'network-all', given: true, html: () => allOutcomeToHtml(deriveAll(specOf('network-2x2.grad'), rules), 'en') },
  { name: 'focal-gamma', given: true, html: () => outcomeToHtml(runProblem(specOf('focal-gamma.grad'), { rules }), 'en') },
  { name: 'network-gelu-hidden', given: true, html: () => outcomeToHtml(runProblem(specOf('network-gelu-hidden.grad'), { rules }), 'en') },
  { name: 'check-wrong-step', given: false, html: () => chainOutcomeToHtml(checkDerivation(parseDerivation(readFileSync(join(ROOT, WRONG), 'utf8'), WRONG, { functions: rules.functions }), rules), 'en') },
] as const;
const WIDTHS = [1280, 390] as const;

/** How a page lays out: its width, the blocks that show a scrollbar, what sticks out, and the Given block. */
interface Layout {
  readonly scrollWidth: number;
  readonly clientWidth: number;
  /** Blocks that draw a scrollbar, with their class, content width and box width. */
  readonly scrollbars: ReadonlyArray<{ readonly block: string; readonly vertical: boolean; readonly content: number; readonly box: number }>;
  /** Elements outside any scrolling block that reach past the viewport's edges. */
  readonly outside: readonly string[];
  readonly given: { readonly scrollHeight: number; readonly clientHeight: number; readonly right: number } | null;
}

function layoutOf(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const name = (el: Element): string => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`;
    const scrollbars: Layout['scrollbars'][number][] = [];
    const outside: string[] = [];
    const scrolls = (el: Element): boolean => getComputedStyle(el).overflowX !== 'visible';
    for (const el of document.body.querySelectorAll('*')) {
      // KaTeX's MathML copy is clipped to a pixel for screen readers; an SVG clips its own curves.
      if (el.closest('.katex-mathml, svg')) continue;
      const s = getComputedStyle(el);
      const borders = (a: string, b: string) => parseFloat(s.getPropertyValue(a)) + parseFloat(s.getPropertyValue(b));
      const h = el as HTMLElement;
      const scroller = s.overflowX !== 'visible' || s.overflowY !== 'visible';
      // A drawn scrollbar takes room from the box: offset size minus client size minus borders.
      const horizontalBar = scroller && h.offsetHeight - h.clientHeight - borders('border-top-width', 'border-bottom-width') > 0;
      const verticalBar = scroller && h.offsetWidth - h.clientWidth - borders('border-left-width', 'border-right-width') > 0;
      if (horizontalBar) scrollbars.push({ block: name(el), vertical: false, content: el.scrollWidth, box: el.clientWidth });
      if (verticalBar) scrollbars.push({ block: name(el), vertical: true, content: el.scrollHeight, box: el.clientHeight });
      let inScroller = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (scrolls(p)) inScroller = true;
      const r = el.getBoundingClientRect();
      if (!inScroller && r.width > 0 && (r.left < -0.5 || r.right > root.clientWidth + 0.5)) outside.push(`${name(el)} ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
    const dd = document.querySelector('dd.givens');
    return {
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
      scrollbars,
      outside,
      given: dd ? { scrollHeight: dd.scrollHeight, clientHeight: dd.clientHeight, right: dd.getBoundingClientRect().right } : null,
    };
  });
}

describe.skipIf(chromium.skip)(chromium.named('HTML pages at desktop and phone width, with scrollbars drawn'), () => {
  let browser: Browser;
  const { dir, cleanup } = scratch();

  beforeAll(async () => {
    browser = await launchBrowser({ scrollbars: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    cleanup();
  });

  const cases = PAGES.flatMap((p) => WIDTHS.map((width) => ({ ...p, width })));

  it.each(cases)('$name at $width px', async ({ name, html, width, given }) => {
    const context = await offlineContext(browser, { width, height: 900 });
    const v = await visit(context, dir, `html-${name}-${width}.html`, html());
    try {
      const layout = await layoutOf(v.page);
      await v.page.screenshot({ path: join(ARTIFACTS, `html-${name}-${width}.png`), fullPage: true });
      // Nothing widens the page.
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
      expect(layout.outside).toEqual([]);
      // Only the document scrolls vertically; a block scrolls sideways only to show a formula wider than it.
      const blocks = layout.scrollbars;
      expect(blocks.filter((b) => b.vertical)).toEqual([]);
      for (const b of blocks) expect(b.content, b.block).toBeGreaterThan(b.box + 4);
      // The Given block is seen whole.
      expect(layout.given === null).toBe(!given);
      if (layout.given) {
        expect(layout.given.scrollHeight).toBeLessThanOrEqual(layout.given.clientHeight);
        expect(layout.given.right).toBeLessThanOrEqual(layout.clientWidth);
      }
    } finally {
      await context.close();
    }
  }, 60_000);

  it('the widest lines scroll on a phone, each on its own, and only they do', async () => {
    const context = await offlineContext(browser, { width: 390, height: 900 });
    const v = await visit(context, dir, 'html-focal-narrow.html', PAGES[2].html());
    try {
      const layout = await layoutOf(v.page);
      const sideways = layout.scrollbars.filter((b) => !b.vertical);
      expect(sideways.length).toBeGreaterThan(0);
      expect(sideways.every((b) => b.block.startsWith('span.katex-display'))).toBe(true);
    } finally {
      await context.close();
    }
  }, 60_000);
});
