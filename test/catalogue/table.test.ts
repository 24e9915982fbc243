/**
 * The README's catalogue is up to date: the table between the catalogue markers is
 * regenerated here from examples/ with the command this test run built, and must be
 * exactly what README.md shows (`npm run catalogue` rewrites it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { END, START, collectRows, exampleFiles, renderTable, spliceReadme, type CatalogueRow } from '../../scripts/catalogue-table.mjs';
import { ROOT } from '../support/source.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README.md catalogue', () => {
  let rows: CatalogueRow[] = [];

  it('has its markers once each, in order, under a Catalogue heading', () => {
    expect(README.split(START).length).toBe(2);
    expect(README.split(END).length).toBe(2);
    expect(README.indexOf(START)).toBeLessThan(README.indexOf(END));
    expect(README).toMatch(/^## Catalogue$/m);
  });

  it('has one row per example, each proven', { timeout: 120_000 }, async () => {
    rows = await collectRows(ROOT, inject('gradproofCli'));
    expect(rows.map((r) => r.file)).toEqual(exampleFiles(ROOT));
    for (const r of rows) expect([r.file, r.verdict]).toEqual([r.file, 'proven']);
  });

  it('is what examples/ gives (npm run catalogue rewrites it)', () => {
    expect(rows.length).toBeGreaterThan(0);
    const want = spliceReadme(README, renderTable(rows));
    const shown = (s: string): string => s.slice(s.indexOf(START), s.indexOf(END) + END.length);
    expect(shown(README), 'README.md is out of date: run npm run catalogue').toBe(shown(want));
    expect(README).toBe(want);
  });
});

describe('the pure parts of scripts/catalogue-table.mjs', () => {
  const row: CatalogueRow = { file: 'f.grad', title: 'T | x', loss: 'L = (a - y)^2/2', lets: ['a = w*x + b'], wrt: 'w', lossName: 'L', result: '(a - y)*x', verdict: 'proven' };

  it('renders a row: title linked to its file, code spans, | escaped', () => {
    expect(renderTable([row]).split('\n')[2]).toBe('| [T \\| x](examples/f.grad) | `L = (a - y)^2/2` | `a = w*x + b` | `∂L/∂w = (a - y)*x` | proven |');
  });

  it('replaces only what is between the markers, and needs them', () => {
    const md = `before\n${START}\nold\n${END}\nafter\n`;
    expect(spliceReadme(md, 'new\n')).toBe(`before\n${START}\nnew\n${END}\nafter\n`);
    expect(spliceReadme(spliceReadme(md, 'new\n'), 'new\n')).toBe(spliceReadme(md, 'new\n'));
    expect(() => spliceReadme('no markers', 'x\n')).toThrow(/markers/);
  });
});
