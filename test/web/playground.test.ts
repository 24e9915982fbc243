/**
 * The playground in Debian's Chromium: built by scripts/build-web.mjs, served by `serve`'s
 * server on a free port, typed into the way a person would (fields cleared, then typed key by
 * key), and read back from the KaTeX it renders.
 */
import { chromium } from '../support/system.js';
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/cli/serve.js';
import { runProblem } from '../../src/api/derive.js';
import { parseProblem } from '../../src/parse/problem.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { explainLine } from '../../src/render/explain.js';
import { proofLines } from '../../src/render/lines.js';
import { buildPlayground } from './build.js';
import { launchChromium } from './chromium.js';

type Field = 'title' | 'definitions' | 'loss' | 'wrt' | 'expect' | 'assume';
type Fields = Partial<Record<Field, string>>;

/** Formula 8-13 as typed in ASCII and as pasted from the textbook's LaTeX. */
const SEED: Fields = { definitions: 'a2 = sigmoid(z2)', loss: 'L(y, a2) = -[y log(a2) + (1 - y) log(1 - a2)]', wrt: 'z2', expect: 'a2 - y' };
const SEED_LATEX: Fields = { definitions: 'a_2 = \\sigma(z_2)', loss: 'L(y, a_2) = -[y \\log a_2 + (1 - y) \\log(1 - a_2)]', wrt: 'z_2', expect: 'a_2 - y' };
const FIELDS: readonly Field[] = ['title', 'definitions', 'loss', 'wrt', 'expect', 'assume'];

let dir: string;
let server: Server;
let browser: Browser;
let page: Page;
const dialogs: string[] = [];
const pageErrors: string[] = [];
const consoleErrors: string[] = [];
const requests: string[] = [];
let origin: string;

