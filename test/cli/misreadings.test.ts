/**
 * The misreadings of issue 14's "ASCII is mathjs's syntax, exactly", each from the command
 * line: none gives a verdict about a statement the user did not write.
 */
import { describe, expect, it } from 'vitest';
import { gradproof } from './run.js';
import { problemFromInput, runProblem } from '../../src/api/derive.js';

describe('what was misread is refused or read as mathjs reads it', () => {
  it('log10(x) - log10(y) = log10(x - y) is refused at a point: log10 is the common logarithm, not log10*x', () => {
    const r = gradproof('equal', 'log10(x) - log10(y)', 'log10(x - y)');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('at x = 1.5, y = 0.25: left 0.778151, right 0.0969100');
    expect(r.stdout).toContain('refuted');
  });

  it('derive "log10(x)" differentiates the common logarithm', () => {
    const r = gradproof('derive', 'log10(x)', '--wrt', 'x');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Result      ∂L/∂x = 1/(x*log(10))\nConditions  x > 0\n');
  });

  it('f(x + y) = f(x) + f(y) is an error, not a product', () => {
    const r = gradproof('equal', 'f(x + y)', 'f(x) + f(y)');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("expression 1:1:1: error: unknown function 'f'; write f*(x + y) for a product\n  f(x + y)\n  ^\n");
  });

  it('x / 2 y is x/(2y), not x*y/2', () => {
    expect(gradproof('equal', 'x / 2 y', 'x/(2*y)').status).toBe(0);
    const r = gradproof('equal', 'x / 2 y', 'x*y/2');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('refuted');
  });

  it('8 pi / 2 pi is 4', () => {
    expect(gradproof('equal', '8 pi / 2 pi', '4').status).toBe(0);
  });

  it('a2(1 - a2) is a product when --let declares a2, and y(1 - a2) is refused', () => {
    const ok = gradproof('derive', 'a2(1 - a2)', '--let', 'a2 = sigmoid(z2)', '--wrt', 'z2', '--expect', 'a2*(1 - a2)*(1 - 2*a2)');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('L = a2*(1 - a2)');
    const bad = gradproof('derive', 'y(1 - a2)', '--let', 'a2 = sigmoid(z2)', '--wrt', 'z2');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("loss:1:1: error: unknown function 'y'; write y*(1 - a2) for a product\n  y(1 - a2)\n  ^\n");
  });
});

describe("f'(z) is differentiated as the derivative of f at z", () => {
  it("sigmoid'(z) through z = w*x: proven, and the expected form agrees with finite differences", () => {
    const outcome = runProblem(problemFromInput({ loss: "sigmoid'(z)", let: ['z = w*x'], wrt: 'w', expect: 'x*sigmoid(z)*(1 - sigmoid(z))*(1 - 2*sigmoid(z))' }));
    expect(outcome.expectations.map((e) => e.decision.verdict)).toEqual(['proven']);
    // The statement proven is the right one: sigmoid'(wx) is s(1 - s) with s = sigmoid(wx), and
    // the expected form matches central differences of it in w.
    const s = (u: number): number => 1 / (1 + Math.exp(-u));
    const loss = (w: number, x: number): number => s(w * x) * (1 - s(w * x));
    for (const [w, x] of [[0.3, 1.7], [-1.2, 0.8], [2.1, -0.6]] as const) {
      const h = 1e-5;
      const fd = (loss(w + h, x) - loss(w - h, x)) / (2 * h);
      const z = s(w * x);
      expect(Math.abs(fd - x * z * (1 - z) * (1 - 2 * z))).toBeLessThan(1e-8);
    }
  });
  it("tanh'(z) from the command line", () => {
    const r = gradproof('derive', "tanh'(z)", '--wrt', 'z', '--expect', '-2*tanh(z)*(1 - tanh(z)^2)');
    expect(r.status).toBe(0);
  });
});

describe('a derivative by a variable the loss does not use', () => {
  it('is 0, with a note that names the likely variable', () => {
    const r = gradproof('derive', '2*z2 + sigmoid(z2)', '--wrt', 'z3');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Result      ∂L/∂z3 = 0\n');
    expect(r.stderr).toBe('note: the loss does not use z3, so its derivative is 0; did you mean z2?\n');
  });

  it('has no note when the loss uses it', () => {
    expect(gradproof('derive', '2*z2', '--wrt', 'z2').stderr).toBe('');
  });
});

