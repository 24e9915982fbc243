/**
 * A theorem is its statement and its premises: every output of derive, check and equal, in
 * every format and both languages, states what a `proven` rests on (definitions, stated
 * facts, user rule files), and `check --problem` confirms a proof proves exactly a problem.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { documentMath, expectKatex } from '../render/katex.js';
import { BCE, gradproof } from './run.js';

const GAUSS = ['--rules', 'examples/rules/gauss.rules'];

/** The text's premises block: the labelled line and the indented lines below it. */
function textPremises(out: string, lang: 'en' | 'zh'): string[] {
  const lines = out.split('\n');
  const i = lines.findIndex((l) => l.startsWith(lang === 'en' ? 'Premises    ' : '前提        '));
  if (i < 0) return [];
  const rest = lines.slice(i + 1);
  const end = rest.findIndex((l) => !l.startsWith(' '.repeat(12)));
  return [lines[i]!, ...rest.slice(0, end < 0 ? rest.length : end)];
}

/** A page's premises sentence, each formula as its TeX source between `$`s (KaTeX keeps it as an annotation). */
function htmlPremises(page: string): string {
  const dd = /<dd class="premises">(.*?)<\/dd>/s.exec(page)?.[1];
  if (dd === undefined) return '';
  let out = '';
  let i = 0;
  while (i < dd.length) {
    const k = dd.indexOf('<span class="katex">', i);
    if (k < 0) break;
    out += dd.slice(i, k);
    // The formula's whole span: count the spans it opens until they all close.
    let depth = 0;
    let j = k;
    do {
      const open = dd.indexOf('<span', j);
      const close = dd.indexOf('</span>', j);
      if (open >= 0 && open < close) {
        depth++;
        j = open + 5;
      } else {
        depth--;
        j = close + 7;
      }
    } while (depth > 0);
    const tex = /<annotation encoding="application\/x-tex">(.*?)<\/annotation>/s.exec(dd.slice(k, j))![1]!;
    out += `$${tex.replace(/&amp;/g, '&')}$`;
    i = j;
  }
  return out + dd.slice(i);
}

/** Every `$…$` of a LaTeX document parses under KaTeX. */
const expectDocumentParses = (doc: string): void => {
  for (const m of documentMath(doc)) expectKatex(m);
};

const md = (out: string, label: string): string | undefined => out.split('\n').find((l) => l.startsWith(`**${label}**`));
const tex = (out: string, label: string): string | undefined => out.split('\n').find((l) => l.startsWith(`\\textbf{${label}`));

