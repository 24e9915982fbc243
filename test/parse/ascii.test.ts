import { describe, expect, it } from 'vitest';
import { BUILTIN_FUNCTIONS, parse, parseRelation, parseDefinition } from '../../src/parse/ascii.js';
import { toAscii } from '../../src/expr/print.js';
import { GradproofError } from '../../src/expr/errors.js';

const round = (s: string): string => toAscii(parse(s));

describe('ASCII input prints back the way people write it', () => {
  it.each([
    ['-(y*log(a2) + (1-y)*log(1-a2))', '-(y*log(a2) + (1 - y)*log(1 - a2))'],
    ['a2 - y', 'a2 - y'],
    ['-y + a2', 'a2 - y'],
    ['(1-y)/(1-a2)', '(1 - y)/(1 - a2)'],
    ['-y/a2', '-y/a2'],
    ['-y/a2 + (1-y)/(1-a2)', '(1 - y)/(1 - a2) - y/a2'],
    ['a2 − y', 'a2 - y'],
    ['a2·(1 − a2)', 'a2*(1 - a2)'],
    ['a2 × y', 'a2*y'],
    ['2x', '2*x'],
    ['y log(a2)', 'y*log(a2)'],
    ['σ(z2)', 'sigmoid(z2)'],
    ['ln(x)', 'log(x)'],
    ['e^(-z)', 'exp(-z)'],
    ['1/(1 + e^-z)', '1/(1 + exp(-z))'],
    ['-x^2', '-x^2'],
    ['x^-1', '1/x'],
    ['2^3', '8'],
    ['x/2', 'x/2'],
    ['3*x/4', '3*x/4'],
    ['x^(1/2)', 'x^(1/2)'],
    ['(a*b)^2', 'a^2*b^2'],
    ['x/(a*b)', 'x/(a*b)'],
    ['1/(a2*(1 - a2))', '1/(a2*(1 - a2))'],
    ['-[y log(a2) + (1 - y) log(1 - a2)]', '-(y*log(a2) + (1 - y)*log(1 - a2))'],
    ['diff(L, a2)', 'diff(L, a2)'],
    ['w_11 * z_2', 'w_11*z_2'],
    ['0.25', '1/4'],
    ['x - 2', 'x - 2'],
    ['-2', '-2'],
    ['x^(-z)', 'x^(-z)'],
    ['(-2)^x', '(-2)^x'],
    ['x - (y + z)', 'x - (y + z)'],
    ['-(y - z) + x', 'x - (y - z)'],
    ['a - 2*(b + c)', 'a - 2*(b + c)'],
  ])('%s → %s', (input, expected) => {
    expect(round(input)).toBe(expected);
    // and the printed form parses back to the very same node
    expect(parse(round(input))).toBe(parse(input));
  });

  it('interns: structurally equal inputs are the same object', () => {
    expect(parse('a*b + c')).toBe(parse('c + b*a'));
  });
});

describe('relations and definitions', () => {
  it('reads a chained inequality', () => {
    const r = parseRelation('0 < a2 < 1');
    expect(r.ops).toEqual(['<', '<']);
    expect(r.operands.map((a) => toAscii(a))).toEqual(['0', 'a2', '1']);
  });
  it('reads ≠', () => {
    expect(parseRelation('a ≠ 0').ops).toEqual(['!=']);
  });
  it('reads a definition', () => {
    const d = parseDefinition('a2 = σ(z2)');
    expect(d.name).toBe('a2');
    expect(toAscii(d.expr)).toBe('sigmoid(z2)');
  });
});

describe('errors carry the position and a caret line', () => {
  const error = (s: string): string => {
    try {
      parse(s, { source: '--expect', functions: BUILTIN_FUNCTIONS });
    } catch (e) {
      if (e instanceof GradproofError) return e.format();
      throw e;
    }
    throw new Error('no error');
  };
  it('missing parenthesis', () => {
    expect(error('log(1 - a2')).toBe(
      "--expect:1:1: error: missing ')' to close the call to log\n  log(1 - a2\n  ^",
    );
  });
  it('unexpected character', () => {
    expect(error('a2 $ y')).toBe("--expect:1:4: error: unexpected '$' (U+0024)\n  a2 $ y\n     ^");
  });
  it("names of Object's own properties are names like any other", () => {
    expect(toAscii(parse('constructor + toString*x'))).toBe('constructor + toString*x');
    expect(error('hasOwnProperty(x)')).toBe("--expect:1:1: error: unknown function 'hasOwnProperty'\n  hasOwnProperty(x)\n  ^");
  });
  it('unknown function with a suggestion', () => {
    expect(error('sigmoud(z)')).toBe(
      "--expect:1:1: error: unknown function 'sigmoud'; did you mean 'sigmoid'?\n  sigmoud(z)\n  ^",
    );
  });
  it('deep nesting is an error, not a stack overflow', () => {
    const deep = '('.repeat(100000) + 'x' + ')'.repeat(100000);
    expect(error(deep)).toMatch(/^--expect:1:251: error: expression nested deeper than 250 levels/);
  });
  it('empty input', () => {
    expect(error('   ')).toBe('--expect:1:1: error: empty expression\n     \n  ^');
  });
});
