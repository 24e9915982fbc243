/**
 * The hostile-input corpus (test/fixtures/hostile/): every file goes through the built
 * command, with its exact outcome. Bad input is exit 2 with the exact message (and caret line
 * where there is a position), never a stack trace; input that is odd but fine is derived.
 * Huge and deep inputs are generated here rather than committed.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectBadInput, gradproof } from './run.js';

const H = 'test/fixtures/hostile';

/** The lines of stdout that state the result and the verdicts. */
const verdictLines = (stdout: string): string[] => stdout.split('\n').filter((l) => /^(Result|Expected|Stopped)/.test(l));

/**
 * Problem files and what `gradproof derive FILE` does with them: exit 2 and the exact stderr
 * lines (with `H/` for the corpus folder), or the exit code and the result and verdict lines.
 */
const PROBLEMS: ReadonlyArray<readonly [string, number, readonly string[]]> = [
["binary-nul.grad", 2, ["error: H/binary-nul.grad is a binary file, not a problem file"]],
  ["blank-lines.grad", 2, ["H/blank-lines.grad:5:1: error: the problem has no 'loss' line","  ","  ^"]],
  ["bom-crlf.grad", 0, ["Result      ∂L/∂z2 = a2 - y","Expected    a2 - y: proven"]],
  ["bom.grad", 0, ["Result      ∂L/∂z2 = a2 - y","Expected    a2 - y: proven"]],
  ["crlf.grad", 0, ["Result      ∂L/∂z2 = a2 - y","Expected    a2 - y: proven"]],
  ["cyclic.grad", 2, ["H/cyclic.grad:1:8: error: cyclic definitions: a -> b -> a","  let    a = b + 1","         ^"]],
  ["cyrillic-a.grad", 2, ["H/cyrillic-a.grad:1:8: error: unexpected 'а' (U+0430)","  let    а2 = sigmoid(z2)","         ^"]],
  ["dangling-operator.grad", 2, ["H/dangling-operator.grad:1:15: error: unexpected end of input","  loss   L = x +","                ^"]],
  ["directory.grad", 2, ["error: cannot read H/directory.grad: it is a directory"]],
  ["divide-by-zero-everywhere.grad", 2, ["error: L divides by x - x, which is zero everywhere"]],
  ["divide-by-zero.grad", 2, ["error: L divides by 0, which is zero everywhere"]],
  ["duplicate.grad", 2, ["H/duplicate.grad:2:8: error: a is defined twice","  let    a = 2*x","         ^"]],
  ["emoji.grad", 2, ["H/emoji.grad:1:14: error: unexpected '😀' (U+1F600)","  loss   L = x*😀","               ^"]],
  ["empty.grad", 2, ["H/empty.grad:1:1: error: the problem has no 'loss' line","  ","  ^"]],
  ["expansion.grad", 0, ["Result      ∂L/∂a = 50*(a + b + c)^49","Expected    50*(a + b + c)^49: proven"]],
  ["fullwidth-plus.grad", 2, ["H/fullwidth-plus.grad:1:14: error: unexpected '＋' (U+FF0B)","  loss   L = x ＋ y","               ^"]],
  ["greek-sigma.grad", 0, ["Result      ∂L/∂z = a*(1 - a)","Expected    a*(1 - a): proven"]],
  ["html-title.grad", 0, ["Result      ∂L/∂x = 2*x"]],
  ["huge-exponent.grad", 0, ["Result      ∂L/∂a = 100000*(a + b)^99999","Expected    100000*(a + b)^99999: proven"]],
  ["huge-literal.grad", 2, ["H/huge-literal.grad:1:12: error: a number larger than 2^65536, the limit for exact numbers","  loss   L = 1e999999999*x","             ^"]],
  ["infinity-literal.grad", 0, ["Result      ∂L/∂x = 2*Infinity*x"]],
  ["invalid-utf8.grad", 2, ["H/invalid-utf8.grad:1:13: error: unexpected '�' (U+FFFD)","  loss   L = x�� + y","              ^"]],
  ["katex-href.grad", 2, ["H/katex-href.grad:1:28: error: unexpected ':' (U+003A)","  loss   L = \\href{javascript:alert(1)}{x}","                             ^"]],
  ["latex-input.grad", 2, ["H/latex-input.grad:1:12: error: unknown command \\input","  loss   L = \\input{/etc/passwd}","             ^"]],
  ["latex-title.grad", 0, ["Result      ∂L/∂x = 2*x"]],
  ["long-literal.grad", 2, ["H/long-literal.grad:1:12: error: number literal too long","  loss   L = 99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999…","             ^"]],
  ["long-name.grad", 0, [`Result      ∂L/∂x = 2*${"v".repeat(5000)}*x`]],
  ["missing-loss.grad", 2, ["H/missing-loss.grad:3:1: error: the problem has no 'loss' line","  ","  ^"]],
  ["missing-wrt.grad", 2, ["H/missing-wrt.grad:2:1: error: the problem has no 'wrt' line","  ","  ^"]],
  ["nan-literal.grad", 0, ["Result      ∂L/∂x = NaN"]],
  ["only-comments.grad", 2, ["H/only-comments.grad:3:1: error: the problem has no 'loss' line","  ","  ^"]],
  ["power-tower.grad", 2, ["H/power-tower.grad:1:17: error: a number larger than 2^65536, the limit for exact numbers","  loss   L = x*2^2^2^2^2^2","                  ^"]],
  ["redefine-function.grad", 2, ["H/redefine-function.grad:1:8: error: cannot redefine 'sigmoid'","  let    sigmoid = x + 1","         ^"]],
  ["rtl-override.grad", 2, ["H/rtl-override.grad:1:13: error: unexpected character U+202E","  loss   L = x‮ + y","              ^"]],
  ["script-expression.grad", 2, ["H/script-expression.grad:1:20: error: unexpected '\"' (U+0022)","  loss   L = require(\"child_process\").execSync(\"touch /tmp/gradproof-pwned\")","                     ^"]],
  ["self-cyclic.grad", 2, ["H/self-cyclic.grad:1:8: error: cyclic definitions: a -> a","  let    a = a + 1","         ^"]],
  ["tabs.grad", 0, ["Result      ∂L/∂z2 = a2 - y","Expected    a2 - y: proven"]],
  ["two-losses.grad", 2, ["H/two-losses.grad:2:1: error: a problem has one loss","  loss   M = x^3","  ^"]],
  ["unclosed-paren.grad", 2, ["H/unclosed-paren.grad:1:19: error: missing ')' to match the '(' at column 12","  loss   L = (x + 1*(y","                    ^"]],
  ["unicode-asterisk.grad", 0, ["Result      ∂L/∂x = 2*x*y","Expected    2*x*y: proven"]],
  ["unicode-minus.grad", 0, ["Result      ∂L/∂x = 2*x - 3","Expected    2*x - 3: proven"]],
  ["unknown-function.grad", 2, ["H/unknown-function.grad:1:12: error: unknown function 'sigmoud'; did you mean 'sigmoid'?","  let    a = sigmoud(z)","             ^"]],
  ["unknown-keyword.grad", 2, ["H/unknown-keyword.grad:2:1: error: expected one of title, let, loss, wrt, expect, assume, index, shape but found 'derive'","  derive L = a^2","  ^"]],
  ["unmatched-close.grad", 2, ["H/unmatched-close.grad:1:17: error: unmatched ')'","  loss   L = x + 1)","                  ^"]],
  ["unused-wrt.grad", 0, ["Result      ∂L/∂w = 0"]],
  ["wrt-two-names.grad", 2, ["H/wrt-two-names.grad:2:8: error: 'wrt' takes one variable name (or a member such as z[i]), not 'x, y'","  wrt    x, y","         ^"]],
  ["zero-width-joiner.grad", 2, ["H/zero-width-joiner.grad:1:13: error: unexpected character U+200D","  loss   L = a‍b","              ^"]],
  ["zero-width-space.grad", 2, ["H/zero-width-space.grad:1:13: error: unexpected character U+200B","  loss   L = x​*y","              ^"]],
];

