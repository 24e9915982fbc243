/**
 * Echoing the input in the user's order: the trees are canonical (sorted), so what the output
 * shows as the user's own (Given, Expected, a checked derivation's lines) is printed from the
 * parser's notes of where each piece was written, in every format.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/ascii.js';
import { parseLatex } from '../../src/parse/latex.js';
import { toAscii, toAsciiAsWritten } from '../../src/expr/print.js';
import { toLatexAsWritten } from '../../src/render/latex.js';
import { writtenOrderOf } from '../../src/expr/written.js';
import { add, mul, sym } from '../../src/expr/node.js';
import { gradproof } from '../cli/run.js';

describe('an expression read from input prints as it was written', () => {
  it.each([
    ['w*x + b', 'w*x + b', 'w x + b'],
    ['-(y*log(a2) + (1 - y)*log(1 - a2))', '-(y*log(a2) + (1 - y)*log(1 - a2))', '-\\left(y \\log a_{2} + \\left(1 - y\\right) \\log\\left(1 - a_{2}\\right)\\right)'],
    ['(a - y)^2/2 + y - a', '(a - y)^2/2 + y - a', '\\frac{\\left(a - y\\right)^{2}}{2} + y - a'],
    ['y*(x + y) + x', 'y*(x + y) + x', 'y \\left(x + y\\right) + x'],
    ['z*w + x*b', 'z*w + x*b', 'z w + x b'],
  ])('%s', (text, ascii, latex) => {
    const e = parse(text);
    expect(toAsciiAsWritten(e)).toBe(ascii);
    expect(toLatexAsWritten(e)).toBe(latex);
  });

  it('reads LaTeX the same way', () => {
    const e = parseLatex('\\sigma(w x + b) - y');
    expect(toAsciiAsWritten(e)).toBe('sigmoid(w*x + b) - y');
    expect(toAscii(e)).toBe('sigmoid(b + w*x) - y');
  });

  it('a tree no parser read prints in its canonical order', () => {
    const e = add(mul(sym('q9'), sym('p9')), sym('r9'));
    expect(writtenOrderOf(e)).toBeUndefined();
    expect(toAsciiAsWritten(e)).toBe(toAscii(e));
  });

  it('one tree written two ways: each reading keeps its own order when taken as it is read', () => {
    const first = parse('w*x + b');
    const order = writtenOrderOf(first);
    const second = parse('b + x*w');
    expect(second).toBe(first);
    expect(toAsciiAsWritten(first, order)).toBe('w*x + b');
    expect(toAsciiAsWritten(second)).toBe('b + x*w');
  });
});

describe('the output echoes the input in the user\'s order', () => {
  const args = ['derive', '(a - y)^2/2', '--let', 'z = w*x + b', '--let', 'a = sigmoid(z)', '--wrt', 'w', '--expect', 'x*(a - y)*a*(1 - a)', '--assume', 'w*x + b > 0'];

  it('text: Given, Premises and Expected', () => {
    const r = gradproof(...args);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Given       z = w*x + b');
    expect(lines).toContain('Premises    given     z = w*x + b');
    expect(lines).toContain('            assuming  w*x + b > 0');
    expect(lines).toContain('Expected    x*(a - y)*a*(1 - a): proven');
  });

  it('json, markdown, latex and html', () => {
    const json = JSON.parse(gradproof(...args, '--format', 'json').stdout);
    expect(json.definitions[0]).toEqual({ name: 'z', expr: 'w*x + b' });
    expect(json.assumptions).toEqual(['w*x + b > 0']);
    expect(json.expectations[0].expected).toBe('x*(a - y)*a*(1 - a)');
    expect(gradproof(...args, '--format', 'md').stdout.split('\n')[0]).toBe(
      '**Given** $z = w x + b$, $a = \\sigma\\left(z\\right)$, $L = \\frac{\\left(a - y\\right)^{2}}{2}$',
    );
    const latex = gradproof(...args, '--format', 'latex').stdout;
    expect(latex).toContain('z &= w x + b');
    expect(latex).toContain('$x \\left(a - y\\right) a \\left(1 - a\\right)$');
    const html = gradproof(...args, '--format', 'html').stdout;
    expect(html).toContain('w x + b');
    expect(html).not.toContain('b + w x');
  });

  it('check shows each line as typed, though both are one tree', () => {
    const r = gradproof('check', '--chain', 'w*x + b', 'b + x*w');
    expect(r.stdout.split('\n')[0]).toBe(' 1. w*x + b = b + x*w');
    const json = JSON.parse(gradproof('check', '--chain', 'w*x + b', 'b + x*w', '--format', 'json').stdout);
    expect([json.links[0].from, json.links[0].to]).toEqual(['w*x + b', 'b + x*w']);
    const md = gradproof('check', '--chain', 'w*x + b', 'b + x*w', '--format', 'md').stdout;
    expect(md).toContain('\nw x + b &= b + x w && (1)\n');
  });
});
