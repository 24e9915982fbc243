/**
 * Test helper: one headless Chromium (found by test/support/system.ts) per test file, pages
 * opened from file:// URLs with the network cut off, every request recorded, and a hook
 * that notices any script that runs: a dialog, or a call to `alert`/`confirm`/`prompt`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { expect } from 'vitest';

export { CHROMIUM } from '../support/system.js';
import { CHROMIUM } from '../support/system.js';

/** Where screenshots go (ignored by git). */
export const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');

/** `scrollbars`: draw them as a desktop browser does (headless hides them), so that a test can see which blocks show one. */
export function launchBrowser(options: { readonly scrollbars?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    ...(options.scrollbars ? { ignoreDefaultArgs: ['--hide-scrollbars'] } : {}),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** What happened while a page was open. */
export interface Visit {
  readonly page: Page;
  /** Every request the page made, by URL (the page itself included). */
  readonly requests: string[];
  /** Messages of dialogs that opened (`alert(1)` opens one). */
  readonly dialogs: string[];
  /** Messages the console printed at the error level. */
  readonly errors: string[];
}

/**
 * Opens `html` from a file of its own, offline: every http(s) request is aborted, and the
 * context is offline, so a page that tried to fetch something would show it in `requests`.
 * Before any of the page's own code could run, `alert`, `confirm` and `prompt` are wrapped
 * to set `window.__injected`, so a test can tell that no injected handler ran.
 */
export async function visit(context: BrowserContext, dir: string, name: string, html: string): Promise<Visit> {
  const file = join(dir, name);
  writeFileSync(file, html);
  const page = await context.newPage();
  const requests: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    w.__injected = 0;
    for (const f of ['alert', 'confirm', 'prompt'] as const) {
      const original = window[f].bind(window) as (...a: unknown[]) => unknown;
      (window as unknown as Record<string, unknown>)[f] = (...a: unknown[]) => {
        w.__injected = (w.__injected as number) + 1;
        return original(...a);
      };
    }
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return { page, requests, dialogs, errors };
}

/** A context that cannot reach the network: offline, and every http(s) request aborted. */
export async function offlineContext(browser: Browser, viewport = { width: 1100, height: 900 }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, serviceWorkers: 'block', javaScriptEnabled: true });
  await context.setOffline(true);
  await context.route(/^https?:/, (route) => route.abort());
  return context;
}

/** The requests other than the page itself and data: URIs (fonts inlined in the page). */
export function foreignRequests(v: Visit): string[] {
  const self = v.page.url();
  return v.requests.filter((u) => u !== self && !u.startsWith('data:'));
}

/** Asserts that nothing ran: no dialog, no wrapped call, no script error. */
export async function expectNothingRan(v: Visit): Promise<void> {
  expect(v.dialogs).toEqual([]);
  expect(await v.page.evaluate(() => (window as unknown as { __injected: number }).__injected)).toBe(0);
  expect(v.errors).toEqual([]);
}

/** A temporary directory for the pages, and the artifacts directory. */
export function scratch(): { dir: string; cleanup: () => void } {
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'gradproof-pages-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