describe('derive: the result states its premises in every format', () => {
  const cases = [
    {
      name: 'definitions (formula 8-13)',
      args: ['derive', 'examples/bce-sigmoid.grad'],
      text: {
        en: ['Premises    given     a2 = sigmoid(z2)', '                      L = -(y*log(a2) + (1 - y)*log(1 - a2))'],
        zh: ['前提        已知  a2 = sigmoid(z2)', '                  L = -(y*log(a2) + (1 - y)*log(1 - a2))'],
      },
      sentence: {
        en: 'given $a_{2} = \\sigma\\left(z_{2}\\right)$, $L = -\\left(y \\log a_{2} + \\left(1 - y\\right) \\log\\left(1 - a_{2}\\right)\\right)$.',
        zh: '已知 $a_{2} = \\sigma\\left(z_{2}\\right)$，$L = -\\left(y \\log a_{2} + \\left(1 - y\\right) \\log\\left(1 - a_{2}\\right)\\right)$。',
      },
      json: { assumptions: [], definitions: ['a2 = sigmoid(z2)', 'L = -(y*log(a2) + (1 - y)*log(1 - a2))'], ruleFiles: [] },
    },
    {
      name: 'a stated assumption (softmax, labels summing to 1)',
      args: ['derive', 'examples/softmax-cce-3.grad'],
      text: {
        en: [
          'Premises    given     a1 = exp(z1)/(exp(z1) + exp(z2) + exp(z3))',
          '                      a2 = exp(z2)/(exp(z1) + exp(z2) + exp(z3))',
          '                      a3 = exp(z3)/(exp(z1) + exp(z2) + exp(z3))',
          '                      L = -(y1*log(a1) + y2*log(a2) + y3*log(a3))',
          '            assuming  y1 + y2 + y3 = 1',
        ],
        zh: [
          '前提        已知  a1 = exp(z1)/(exp(z1) + exp(z2) + exp(z3))',
          '                  a2 = exp(z2)/(exp(z1) + exp(z2) + exp(z3))',
          '                  a3 = exp(z3)/(exp(z1) + exp(z2) + exp(z3))',
          '                  L = -(y1*log(a1) + y2*log(a2) + y3*log(a3))',
          '            假设  y1 + y2 + y3 = 1',
        ],
      },
      sentence: {
        en:
          'given $a_{1} = \\frac{e^{z_{1}}}{e^{z_{1}} + e^{z_{2}} + e^{z_{3}}}$, $a_{2} = \\frac{e^{z_{2}}}{e^{z_{1}} + e^{z_{2}} + e^{z_{3}}}$, ' +
          '$a_{3} = \\frac{e^{z_{3}}}{e^{z_{1}} + e^{z_{2}} + e^{z_{3}}}$, $L = -\\left(y_{1} \\log a_{1} + y_{2} \\log a_{2} + y_{3} \\log a_{3}\\right)$; assuming $y_{1} + y_{2} + y_{3} = 1$.',
        zh:
          '已知 $a_{1} = \\frac{e^{z_{1}}}{e^{z_{1}} + e^{z_{2}} + e^{z_{3}}}$，$a_{2} = \\frac{e^{z_{2}}}{e^{z_{1}} + e^{z_{2}} + e^{z_{3}}}$，' +
          '$a_{3} = \\frac{e^{z_{3}}}{e^{z_{1}} + e^{z_{2}} + e^{z_{3}}}$，$L = -\\left(y_{1} \\log a_{1} + y_{2} \\log a_{2} + y_{3} \\log a_{3}\\right)$；假设 $y_{1} + y_{2} + y_{3} = 1$。',
      },
      json: {
        assumptions: ['y1 + y2 + y3 = 1'],
        definitions: [
          'a1 = exp(z1)/(exp(z1) + exp(z2) + exp(z3))',
          'a2 = exp(z2)/(exp(z1) + exp(z2) + exp(z3))',
          'a3 = exp(z3)/(exp(z1) + exp(z2) + exp(z3))',
          'L = -(y1*log(a1) + y2*log(a2) + y3*log(a3))',
        ],
        ruleFiles: [],
      },
    },
    {
      name: 'a user rule file (a Gaussian activation)',
      args: ['derive', 'test/cli/fixtures/gauss-mse.grad', ...GAUSS],
      text: {
        en: ['Premises    given     a = gauss(z)', '                      L = (a - y)^2/2', '            proven from the rules of examples/rules/gauss.rules'],
        zh: ['前提        已知  a = gauss(z)', '                  L = (a - y)^2/2', '            由 examples/rules/gauss.rules 中的规则证明'],
      },
      sentence: {
        en: 'given $a = \\operatorname{gauss}\\left(z\\right)$, $L = \\frac{\\left(a - y\\right)^{2}}{2}$; proven from the rules of FILE.',
        zh: '已知 $a = \\operatorname{gauss}\\left(z\\right)$，$L = \\frac{\\left(a - y\\right)^{2}}{2}$；由 FILE 中的规则证明。',
      },
      json: { assumptions: [], definitions: ['a = gauss(z)', 'L = (a - y)^2/2'], ruleFiles: ['examples/rules/gauss.rules'] },
    },
  ] as const;

  describe.each(cases)('$name', (c) => {
    it.each(['en', 'zh'] as const)('text, --lang %s: a premises block after the result, before the verdicts', (lang) => {
      const r = gradproof(...c.args, '--lang', lang);
      expect(r.status, r.stderr).toBe(0);
      expect(textPremises(r.stdout, lang)).toEqual(c.text[lang]);
      // The result comes before its premises.
      expect(r.stdout.indexOf(lang === 'en' ? 'Result' : '结果')).toBeLessThan(r.stdout.indexOf(c.text[lang][0]));
    });

    it.each(['en', 'zh'] as const)('md, latex and html, --lang %s: one sentence', (lang) => {
      const label = lang === 'en' ? 'Premises' : '前提';
      const file = (f: string) => c.sentence[lang].replace('FILE', f);
      expect(md(gradproof(...c.args, '--lang', lang, '--format', 'md').stdout, label)).toBe(`**${label}** ${file('examples/rules/gauss.rules')}  `);
      const doc = gradproof(...c.args, '--lang', lang, '--format', 'latex').stdout;
      expect(tex(doc, label)).toBe(`\\textbf{${label}${lang === 'en' ? ':' : '：'}} ${file('\\texttt{examples/rules/gauss.rules}')}`);
      expectDocumentParses(doc);
      expect(htmlPremises(gradproof(...c.args, '--lang', lang, '--format', 'html').stdout)).toBe(file('<code>examples/rules/gauss.rules</code>'));
    });

    it('json: premises beside the verdict', () => {
      const r = gradproof(...c.args, '--format', 'json');
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).premises).toEqual(c.json);
    });
  });

  it('--all: every gradient rests on the same premises', () => {
    const r = gradproof('derive', 'test/cli/fixtures/gauss-mse.grad', ...GAUSS, '--all', '--format', 'json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).premises).toEqual({ assumptions: [], definitions: ['a = gauss(z)', 'L = (a - y)^2/2'], ruleFiles: ['examples/rules/gauss.rules'] });
    const text = gradproof('derive', 'test/cli/fixtures/gauss-mse.grad', ...GAUSS, '--all').stdout.trimEnd().split('\n');
    expect(text.slice(-4)).toEqual([
      'Premises    given     a = gauss(z)',
      '                      L = (a - y)^2/2',
      '            proven from the rules of examples/rules/gauss.rules',
      'Checked     22 steps replayed by the checker',
    ]);
  });
});

