/**
 * The public API (src/index.ts) against the command line: `derive()` returns exactly what
 * `derive --format json` prints, `check()` and `checkChain()` what `check --format json`
 * prints, `renderMarkdown()` and `renderHtml()` what `--format md` and `--format html` print.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { check, checkChain, derive, renderHtml, renderMarkdown, type DeriveInput } from '../../src/index.js';
import { katexCss } from '../../src/cli/html-assets.js';
import { gradproof } from '../cli/run.js';

/** The command-line flags of an inline problem. */
function flags(input: DeriveInput): string[] {
  const lets = Array.isArray(input.let) ? input.let : Object.entries(input.let ?? {}).map(([k, v]) => `${k} = ${v}`);
  const list = (v: string | readonly string[] | undefined): readonly string[] => (v === undefined ? [] : typeof v === 'string' ? [v] : v);
  return [
    input.loss,
    '--wrt',
    input.wrt,
    ...lets.flatMap((l) => ['--let', l as string]),
    ...list(input.expect).flatMap((e) => ['--expect', e]),
    ...list(input.assume).flatMap((a) => ['--assume', a]),
  ];
}

const PROBLEMS: ReadonlyArray<readonly [string, DeriveInput]> = [
  ['the seed', { loss: '-(y*log(a2) + (1-y)*log(1-a2))', let: { a2: 'sigmoid(z2)' }, wrt: 'z2', expect: 'a2 - y' }],
  ['a refuted expectation', { loss: '(a - y)^2/2', let: { a: 'tanh(z)' }, wrt: 'z', expect: '(a - y)*(1 + a^2)' }],
  ['no expectation', { loss: '(a - y)^2/2', let: ['a = sigmoid(z)'], wrt: 'z' }],
  [
    'softmax with a fact',
    {
      loss: '-(y1*log(a1) + y2*log(a2) + y3*log(a3))',
      let: { a1: 'exp(z1)/(exp(z1) + exp(z2) + exp(z3))', a2: 'exp(z2)/(exp(z1) + exp(z2) + exp(z3))', a3: 'exp(z3)/(exp(z1) + exp(z2) + exp(z3))' },
      wrt: 'z1',
      expect: 'a1 - y1',
      assume: 'y1 + y2 + y3 = 1',
    },
  ],
  ['two expectations', { loss: 'log(1 + exp(z))', wrt: 'z', expect: ['sigmoid(z)', 'exp(z)/(1 + exp(z))'] }],
  ['textbook LaTeX', { loss: '-[y \\log a_2 + (1 - y) \\log(1 - a_2)]', let: ['a_2 = \\sigma(z_2)'], wrt: 'z2', expect: 'a_{2} - y' }],
];

describe('derive() returns exactly what derive --format json prints', () => {
  it.each(PROBLEMS)('%s', (_, input) => {
    const cli = gradproof('derive', ...flags(input), '--format', 'json');
    expect(cli.stderr).toBe('');
    expect(derive(input)).toEqual(JSON.parse(cli.stdout));
  });
  it('in Chinese too', () => {
    const [, input] = PROBLEMS[0]!;
    expect(derive(input, { lang: 'zh' })).toEqual(JSON.parse(gradproof('derive', ...flags(input), '--format', 'json', '--lang', 'zh').stdout));
  });
});

describe('check() replays a proof as check --format json does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradproof-api-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const proof = derive(PROBLEMS[0]![1]);
  const cliCheck = (p: unknown): unknown => {
    const file = join(dir, 'proof.json');
    writeFileSync(file, JSON.stringify(p));
    return JSON.parse(gradproof('check', file, '--format', 'json').stdout);
  };

  it('the seed: every step replayed', () => {
    expect(check(proof)).toEqual({
      checked: true,
      replayed: 25,
      claim: 'diff(L, z2) = a2 - y',
      conditions: [],
      premises: { assumptions: [], definitions: ['a2 = sigmoid(z2)', 'L = -(y*log(a2) + (1 - y)*log(1 - a2))'], ruleFiles: [] },
    });
    expect(check(proof)).toEqual(cliCheck(proof));
    expect(check(JSON.stringify(proof))).toEqual(check(proof));
  });
  it('a tampered step is named', () => {
    const tampered = { ...proof, steps: proof.steps.map((s, i) => (i === 5 ? { ...s, after: `${s.after} + 1` } : s)) };
    const r = check(tampered);
    expect(r).toEqual(cliCheck(tampered));
    expect([r.checked, r.checked ? 0 : r.step]).toEqual([false, 6]);
  });
  it('text that is not JSON is bad input', () => {
    expect(() => check('{ nope')).toThrow(/^the proof is not valid JSON: /);
  });
});

describe('checkChain() checks a written derivation as check --chain --format json does', () => {
  const chain = ['diff(log(sigmoid(z)), z)', 'sigmoid(z)*(1 - sigmoid(z))/sigmoid(z)', '1 + sigmoid(z)'];
  it('the first wrong link', () => {
    const r = checkChain(chain);
    expect([r.firstWrong, r.links.map((l) => l.verdict)]).toEqual([2, ['proven', 'refuted']]);
    expect(r).toEqual(JSON.parse(gradproof('check', '--chain', ...chain, '--format', 'json').stdout));
  });
  it('with intermediates and facts', () => {
    const steps = ['diff(L, a2)', '(1 - y)/(1 - a2) - y/a2', '(a2 - y)/(a2*(1 - a2))'];
    const r = checkChain(steps, { let: { L: '-(y*log(a2) + (1-y)*log(1-a2))' }, assume: '0 < a2 < 1' });
    expect(r.firstWrong).toBeNull();
    const cli = gradproof('check', '--chain', ...steps, '--let', 'L = -(y*log(a2) + (1-y)*log(1-a2))', '--assume', '0 < a2 < 1', '--format', 'json');
    expect(r).toEqual(JSON.parse(cli.stdout));
  });
  it('the text of a derivation file', () => {
    const text = ['title  σ′ from its definition', 'let    s = 1/(1 + exp(-z))', '  diff(s, z)', '= exp(-z)/(1 + exp(-z))^2', '= s*(1 - s)', '= s*(1 + s)   # wrong'].join('\n');
    const r = checkChain(text);
    expect([r.title, r.firstWrong, r.links.map((l) => [l.line, l.verdict])]).toEqual([
      'σ′ from its definition',
      3,
      [
        [4, 'proven'],
        [5, 'proven'],
        [6, 'refuted'],
      ],
    ]);
  });
});

