/**
 * Class 4: a user's rule file is a set of axioms. A false rule never loads (however far
 * out, however small its error, whatever its condition makes the loader sample), no file
 * redefines a built-in function or `diff`, and a rule set built or edited by hand, not by
 * `loadRules`, makes no proof pass.
 */
import { describe, expect, it } from 'vitest';
import { check, derive, equivalent, loadRules, type RuleSet } from '../../src/index.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { parse } from '../../src/parse/ascii.js';
import { errorCode } from './support.js';

/** One rule of kind `rule` in a file of its own. */
const rule = (body: string, id = 'user.claim'): string => `rule ${id} "a claim" / "断言"\n  ${body}\n`;
/** A new function with its definition and outer derivative. */
const fn = (name: string, def: string, derivative: string): string =>
  `derivative d.${name} "${name} derivative" / "${name} 导数"\n  ${name}(u) -> ${derivative}\n\ndef ${name}(u) = ${def}\n`;

/** False rules: each must be refused as it loads (code `rule`). */
const falseRules: ReadonlyArray<readonly [string, string]> = [
  ['relu(x - 5) = 0 (false only for x > 5)', rule('relu(x - 5) = 0')],
  ['relu(x - 50) = 0', rule('relu(x - 50) = 0')],
  ['relu(-x - 5) = 0 (false only for x < -5)', rule('relu(-x - 5) = 0')],
  ['relu(x - 3) = 0', rule('relu(x - 3) = 0')],
  ['sin(16*pi*x) = 0 (zero at the sixths of the old sample grid)', rule('sin(16*pi*x) = 0')],
  ['sin(1000*x) = 0', rule('sin(1000*x) = 0')],
  ['cos(2*pi*x) = 1', rule('cos(2*pi*x) = 1')],
  ['sigmoid off by 1e-8', rule('sigmoid(x) = 1/(1 + exp(-x)) + 10^(-8)')],
  ['sigmoid off by 1e-10', rule('sigmoid(x) = 1/(1 + exp(-x)) + 10^(-10)')],
  ['sigmoid off by 1e-12', rule('sigmoid(x) = 1/(1 + exp(-x)) + 10^(-12)')],
  ['sigmoid off by 1e-8 relatively', rule('sigmoid(x) = (1 + 10^(-8))/(1 + exp(-x))')],
  ['tanh off by 1e-9', rule('tanh(x) = 2*sigmoid(2*x) - 1 + 10^(-9)')],
  ['abs(x) = x if nonzero(x) (the condition must not make the loader sample x > 0 only)', rule('abs(x) = x                if nonzero(x)')],
  ['relu(x) = x if nonzero(x)', rule('relu(x) = x                if nonzero(x)')],
  ['abs(x) = x if positive(x + 5)', rule('abs(x) = x                if positive(x + 5)')],
  ['abs(x) = -x if nonzero(x)', rule('abs(x) = -x               if nonzero(x)')],
  ['sqrt(x^2) = x', rule('sqrt(x^2) = x')],
  ['exp(x) = 1 + x', rule('exp(x) = 1 + x')],
  ['tanh(x) = x', rule('tanh(x) = x')],
  ['x*y = y*x + 1e-9', rule('x*y = y*x + 10^(-9)')],
  ['a step of 1e-6 at x = 100', rule('x + piecewise(x > 100, 10^(-6), x <= 100, 0) = x')],
  ['softplus(x) = x + exp(-x), close only far out', rule('log(1 + exp(x)) = x + exp(-x)')],
  ['softplus(x) = relu(x)', rule('softplus(x) = relu(x)')],
  ['sigmoid(x) = 1 for x > 40', rule('sigmoid(x) = 1            if positive(x - 40)')],
  ['a derivative off by 1e-9', fn('gauss', 'exp(-u^2)', '-2*u*gauss(u) + 10^(-9)')],
  ['a derivative wrong only for u > 5', fn('bump', 'relu(u - 5)^2', '0')],
  ['a derivative wrong only for u < -4', fn('dip', 'relu(-u - 4)^2', '0')],
  ['a derivative with the wrong sign', fn('gauss', 'exp(-u^2)', '2*u*gauss(u)')],
  ['a second, false derivative of tanh', `derivative d.tanh2 "tanh" / "tanh"\n  tanh(u) -> 1 + tanh(u)^2\n`],
  ['a second, false derivative of exp', `derivative d.exp2 "exp" / "exp"\n  exp(u) -> 2*exp(u)\n`],
  ['a derivative rule for diff itself', rule('diff(u, x) = 0')],
  ['a false rewrite under diff', rule('diff(x^2, x) = x')],
];

