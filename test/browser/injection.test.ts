/**
 * Issue 5, item 8: what a user types (titles, names, expectations with markup or LaTeX
 * commands in them) goes through every format without becoming markup or a command. In
 * HTML it is escaped, and in Chromium no script runs: no dialog opens, the wrapped
 * `alert` is never called, no request leaves the page, and the page still renders.
 */
import { chromium } from '../support/system.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, expectBadInput, gradproof } from '../cli/run.js';
import { documentText } from '../../src/render/document-latex.js';
import { ARTIFACTS, expectNothingRan, foreignRequests, launchBrowser, offlineContext, scratch, visit } from './browser.js';

const FORMATS = ['text', 'md', 'latex', 'json', 'html'] as const;

/** The fixtures that derive, the title each states, and the exit code (1: a refuted expectation). */
const PROBLEMS = [
  { file: 'test/fixtures/injection-title.grad', code: 0 },
  { file: 'test/fixtures/injection-latex-title.grad', code: 0 },
  { file: 'test/fixtures/injection-names.grad', code: 1 },
] as const;

const titleOf = (file: string): string => /^title\s+(.*)$/m.exec(readFileSync(join(ROOT, file), 'utf8'))![1]!.trim();

/** LaTeX with every `\textbackslash{}` (an escaped backslash) taken out: what is left are real commands. */
const commandsOf = (latex: string): string[] => [...latex.replace(/\\textbackslash\{\}/g, '').matchAll(/\\([A-Za-z]+)/g)].map((m) => m[1]!);

/** Tags that could run or fetch something. */
const activeTags = (html: string): string[] =>
  [...html.matchAll(/<[a-z][^>]*>/gi)].map((m) => m[0]).filter((t) => /^<(script|iframe|img|a|link|object|embed)\b/i.test(t) || /\s(on\w+|href|src|xlink:href)\s*=/i.test(t));

describe.each(PROBLEMS)('$file in every format', ({ file, code }) => {
  const title = titleOf(file);
  const out = Object.fromEntries(FORMATS.map((f) => [f, gradproof('derive', file, '--format', f)])) as Record<(typeof FORMATS)[number], ReturnType<typeof gradproof>>;

  it.each(FORMATS)('%s: derives, with the expected exit code', (format) => {
    expect(out[format].stderr).toBe('');
    expect(out[format].status).toBe(code);
  });

  it('text: the title as typed, on the first line', () => {
    expect(out.text.stdout.split('\n')[0]).toBe(title);
  });

  it('json: the title as typed, a string value', () => {
    expect((JSON.parse(out.json.stdout) as { title: string }).title).toBe(title);
  });

  it('md: the title escaped, so it is neither HTML nor a link nor math', () => {
    const heading = out.md.stdout.split('\n')[0]!;
    expect(heading.startsWith('## ')).toBe(true);
    expect(activeTags(heading)).toEqual([]);
    expect(heading).not.toMatch(/[<>]/);
    expect(heading).not.toMatch(/(?<!\\)[[\]()`*$]/);
    expect(heading).not.toMatch(/(?<!\\)\\(?![\\[\]()`*$_#!|~])/);
  });

  it('latex: the title escaped as text, so no command comes from it', () => {
    const doc = out.latex.stdout;
    expect(doc).toContain(`\\section*{${documentText(title)}}`);
    const commands = new Set(commandsOf(doc));
    for (const c of ['href', 'url', 'def', 'input', 'include', 'write', 'immediate', 'catcode']) expect(commands.has(c), c).toBe(false);
  });

  it('html: the title escaped in the heading and in <title>; nothing active in the page', () => {
    const html = out.html.stdout;
    expect(activeTags(html)).toEqual([]);
    const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    expect(html).toContain(`<h1 class="title">${escaped}</h1>`);
    expect(html).toContain(`<title>${escaped}</title>`);
  });
});

describe('an expectation that is a LaTeX link', () => {
  it.each(FORMATS)('%s: bad input, refused before any output', (format) => {
    const lines = expectBadInput(gradproof('derive', 'test/fixtures/injection-expect.grad', '--format', format));
    expect(lines[0]).toBe("test/fixtures/injection-expect.grad:6:24: error: unexpected ':' (U+003A)");
  });

  it.each(FORMATS)('%s: as --expect, also refused', (format) => {
    const lines = expectBadInput(gradproof('derive', '(a - y)^2/2', '--let', 'a = sigmoid(z)', '--wrt', 'z', '--expect', '\\href{x}{y}', '--format', format));
    expect(lines[0]).toBe('--expect:1:1: error: unknown command \\href');
  });
});

describe.skipIf(chromium.skip)(chromium.named('in Chromium, no injected script runs and the page still renders'), () => {
  let browser: Browser;
  let context: BrowserContext;
  const { dir, cleanup } = scratch();

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await offlineContext(browser);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    cleanup();
  });

  it('the hook notices a script that does run (a page without escaping)', async () => {
    const raw = '<!DOCTYPE html><title>x</title><img src=x onerror=alert(1)><script>alert(2)</script>';
    const v = await visit(context, dir, 'control.html', raw);
    try {
      await expect.poll(() => v.dialogs.length).toBe(2);
      expect(await v.page.evaluate(() => (window as unknown as { __injected: number }).__injected)).toBe(2);
    } finally {
      await v.page.close();
    }
  }, 60_000);

  it.each(PROBLEMS)('$file', async ({ file }) => {
    const html = gradproof('derive', file, '--format', 'html').stdout;
    const name = file.replace(/^.*\//, '').replace(/\.grad$/, '');
    const v = await visit(context, dir, `${name}.html`, html);
    try {
      await expectNothingRan(v);
      expect(foreignRequests(v)).toEqual([]);
      // The text typed is what the reader sees, character for character.
      expect(await v.page.locator('h1.title').textContent()).toBe(titleOf(file));
      expect(await v.page.title()).toBe(titleOf(file));
      expect(await v.page.locator('img, script, iframe, a, object, embed').count()).toBe(0);
      expect(await v.page.locator('.katex-error, .math-fallback').count()).toBe(0);
      expect(await v.page.locator('tr.step').count()).toBeGreaterThan(2);
      expect(await v.page.locator('svg.plot path.curve').count()).toBe(2);
      expect(await v.page.locator('.verdict').count()).toBeGreaterThan(0);
      await v.page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    } finally {
      await v.page.close();
    }
  }, 60_000);
});