describe('renderMarkdown() writes what derive --format md prints', () => {
  it.each(PROBLEMS.slice(0, 4))('%s', (_, input) => {
    expect(renderMarkdown(input)).toBe(gradproof('derive', ...flags(input), '--format', 'md').stdout);
  });
  it('in Chinese', () => {
    const [, input] = PROBLEMS[0]!;
    expect(renderMarkdown(input, { lang: 'zh' })).toBe(gradproof('derive', ...flags(input), '--format', 'md', '--lang', 'zh').stdout);
  });
});

describe('expressions in and out', () => {
  it.each([
    ['y log(a2) + (1-y) ln(1-a2)', 'y*log(a2) + (1 - y)*log(1 - a2)'],
    ['σ(z)·(1 − σ(z))', 'sigmoid(z)*(1 - sigmoid(z))'],
    ['2x^2', '2*x^2'],
  ])('parse(%j) prints as %j', (text, ascii) => {
    expect(api.toAscii(api.parse(text))).toBe(ascii);
  });
  it('parseLatex reads the textbook', () => {
    expect(api.toAscii(api.parseLatex('-[y \\log a_2 + (1 - y) \\log(1 - a_2)]'))).toBe('-(y*log(a2) + (1 - y)*log(1 - a2))');
    expect(api.toAscii(api.parseLatex('\\frac{\\partial L}{\\partial a_2}'))).toBe(api.toAscii(api.parse('diff(L, a2)')));
  });
  it('toAscii and toLatex take text or an expression', () => {
    expect(api.toAscii('a_{2}(1 - a_{2})')).toBe('a2*(1 - a2)');
    expect(api.toLatex('(a2 - y)/(a2*(1 - a2))')).toBe('\\frac{a_{2} - y}{a_{2} \\left(1 - a_{2}\\right)}');
    expect(api.toLatex(api.parse('sigmoid(z2)'))).toBe(api.toLatex('sigmoid(z2)'));
  });
  it('a user\'s function is a call only with their rules', () => {
    const rules = api.loadRules('derivative d.gauss "g" / "g"\n  gauss(u) -> -2*u*gauss(u)\ndef gauss(u) = exp(-u^2)\n');
    expect(() => api.parse('gauss(z)')).toThrow(api.GradproofError);
    expect(api.toAscii(api.parse('gauss(z)', { rules }))).toBe('gauss(z)');
  });
  it('bad input is a GradproofError with a position', () => {
    let error: unknown;
    try {
      api.parse('log(a2');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(api.GradproofError);
    expect((error as api.GradproofError).format()).toBe("expression:1:1: error: missing ')' to close the call to log\n  log(a2\n  ^");
  });
});

describe('simplify()', () => {
  it.each([
    ['a2*(1-a2)*(a2-y)/(a2*(1-a2))', {}, 'a2 - y', ['a2 != 0', 'a2 != 1']],
    ['(1 - y)/(1 - a2) - y/a2', {}, '(a2 - y)/(a2*(1 - a2))', ['a2 != 0', 'a2 != 1']],
    ['sigmoid(z2)*(1 - sigmoid(z2))', { let: { a2: 'sigmoid(z2)' } }, 'a2*(1 - a2)', []],
    ['x + x', {}, '2*x', []],
    ['a2 - y', {}, 'a2 - y', []],
  ] as const)('%s → %s', (start, options, result, conditions) => {
    const r = api.simplify(start, options);
    expect([r.result, r.conditions]).toEqual([result, conditions]);
    // Every step names its rule, and the kernel replayed them all.
    expect(r.replayed).toBe(r.steps.length);
    for (const s of r.steps) expect(s.rule).toMatch(/^(alg\.|def\.fold)/);
    if (r.steps.length) expect([r.steps[0]!.before, r.steps.at(-1)!.after]).toEqual([api.toAscii(start), result]);
  });
});

describe('renderHtml() writes the page derive --format html prints', () => {
  it.each(PROBLEMS.slice(0, 2))('%s, with KaTeX\'s stylesheet as the command embeds it', (_, input) => {
    expect(renderHtml(input, { css: katexCss() })).toBe(gradproof('derive', ...flags(input), '--format', 'html').stdout);
  });
  it('in Chinese, every step', () => {
    const [, input] = PROBLEMS[0]!;
    expect(renderHtml(input, { css: katexCss(), lang: 'zh', allSteps: true })).toBe(gradproof('derive', ...flags(input), '--format', 'html', '--lang', 'zh', '--steps').stdout);
  });
  it('without a stylesheet the math is MathML, which needs none', () => {
    const page = renderHtml(PROBLEMS[0]![1]);
    expect(page).toMatch(/^<!DOCTYPE html>\n/);
    expect(page).toContain('<math');
    expect(page).not.toContain('class="katex-html"');
  });
  it('what the user typed is escaped', () => {
    const page = renderHtml({ title: '<script>alert(1)</script>', loss: 'x^2', wrt: 'x' });
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
