/**
 * `--format latex`: a standalone document that pdflatex compiles (CJKutf8 for Chinese), whose
 * mathematics KaTeX parses with `throwOnError`, with each line's rule beside it and its
 * explanation below. (test/cli/examples.test.ts checks the mathematics of every example's document.)
 */
import { cjkLatex } from '../support/system.js';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentMath, expectKatex } from '../render/katex.js';
import { BCE, ROOT, SIGMOID, gradproof } from './run.js';

const lines = (s: string): string[] => s.split('\n');

describe('gradproof derive examples/bce-sigmoid.grad --format latex', () => {
  const r = gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'latex');

  it('exits 0 and prints one document: article, amsmath, title, problem', () => {
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(lines(r.stdout).slice(0, 24)).toEqual([
      '\\documentclass{article}',
      '\\usepackage{amsmath}',
      '\\usepackage[a4paper,margin=2.5cm]{geometry}',
      '\\setlength{\\parindent}{0pt}',
      '\\setlength{\\parskip}{0.5em}',
      '\\raggedright',
      '\\allowdisplaybreaks',
      '\\begin{document}',
      '\\section*{Formula 8-13: $\\partial$L/$\\partial$z2 for binary cross-entropy on a sigmoid output}',
      '',
      '\\subsection*{Problem}',
      '',
      '\\textbf{Given}',
      '\\begin{align*}',
      'a_{2} &= \\sigma\\left(z_{2}\\right)',
      '\\end{align*}',
      '',
      '\\textbf{The loss}',
      '\\[ L = -\\left(y \\log a_{2} + \\left(1 - y\\right) \\log\\left(1 - a_{2}\\right)\\right) \\]',
      '',
      'Find $\\frac{\\partial L}{\\partial z_{2}}$, the derivative of $L$ with respect to $z_{2}$.',
      '',
      '\\subsection*{Derivation}',
      '',
    ]);
    expect(r.stdout.endsWith('\n\\end{document}\n')).toBe(true);
    expect(r.stdout.match(/\\begin\{document\}/g)).toHaveLength(1);
  });

  it('the derivation: one align*, each line with its rules beside it and its explanation below', () => {
    const all = lines(r.stdout);
    const body = all.slice(all.indexOf('\\subsection*{Derivation}') + 3, all.indexOf('\\subsection*{Result}') - 2);
    const rows = body.filter((l) => !l.startsWith('\\intertext{'));
    const prose = body.filter((l) => l.startsWith('\\intertext{'));
    expect(rows).toHaveLength(8);
    expect(prose).toHaveLength(8);
    expect(rows[0]).toBe(
      '\\frac{\\partial L}{\\partial z_{2}} &= \\frac{\\partial L}{\\partial a_{2}} \\cdot \\frac{\\partial a_{2}}{\\partial z_{2}} && \\parbox[t]{0.3\\linewidth}{\\raggedright\\small chain rule} \\\\',
    );
    expect(prose[0]).toBe(
      '\\intertext{\\small By the chain rule, the derivative through an intermediate is the derivative with respect to the intermediate times the derivative of the intermediate.}',
    );
    expect(rows.at(-1)).toBe(
      '&= a_{2} - y && \\parbox[t]{0.3\\linewidth}{\\raggedright\\small cancel the common factor ($a_{2} \\neq 0$, $a_{2} \\neq 1$)} \\\\',
    );
    expect(prose.at(-1)).toBe('\\intertext{\\small Cancel the factor common to numerator and denominator, which must not be zero.}');
  });

  it('ends with the result and the verdict (0 < a2 < 1 holds by a2 = sigmoid(z2): no conditions)', () => {
    const all = lines(r.stdout);
    expect(all.slice(all.indexOf('\\subsection*{Result}'))).toEqual([
      '\\subsection*{Result}',
      '',
      '\\[ \\frac{\\partial L}{\\partial z_{2}} = a_{2} - y \\]',
      '',
      '\\textbf{Premises:} given $a_{2} = \\sigma\\left(z_{2}\\right)$, $L = -\\left(y \\log a_{2} + \\left(1 - y\\right) \\log\\left(1 - a_{2}\\right)\\right)$.',
      '',
      '\\textbf{Expected:} $a_{2} - y$ --- proven.',
      '',
      '\\end{document}',
      '',
    ]);
  });

  it('its mathematics parses under KaTeX', () => {
    const math = documentMath(r.stdout);
    expect(math.length).toBeGreaterThan(10);
    for (const m of math) expectKatex(m);
  });

  it('in Chinese: CJKutf8, Chinese headings, rule names and explanations', () => {
    const zh = gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'latex', '--lang', 'zh');
    expect(zh.status).toBe(0);
    const all = lines(zh.stdout);
    expect(all.slice(0, 11)).toEqual([
      '\\documentclass{article}',
      '\\usepackage{amsmath}',
      '\\usepackage[a4paper,margin=2.5cm]{geometry}',
      '\\usepackage{CJKutf8}',
      '\\setlength{\\parindent}{0pt}',
      '\\setlength{\\parskip}{0.5em}',
      '\\raggedright',
      '\\allowdisplaybreaks',
      '\\begin{document}',
      '\\begin{CJK}{UTF8}{gbsn}',
      '\\section*{Formula 8-13: $\\partial$L/$\\partial$z2 for binary cross-entropy on a sigmoid output}',
    ]);
    expect(all.filter((l) => l.startsWith('\\subsection*'))).toEqual(['\\subsection*{问题}', '\\subsection*{推导}', '\\subsection*{结果}']);
    expect(all).toContain('\\intertext{\\small 约分，约去分子和分母的公因子，公因子不能为零。}');
    expect(all).toContain('\\textbf{验证：} $a_{2} - y$：已证明。');
    expect(all.slice(-4)).toEqual(['', '\\end{CJK}', '\\end{document}', '']);
    for (const m of documentMath(zh.stdout)) expectKatex(m);
  });
});

