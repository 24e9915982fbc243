/**
 * A user's rule file is a set of axioms: sampling proves nothing, so it must at least refuse
 * every false rule it can find false. Each false rule here loaded before (6 points in
 * [-2, 2], tolerance 1e-6); each is refused now, with its file, line and id. The true ones
 * still load.
 */
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../../src/rules/builtin.js';
import { loadRules } from '../../src/rules/load.js';
import { GradproofError } from '../../src/expr/errors.js';

/** The rule `id` in a file of its own: `rule` (or `derivative`) header, body, and optional defs. */
const file = (kind: string, body: string, defs = ''): string => `${kind} f.rule "a rule" / "规则"\n  ${body}\n${defs}`;

function loadError(text: string): string {
  try {
    loadRules([{ name: 'my.rules', text }], builtinRules());
  } catch (e) {
    if (e instanceof GradproofError) return e.format().split('\n')[0]!;
    throw e;
  }
  return 'loaded';
}

const NUMBER = String.raw`-?\d+(?:\.\d+)?(?:e[-+]\d+)?`;
const DOES_NOT_HOLD = new RegExp(`^my\\.rules:1:1: error: rule f\\.rule does not hold at (?:\\w+ = ${NUMBER}(?:, )?)+: the left side is ${NUMBER}, the right side ${NUMBER} \\(they differ by ${NUMBER}\\)$`);

