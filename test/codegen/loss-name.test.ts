/**
 * A gradient the derivation writes in the loss's own name (`∂L/∂a = 2*L*exp(b)/(exp(a) + 2*exp(b))`)
 * is generated with the loss's expression there: the generated code names the loss `loss`,
 * and `L` would be undefined (ReferenceError in JavaScript, NameError in Python). Each target
 * is run and compared with central differences of the generated loss itself.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { runProblem } from '../../src/api/derive.js';
import { toAscii } from '../../src/expr/print.js';
import type { CodeTarget } from '../../src/codegen/generate.js';
import { type Point, cleanUp, load, problem, rules } from './support.js';

afterAll(cleanUp);

const hasPython = ((): boolean => {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const CASES = [
  { loss: 'L = exp(a)/(exp(a) + 2*exp(b))', wrt: 'a' },
  { loss: 'L = exp(a)/(exp(a) + 2*exp(b))', wrt: 'b' },
  { loss: 'S = exp(2*a)/(exp(2*a) + exp(b))', wrt: 'a' },
];
const POINTS: readonly Point[] = [
  { a: 0.3, b: -0.7 },
  { a: -1.2, b: 0.4 },
  { a: 2, b: 1.5 },
];

describe.each(CASES)('codegen of $loss by $wrt', (c) => {
  const spec = problem({ loss: c.loss, wrt: c.wrt });
  const lossName = c.loss.split(' ')[0]!;

  it('the derivation writes the gradient in the loss name (so the case tests something)', () => {
    const result = runProblem(spec, { rules }).proof.result;
    expect(toAscii(result)).toContain(lossName);
  });

  it.each((['js', 'ts', 'python'] as CodeTarget[]).filter((t) => t !== 'python' || hasPython))('%s: runs, and the gradient matches central differences of the generated loss', async (target) => {
    const { code, run } = await load(spec, target);
    // The code, without its comments and docstring, never mentions the loss's name.
    const body = code.split('\n').filter((l) => !/^\s*(\/\/|#|\*|\/\*\*|\"\"\")/.test(l)).join('\n');
    expect(body).not.toMatch(new RegExp(`(^|[^\\w.])${lossName}([^\\w]|$)`));
    const points = POINTS;
    const h = 1e-6;
    const shifted = points.flatMap((p) => [{ ...p, [c.wrt]: p[c.wrt]! + h }, { ...p, [c.wrt]: p[c.wrt]! - h }]);
    const [at, around] = [await run(points), await run(shifted)];
    at.forEach((r, i) => {
      const fd = (around[2 * i]!.loss - around[2 * i + 1]!.loss) / (2 * h);
      expect(Number.isFinite(r.grad[c.wrt]!)).toBe(true);
      expect(Math.abs(r.grad[c.wrt]! - fd)).toBeLessThan(1e-7 * Math.max(1, Math.abs(fd)));
    });
  });
});
