/**
 * The notation people write in derivation files (`dL/dz = …`, `∂L/∂z = …`, `d/dz [f]`,
 * `z**2`), and the names problem and derivation files declare, for which `a2(1 - a2)` is a
 * product.
 */
import { describe, expect, it } from 'vitest';
import { parseDerivation } from '../../src/parse/derivation.js';
import { parseProblem } from '../../src/parse/problem.js';
import { toAscii } from '../../src/expr/print.js';
import { GradproofError } from '../../src/expr/errors.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { checkDerivation } from '../../src/api/check-chain.js';

const FUNCTIONS = { functions: builtinRules().functions };
const LOSS = 'let L = -(y*log(a2) + (1 - y)*log(1 - a2))\n';

/** Each chain as its steps' ASCII. */
const chains = (text: string): string[][] => parseDerivation(text, 'd.proof', FUNCTIONS).chains.map((c) => c.map((s) => toAscii(s.expr)));

function error(text: string, read: (t: string) => unknown): string {
  try {
    read(text);
  } catch (e) {
    if (e instanceof GradproofError) return e.format();
    throw e;
  }
  throw new Error('no error');
}

describe('a chain may start with the derivative written as people write it', () => {
  it.each([
    ['dL/da2 = -y/a2 + (1 - y)/(1 - a2)'],
    ['∂L/∂a2 = -y/a2 + (1 - y)/(1 - a2)'],
    ['d L / d a2 = -y/a2 + (1 - y)/(1 - a2)'],
    ['∂L/∂a2\n= -y/a2 + (1 - y)/(1 - a2)'],
    ['dL/da2 = -y/a2 + (1 - y)/(1 - a2)   by d.log'],
  ])('%s', (line) => {
    expect(chains(`${LOSS}${line}\n`)).toEqual([['diff(L, a2)', '(1 - y)/(1 - a2) - y/a2']]);
  });

  it('goes on with = lines, and the variable may carry digits or an index', () => {
    const text = `${LOSS}∂L/∂a2 = -y/a2 + (1 - y)/(1 - a2)\n  = (a2 - y)/(a2(1 - a2))\n\ndL/dz[i] = 0\n= 0\n`;
    expect(chains(text)).toEqual([
      ['diff(L, a2)', '(1 - y)/(1 - a2) - y/a2', '(a2 - y)/(a2*(1 - a2))'],
      ['diff(L, z[i])', '0', '0'],
    ]);
  });

  it('d/dz [f] is the derivative of an expression', () => {
    expect(chains("d/dz [z^2 + sigmoid(z)] = 2z + sigmoid'(z)\n")).toEqual([['diff(z^2 + sigmoid(z), z)', '2*z + diff(sigmoid(z), z)']]);
    expect(chains('∂/∂x (x y) = y\n')).toEqual([['diff(x*y, x)', 'y']]);
  });

  it('is checked: a right step proven, the derivative of the sigmoid written with a prime', () => {
    const spec = parseDerivation("d/dz [z**2 + sigmoid(z)] = 2z + sigmoid'(z)\n= 2z + sigmoid(z)(1 - sigmoid(z))\n", 'd.proof', FUNCTIONS);
    const outcome = checkDerivation(spec, builtinRules());
    expect(outcome.firstWrong).toBe(null);
    expect(outcome.links.map((l) => l.decision.verdict)).toEqual(['proven', 'proven']);
  });

  it('dL/dz is a quotient when dL is a name the file defines', () => {
    expect(chains('let dL = 2*x\n  dL/dz\n= 2*x/z\n')).toEqual([['dL/dz', '2*x/z']]);
  });

  it('what is not the notation is read as an expression, and refused as one', () => {
    expect(error('dL/d2 = 0\n', (t) => parseDerivation(t, 'd.proof', FUNCTIONS))).toBe("d.proof:1:7: error: unexpected '='\n  dL/d2 = 0\n        ^");
  });
});

describe('z**2 in a derivation file is z^2, with a note', () => {
  it('reads it and says so, with the place', () => {
    const spec = parseDerivation('  diff(z**3, z)\n= 3*z**2\n', 'd.proof', FUNCTIONS);
    expect(spec.chains.map((c) => c.map((s) => toAscii(s.expr)))).toEqual([['diff(z^3, z)', '3*z^2']]);
    expect(spec.notes).toEqual([
      "d.proof:1:9: '**' is read as '^', a power (mathjs syntax writes z^2)",
      "d.proof:2:6: '**' is read as '^', a power (mathjs syntax writes z^2)",
    ]);
  });
  it('a file without ** has no notes', () => {
    expect(parseDerivation('  diff(z^3, z)\n= 3*z^2\n', 'd.proof', FUNCTIONS).notes).toBe(undefined);
  });
});

describe('the names a file declares may be written before ( as a product', () => {
  it('in a problem file: its let names, its loss name and its wrt, in any order', () => {
    const spec = parseProblem('loss L = a2(1 - a2) + z2(1 - z2)\nlet a2 = sigmoid(z2)\nwrt z2\n', 'p.grad', FUNCTIONS);
    expect(toAscii(spec.loss)).toBe('a2*(1 - a2) + z2*(1 - z2)');
  });
  it('in a problem file, any other name before ( is refused', () => {
    expect(error('let a2 = sigmoid(z2)\nloss f(a2 + y)\nwrt z2\n', (t) => parseProblem(t, 'p.grad', FUNCTIONS))).toBe(
      "p.grad:2:6: error: unknown function 'f'; write f*(a2 + y) for a product\n  loss f(a2 + y)\n       ^",
    );
    expect(error('let a2 = sigmoid(z2)\nloss y(1 - a2)\nwrt z2\n', (t) => parseProblem(t, 'p.grad', FUNCTIONS))).toBe(
      "p.grad:2:6: error: unknown function 'y'; write y*(1 - a2) for a product\n  loss y(1 - a2)\n       ^",
    );
  });
  it("in a derivation file: its let names and its derivatives' variables", () => {
    expect(chains('let a2 = sigmoid(z)\n  diff(a2(1 - a2), z)\n= z(1 - z)\n')).toEqual([['diff(a2*(1 - a2), z)', 'z*(1 - z)']]);
  });
});

describe('declaredNames reads the name each definition defines, and the variables', () => {
  it('in ASCII and in LaTeX, with informative arguments or an index', async () => {
    const { declaredNames } = await import('../../src/parse/declared.js');
    expect([...declaredNames(['a2 = sigmoid(z2)', 'L(y, a2) = -log(a2)', 'a[k] = exp(z[k])', 'a_{2} = \\sigma(z_2)'], ['z2', 'z[i]'])].sort()).toEqual(
      ['L', 'a', 'a2', 'a_{2}', 'z', 'z2'].sort(),
    );
  });
  it('--wrt declares its variable for an inline problem', async () => {
    const { problemFromInput } = await import('../../src/api/derive.js');
    expect(toAscii(problemFromInput({ loss: 'z2(1 - z2)', wrt: 'z2' }, builtinRules().functions).loss)).toBe('z2*(1 - z2)');
  });
});