describe('false rules are refused', () => {
  it.each([
    // The four.
    ['relu(x - 5) = 0', 'rule', 'relu(x - 5) = 0'],
    ['a periodic function that vanishes at the old sample points', 'rule', 'sin(16*pi*x) = 0'],
    ['a sigmoid off by 1e-8', 'rule', 'sigmoid(x) = 1/(1 + exp(-x)) + 1/100000000'],
    ['abs(x) = x where x is nonzero', 'rule', 'abs(x) = x                  if nonzero(x)'],
    // Off by tiny amounts.
    ['exp off by one part in 1e12', 'rule', 'exp(x) = exp(x)*(1 + 1/1000000000000)'],
    ['log(exp(x)) off by 1e-15', 'rule', 'log(exp(x)) = x + 1/1000000000000000'],
    ['a square off by a relative 1e-14', 'rule', 'x*x = x^2 + x^2/100000000000000'],
    ['tanh through sigmoid, off by 1e-10', 'rule', 'tanh(x) = 2*sigmoid(2*x) - 1 + 1/10000000000'],
    ['Pythagoras off by 1e-13', 'rule', 'cos(x)^2 + sin(x)^2 = 1 + 1/10000000000000'],
    ['an algebra identity off by 1e-9 in one coefficient', 'algebra', '(a + b)^2 = a^2 + 2*a*b + b^2 + a*b/1000000000'],
    // False only for large |x|.
    ['relu(x - 100) = 0', 'rule', 'relu(x - 100) = 0'],
    ['zero beyond |x| = 20', 'rule', 'exp(-x^2) = piecewise(abs(x) < 20, exp(-x^2), abs(x) >= 20, 0)'],
    ['x^3 and x agree on [-1, 1] only to a tolerance', 'rule', 'x^3/1000000 + x = x'],
    ['sigmoid(x) = 1 for x > 40', 'rule', 'sigmoid(x) = piecewise(x > 40, 1, x <= 40, sigmoid(x))'],
    // False only for negative x.
    ['sqrt(x^2) = x', 'rule', 'sqrt(x^2) = x'],
    ['relu(x) = x', 'rule', 'relu(x) = x'],
    ['abs(x)/x = 1 where x is nonzero', 'rule', 'abs(x)/x = 1               if nonzero(x)'],
    ['x^2/|x| = x where x is nonzero', 'rule', 'x^2/abs(x) = x              if nonzero(x)'],
    // False only near a condition's boundary.
    ['a kink moved to 1e-6', 'rule', 'relu(x) = relu(x - 1/1000000) + 1/1000000  if positive(x)'],
    ['a step that is off just right of 0', 'rule', 'piecewise(x > 1/1000, 1, x <= 1/1000, 0) = piecewise(x > 0, 1, x <= 0, 0)  if nonzero(x)'],
    // Wrong derivative rules.
    ['d tanh = 1 + tanh^2', 'derivative', 'tanh(u) -> 1 + tanh(u)^2'],
    ['d exp off by 1e-9', 'derivative', 'exp(u) -> exp(u)*(1 + 1/1000000000)'],
    ['d sin = cos for positive u only', 'derivative', 'sin(u) -> abs(cos(u))'],
    ['d relu = 1 everywhere but 0', 'derivative', 'relu(u) -> 1                            if nonzero(u)'],
    ['d abs = 1 everywhere but 0', 'derivative', 'abs(u) -> 1                             if nonzero(u)'],
    ['d (u |u|) = 2u, true for positive u only', 'derivative', 'sq(u) -> 2*u                    if nonzero(u)', 'def sq(u) = u*abs(u)\n'],
    ['the product rule with a factor wrong by 1e-10', 'rule', 'diff(u*v, x) = diff(u, x)*v + u*diff(v, x)*(1 + 1/10000000000)'],
    ['a quotient rule with the sign wrong', 'rule', 'diff(u/v, x) = (diff(u, x)*v + u*diff(v, x))/v^2  if nonzero(v)'],
    ['the derivative of a definition off by 1e-8', 'derivative', 'sig(u) -> sig(u)*(1 - sig(u))', 'def sig(u) = 1/(1 + exp(-u)) + 1/100000000\n'],
    ['a Gaussian derivative wrong for large u only', 'derivative', 'gauss(u) -> -2*u*gauss(u) + relu(u - 50)', 'def gauss(u) = exp(-u^2)\n'],
    // Periodic functions.
    ['cos(2*pi*x) = 1', 'rule', 'cos(2*pi*x) = 1'],
    ['sin(x + 2) = sin(x)', 'rule', 'sin(x + 2) = sin(x)'],
    ['sin(1000*pi*x) = 0', 'rule', 'sin(1000*pi*x) = 0'],
    // False conditional rules.
    ['exp(log(x)) = x for nonzero x', 'rule', 'exp(log(abs(x))) = x    if nonzero(x)'],
    ['x/x = 1 needs no condition, and 2x/x = 1 is false anyway', 'rule', '2*x/x = 1               if nonzero(x)'],
    ['a positive condition that does not save the rule', 'rule', 'sqrt(x)^2 = x + 1/1000000  if positive(x)'],
  ])('%s', (_name, kind, body, defs = '') => {
    expect(loadError(file(kind, body, defs))).toMatch(DOES_NOT_HOLD);
  });

  // Index notation: sums of 1 to 6 terms, members of every magnitude, also in high precision.
  it.each([
    ['a sum off by one part in 1e12', 'sum(k, lo, hi, u) = sum(k, lo, hi, u)*(1 + 1/1000000000000)'],
    ['a delta off by 1e-10', 'diff(x[j], x[i]) = delta(j, i)*(1 + 1/10000000000)'],
    ['a sum of squares as the square of the sum', 'sum(k, lo, hi, u^2) = sum(k, lo, hi, u)^2'],
  ])('%s', (_name, body) => {
    expect(loadError(file('rule', body))).toMatch(/^my\.rules:1:1: error: rule f\.rule does not hold( at [^:]*)?: the left side is \S+, the right side \S+ \(they differ by \S+\)$/);
  });
});

describe('names with a fixed meaning cannot be redefined', () => {
  it.each(['exp', 'log', 'cos', 'sin', 'erf', 'delta', 'diff', 'gt', 'le', 'piecewise', 'sum', 'at', 'ln', 'sigmoid', 'relu', 'abs', 'sqrt'])('def %s', (name) => {
    expect(loadError(`def ${name}(u, v) = u`)).toBe(`my.rules:1:1: error: def ${name}: ${name} has a fixed meaning and cannot be redefined`);
  });
  it('a rule cannot take a built-in rule id', () => {
    expect(loadError('derivative d.tanh "tanh" / "tanh"\n  tanh(u) -> 1 - tanh(u)^2\n')).toMatch(/^my\.rules:1:1: error: rule d\.tanh is already defined at rules\/derivative\.rules:\d+$/);
    expect(loadError('rule chain "chain" / "链"\n  diff(x, x) = 1\n')).toMatch(/^my\.rules:1:1: error: rule chain is already defined at rules\/steps\.rules:\d+$/);
  });
  it('a user file cannot declare a step', () => {
    expect(loadError('step my.step "a step" / "步骤"\n')).toBe('my.rules:1:1: error: rule my.step: a rule file of your own cannot declare a step; steps are built into the checker');
  });
  it('a rule that is undefined almost everywhere is refused as unchecked', () => {
    expect(loadError(file('rule', 'log(-x^2 - 1) = 0'))).toBe(
      'my.rules:1:1: error: rule f.rule could not be checked: its sides are both defined, with its conditions holding, at only 0 of 1500 sample points, 0 of them in high precision (100 and 20 are needed)',
    );
  });
});

