/** `--format html` through the built command: to stdout or a file, --all, check, exit codes. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BCE, SIGMOID, gradproof } from '../cli/run.js';

const dir = mkdtempSync(join(tmpdir(), 'gradproof-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One page: a doctype, one <html>, KaTeX's fonts inline, no script. */
function expectPage(html: string): void {
  expect(html.slice(0, 40)).toMatch(/^<!DOCTYPE html>\n<html lang="(en|zh-CN)">\n/);
  expect(html.match(/<html/g)?.length).toBe(1);
  expect(/@font-face\{[^}]*src:url\(data:font\/woff2;base64,/.test(html)).toBe(true);
  // Only data: URIs and the plot's own clip paths (`url(#plot-area-0)`).
  expect([...html.matchAll(/url\((?!data:|#plot-area-)[^)]{0,60}/g)].map((m) => m[0])).toEqual([]);
  expect(html.match(/<script/gi)).toBeNull();
  expect(html.endsWith('</html>\n')).toBe(true);
}

describe('gradproof derive --format html', () => {
  it('writes the same page to stdout and to -o FILE', () => {
    const out = gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'html');
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expectPage(out.stdout);
    const file = join(dir, 'page.html');
    const written = gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'html', '-o', file);
    expect(written).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(readFileSync(file, 'utf8')).toBe(out.stdout);
  });

  it('--lang zh: the page in Chinese', () => {
    const out = gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'html', '--lang', 'zh');
    expect(out.status).toBe(0);
    expectPage(out.stdout);
    expect(out.stdout).toContain('<h2>推导</h2>');
    expect(out.stdout).toContain('<span class="verdict-word">已证明</span>');
  });

  it('an inline problem with a refuted expectation: exit 1, the counterexample on the page', () => {
    const out = gradproof('derive', BCE, '--let', SIGMOID, '--wrt', 'z2', '--expect', 'y - a2', '--format', 'html');
    expect(out.stderr).toBe('');
    expect(out.status).toBe(1);
    expectPage(out.stdout);
    expect(out.stdout).toContain('data-verdict="refuted"');
    expect(out.stdout).toContain('<div class="counterexample">Counterexample:');
  });

  it('--steps: a row for every single step', () => {
    const json = JSON.parse(gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'json').stdout) as { steps: unknown[] };
    const out = gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'html', '--steps');
    expect(out.status).toBe(0);
    expect(out.stdout.match(/<tr class="step">/g)?.length).toBe(json.steps.length);
  });

  it('--all: a section and a plot for every gradient', () => {
    const json = JSON.parse(gradproof('derive', 'examples/two-layer.grad', '--all', '--format', 'json').stdout) as { gradients: Record<string, string> };
    const out = gradproof('derive', 'examples/two-layer.grad', '--all', '--format', 'html');
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expectPage(out.stdout);
    const sections = [...out.stdout.matchAll(/<section class="gradient" data-wrt="([^"]+)">/g)].map((m) => m[1]);
    expect(sections).toEqual(Object.keys(json.gradients));
    expect(out.stdout.match(/<figure class="plot-figure"/g)?.length).toBe(sections.length);
  });
});

describe('gradproof check --format html', () => {
  it('a written derivation with a wrong step: exit 1, every link with its verdict', () => {
    const out = gradproof('check', 'examples/wrong-step.proof', '--format', 'html');
    expect(out.stderr).toBe('');
    expect(out.status).toBe(1);
    expectPage(out.stdout);
    const json = JSON.parse(gradproof('check', 'examples/wrong-step.proof', '--format', 'json').stdout) as { firstWrong: number; links: Array<{ verdict: string }> };
    const verdicts = [...out.stdout.matchAll(/<div class="verdict verdict-\w+ link" data-verdict="(\w+)">/g)].map((m) => m[1]);
    expect(verdicts).toEqual(json.links.map((l) => l.verdict));
    expect(out.stdout).toContain(`<p class="summary">The first wrong step is step ${json.firstWrong}.</p>`);
  });

  it('equal A B: one link, proven, exit 0', () => {
    const out = gradproof('equal', 'a2*(1 - a2)*(a2 - y)/(a2*(1 - a2))', 'a2 - y', '--format', 'html');
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('data-verdict="proven"');
    expect(out.stdout).toContain('<p class="summary">Every step is proven.</p>');
  });
});