describe('hostile problem files: gradproof derive FILE', () => {
  it.each(PROBLEMS)('%s', (file, status, lines) => {
    const r = gradproof('derive', `${H}/${file}`);
    if (status === 2) expect(expectBadInput(r)).toEqual([...lines.map((l) => l.replaceAll('H/', `${H}/`)), '']);
    else {
      // A variable the loss does not use gets its note; nothing else writes to stderr.
      expect(r.stderr).toBe(file === 'unused-wrt.grad' ? 'note: the loss does not use w, so its derivative is 0\n' : '');
      expect([r.status, verdictLines(r.stdout)]).toEqual([status, lines]);
    }
  });
});

describe('hostile rule, proof and derivation files', () => {
  it('a rule file full of JavaScript is a syntax error, and none of it runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradproof-hostile-'));
    const marker = join(dir, 'ran');
    try {
      // The file would write `marker` (and set a global) if anything evaluated it.
      const r = gradproofWithEnv({ GRADPROOF_MARKER: marker }, 'derive', 'x^2', '--wrt', 'x', '--rules', `${H}/js-rules.rules`);
      expect(expectBadInput(r)).toEqual([
        `${H}/js-rules.rules:1:1: error: expected 'rule', 'derivative', 'algebra', 'step' or 'def' but found: const fs = require("fs");`,
        '  const fs = require("fs");',
        '  ^',
        '',
      ]);
      expect(existsSync(marker)).toBe(false);
      expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a rule file with a syntax error: file:line:col, the rule and a caret', () => {
    expect(expectBadInput(gradproof('derive', 'x^2', '--wrt', 'x', '--rules', `${H}/syntax-error.rules`))).toEqual([
      `${H}/syntax-error.rules:2:28: error: rule d.my-square: unexpected end of input`,
      '    d(u^2, x) = 2*u*d(u, x) +',
      '                             ^',
      '',
    ]);
  });

  it.each([
    ['forged-proof.json', 'error: steps should be a list'],
    ['not-json.json', `error: ${H}/not-json.json is not valid JSON: Unexpected end of JSON input`],
    ['empty.proof', `${H}/empty.proof:1:1: error: the derivation has no step to check: write lines starting with '=' below an expression`],
  ])('check %s is bad input', (file, first) => {
    expect(expectBadInput(gradproof('check', `${H}/${file}`))[0]).toBe(first);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('check wrong-step.proof: the wrong link is refuted, exit 1', () => {
    const r = gradproof('check', `${H}/wrong-step.proof`);
    expect([r.status, r.stderr]).toEqual([1, '']);
    const out = r.stdout.split('\n');
    const at = out.indexOf(' 2. a*(1 - a) = a^2');
    expect([at > 0, out[at + 1]]).toEqual([true, '    refuted']);
  });
});