describe('true rules still load', () => {
  it.each([
    ['rule', 'sigmoid(-x) = 1 - sigmoid(x)'],
    ['rule', 'log(exp(x)) = x'],
    ['rule', 'exp(log(x)) = x                  if positive(x)'],
    ['rule', 'abs(x)/x = piecewise(x > 0, 1, x < 0, -1)  if nonzero(x)'],
    ['rule', 'relu(x) - relu(-x) = x'],
    ['rule', 'relu(x) = (x + abs(x))/2'],
    ['rule', 'cos(x)^2 + sin(x)^2 = 1'],
    ['rule', 'sin(2*x) = 2*sin(x)*cos(x)'],
    ['rule', 'tanh(x) = 2*sigmoid(2*x) - 1'],
    ['rule', 'softplus(x) - softplus(-x) = x'],
    ['rule', 'sqrt(x^2) = abs(x)'],
    ['rule', 'x^a*x^b = x^(a + b)              if positive(x)'],
    ['rule', 'exp(a + b) = exp(a)*exp(b)'],
    ['rule', 'log(a*b) = log(a) + log(b)       if positive(a), positive(b)'],
    ['algebra', 'a/b + c/d = (a*d + c*b)/(b*d)     if nonzero(b), nonzero(d)'],
    ['rule', 'cosh(x)^2 - sinh(x)^2 = 1'],
    ['derivative', 'tanh(u) -> 1 - tanh(u)^2'],
    ['derivative', 'sigmoid(u) -> sigmoid(u)*(1 - sigmoid(u))'],
    ['derivative', 'relu(u) -> piecewise(u > 0, 1, u < 0, 0)  if nonzero(u)'],
    ['derivative', 'abs(u) -> abs(u)/u               if nonzero(u)'],
    ['derivative', 'log(u) -> 1/u                    if positive(u)'],
    ['derivative', 'erf(u) -> 2*exp(-u^2)/sqrt(pi)'],
    ['derivative', 'gauss(u) -> -2*u*gauss(u)', 'def gauss(u) = exp(-u^2)\n'],
    ['derivative', 'bent(u) -> u/(2*sqrt(u^2 + 1)) + 1', 'def bent(u) = (sqrt(u^2 + 1) - 1)/2 + u\n'],
    ['derivative', 'scaled(u, k) -> k*cos(k*u)', 'def scaled(u, k) = sin(k*u)\n'],
    ['rule', 'diff(u*v, x) = diff(u, x)*v + u*diff(v, x)'],
    ['rule', 'diff(u/v, x) = (diff(u, x)*v - u*diff(v, x))/v^2  if nonzero(v)'],
    ['rule', 'diff(exp(u), x) = exp(u)*diff(u, x)'],
    ['rule', 'diff(c*u, x) = c*diff(u, x)       if free(c, x)'],
    ['rule', 'sum(k, lo, hi, c*u) = c*sum(k, lo, hi, u)  if free(c, k)'],
    ['rule', 'log(x^2) = 2*log(abs(x))          if nonzero(x)'],
    ['rule', 'sqrt(x)*sqrt(x) = x               if positive(x)'],
    ['rule', '1/(1 + exp(-x)) = exp(x)/(1 + exp(x))'],
    ['rule', 'erf(-x) = -erf(x)'],
    ['rule', 'exp(x)*exp(-x) = 1'],
    ['derivative', 'ssq(u) -> 1/(1 + u^2)^(3/2)', 'def ssq(u) = u/sqrt(1 + u^2)\n'],
    ['derivative', 'lc(u) -> tanh(u)', 'def lc(u) = log(cosh(u))\n'],
    ['derivative', 'cube(u) -> 3*u^2', 'def cube(u) = u^3\n'],
    ['rule', 'sum(k, lo, hi, u + v) = sum(k, lo, hi, u) + sum(k, lo, hi, v)'],
  ])('%s %s', (kind, body, defs = '') => {
    expect(loadError(file(kind, body, defs))).toBe('loaded');
  });
});