beforeAll(async () => {
  if (chromium.skip) return;
  dir = buildPlayground();
  const started = await startServer(dir, 0);
  server = started.server;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // A blocked inline style, a missing font or a 404 shows up here.
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('request', (r) => requests.push(r.url()));
  origin = started.url;
  await page.goto(started.url);
  await page.waitForSelector('#output[data-status]');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Until the page shows the derivation of what was typed last (it is busy while the debounce waits). */
const settled = () => page.waitForSelector('#output:not([aria-busy])', { state: 'attached' });

/** Clears every field (the page then asks for a loss), then types `fields` key by key (the title is pasted). */
async function type(fields: Fields): Promise<void> {
  for (const f of FIELDS) await page.locator(`#${f}`).fill('');
  await settled();
  expect(await page.textContent('#error .text')).toBe('error: type a loss');
  for (const f of FIELDS) {
    const text = fields[f];
    if (!text) continue;
    if (f === 'title') await page.locator('#title').fill(text);
    else await page.locator(`#${f}`).pressSequentially(text);
  }
  await settled();
}

/** The LaTeX source KaTeX keeps in the MathML annotation of the math in `selector`. */
const texOf = (selector: string): Promise<string | null> => page.locator(`${selector} annotation[encoding="application/x-tex"]`).first().textContent();

/** The verdict on the first expectation, after checking that it is the one shown as `expectedTex`. */
async function verdictFor(expectedTex: string): Promise<string | null> {
  expect(await texOf('#expected-0')).toBe(expectedTex);
  return page.locator('#expected-0 .verdict').textContent();
}

describe.skipIf(chromium.skip)(chromium.named('the playground'), { timeout: 30_000 }, () => {
  it('opens with the seed derived and proven', async () => {
    await page.waitForSelector('#output[data-status="proven"]');
    expect(await texOf('#result')).toBe('\\frac{\\partial L}{\\partial z_{2}} = a_{2} - y');
  });

  it('derives the seed typed in ASCII: a_2 - y, proven, one row per textbook line', async () => {
    await type(SEED);
    expect(await verdictFor('a_{2} - y')).toBe('proven');
    expect(await page.getAttribute('#output', 'data-status')).toBe('proven');
    expect(await page.textContent('#syntax')).toBe('read as ASCII');
    expect(await texOf('#result')).toBe('\\frac{\\partial L}{\\partial z_{2}} = a_{2} - y');
    expect(await texOf('#expected-0')).toBe('a_{2} - y');
    // 0 < a2 < 1 holds by a2 = sigmoid(z2): the kernel discharges it, and no conditions row is shown.
    expect(await page.locator('#conditions').count()).toBe(0);
    // One row per line of the text output, the first by the chain rule, the last cancelling to a2 - y.
    const rows = page.locator('table.lines tr');
    expect(await rows.count()).toBe(seedLines().length);
    expect(await rows.first().locator('.rules').textContent()).toBe('chain rule');
    expect(await texOf('table.lines tr:first-child .lhs')).toBe('\\frac{\\partial L}{\\partial z_{2}}');
    expect(await texOf('table.lines tr:last-child .rhs')).toBe('= a_{2} - y');
    expect(await rows.last().locator('.rules').textContent()).toBe('cancel the common factor');
  });

  it('derives the seed typed in LaTeX to the same result', async () => {
    await type(SEED_LATEX);
    expect(await verdictFor('a_{2} - y')).toBe('proven');
    expect(await page.textContent('#syntax')).toBe('read as LaTeX');
    expect(await texOf('#result')).toBe('\\frac{\\partial L}{\\partial z_{2}} = a_{2} - y');
  });

  it('refutes a wrong expectation, with a counterexample', async () => {
    await type({ ...SEED, expect: 'y - a2' });
    expect(await verdictFor('y - a_{2}')).toBe('refuted');
    expect(await page.getAttribute('#output', 'data-status')).toBe('refuted');
    expect(await page.locator('#expected-0 .detail').textContent()).toMatch(/^counterexample: .*=.*; result and expected there: /);
  });

  it('shows a syntax error as the message with its field, column and a caret', async () => {
    await type({ ...SEED, loss: '-(y*log(a2) + ' });
    expect(await page.textContent('#error .where')).toBe('Loss, column 14: ');
    expect(await page.textContent('#error .text')).toBe('error: unexpected end of input');
    expect(await page.textContent('#error .caret')).toBe('-(y*log(a2) + \n             ^');
    expect(await page.getAttribute('#loss', 'aria-invalid')).toBe('true');
    expect(await page.locator('#derivation').innerHTML()).toBe('');
  });

  it('points into the right line of the definitions', async () => {
    await type({ ...SEED, definitions: 'a2 = sigmoid(z2)\n\nb = 2*/3' });
    expect(await page.textContent('#error .where')).toBe('Definitions, line 3, column 7: ');
    expect(await page.textContent('#error .text')).toBe("error: unexpected '/'");
    expect(await page.textContent('#error .caret')).toBe('b = 2*/3\n      ^');
    expect(await page.getAttribute('#definitions', 'aria-invalid')).toBe('true');
  });

  it('runs nothing the user types: markup and \\href stay text, and the page still renders', async () => {
    const title = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
    await type({ ...SEED, title, definitions: '"><img src=x onerror=alert(3)> = sigmoid(z2)' });
    expect(await page.textContent('#error .where')).toBe('Definitions, line 1, column 1: ');
    expect(await page.textContent('#error .caret')).toBe('"><img src=x onerror=alert(3)> = sigmoid(z2)\n^');

    await type({ ...SEED_LATEX, title, loss: '\\href{javascript:alert(1)}{x}' });
    expect(await page.textContent('#error .where')).toBe('Loss, column 17: ');

    await type({ ...SEED_LATEX, title, expect: '\\href{javascript:alert(4)}{a_2 - y}' });
    expect(await page.textContent('#error .where')).toBe('Expected result, column 17: ');

    await type({ ...SEED, title });
    expect(await verdictFor('a_{2} - y')).toBe('proven');
    expect(await page.textContent('#derivation h2.title')).toBe(title);
    // Nothing typed became an element: the page's one script, no image, no link.
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('img, a, iframe, object, embed').count()).toBe(0);
    expect(await page.locator('[onerror], [onload], [onclick]').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('speaks Chinese: rule names, explanations and verdicts from the rule files', async () => {
    await type(SEED);
    expect(await verdictFor('a_{2} - y')).toBe('proven');
    await page.locator('input[name="lang"][value="zh"]').check();
    await settled();
    expect(await page.textContent('#expected-0 .verdict')).toBe('已证明');
    const first = page.locator('table.lines tr').first();
    expect(await first.locator('.rules').textContent()).toBe('链式法则');
    expect(await first.locator('.explanation').textContent()).toBe(explainLine(seedLines('zh')[0]!, 'zh'));
    expect(await page.textContent('label[for="loss"]')).toBe('损失函数');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.locator('input[name="lang"][value="en"]').check();
    await settled();
    expect(await page.textContent('#expected-0 .verdict')).toBe('proven');
    expect(await first.locator('.explanation').textContent()).toBe(explainLine(seedLines('en')[0]!, 'en'));
  });

  it('works offline: every request went to the server, KaTeX fonts included', async () => {
    expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
    expect(requests).toContain(`${origin}fonts/KaTeX_Main-Regular.woff2`);
    const loaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family);
    });
    expect(loaded).toContain('KaTeX_Main');
  });

  it('threw nothing into the page, logged no error and opened no dialog', () => {
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});

/** The textbook lines of the seed, as the engine lays them out. */
function seedLines(lang: 'en' | 'zh' = 'en') {
  const rules = builtinRules();
  const text = `let ${SEED.definitions}\nloss ${SEED.loss}\nwrt ${SEED.wrt}\nexpect ${SEED.expect}`;
  const o = runProblem(parseProblem(text, 'seed', { functions: rules.functions }), { rules });
  return proofLines(o.checked.proof, rules.byId, lang);
}
