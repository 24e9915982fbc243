/** The numeric evaluator: values through definitions, derivatives by perturbing one name, NaN outside the domain. */
import { describe, expect, it } from 'vitest';
import { sym } from '../../src/expr/node.js';
import { Definitions, CycleError } from '../../src/expr/context.js';
import { evaluate, PRIMITIVES } from '../../src/expr/eval.js';
import { close, numericDerivative, valueAt } from '../../src/expr/numeric.js';
import { seededRandom, uniform } from '../../src/expr/random.js';
import { parse, parseDefinition } from '../../src/parse/ascii.js';

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
const seed = new Definitions([
  { name: 'L', expr: parse('-(y*log(a2) + (1-y)*log(1-a2))') },
  { name: 'a2', expr: parse('sigmoid(z2)') },
]);

describe('values', () => {
  it.each([
    ['1/3 + 1/6', {}, 0.5],
    ['x^2 - 2*x', { x: 3 }, 3],
    ['2^-1', {}, 0.5],
    ['exp(1)', {}, Math.E],
    ['e^x', { x: 2 }, Math.exp(2)],
    ['log(x)', { x: Math.E }, 1],
    ['sqrt(x)', { x: 2.25 }, 1.5],
    ['x^(1/2)', { x: 2.25 }, 1.5],
    ['sigmoid(0)', {}, 0.5],
    ['tanh(x)', { x: 0.5 }, Math.tanh(0.5)],
    ['softplus(0)', {}, Math.log(2)],
    ['pi', {}, Math.PI],
    ['sin(x)^2 + cos(x)^2', { x: 1.234 }, 1],
  ] as const)('%s at %j is %f', (input, point, value) => {
    expect(valueAt(parse(input), point)).toBeCloseTo(value, 14);
  });

  it('is NaN outside the domain, never an exception', () => {
    for (const [input, point] of [
      ['log(x)', { x: -1 }],
      ['log(0)', {}],
      ['sqrt(x)', { x: -1 }],
      ['1/x', { x: 0 }],
      ['x^(1/2)', { x: -4 }],
    ] as const) {
      expect(valueAt(parse(input), point), input).toBeNaN();
    }
  });

  it('sigmoid and softplus do not overflow', () => {
    expect([PRIMITIVES.sigmoid!(-800), PRIMITIVES.sigmoid!(800), PRIMITIVES.softplus!(800), PRIMITIVES.softplus!(-800)]).toEqual([0, 1, 800, 0]);
    expect(PRIMITIVES.sigmoid!(-40)).toBeCloseTo(Math.exp(-40), 30);
  });

  it('names without a value, and functions without an implementation, are errors', () => {
    expect(() => valueAt(parse('q + 1'), {})).toThrow('no value for q');
    expect(() => evaluate(parse('f(x)', { functions: new Set(['f']) }), () => 1)).toThrow('no numeric value for function f');
  });

  it('computes definitions in dependency order, whatever order they were given in', () => {
    expect(seed.order).toEqual(['a2', 'L']);
    expect(seed.freeVariables()).toEqual(['y', 'z2']);
    const point = { y: 0.25, z2: 0.5 };
    const a2 = sigmoid(0.5);
    expect(valueAt(sym('a2'), point, seed)).toBeCloseTo(a2, 15);
    expect(valueAt(sym('L'), point, seed)).toBeCloseTo(-(0.25 * Math.log(a2) + 0.75 * Math.log(1 - a2)), 14);
  });

  it('refuses cycles and duplicates', () => {
    expect(() => new Definitions([parseDefinition('a = b + 1'), parseDefinition('b = 2*a')])).toThrow(CycleError);
    expect(() => new Definitions([parseDefinition('a = b + 1'), parseDefinition('b = 2*a')])).toThrow('cyclic definitions: a -> b -> a');
    expect(() => new Definitions([parseDefinition('a = 1'), parseDefinition('a = 2')])).toThrow('a is defined twice');
  });
});

describe('derivatives by central differences, in the backprop meaning', () => {
  const rnd = seededRandom(99);
  const points = Array.from({ length: 10 }, () => ({ y: uniform(rnd, 0, 1), z2: uniform(rnd, -3, 3) }));

  it.each(points)('∂L/∂z2 = a2 - y at %j', (point) => {
    const a2 = sigmoid(point.z2);
    expect(close(numericDerivative(sym('L'), 'z2', point, seed), a2 - point.y, 1e-8)).toBe(true);
    // diff(L, z2) inside an expression means the same thing.
    expect(close(valueAt(parse('diff(L, z2)'), point, seed), a2 - point.y, 1e-8)).toBe(true);
  });

  it.each(points)('∂L/∂a2 perturbs a2 and holds z2 fixed, at %j', (point) => {
    const a2 = sigmoid(point.z2);
    const exact = (1 - point.y) / (1 - a2) - point.y / a2;
    expect(close(numericDerivative(sym('L'), 'a2', point, seed), exact, 1e-7)).toBe(true);
    // ∂a2/∂z2 = a2*(1 - a2), and a2 does not depend on y.
    expect(close(numericDerivative(sym('a2'), 'z2', point, seed), a2 * (1 - a2), 1e-8)).toBe(true);
    expect(numericDerivative(sym('a2'), 'y', point, seed)).toBe(0);
  });
});

describe('the seeded generator', () => {
  it('is reproducible and uniform in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
    expect(seededRandom(43)()).not.toBe(seededRandom(42)());
  });
});
