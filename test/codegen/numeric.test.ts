/**
 * Generated code, run: TypeScript (through esbuild), JavaScript and Python, against mathjs
 * at 260 digits (the loss, and central differences of it for every gradient) at seeded
 * random points and at extreme logits (|z| = 50 and 500), where a direct transcription of
 * the loss overflows or loses every digit; and against float central differences of the
 * generated loss itself.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Definitions } from '../../src/expr/context.js';
import { evaluate } from '../../src/expr/eval.js';
import { openAllCalls } from '../../src/expr/functions.js';
import { seededRandom, uniform, type Random } from '../../src/expr/random.js';
import { runProblem, type DeriveInput } from '../../src/api/derive.js';
import type { CodeTarget } from '../../src/codegen/generate.js';
import { type Computed, type Point, cleanUp, load, problem, reference, relativeError, rules } from './support.js';

afterAll(cleanUp);

interface Case {
  readonly name: string;
  readonly source: string | DeriveInput;
  readonly all?: boolean;
  readonly point: (rnd: Random) => Point;
  readonly extremes: readonly Point[];
  /** The extreme points where the loss as written, evaluated in doubles, is not finite or off by more than 1e-3. */
  readonly naiveFails: readonly number[];
  /**
   * Below this size the loss is compared absolutely; 0 (relative everywhere) but for softmax,
   * where z_k - logsumexp(z) of a dominant class cancels, so a loss under 1e-16 reads 0.
   */
  readonly lossFloor?: number;
}

const simplex = (rnd: Random): [number, number, number] => {
  const [a, b] = [rnd(), rnd()].sort((p, q) => p - q) as [number, number];
  return [a, b - a, 1 - b];
};

const bceExtremes = (z: string): Point[] =>
  [50, -50, 500, -500].flatMap((v) => [0, 1, 0.25].map((y) => ({ [z]: v, y })));

const CASES: readonly Case[] = [
  {
    name: 'formula 8-13, BCE on a sigmoid output (examples/bce-sigmoid.grad)',
    source: 'examples/bce-sigmoid.grad',
    point: (rnd) => ({ z2: uniform(rnd, -4, 4), y: rnd() }),
    extremes: bceExtremes('z2'),
    naiveFails: [0, 1, 2, 3, 6, 7, 8, 9],
  },
  {
    name: 'BCE written on the logit, no intermediate (examples/bce-logit.grad)',
    source: 'examples/bce-logit.grad',
    point: (rnd) => ({ z: uniform(rnd, -4, 4), y: rnd() }),
    extremes: bceExtremes('z'),
    naiveFails: [0, 1, 2, 3, 6, 7, 8, 9],
  },
  {
    name: 'softmax with categorical cross-entropy (examples/softmax-cce-3.grad)',
    source: 'examples/softmax-cce-3.grad',
    point: (rnd) => {
      const [y1, y2, y3] = simplex(rnd);
      return { z1: uniform(rnd, -4, 4), z2: uniform(rnd, -4, 4), z3: uniform(rnd, -4, 4), y1, y2, y3 };
    },
    extremes: [
      { z1: 50, z2: -50, z3: 0, y1: 0, y2: 1, y3: 0 },
      { z1: 500, z2: -500, z3: 0, y1: 1, y2: 0, y3: 0 },
      { z1: 500, z2: -500, z3: 0, y1: 0.2, y2: 0.3, y3: 0.5 },
      { z1: -500, z2: 0, z3: 500, y1: 0.5, y2: 0.25, y3: 0.25 },
      { z1: 800, z2: 790, z3: -800, y1: 0, y2: 1, y3: 0 },
    ],
    naiveFails: [1, 2, 3, 4],
    lossFloor: 1,
  },
  {
    name: 'every gradient of a two-layer sigmoid network with BCE (examples/two-layer.grad --all)',
    source: 'examples/two-layer.grad',
    all: true,
    point: (rnd) => ({ w1: uniform(rnd, -2, 2), b1: uniform(rnd, -2, 2), w2: uniform(rnd, -2, 2), b2: uniform(rnd, -2, 2), x: uniform(rnd, -2, 2), y: rnd() }),
    extremes: [
      { w1: 50, b1: 0, x: 1, w2: 500, b2: 0, y: 1 },
      { w1: 50, b1: 0, x: 1, w2: 500, b2: 0, y: 0 },
      { w1: -50, b1: 0, x: 1, w2: 3, b2: -500, y: 0 },
      { w1: 1, b1: 0, x: 1, w2: -500, b2: 0, y: 0 },
    ],
    naiveFails: [0, 1, 2, 3],
  },
  {
    name: 'the bce loss function on a linear unit, by its weight (inline)',
    source: { loss: 'L = bce(y, a)', let: { a: 'sigmoid(z)', z: 'w*x + b' }, wrt: 'w' },
    point: (rnd) => ({ w: uniform(rnd, -2, 2), b: uniform(rnd, -2, 2), x: uniform(rnd, -2, 2), y: rnd() }),
    extremes: [
      { w: 50, b: 0, x: 1, y: 1 },
      { w: 500, b: 0, x: 1, y: 0 },
      { w: -500, b: 1, x: 1, y: 0 },
    ],
    naiveFails: [0, 1, 2],
  },
  {
    name: 'Poisson NLL with the log link (examples/poisson-nll-exp.grad)',
    source: 'examples/poisson-nll-exp.grad',
    point: (rnd) => ({ z: uniform(rnd, -3, 3), y: uniform(rnd, 0, 5) }),
    extremes: [
      { z: -800, y: 2 },
      { z: -500, y: 0.5 },
    ],
    naiveFails: [0],
  },
];

