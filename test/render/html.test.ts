/** The HTML page builder, its escaping, its KaTeX policy and its plot, without a browser. */
import katex from 'katex';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/ascii.js';
import { parseProblem } from '../../src/parse/problem.js';
import { runProblem } from '../../src/api/derive.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { functionTable } from '../../src/rules/load.js';
import { Definitions } from '../../src/expr/context.js';
import { sym } from '../../src/expr/node.js';
import { escapeHtml, escapeMarkdownText } from '../../src/render/html-escape.js';
import { type RenderToString, safeMathRenderer } from '../../src/render/html-math.js';
import { CONTENT_SECURITY_POLICY } from '../../src/render/html-layout.js';
import { derivationToHtml } from '../../src/render/html-page.js';
import { samplePlot, SAMPLE_VALUES } from '../../src/render/plot-sample.js';
import { niceTicks, plotToSvg } from '../../src/render/plot-svg.js';
import { proofLines } from '../../src/render/lines.js';
import { katexCss } from '../../src/cli/html-assets.js';

const ROOT = join(import.meta.dirname, '../..');
const rules = builtinRules();
const fns = functionTable(rules.defs);
const math = safeMathRenderer(katex.renderToString as unknown as RenderToString);

const outcomeOf = (file: string) => runProblem(parseProblem(readFileSync(join(ROOT, file), 'utf8'), file, { functions: rules.functions }), { rules });
const pageOf = (file: string, lang: 'en' | 'zh' = 'en') => derivationToHtml(outcomeOf(file), { lang, math, css: '', fns });

/** Tags that could run or fetch something: scripts, frames, images, links, event handlers, src/href attributes. */
const activeTags = (html: string): string[] =>
  [...html.matchAll(/<[a-z][^>]*>/gi)].map((m) => m[0]).filter((t) => /^<(script|iframe|img|a|link|object|embed)\b/i.test(t) || /\s(on\w+|href|src|xlink:href)\s*=/i.test(t));

describe('escapeHtml', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['"><img src=x onerror=alert(1)>', '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'],
    ["a & 'b'", 'a &amp; &#39;b&#39;'],
    ['∂L/∂z2 σ′', '∂L/∂z2 σ′'],
  ])('%s', (input, expected) => expect(escapeHtml(input)).toBe(expected));
});

describe('escapeMarkdownText', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert\\(1\\)&lt;/script&gt;'],
    ['[link](javascript:alert(1))', '\\[link\\]\\(javascript:alert\\(1\\)\\)'],
    ['*bold* _it_ `code` $x$', '\\*bold\\* \\_it\\_ \\`code\\` \\$x\\$'],
    ['\\href{x}{y}', '\\\\href{x}{y}'],
    ["# 'q' &", '\\# &#39;q&#39; &amp;'],
    ['two\nlines', 'two lines'],
  ])('%s', (input, expected) => expect(escapeMarkdownText(input)).toBe(expected));
});

describe('the math renderer', () => {
  it('sets formulas with KaTeX', () => {
    expect(math('a_{2} - y', false)).toMatch(/^<span class="katex">/);
    expect(math('a_{2} - y', true)).toMatch(/^<span class="katex-display">/);
  });

  it('makes no link or attribute from \\href, \\url or \\htmlClass: trust is off', () => {
    for (const tex of ['\\href{javascript:alert(1)}{x}', '\\url{javascript:alert(1)}', '\\htmlClass{x" onclick="alert(1)}{x}', '\\includegraphics{x.png}']) {
      expect(activeTags(math(tex, false)), tex).toEqual([]);
    }
  });

  it('shows LaTeX that KaTeX refuses as escaped source, never as a KaTeX error', () => {
    expect(math('\\frac{1}{<b>', false)).toBe('<code class="math-fallback">\\frac{1}{&lt;b&gt;</code>');
    expect(math('\\notacommand', true)).toBe('<code class="math-fallback">\\notacommand</code>');
  });
});

