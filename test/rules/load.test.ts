import { describe, expect, it } from 'vitest';
import { builtinRules } from '../../src/rules/builtin.js';
import { loadRules } from '../../src/rules/load.js';
import { GradproofError } from '../../src/expr/errors.js';
import { toAscii } from '../../src/expr/print.js';

const loadError = (text: string): string => {
  try {
    loadRules([{ name: 'my.rules', text }], builtinRules());
  } catch (e) {
    if (e instanceof GradproofError) return e.format();
    throw e;
  }
  throw new Error('loaded');
};

describe('built-in rules', () => {
  it('load and validate', () => {
    const rs = builtinRules();
    expect(rs.byId.get('d.log')?.name).toEqual({ en: 'logarithm rule', zh: '对数求导法则' });
    expect(toAscii(rs.byId.get('d.log')!.lhs!)).toBe('diff(log(u), x)');
    expect(toAscii(rs.byId.get('d.log')!.rhs!)).toBe('diff(u, x)/u');
    expect(rs.byId.get('d.log')!.conditions.map(({ pred, args }) => ({ pred, args }))).toEqual([{ pred: 'positive', args: ['u'] }]);
    expect(rs.functions.has('sigmoid')).toBe(true);
  });
});

describe('a wrong rule refuses to load with file, line and id', () => {
  it('wrong derivative', () => {
    expect(loadError('\n# wrong on purpose\nderivative d.bad-tanh "bad" / "错"\n  tanh(u) -> 1 + tanh(u)^2\n')).toMatch(
      /^my\.rules:3:1: error: rule d\.bad-tanh does not hold at u = -?[\d.e-]+: the left side is -?[\d.e-]+, the right side -?[\d.e-]+ \(they differ by -?[\d.e-]+\)\n  derivative d\.bad-tanh/,
    );
  });
  it('wrong structural rule', () => {
    expect(loadError('rule d.bad-product "bad" / "错"\n  diff(u*v, x) = diff(u, x)*diff(v, x)\n')).toMatch(
      /^my\.rules:1:1: error: rule d\.bad-product does not hold at x = /,
    );
  });
  it('wrong algebra', () => {
    expect(loadError('algebra alg.bad "bad" / "错"\n  (a + b)^2 = a^2 + b^2\n')).toMatch(/^my\.rules:1:1: error: rule alg\.bad does not hold/);
  });
  it('unbound variable on the right', () => {
    expect(loadError('rule d.oops "x" / "x"\n  diff(u, x) = w\n')).toBe(
      'my.rules:1:1: error: rule d.oops: the right side uses w, which the left side does not bind\n  rule d.oops "x" / "x"\n  ^',
    );
  });
  it('duplicate id', () => {
    expect(loadError('derivative d.log "again" / "again"\n  log(u) -> 1/u\n')).toMatch(
      /^my\.rules:1:1: error: rule d\.log is already defined at rules\/derivative\.rules:\d+/,
    );
  });
  it('syntax error in a body, with its column', () => {
    expect(loadError('rule d.x "x" / "x"\n  diff(u, x) = (u\n')).toBe(
      "my.rules:2:16: error: rule d.x: missing ')' to match the '(' at column 1\n    diff(u, x) = (u\n                 ^",
    );
  });
  it('a syntax error in a definition names it', () => {
    expect(loadError('def gauss(u) = exp(-u^2\n')).toBe("my.rules:1:16: error: def gauss: missing ')' to close the call to exp\n  def gauss(u) = exp(-u^2\n                 ^");
  });
  it('JavaScript is a syntax error, and nothing runs', () => {
    (globalThis as Record<string, unknown>).pwned = false;
    expect(loadError('globalThis.pwned = true; require("fs")\n')).toMatch(/^my\.rules:1:1: error: expected 'rule', 'derivative', 'algebra', 'step' or 'def'/);
    expect((globalThis as Record<string, unknown>).pwned).toBe(false);
  });
  it('a new activation with its derivative loads', () => {
    const rs = loadRules(
      [{ name: 'my.rules', text: 'derivative d.mish-free "gaussian" / "高斯"\n  gauss(u) -> -2*u*gauss(u)\ndef gauss(u) = exp(-u^2)\n' }],
      builtinRules(),
    );
    expect(rs.byId.get('d.mish-free')?.outer?.fn).toBe('gauss');
  });
});