/** Redefinitions of what the kernel's meaning rests on: refused even when true. */
const redefinitions: ReadonlyArray<readonly [string, string]> = [
  ['exp, falsely', 'def exp(u) = 1 + u\n'],
  ['exp, by itself', 'def exp(u) = exp(u)\n'],
  ['log', 'def log(u) = log(u)\n'],
  ['log, falsely', 'def log(u) = u - 1\n'],
  ['cos', 'def cos(u) = cos(u)\n'],
  ['sin, falsely', 'def sin(u) = u\n'],
  ['sqrt', 'def sqrt(u) = u^(1/2)\n'],
  ['abs', 'def abs(u) = u\n'],
  ['relu', 'def relu(u) = u\n'],
  ['sigmoid, as the built-in defines it', 'def sigmoid(u) = 1/(1 + exp(-u))\n'],
  ['tanh', 'def tanh(u) = 2*sigmoid(2*u) - 1\n'],
  ['softplus', 'def softplus(u) = log(1 + exp(u))\n'],
  ['delta', 'def delta(a, b) = 0\n'],
  ['diff', 'def diff(u, v) = 0\n'],
  ['diff of one argument', 'def diff(u) = 0\n'],
  ['gt', 'def gt(a, b) = 1\n'],
  ['lt', 'def lt(a, b) = 0\n'],
  ['ge', 'def ge(a, b) = 1\n'],
  ['piecewise', 'def piecewise(a, b) = b\n'],
  ['sum', 'def sum(a, b, c, d) = 0\n'],
  ['erf', 'def erf(u) = u\n'],
  ['the built-in rule d.log, by id', rule('log(x) = x - 1', 'd.log')],
  ['the built-in rule id.exp-log, by id', rule('exp(log(x)) = x', 'id.exp-log')],
];

/** True rules: they load, so the checks above refuse for the right reason. */
const trueRules: ReadonlyArray<readonly [string, string]> = [
  ['sigmoid(-x) = 1 - sigmoid(x)', rule('sigmoid(-x) = 1 - sigmoid(x)')],
  ['abs(x) = x if positive(x)', rule('abs(x) = x                if positive(x)')],
  ['relu(x) = x if positive(x)', rule('relu(x) = x                if positive(x)')],
  ['sin(x + 2*pi) = sin(x)', rule('sin(x + 2*pi) = sin(x)')],
  ['the Gaussian, its derivative and definition', fn('gauss', 'exp(-u^2)', '-2*u*gauss(u)')],
  ['softsign-like, through abs', fn('soft2', 'u/(1 + u^2)', '(1 - u^2)/(1 + u^2)^2')],
];

describe('rule files: false rules do not load', () => {
  it.each(falseRules)('%s', (_l, text) => expect(errorCode(() => loadRules({ name: 'false.rules', text }))).toBe('rule'));
});

describe('rule files: built-in functions, diff and built-in rule ids are never redefined', () => {
  it.each(redefinitions)('%s', (_l, text) => expect(errorCode(() => loadRules({ name: 'redefine.rules', text }))).toBe('rule'));
});

describe('rule files: true rules load', () => {
  it.each(trueRules)('%s', (_l, text) => expect(errorCode(() => loadRules({ name: 'true.rules', text }))).toBe('no error'));
});

// ---------------------------------------------------------------------------------------
// Rule sets made or changed by hand: the kernel accepts only what `loadRules` admitted.

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The built-in rules with rule `id`'s replacement (and outer derivative) swapped for `rhs` (`outer`). */
function forged(id: string, rhs: string, outer?: string): RuleSet {
  const base = builtinRules();
  const opts = { functions: base.functions };
  const old = base.byId.get(id)!;
  const changed = {
    ...old,
    rhs: parse(rhs, opts),
    ...(outer && old.outer ? { outer: { ...old.outer, derivative: parse(outer, opts) } } : {}),
  };
  const rules = base.rules.map((r) => (r.id === id ? changed : r));
  return { ...base, rules, byId: new Map(rules.map((r) => [r.id, r])) };
}

const forgeries: ReadonlyArray<{ label: string; rules: () => RuleSet; loss: string; let: Record<string, string>; wrt: string; expected: string }> = [
  { label: 'd.tanh -> 1 + tanh^2', rules: () => forged('d.tanh', '(1 + tanh(u)^2)*diff(u, x)', '1 + tanh(u)^2'), loss: 'a', let: { a: 'tanh(z)' }, wrt: 'z', expected: '1 + a^2' },
  { label: 'd.sigmoid -> sigmoid', rules: () => forged('d.sigmoid', 'sigmoid(u)*diff(u, x)', 'sigmoid(u)'), loss: 'a', let: { a: 'sigmoid(z)' }, wrt: 'z', expected: 'a' },
  { label: 'd.log -> 2/u', rules: () => forged('d.log', '2*diff(u, x)/u', '2/u'), loss: 'log(x)', let: {}, wrt: 'x', expected: '2/x' },
  { label: 'd.exp -> 0', rules: () => forged('d.exp', '0', '0'), loss: 'exp(x)', let: {}, wrt: 'x', expected: '0' },
  { label: 'd.self -> 2', rules: () => forged('d.self', '2'), loss: 'x', let: {}, wrt: 'x', expected: '2' },
  { label: 'd.power -> n*u^n', rules: () => forged('d.power', 'n*u^n*diff(u, x)'), loss: 'x^3', let: {}, wrt: 'x', expected: '3*x^3' },
  { label: 'd.sum -> difference', rules: () => forged('d.sum', 'diff(u, x) - diff(v, x)'), loss: 'x^2 + x', let: {}, wrt: 'x', expected: '2*x - 1' },
];

