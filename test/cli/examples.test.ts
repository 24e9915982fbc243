/** Every problem in examples/ derives, in every format and language, with its expectations proven. */
import katex from 'katex';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, gradproofAsync } from './run.js';
import { documentMath } from '../render/katex.js';

const EXAMPLES = readdirSync(join(ROOT, 'examples')).filter((n) => n.endsWith('.grad')).sort();

it('examples/ has the seed and the others', () => {
  expect(EXAMPLES).toContain('bce-sigmoid.grad');
  expect(EXAMPLES.length).toBeGreaterThanOrEqual(5);
});

describe.concurrent.each(EXAMPLES)('examples/%s', (name) => {
  const file = `examples/${name}`;

  it.for(['en', 'zh'])('text, --lang %s: exit 0, every expectation proven', async (lang, { expect }) => {
    const r = await gradproofAsync('derive', file, '--lang', lang);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const expected = r.stdout.split('\n').filter((l) => /^(Expected|验证)/.test(l));
    expect(expected.length).toBeGreaterThan(0);
    for (const l of expected) expect(l).toMatch(lang === 'en' ? /: proven$/ : /: 已证明$/);
  });

  it.for(['en', 'zh'])('latex, --lang %s: exit 0, a document whose mathematics KaTeX parses', async (lang, { expect }) => {
    const r = await gradproofAsync('derive', file, '--format', 'latex', '--lang', lang);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\\documentclass\{article\}\n[^]*\\begin\{align\*\}\n[^]*\\end\{document\}\n$/);
    const math = documentMath(r.stdout);
    expect(math.length).toBeGreaterThan(3);
    for (const m of math) expect(() => katex.renderToString(m, { throwOnError: true, displayMode: true }), m).not.toThrow();
  });

  it.for(['en', 'zh'])('json, --lang %s: exit 0, verdict proven', async (lang, { expect }) => {
    const r = await gradproofAsync('derive', file, '--format', 'json', '--lang', lang);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { verdict: string; counterexample: unknown; steps: unknown[] };
    expect(out.verdict).toBe('proven');
    expect(out.counterexample).toBeNull();
    expect(out.steps.length).toBeGreaterThan(0);
  });
});
