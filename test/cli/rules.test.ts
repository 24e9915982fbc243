/** `--rules FILE`: a user's rules beside the built-in ones; a wrong rule is bad input naming file, line and id. */
import { describe, expect, it } from 'vitest';
import { expectBadInput, gradproof } from './run.js';

const GAUSS = 'test/fixtures/rules/gauss.rules';
const BENT = 'test/fixtures/rules/bent.rules';

describe('--rules adds rules', () => {
  it('a new activation: derived through its rule, and the expectation proven', () => {
    const r = gradproof('derive', '(a - y)^2/2', '--let', 'a = gauss(z)', '--wrt', 'z', '--expect', '-2*z*a*(a - y)', '--rules', GAUSS, '--format', 'json');
    expect([r.status, r.stderr]).toEqual([0, '']);
    const json = JSON.parse(r.stdout) as { result: string; verdict: string; steps: Array<{ rule: string }> };
    expect([json.result, json.verdict]).toEqual(['-2*(a - y)*a*z', 'proven']);
    expect(json.steps.map((s) => s.rule)).toContain('d.gauss');
  });
  it('its names show in the text, in both languages', () => {
    const en = gradproof('derive', 'gauss(w*x)', '--wrt', 'w', '--rules', GAUSS);
    expect(en.stdout).toContain('Gaussian derivative');
    const zh = gradproof('derive', 'gauss(w*x)', '--wrt', 'w', '--rules', GAUSS, '--lang', 'zh');
    expect(zh.stdout).toContain('高斯函数导数');
  });
  it('repeated: both files', () => {
    const r = gradproof('derive', 'bent(a)', '--let', 'a = gauss(w*x)', '--wrt', 'w', '--rules', GAUSS, '--rules', BENT, '--format', 'json');
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { result: string }).result).toBe('-a*w*x^2*(2 + a/sqrt(1 + a^2))');
  });
  it('check and equal use them too', () => {
    const r = gradproof('equal', 'gauss(z)', 'exp(-z^2)', '--rules', GAUSS);
    expect(r.status).toBe(0);
    const chain = gradproof('check', '--chain', 'diff(gauss(z), z)', '-2*z*gauss(z)', '2*z*gauss(z)', '--rules', GAUSS, '--format', 'json');
    expect(chain.status).toBe(1);
    expect((JSON.parse(chain.stdout) as { firstWrong: number }).firstWrong).toBe(2);
  });
  it('without them, the function is unknown', () => {
    expectBadInput(gradproof('derive', 'gauss(w*x)', '--wrt', 'w'));
  });
});

describe('a wrong rule file is refused: exit 2, with file, line and id', () => {
  it('a numerically false derivative', () => {
    const lines = expectBadInput(gradproof('derive', 'gauss(z)', '--wrt', 'z', '--rules', 'test/fixtures/rules/wrong-derivative.rules'));
    expect(lines[0]).toMatch(/^test\/fixtures\/rules\/wrong-derivative\.rules:3:1: error: rule d\.gauss does not hold at u = -?[\d.e-]+: the left side is -?[\d.e-]+, the right side -?[\d.e-]+ \(they differ by -?[\d.e-]+\)$/);
    expect(lines.slice(1)).toEqual(['  derivative d.gauss     "Gaussian derivative" / "高斯函数导数"', '  ^', '']);
  });
  it('a syntax error', () => {
    expect(expectBadInput(gradproof('derive', 'gauss(z)', '--wrt', 'z', '--rules', 'test/fixtures/rules/syntax-error.rules'))).toEqual([
      "test/fixtures/rules/syntax-error.rules:4:20: error: rule d.gauss: missing ')' to close the call to gauss",
      '    gauss(u) -> -2*u*gauss(u',
      '                     ^',
      '',
    ]);
  });
  it('an id that is taken', () => {
    const lines = expectBadInput(gradproof('check', '--chain', 'x', 'x', '--rules', 'test/fixtures/rules/duplicate-id.rules'));
    expect(lines[0]).toMatch(/^test\/fixtures\/rules\/duplicate-id\.rules:3:1: error: rule d\.log is already defined at rules\/derivative\.rules:\d+$/);
  });
  it('a definition of a name with a fixed meaning', () => {
    expect(expectBadInput(gradproof('derive', 'exp(z)', '--wrt', 'z', '--rules', 'test/fixtures/rules/redefine-exp.rules'))).toEqual([
      'test/fixtures/rules/redefine-exp.rules:3:1: error: def exp: exp has a fixed meaning and cannot be redefined',
      '  def exp(u) = 1 + u',
      '  ^',
      '',
    ]);
  });
  it('a rule false only far from the old sample points', () => {
    const lines = expectBadInput(gradproof('equal', 'relu(x - 5)', '0', '--rules', 'test/fixtures/rules/false-far.rules'));
    expect(lines[0]).toMatch(/^test\/fixtures\/rules\/false-far\.rules:3:1: error: rule my\.relu-zero does not hold at x = [\d.e+-]+: the left side is [\d.e+-]+, the right side 0 \(they differ by [\d.e+-]+\)$/);
  });
  it('a file that is not there', () => {
    expect(expectBadInput(gradproof('derive', 'x^2', '--wrt', 'x', '--rules', 'test/fixtures/rules/none.rules'))).toEqual([
      'error: cannot read test/fixtures/rules/none.rules: no such file',
      '',
    ]);
  });
  it('--rules needs a file', () => {
    expect(expectBadInput(gradproof('derive', 'x^2', '--wrt', 'x', '--rules'))[0]).toMatch(/^error: .*--rules/);
  });
});