describe('equal: a proven equality says what it rests on', () => {
  const cases = [
    { name: 'a definition', args: ['a2*(1-a2)', 'diff(a2, z2)', '--let', 'a2 = sigmoid(z2)'], en: 'given $a_{2} = \\sigma\\left(z_{2}\\right)$.', zh: '已知 $a_{2} = \\sigma\\left(z_{2}\\right)$。' },
    { name: 'an assumption', args: ['y1 + y2', '1 - y3', '--assume', 'y1 + y2 + y3 = 1'], en: 'assuming $y_{1} + y_{2} + y_{3} = 1$.', zh: '假设 $y_{1} + y_{2} + y_{3} = 1$。' },
    { name: 'a user rule file', args: ['diff(gauss(z), z)', '-2*z*gauss(z)', ...GAUSS], en: 'proven from the rules of FILE.', zh: '由 FILE 中的规则证明。' },
  ] as const;

  it.each(cases)('$name: md, latex and html, in both languages, the premises before the verdict', (c) => {
    for (const lang of ['en', 'zh'] as const) {
      const label = lang === 'en' ? 'Premises' : '前提';
      const file = (f: string) => c[lang].replace('FILE', f);
      const m = gradproof('equal', ...c.args, '--lang', lang, '--format', 'md').stdout;
      expect(m.split('\n\n').slice(-2)).toEqual([`**${label}** ${file('examples/rules/gauss.rules')}`, `**${lang === 'en' ? 'Verdict' : '结论'}** ${lang === 'en' ? 'Every step is proven.' : '每一步都已证明。'}\n`]);
      const doc = gradproof('equal', ...c.args, '--lang', lang, '--format', 'latex').stdout;
      expect(tex(doc, label)).toBe(`\\textbf{${label}${lang === 'en' ? ':' : '：'}} ${file('\\texttt{examples/rules/gauss.rules}')}`);
      expectDocumentParses(doc);
      expect(htmlPremises(gradproof('equal', ...c.args, '--lang', lang, '--format', 'html').stdout)).toBe(file('<code>examples/rules/gauss.rules</code>'));
    }
  });

  it('text: the premises, then the verdict', () => {
    const r = gradproof('equal', 'diff(gauss(z), z)', '-2*z*gauss(z)', ...GAUSS);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trimEnd().split('\n').slice(-3)).toEqual(['Premises    proven from the rules of examples/rules/gauss.rules', '', 'Every step is proven.']);
    const zh = gradproof('equal', 'y1 + y2', '1 - y3', '--assume', 'y1 + y2 + y3 = 1', '--lang', 'zh');
    expect(zh.stdout.trimEnd().split('\n').slice(-3)).toEqual(['前提        假设  y1 + y2 + y3 = 1', '', '每一步都已证明。']);
  });

  it('json: each proven link and the whole carry the premises; a refuted one none', () => {
    const j = JSON.parse(gradproof('equal', 'diff(gauss(z), z)', '-2*z*gauss(z)', ...GAUSS, '--format', 'json').stdout);
    const premises = { assumptions: [], definitions: [], ruleFiles: ['examples/rules/gauss.rules'] };
    expect([j.links[0].premises, j.premises]).toEqual([premises, premises]);
    const wrong = JSON.parse(gradproof('check', 'examples/wrong-step.proof', '--format', 'json').stdout);
    const L = { assumptions: [], definitions: ['L = -(y*log(a2) + (1 - y)*log(1 - a2))'], ruleFiles: [] };
    expect(wrong.links.map((l: { premises: unknown }) => l.premises)).toEqual([L, null, L]);
    expect(wrong.premises).toEqual(L);
  });

  it('without premises, nothing is added', () => {
    const r = gradproof('equal', 'x*(1 + x)', 'x + x^2');
    expect(r.stdout).not.toMatch(/Premises/);
    expect(JSON.parse(gradproof('equal', 'x*(1 + x)', 'x + x^2', '--format', 'json').stdout).premises).toEqual({ assumptions: [], definitions: [], ruleFiles: [] });
  });
});