describe('the other documents: a refuted expectation, --all, check', () => {
  it('a refuted expectation shows the point and both values', () => {
    const r = gradproof('derive', BCE, '--let', SIGMOID, '--wrt', 'z2', '--expect', 'a2 + y', '--format', 'latex');
    expect(r.status).toBe(1);
    const verdict = lines(r.stdout).filter((l) => l.startsWith('\\textbf{Expected') || l.startsWith('\\textbf{Counterexample'));
    expect(verdict[0]).toBe('\\textbf{Expected:} $a_{2} + y$ --- refuted.');
    expect(verdict[1]).toMatch(/^\\textbf\{Counterexample:\} at \$y = -?[\d.]+\$, \$z_\{2\} = -?[\d.]+\$, the result is \$-?[\d.]+\$, the expected form is \$-?[\d.]+\$\.$/);
  });

  it('--all: the derivation, then every gradient and the steps replayed', () => {
    const r = gradproof('derive', 'examples/two-layer.grad', '--all', '--format', 'latex');
    expect(r.status).toBe(0);
    const all = lines(r.stdout);
    expect(all.filter((l) => l.startsWith('\\subsection*'))).toEqual(['\\subsection*{Problem}', '\\subsection*{Derivation}', '\\subsection*{Gradients}']);
    expect(all).toContain('Find the derivative of the loss $L$ with respect to every name it depends on.');
    expect(all).toContain('\\frac{\\partial L}{\\partial w_{1}} &= \\left(a_{2} - y\\right) w_{2} a_{1} \\left(1 - a_{1}\\right) x \\\\');
    expect(all.find((l) => l.startsWith('\\textbf{Checked:}'))).toMatch(/^\\textbf\{Checked:\} \d+ steps replayed by the checker\.$/);
    for (const m of documentMath(r.stdout)) expectKatex(m);
  });

  it('check: each link with its verdict, then the first wrong step', () => {
    const r = gradproof('check', 'examples/wrong-step.proof', '--format', 'latex');
    expect(r.status).toBe(1);
    const all = lines(r.stdout);
    expect(all.filter((l) => l.startsWith('\\subsection*'))).toEqual(['\\subsection*{The derivation as written}', '\\subsection*{Verdict}']);
    expect(all.filter((l) => /\\textbf\{\(\d\) /.test(l)).map((l) => /\\textbf\{\((\d)\) (\w+)\}/.exec(l)!.slice(1).join(' '))).toEqual(['1 proven', '2 refuted', '3 proven']);
    expect(all.find((l) => l.startsWith('\\intertext{\\small The two sides differ: at $a_{2} = '))).toBeDefined();
    expect(all).toContain(
      'The first wrong step is 2 (line 7): $-\\frac{y}{a_{2}} + \\frac{1 - y}{1 - a_{2}} = -\\frac{y}{a_{2}} - \\frac{1 - y}{1 - a_{2}}$.',
    );
    for (const m of documentMath(r.stdout)) expectKatex(m);
  });
});

describe('--format latex --fragment: the bare align* block, to paste into a paper', () => {
  /** The lines of `doc` from the first `\begin{align*}` after `heading` to its `\end{align*}`. */
  const blockAfter = (doc: string, heading: string): string => {
    const all = lines(doc);
    const from = all.indexOf('\\begin{align*}', all.indexOf(heading));
    return `${all.slice(from, all.indexOf('\\end{align*}', from) + 1).join('\n')}\n`;
  };

  it('derive: exactly the derivation block of the document, with no preamble', () => {
    const r = gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'latex', '--fragment');
    expect(r.status, r.stderr).toBe(0);
    const doc = gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'latex').stdout;
    expect(r.stdout).toBe(blockAfter(doc, '\\subsection*{Derivation}'));
    expect(r.stdout.startsWith('\\begin{align*}\n')).toBe(true);
    expect(r.stdout).not.toMatch(/\\documentclass|\\begin\{document\}|\\usepackage|\\subsection/);
    for (const m of documentMath(`\\begin{document}\n${r.stdout}\\end{document}`)) expectKatex(m);
  });

  it('derive --all: the gradients block of the document', () => {
    const r = gradproof('derive', 'examples/two-layer.grad', '--all', '--format', 'latex', '--fragment');
    expect(r.status, r.stderr).toBe(0);
    const doc = gradproof('derive', 'examples/two-layer.grad', '--all', '--format', 'latex').stdout;
    expect(r.stdout).toBe(blockAfter(doc, '\\subsection*{Gradients}'));
    expect(lines(r.stdout)).toContain('\\frac{\\partial L}{\\partial w_{1}} &= \\left(a_{2} - y\\right) w_{2} a_{1} \\left(1 - a_{1}\\right) x \\\\');
  });

  it.each([
    [['derive', 'examples/bce-sigmoid.grad', '--format', 'md', '--fragment'], 'error: --fragment goes with --format latex (the bare align* block), not --format md'],
    [['derive', 'examples/bce-sigmoid.grad', '--fragment'], 'error: --fragment goes with --format latex (the bare align* block), not --format text'],
    [['check', 'examples/wrong-step.proof', '--format', 'latex', '--fragment'], 'error: --fragment goes with derive --format latex'],
  ])('%j: exit 2, and why', (args, message) => {
    const r = gradproof(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${message}\n`);
  });

  it.skipIf(cjkLatex.skip)(cjkLatex.named('pdflatex sets the fragment inside a paper that loads amsmath'), () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const r = gradproof('derive', 'examples/mse-gelu.grad', '--format', 'latex', '--fragment');
    writeFileSync(join(ARTIFACTS, 'fragment.tex'), `\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage[a4paper,margin=2.5cm]{geometry}\n\\begin{document}\n${r.stdout}\\end{document}\n`);
    const tex = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'fragment.tex'], { cwd: ARTIFACTS, encoding: 'utf8', timeout: 60_000 });
    expect(tex.status, tex.stdout.split('\n').filter((l) => l.startsWith('!')).join('\n')).toBe(0);
    expect(readFileSync(join(ARTIFACTS, 'fragment.log'), 'latin1').split('\n').filter((l) => l.startsWith('Overfull \\hbox'))).toEqual([]);
  });
});

/** Where the documents, their PDFs (and, with pdftoppm, their pages as PNG) are left for a reader to look at. */
const ARTIFACTS = join(ROOT, 'test', 'artifacts', 'latex');
const hasPdftoppm = spawnSync('pdftoppm', ['-v']).error === undefined;

describe.skipIf(cjkLatex.skip)(cjkLatex.named('pdflatex compiles the documents, and nothing runs off the page'), () => {
  mkdirSync(ARTIFACTS, { recursive: true });

  /** Compiles `args`' document into test/artifacts/latex/NAME.pdf; returns the log. */
  const compile = (name: string, args: readonly string[], status: number): string => {
    const r = gradproof(...args, '--format', 'latex');
    expect(r.status, r.stderr).toBe(status);
    const base = name.replace(/\W+/g, '-');
    writeFileSync(join(ARTIFACTS, `${base}.tex`), r.stdout);
    const tex = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', `${base}.tex`], { cwd: ARTIFACTS, encoding: 'utf8', timeout: 60_000 });
    expect(tex.error).toBeUndefined();
    expect(tex.status, tex.stdout.split('\n').filter((l) => l.startsWith('!')).join('\n')).toBe(0);
    expect(readFileSync(join(ARTIFACTS, `${base}.pdf`)).subarray(0, 5).toString()).toBe('%PDF-');
    if (hasPdftoppm) {
      const png = spawnSync('pdftoppm', ['-png', '-r', '80', `${base}.pdf`, base], { cwd: ARTIFACTS, timeout: 60_000 });
      expect(png.status).toBe(0);
    }
    return readFileSync(join(ARTIFACTS, `${base}.log`), 'latin1');
  };

  /** The overfull lines pdflatex reports, with the source lines they come from. */
  const overfull = (log: string): string[] => log.split('\n').filter((l) => l.startsWith('Overfull \\hbox'));

  it.each([
    ['the seed, in English', ['derive', 'examples/bce-sigmoid.grad'], 0],
    ['the seed, in Chinese', ['derive', 'examples/bce-sigmoid.grad', '--lang', 'zh'], 0],
    ['every gradient of a network', ['derive', 'examples/network-2x2.grad', '--all'], 0],
    // The longest results of the examples: the tanh form of GELU, and focal loss with its exponent.
    ['the GELU tanh form', ['derive', 'examples/mse-gelu.grad'], 0],
    ['the GELU tanh form as a lemma', ['derive', 'examples/lemma-gelu.grad'], 0],
    ['focal loss with a variable exponent', ['derive', 'examples/focal-gamma.grad'], 0],
    ['a check of a wrong derivation', ['check', 'examples/wrong-step.proof'], 1],
  ] as const)('%s: no overfull line', (name, args, status) => {
    expect(overfull(compile(name, args, status))).toEqual([]);
  });

  it('ten classes: a row wider than the room beside the rules takes the line over the empty column; no display overflows', () => {
    const log = compile('softmax over ten classes', ['derive', 'examples/softmax-cce-10.grad'], 0);
    // Displays report "detected at line"; what remains is a paragraph of premises with a fraction wider than any line.
    expect(overfull(log).filter((l) => l.includes('detected at line'))).toEqual([]);
    const doc = readFileSync(join(ARTIFACTS, 'softmax-over-ten-classes.tex'), 'utf8');
    expect(doc).toContain('\\usepackage{mathtools}');
    const wide = lines(doc).filter((l) => l.includes('\\mathrlap{'));
    expect(wide.length).toBeGreaterThan(0);
    for (const l of wide) expect(l).not.toContain('\\parbox');
    // Its rules, below it.
    expect(lines(doc)).toContain('\\intertext{\\small \\textit{power rule, and 6 more steps}}');
    for (const m of documentMath(doc)) expectKatex(m);
  });

  it.each([
    ['a refuted expectation', ['derive', BCE, '--let', SIGMOID, '--wrt', 'z2', '--expect', 'a2 + y'], 1],
    ['a piecewise derivative with cases inside cases', ['derive', 'piecewise(abs(a - y) <= d, (a - y)^2/2, abs(a - y) > d, d*(abs(a - y) - d/2))', '--wrt', 'a', '--lang', 'zh'], 0],
    ['every step', ['derive', 'examples/softmax-cce-3.grad', '--steps', '--lang', 'zh'], 0],
    ['a check of a wrong derivation, in Chinese', ['check', 'examples/wrong-step.proof', '--lang', 'zh'], 1],
  ] as const)('%s', (name, args, status) => {
    compile(name, args, status);
  });
});

describe('the LaTeX inside --format json', () => {
  const r = gradproof('derive', 'examples/two-layer.grad', '--format', 'json');
  const out = JSON.parse(r.stdout) as { resultLatex: string; steps: Array<{ latex: string }>; lines: Array<{ latex: string }> };

  it('resultLatex parses under KaTeX', () => {
    expectKatex(out.resultLatex);
  });

  it('every step and every line parses under KaTeX inside an align* block', () => {
    for (const s of [...out.steps, ...out.lines]) expectKatex(`\\begin{align*}\n${s.latex}\n\\end{align*}`);
  });
});