describe('injection strings are escaped where they are rendered', () => {
  it('HTML in a title is escaped in --format html', () => {
    const r = gradproof('derive', `${H}/html-title.grad`, '--format', 'html');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('<script>alert(1)');
    expect(r.stdout).not.toContain('<img src=x');
    expect(r.stdout).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;');
  });

  it('LaTeX commands in a title are text in --format latex', () => {
    const r = gradproof('derive', `${H}/latex-title.grad`, '--format', 'latex');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('\\input{');
    expect(r.stdout).not.toContain('\\def\\x');
    expect(r.stdout).toContain('\\section*{\\textbackslash{}input\\{/etc/passwd\\} \\textbackslash{}def\\textbackslash{}x\\{1\\} \\$\\$ \\} \\{}');
  });
});

describe('huge and deep input, generated', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradproof-huge-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('100,000 nested parentheses: the depth limit, at its position', () => {
    const f = file('deep.grad', `loss   L = ${'('.repeat(100_000)}x${')'.repeat(100_000)}\nwrt    x\n`);
    const [first, , caret] = expectBadInput(gradproof('derive', f));
    expect(first).toBe(`${f}:1:262: error: expression nested deeper than 250 levels`);
    expect(caret).toBe(`  ${' '.repeat(51)}^`);
  });

  it('100,000 nested \\left( in LaTeX: the depth limit, at its position', () => {
    const f = file('deep-latex.grad', `loss   L = ${'\\left('.repeat(100_000)}x${'\\right)'.repeat(100_000)}\nwrt    x\n`);
    // 1.3 MB: past the default input limit, so raise it to reach the parser.
    expect(expectBadInput(gradproof('derive', f))[0]).toBe(`error: ${f} is 1300022 bytes long; the limit is 1000000 (--max-input)`);
    expect(expectBadInput(gradproof('derive', f, '--max-input', '2000000'))[0]).toBe(`${f}:1:1512: error: expression nested deeper than 250 levels`);
  });

  it('100,000 unary pluses and minuses read without recursion per sign', () => {
    const f = file('signs.grad', `loss   L = ${'+'.repeat(100_000)}x^2\nwrt    x\n`);
    const r = gradproof('derive', f);
    expect([r.status, verdictLines(r.stdout)]).toEqual([0, ['Result      ∂L/∂x = 2*x']]);
    const g = file('minus.grad', `loss   L = ${'-'.repeat(100_000)}x\nwrt    x\n`);
    expect(expectBadInput(gradproof('derive', g))[0]).toBe(`${g}:1:262: error: expression nested deeper than 250 levels`);
  });

  it('a 10 MB problem file: the input limit, before it is read', () => {
    const f = file('huge.grad', `loss   L = ${'x + '.repeat(2_500_000)}x\nwrt    x\n`);
    expect(expectBadInput(gradproof('derive', f))).toEqual([`error: ${f} is 10000022 bytes long; the limit is 1000000 (--max-input)`, '']);
  });

  it('an inline expression past --max-input: the limit, at its position', () => {
    const [first] = expectBadInput(gradproof('derive', 'x + '.repeat(50) + 'x', '--wrt', 'x', '--max-input', '100'));
    expect(first).toBe('loss:1:101: error: input is 201 characters long; the limit is 100');
  });

  it('a proof JSON nested 100,000 deep is refused, not a crash', () => {
    const f = file('deep.json', `${'{"x":'.repeat(100_000)}1${'}'.repeat(100_000)}`);
    expect(expectBadInput(gradproof('check', f))).toEqual(['error: steps should be a list', '']);
  });

  it('a derivation nested 100,000 brackets deep: the depth limit', () => {
    const f = file('deep.proof', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(expectBadInput(gradproof('check', f))[0]).toBe(`${f}:1:251: error: expression nested deeper than 250 levels`);
  });
});

describe('the corpus', () => {
  it('has at least 40 files, and the tables above cover every one', () => {
    const names = readdirSync(H).sort();
    const covered = new Set([
      ...PROBLEMS.map(([f]) => f),
      'js-rules.rules', 'syntax-error.rules', 'forged-proof.json', 'not-json.json', 'empty.proof', 'wrong-step.proof',
    ]);
    expect(names.length).toBeGreaterThanOrEqual(40);
    expect(names.filter((n) => !covered.has(n))).toEqual([]);
  });
});

/** `gradproof ...args` with extra environment variables. */
function gradproofWithEnv(env: Record<string, string>, ...args: string[]): ReturnType<typeof gradproof> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return gradproof(...args);
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