describe('check proof.json: the replayed claim with its premises, and --problem', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradproof-premises-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const seed = join(dir, 'seed.json');
  gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'json', '-o', seed);
  const gauss = join(dir, 'gauss.json');
  gradproof('derive', 'test/cli/fixtures/gauss-mse.grad', ...GAUSS, '--format', 'json', '-o', gauss);
  /** The seed's proof file, edited by `edit`. */
  const edited = (name: string, edit: (j: { assumptions: string[]; definitions: Array<{ name: string; expr: string }> }) => void): string => {
    const j = JSON.parse(readFileSync(seed, 'utf8'));
    edit(j);
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(j));
    return file;
  };
  const PROBLEM = 'examples/bce-sigmoid.grad';

  it('text, with a user rule file: the claim, its premises, and that it is exactly the problem', () => {
    const r = gradproof('check', gauss, ...GAUSS, '--problem', 'test/cli/fixtures/gauss-mse.grad');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      [
        'checked: 13 steps replayed',
        'diff(L, z) = -2*a*z*(a - y)',
        'Premises    given     a = gauss(z)',
        '                      L = (a - y)^2/2',
        '            proven from the rules of examples/rules/gauss.rules',
        'proves exactly the problem in test/cli/fixtures/gauss-mse.grad',
        '',
      ].join('\n'),
    );
    const zh = gradproof('check', seed, '--problem', PROBLEM, '--lang', 'zh');
    expect(zh.stdout.trimEnd().split('\n').at(-1)).toBe('恰好证明了 examples/bce-sigmoid.grad 中的问题');
  });

  it('json: premises, and the problem matched', () => {
    const r = gradproof('check', seed, '--problem', PROBLEM, '--format', 'json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      checked: true,
      replayed: 25,
      claim: 'diff(L, z2) = a2 - y',
      conditions: [],
      premises: { assumptions: [], definitions: ['a2 = sigmoid(z2)', 'L = -(y*log(a2) + (1 - y)*log(1 - a2))'], ruleFiles: [] },
      problem: { source: PROBLEM, matches: true, differences: [] },
    });
  });

  it('md, latex and html say it proves exactly the problem', () => {
    const m = gradproof('check', seed, '--problem', PROBLEM, '--format', 'md');
    expect(m.stdout.trimEnd().split('\n').slice(-4)).toEqual([
      '**Premises** given $a_{2} = \\sigma\\left(z_{2}\\right)$, $L = -\\left(y \\log a_{2} + \\left(1 - y\\right) \\log\\left(1 - a_{2}\\right)\\right)$.  ',
      '**Checked** 25 steps replayed by the checker',
      '',
      'proves exactly the problem in examples/bce-sigmoid.grad',
    ]);
    const doc = gradproof('check', seed, '--problem', PROBLEM, '--format', 'latex', '--lang', 'zh').stdout;
    expect(doc).toContain('\\textbf{检查：} 25 步已由检查器复核。\n\n恰好证明了 examples/bce-sigmoid.grad 中的问题\n');
    expectDocumentParses(doc);
    expect(gradproof('check', seed, '--problem', PROBLEM, '--format', 'html').stdout).toContain('<p class="summary problem-match">proves exactly the problem in examples/bce-sigmoid.grad</p>');
  });

  it('a fact added to the proof file is a premise of the theorem, shown; against the problem it is a rejection', () => {
    const file = edited('fact.json', (j) => j.assumptions.push('y1 + y2 + y3 = 1'));
    const alone = gradproof('check', file);
    expect(alone.status).toBe(0);
    expect(alone.stdout.trimEnd().split('\n').at(-1)).toBe('            assuming  y1 + y2 + y3 = 1');
    const r = gradproof('check', file, '--problem', PROBLEM);
    expect([r.status, r.stdout]).toEqual([1, 'rejected: the proof does not prove exactly the problem in examples/bce-sigmoid.grad: extra assumption y1 + y2 + y3 = 1\n']);
    const zh = gradproof('check', file, '--problem', PROBLEM, '--lang', 'zh');
    expect([zh.status, zh.stdout]).toEqual([1, '未通过：这个证明没有恰好证明 examples/bce-sigmoid.grad 中的问题：多出的假设 y1 + y2 + y3 = 1\n']);
    const json = JSON.parse(gradproof('check', file, '--problem', PROBLEM, '--format', 'json').stdout);
    expect(json).toEqual({
      checked: false,
      step: 0,
      reason: 'the proof does not prove exactly the problem in examples/bce-sigmoid.grad: extra assumption y1 + y2 + y3 = 1',
      claim: 'diff(L, z2) = a2 - y',
      problem: { source: PROBLEM, matches: false, differences: ['extra assumption y1 + y2 + y3 = 1'] },
    });
  });

  it('a definition added to the proof file is rejected against the problem', () => {
    const file = edited('definition.json', (j) => j.definitions.unshift({ name: 'b', expr: 'z2 + 1' }));
    const r = gradproof('check', file, '--problem', PROBLEM);
    expect([r.status, r.stdout]).toEqual([1, 'rejected: the proof does not prove exactly the problem in examples/bce-sigmoid.grad: extra definition b = 1 + z2\n']);
  });

  it('a definition edited in the proof file: the kernel rejects the step that unfolds it', () => {
    const file = edited('sigmoid-to-tanh.json', (j) => (j.definitions[0]!.expr = 'tanh(z2)'));
    const r = gradproof('check', file, '--problem', PROBLEM);
    expect([r.status, r.stdout]).toEqual([1, "rejected: step 18 (def.unfold): def.unfold does not turn a2 into its 'after'\n"]);
  });

  it('a whole proof under another definition: every difference from the problem, named', () => {
    const file = join(dir, 'tanh.json');
    gradproof('derive', BCE, '--let', 'a2 = tanh(z2)', '--wrt', 'z2', '--format', 'json', '-o', file);
    const r = gradproof('check', file, '--problem', PROBLEM);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(
      'rejected: the proof does not prove exactly the problem in examples/bce-sigmoid.grad: ' +
        'different result: the proof ends at (1 - a2^2)*(a2 - y)/(a2*(1 - a2)), the problem expects a2 - y; ' +
        'different definition of a2: the proof has a2 = tanh(z2), the problem a2 = sigmoid(z2)\n',
    );
  });

  it('a different statement: the proof is about another derivative', () => {
    const r = gradproof('check', seed, '--problem', 'test/cli/fixtures/bce-sigmoid-wrt-a2.grad');
    expect([r.status, r.stdout]).toEqual([
      1,
      'rejected: the proof does not prove exactly the problem in test/cli/fixtures/bce-sigmoid-wrt-a2.grad: different statement: the proof is about diff(L, z2), the problem about diff(L, a2)\n',
    ]);
  });

  it('another problem altogether: a different statement, different and missing definitions, a missing assumption', () => {
    const r = gradproof('check', seed, '--problem', 'examples/softmax-cce-3.grad');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(
      'rejected: the proof does not prove exactly the problem in examples/softmax-cce-3.grad: ' +
        'different statement: the proof is about diff(L, z2), the problem about diff(L, z1); ' +
        'different definition of a2: the proof has a2 = sigmoid(z2), the problem a2 = exp(z2)/(exp(z1) + exp(z2) + exp(z3)); ' +
        'different definition of L: the proof has L = -(y*log(a2) + (1 - y)*log(1 - a2)), the problem L = -(y1*log(a1) + y2*log(a2) + y3*log(a3)); ' +
        'missing definition a1 = exp(z1)/(exp(z1) + exp(z2) + exp(z3)); ' +
        'missing definition a3 = exp(z3)/(exp(z1) + exp(z2) + exp(z3)); ' +
        'missing assumption y1 + y2 + y3 = 1\n',
    );
  });

  it('--problem goes with a proof file only', () => {
    const chain = gradproof('check', '--chain', 'x', 'x', '--problem', PROBLEM);
    expect([chain.status, chain.stderr]).toEqual([2, 'error: --problem goes with a proof file (JSON), not --chain\n']);
    const written = gradproof('check', 'examples/wrong-step.proof', '--problem', PROBLEM);
    expect([written.status, written.stderr]).toEqual([2, 'error: --problem goes with a proof file (JSON); examples/wrong-step.proof is a written derivation\n']);
    const derive = gradproof('derive', PROBLEM, '--problem', PROBLEM);
    expect([derive.status, derive.stderr]).toEqual([2, 'error: --problem goes with check PROOF.json\n']);
  });

  it('latex with a rule file and Chinese: a document pdflatex compiles (skipped without pdflatex)', () => {
    const doc = gradproof('check', gauss, ...GAUSS, '--problem', 'test/cli/fixtures/gauss-mse.grad', '--format', 'latex', '--lang', 'zh').stdout;
    expect(doc).toContain('\\textbf{前提：} 已知 $a = \\operatorname{gauss}\\left(z\\right)$，$L = \\frac{\\left(a - y\\right)^{2}}{2}$；由 \\texttt{examples/rules/gauss.rules} 中的规则证明。');
    expectDocumentParses(doc);
    if (spawnSync('pdflatex', ['--version']).status !== 0) return;
    writeFileSync(join(dir, 'gauss.tex'), doc);
    const run = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'gauss.tex'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stdout.split('\n').filter((l) => l.startsWith('!')).join('\n')).toBe(0);
    expect(existsSync(join(dir, 'gauss.pdf'))).toBe(true);
  });
});