const TARGETS: readonly CodeTarget[] = ['ts', 'js', 'python'];
const LOSS_TOL = 1e-12;
const GRAD_TOL = 1e-9;

describe.each(CASES)('$name', (c) => {
  const spec = problem(c.source);
  const fast = reference(spec, true);
  const slow = reference(spec);
  const rnd = seededRandom(20240607);
  const random = Array.from({ length: 8 }, () => c.point(rnd));
  const points = [...random, ...c.extremes];
  const inputs = new Set(Object.keys(points[0]!));
  const refOf = (i: number) => (i < random.length ? fast : slow);
  const refLoss = points.map((p, i) => refOf(i).loss(p));
  const refGrad = new Map<string, ReturnType<typeof slow.gradient>>();
  const gradAt = (key: string, i: number) => {
    const k = `${key}@${i}`;
    if (!refGrad.has(k)) refGrad.set(k, refOf(i).gradient(points[i]!, key));
    return refGrad.get(k)!;
  };

  it('the loss as written, in doubles, fails at the extreme points listed (so they test something)', () => {
    const outcome = runProblem({ ...spec, expects: [] }, { rules });
    const defs = new Definitions(outcome.proof.definitions.map((d) => ({ name: d.name, expr: openAllCalls(d.expr, rules.defs) })));
    const lossName = outcome.proof.start.args[0]!;
    const fails = c.extremes
      .map((p, i) => {
        const v = evaluate(lossName, defs.valuation(p));
        return relativeError(v, refLoss[random.length + i]!, 1e-300) > 1e-3 ? i : -1;
      })
      .filter((i) => i >= 0);
    expect(fails).toEqual(c.naiveFails);
  });

  // The first target computes the reference gradients (central differences at 260 digits).
  it.each(TARGETS)('%s: loss and gradients agree with mathjs at 260 digits, extreme points included', { timeout: 120_000 }, async (target) => {
    const { run } = await load(spec, target, c.all);
    const got = await run(points);
    const keys = Object.keys(got[0]!.grad);
    expect(keys.length).toBe(c.all ? 10 : 1);
    got.forEach((r: Computed, i) => {
      const at = JSON.stringify(points[i]);
      expect(relativeError(r.loss, refLoss[i]!, c.lossFloor ?? 1e-300), `loss at ${at}: ${r.loss} vs ${refLoss[i]}`).toBeLessThan(LOSS_TOL);
      for (const k of keys) {
        // At the extremes, an intermediate's gradient such as (a2 - y)/(a2*(1 - a2)) is only as
        // good as a2 - y, which cancels when y is 0 or 1: only the inputs' gradients are compared.
        if (i >= random.length && !inputs.has(k)) continue;
        const g = gradAt(k, i);
        expect(relativeError(r.grad[k]!, g, 1), `∂/∂${k} at ${at}: ${r.grad[k]} vs ${g}`).toBeLessThan(GRAD_TOL);
      }
    });
  });

  it('js: each input gradient matches float central differences of the generated loss', async () => {
    const { run } = await load(spec, 'js', c.all);
    const base = await run(random);
    for (const [i, p] of random.entries()) {
      for (const k of Object.keys(base[i]!.grad).filter((x) => inputs.has(x))) {
        const h = 1e-5 * Math.max(1, Math.abs(p[k]!));
        const [up, down] = await run([{ ...p, [k]: p[k]! + h }, { ...p, [k]: p[k]! - h }]);
        const fd = (up!.loss - down!.loss) / (2 * h);
        expect(Math.abs(fd - base[i]!.grad[k]!), `∂/∂${k} at ${JSON.stringify(p)}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
      }
    }
  });
});
