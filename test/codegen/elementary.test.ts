/**
 * Each elementary function as generated code, in TypeScript and Python: the loss agrees
 * with mathjs's own function of that name (an independent implementation), and the
 * gradient with central differences of the generated loss.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { create, all } from 'mathjs';
import { close } from '../../src/expr/numeric.js';
import { seededRandom, uniform } from '../../src/expr/random.js';
import type { CodeTarget } from '../../src/codegen/generate.js';
import { cleanUp, load, problem, type Point } from './support.js';

afterAll(cleanUp);

const math = create(all!);
// mathjs has no exp2, erfc or sinc: written here from its own functions.
math.import({ exp2: (x: number) => 2 ** x, erfc: (x: number) => 1 - math.erf(x), sinc: (x: number) => (x === 0 ? 1 : Math.sin(x) / x) }, { override: false });

const CASES: ReadonlyArray<readonly [string, readonly [number, number]]> = [
  ['tan(x)', [-1.2, 1.2]], ['sec(x)', [-1.2, 1.2]], ['csc(x)', [0.2, 3]], ['cot(x)', [0.2, 3]],
  ['asin(x)', [-0.9, 0.9]], ['acos(x)', [-0.9, 0.9]], ['atan(x)', [-4, 4]], ['atan2(x, 2)', [-4, 4]],
  ['acot(x)', [0.2, 4]], ['asec(x)', [1.1, 4]], ['acsc(x)', [1.1, 4]],
  ['sech(x)', [-3, 3]], ['csch(x)', [0.2, 3]], ['coth(x)', [0.2, 3]],
  ['asech(x)', [0.1, 0.9]], ['acsch(x)', [0.2, 4]], ['asinh(x)', [-4, 4]], ['acosh(x)', [1.1, 4]], ['atanh(x)', [-0.9, 0.9]], ['acoth(x)', [1.1, 4]],
  ['log(x, 2)', [0.1, 5]], ['log10(x)', [0.1, 5]], ['log2(x)', [0.1, 5]], ['log1p(x)', [-0.9, 4]], ['expm1(x)', [-3, 3]],
  ['exp2(x)', [-3, 3]], ['erfc(x)', [-3, 5]], ['sinc(x)', [0.1, 6]], ['cbrt(x)', [-4, -0.1]], ['nthRoot(x, 3)', [0.1, 5]], ['nthRoot(x)', [0.1, 5]], ['pow(x, 3)', [-3, 3]], ['atan2(1, x)', [-3, 3]],
  ['x*floor(x)', [0.1, 0.9]], ['x*ceil(x)', [1.1, 1.9]], ['x*round(x)', [-2.4, -1.6]], ['mod(x, 3)', [-7, 7]],
];

const TARGETS: readonly CodeTarget[] = ['ts', 'python'];

describe.each(TARGETS)('%s', (target) => {
  it.each(CASES.map(([loss, range]) => [loss, range] as const))('%s: the loss is mathjs\'s, the gradient the generated loss\'s slope', async (loss, [lo, hi]) => {
    const { code, run } = await load(problem({ loss, wrt: 'x' }), target);
    const rnd = seededRandom(20261203);
    const points: Point[] = Array.from({ length: 4 }, () => ({ x: uniform(rnd, lo, hi) }));
    const h = 1e-6;
    const shifted = points.flatMap((p) => [{ x: p.x! + h }, { x: p.x! - h }]);
    const [at, around] = [await run(points), await run(shifted)];
    points.forEach((p, i) => {
      const expected = math.evaluate(loss, { x: p.x }) as number;
      expect(close(at[i]!.loss, expected, 1e-12), `${loss} at x = ${p.x}: ${at[i]!.loss}, mathjs ${expected}\n${code}`).toBe(true);
      const slope = (around[2 * i]!.loss - around[2 * i + 1]!.loss) / (2 * h);
      expect(close(at[i]!.grad.x!, slope, 1e-6), `d/dx ${loss} at x = ${p.x}: ${at[i]!.grad.x}, differences ${slope}`).toBe(true);
    });
  });
});