describe('KaTeX assets for the page', () => {
  it('inline every font as a data: URI, and nothing else is fetched', () => {
    const css = katexCss();
    const urls = [...css.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]!);
    expect(urls.length).toBe(20);
    for (const u of urls) expect(u).toMatch(/^data:font\/woff2;base64,[A-Za-z0-9+/]+=*$/);
  });
});

describe('the page of a derivation', () => {
  const page = pageOf('examples/bce-sigmoid.grad');

  it('is one document with no script, under a policy that forbids scripts and remote loads', () => {
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none';/);
    expect(activeTags(page)).toEqual([]);
  });

  it('has a row for every textbook line, the verdict, and the plot with both curves', () => {
    const o = outcomeOf('examples/bce-sigmoid.grad');
    expect(page.match(/<tr class="step">/g)?.length).toBe(proofLines(o.checked.proof, o.rules.byId, 'en').length);
    expect(page).toContain('<div class="verdict verdict-proven" data-verdict="proven">');
    expect(page.match(/<path class="curve curve-(derived|numeric)" d="M/g)?.length).toBe(2);
    expect(page).toContain('data-points="161"');
    expect(page).toMatch(/Other variables fixed at <span class="katex">.*y = 0\.3/);
  });

  it('is in Chinese with --lang zh', () => {
    const zh = pageOf('examples/bce-sigmoid.grad', 'zh');
    expect(zh).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    for (const word of ['问题', '已知', '推导', '已证明', '数值验证', '链式法则']) expect(zh).toContain(word);
  });

  it('escapes a title with markup in it, in the heading and in <title>', () => {
    const p = pageOf('test/fixtures/injection-title.grad');
    expect(activeTags(p)).toEqual([]);
    expect(p).not.toMatch(/<script|<img|<svg onload/i);
    expect(p).toContain('<h1 class="title">&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(p).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('shows a refuted expectation with its counterexample point and both values', () => {
    const p = pageOf('test/fixtures/injection-names.grad');
    expect(p).toContain('data-verdict="refuted"');
    expect(p).toMatch(/<div class="counterexample">Counterexample:<table class="point">/);
    expect(p).toMatch(/<th>result<\/th><td>[-0-9.e]+<\/td><\/tr><tr><th>expected<\/th><td>[-0-9.e]+<\/td>/);
  });
});

describe('the plot samples', () => {
  const problem = (loss: string, wrt: string, lets: Record<string, string> = {}, assumptions: Array<{ lhs: string; op: '>' | '<'; rhs: string }> = []) => {
    const o = runProblem(
      {
        definitions: Object.entries(lets).map(([name, e]) => ({ name, expr: parse(e, { functions: rules.functions }) })),
        loss: parse(loss, { functions: rules.functions }),
        lossName: 'L',
        wrt,
        expects: [],
        assumptions: assumptions.map((a) => ({ operands: [parse(a.lhs), parse(a.rhs)], ops: [a.op] })),
      },
      { rules },
    );
    const proof = o.checked.proof;
    return { defs: new Definitions(proof.definitions), lossName: 'L', variable: sym(wrt), result: proof.result, assumptions: proof.assumptions, fns };
  };

  it('fix the other variables at the documented values, in the order of their names', () => {
    const s = samplePlot(problem('(a - y)^2/2 + b*w', 'z', { a: 'sigmoid(z)' }))!;
    expect(s.fixed).toEqual({ b: SAMPLE_VALUES[0], w: SAMPLE_VALUES[1], y: SAMPLE_VALUES[2] });
    expect(s.range).toEqual([-4, 4]);
    expect(s.plotted).toBe(161);
    expect(s.maxDifference).toBeLessThan(1e-8);
  });

  it('keep a probability inside (0, 1), where the loss is defined', () => {
    const s = samplePlot(problem('-(y*log(p) + (1 - y)*log(1 - p))', 'p'))!;
    expect(s.range[0]).toBeGreaterThan(0);
    expect(s.range[1]).toBeLessThan(1);
    expect(s.range[0]).toBeLessThan(0.05);
    expect(s.range[1]).toBeGreaterThan(0.95);
    expect(s.plotted).toBe(161);
  });

  it('stay on the side of a kink that an assumption selects', () => {
    const s = samplePlot(problem('y*abs(z - 1)', 'z', {}, [{ lhs: 'z', op: '>', rhs: '1' }]))!;
    expect(s.range[0]).toBeGreaterThan(1);
    expect(s.range[0]).toBeLessThan(1.05);
    expect(s.range[1]).toBe(4);
    expect(s.maxDifference).toBeLessThan(1e-8);
  });

  it('leave a gap at a kink without an assumption, and plot both sides', () => {
    const s = samplePlot(problem('y*relu(z)', 'z'))!;
    expect(s.range).toEqual([-4, 4]);
    const gaps = s.points.filter((q) => Number.isNaN(q.derived) || Number.isNaN(q.numeric)).map((q) => q.x);
    expect(gaps).toEqual([0]);
    expect(s.plotted).toBe(160);
  });

  it('in index notation: K = 3 classes, i = 1, the variable the member z[1], the labels summing to 1', () => {
    const o = outcomeOf('examples/softmax-cce-K.grad');
    const proof = o.checked.proof;
    const goal = proof.start.args[1]!;
    const s = samplePlot({ defs: new Definitions(proof.definitions), lossName: 'L', variable: goal, result: proof.result, assumptions: proof.assumptions, fns })!;
    expect(s.wrt).toBe('z[1]');
    expect(Object.keys(s.fixed).sort()).toEqual(['K', 'i', 'y[1]', 'y[2]', 'y[3]', 'z[2]', 'z[3]']);
    expect([s.fixed.K, s.fixed.i]).toEqual([3, 1]);
    expect(s.fixed['y[1]']! + s.fixed['y[2]']! + s.fixed['y[3]']!).toBeCloseTo(1, 12);
    expect(s.range).toEqual([-4, 4]);
    expect(s.maxDifference).toBeLessThan(1e-8);
  });

  it('give nothing when the loss is defined nowhere on the line', () => {
    const p = problem('log(-1 - z^2) + z', 'z');
    expect(samplePlot(p)).toBeUndefined();
  });
});

describe('the plot as SVG', () => {
  it.each([
    [-4, 4, [-4, -3, -2, -1, 0, 1, 2, 3, 4]],
    [-0.03, 0.09, [-0.02, 0, 0.02, 0.04, 0.06, 0.08]],
    [0.03, 0.97, [0.2, 0.4, 0.6, 0.8]],
    [-0.31, 0.72, [-0.2, 0, 0.2, 0.4, 0.6]],
  ])('ticks from %d to %d', (lo, hi, ticks) => {
    expect(niceTicks(lo, hi).map((t) => Number(t.toPrecision(6)))).toEqual(ticks);
  });

  it('breaks both curves at a gap', () => {
    const nan = Number.NaN;
    const points = [0, 1, 2, 3, 4].map((x) => ({ x, derived: x === 2 ? nan : x, numeric: x }));
    const svg = plotToSvg(
      { lossName: 'L', wrt: 'z', fixed: {}, range: [0, 4], points, plotted: 4, maxDifference: 0 },
      { x: 'z', y: '∂L/∂z', derived: 'derived', numeric: 'numeric', description: '<b>' },
      't',
    );
    for (const curve of ['derived', 'numeric']) {
      const d = new RegExp(`<path class="curve curve-${curve}" d="([^"]*)"`).exec(svg)![1]!;
      expect(d.match(/[ML]/g)).toEqual(['M', 'L', 'M', 'L']);
    }
    expect(svg).toContain('aria-label="&lt;b&gt;"');
  });
});