/** The verdict a forged rule set gets for a false expectation; an error is a refusal. */
function forgedVerdict(f: (typeof forgeries)[number]): string {
  try {
    return derive({ loss: f.loss, let: f.let, wrt: f.wrt, expect: f.expected }, { rules: f.rules() }).expectations[0]!.verdict;
  } catch (err) {
    return `error:${errorCode(() => {
      throw err;
    })}`;
  }
}

describe('rule sets built or changed by hand make no proof pass', () => {
  it.each(forgeries.map((f) => [f.label, f] as const))('derive with %s: the false expectation is not proven', (_l, f) => expect(forgedVerdict(f)).not.toBe('proven'));

  it.each(forgeries.map((f) => [f.label, f] as const))('equivalent with %s: the false derivative is not proven', (_l, f) => {
    const r = (() => {
      try {
        return equivalent(`diff(${f.let.a ? f.let.a : f.loss}, ${f.wrt})`, f.let.a ? f.expected.replaceAll('a', f.let.a) : f.expected, { rules: f.rules() }).verdict;
      } catch (err) {
        return `error:${errorCode(() => {
          throw err;
        })}`;
      }
    })();
    expect(r).not.toBe('proven');
  });

  it('a proof replayed against a rule set whose admitted handle was forged is rejected', () => {
    const base = builtinRules();
    const proof = derive({ loss: 'x^2', wrt: 'x' });
    const fake = { ...base, admitted: {} as RuleSet['admitted'] };
    const r = (() => {
      try {
        return check(proof, { rules: fake });
      } catch (err) {
        return `error:${errorCode(() => {
          throw err;
        })}`;
      }
    })();
    expect(typeof r === 'string' ? r : r.checked).not.toBe(true);
  });

  it('a rule set loaded on a forged base does not admit the forged rule', () => {
    const r = (() => {
      try {
        const rules = loadRules({ name: 'gauss.rules', text: fn('gauss', 'exp(-u^2)', '-2*u*gauss(u)') }, { base: forged('d.tanh', '(1 + tanh(u)^2)*diff(u, x)', '1 + tanh(u)^2') });
        return derive({ loss: 'a', let: { a: 'tanh(z)' }, wrt: 'z', expect: '1 + a^2' }, { rules }).expectations[0]!.verdict;
      } catch (err) {
        return `error:${errorCode(() => {
          throw err;
        })}`;
      }
    })();
    expect(r).not.toBe('proven');
  });

  it('editing a loaded rule set afterwards changes nothing the kernel accepts', () => {
    const rules = loadRules({ name: 'gauss.rules', text: fn('gauss', 'exp(-u^2)', '-2*u*gauss(u)') });
    const opts = { functions: rules.functions };
    const r = rules.byId.get('d.gauss') as Mutable<NonNullable<ReturnType<typeof rules.byId.get>>>;
    const verdict = (() => {
      try {
        r.rhs = parse('2*u*gauss(u)*diff(u, x)', opts);
        if (r.outer) r.outer = { ...r.outer, derivative: parse('2*u*gauss(u)', opts) };
        return derive({ loss: 'a', let: { a: 'gauss(z)' }, wrt: 'z', expect: '2*z*a' }, { rules }).expectations[0]!.verdict;
      } catch (err) {
        if (err instanceof TypeError) return 'frozen';
        return `error:${errorCode(() => {
          throw err;
        })}`;
      }
    })();
    expect(verdict).not.toBe('proven');
  });
});

describe('a user rule that is true but only sampled: verdicts that used it say so', () => {
  const rules = () => loadRules({ name: 'gauss.rules', text: fn('gauss', 'exp(-u^2)', '-2*u*gauss(u)') });
  it('check(): the premises name the rule file', () => {
    const proof = derive({ loss: '(a - y)^2/2', let: { a: 'gauss(z)' }, wrt: 'z' }, { rules: rules() });
    const r = check(proof, { rules: rules() }) as Record<string, unknown>;
    expect(r.checked).toBe(true);
    expect((r.premises as { ruleFiles?: unknown } | undefined)?.ruleFiles).toEqual(['gauss.rules']);
  });
});
