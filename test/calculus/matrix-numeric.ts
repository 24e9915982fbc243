/**
 * Numeric witnesses for matrix derivations in tests: random matrices for every declared name,
 * central finite differences for `diff(L, X)`, and a replay of every step's two sides by value
 * with the contract's meaning of names inside vjp (a defined name is held fixed there).
 */
import { expect } from 'vitest';
import { type Expr, sym } from '../../src/expr/node.js';
import { MAT, isMatSym, matName } from '../../src/expr/matrix.js';
import { type Matrix, type MatrixPoint, type Value, evaluateShaped, isMatrix, matrix } from '../../src/expr/matrix-eval.js';
import type { Proof } from '../../src/proof/types.js';
import { mapBottomUp } from '../../src/expr/traverse.js';

/** A seeded generator in (-1, 1) without 0's neighbourhood for scalars that divide. */
export function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
}

/** Every shaped leaf and free scalar name of `defs`, random; dims as given; targets y in (0, 1). */
export function randomPoint(defs: ReadonlyArray<{ name: string; expr: Expr }>, dims: Record<string, number>, seed: number, scalars: Record<string, number> = {}): MatrixPoint {
  const r = rng(seed);
  const dimMap = new Map(Object.entries(dims));
  const values = new Map<string, Value>(Object.entries(scalars));
  const dim = (d: Expr): number => (d.kind === 'num' ? Number(d.value.n) : dimMap.get((d as Expr & { kind: 'sym' }).name)!);
  const visit = (e: Expr): void => {
    if (isMatSym(e)) {
      const name = matName(e);
      if (!values.has(name)) {
        const [rows, cols] = [dim(e.args[1]!), dim(e.args[2]!)];
        const positive = /^[yY]/.test(name);
        values.set(name, rows === 1 && cols === 1 ? r() : matrix(rows, cols, () => (positive ? 0.15 + 0.7 * Math.abs(r()) : r())));
      }
      return;
    }
    e.args.forEach(visit);
  };
  defs.forEach((d) => visit(d.expr));
  return { dims: dimMap, values, defs: new Map(defs.map((d) => [d.name, d.expr])) };
}

export function expectClose(a: Value, b: Value, tol = 1e-5, what = ''): void {
  const [x, y] = [asArray(a), asArray(b)];
  expect(shapeText(a), what).toBe(shapeText(b));
  x.forEach((v, i) => expect(Math.abs(v - y[i]!), `${what} entry ${i}: ${v} vs ${y[i]}`).toBeLessThan(tol * Math.max(1, Math.abs(v))));
}
const asArray = (v: Value): number[] => (isMatrix(v) ? [...v.data] : [v]);
const shapeText = (v: Value): string => (isMatrix(v) ? `${v.rows}x${v.cols}` : 'scalar');

/**
 * The value of an expression holding `diff(L, Z)` and `vjp(...)` as the contract means it: each
 * `diff(L, Z)` by finite differences through the definitions, everything else with every
 * defined name's value held fixed (so a vjp moves only its explicit X).
 */
export function contractValue(e: Expr, p: MatrixPoint): Value {
  const defs = p.defs ?? new Map();
  const frozen = new Map(p.values);
  for (const name of defs.keys()) frozen.set(name, evaluateShaped(sym(name), p));
  let k = 0;
  const replaced = mapBottomUp(e, (n) => {
    if (n.kind === 'call' && n.fn === 'diff' && n.args[0]!.kind === 'sym' && defs.has(n.args[0]!.name)) {
      const name = `%d${k++}`;
      frozen.set(name, evaluateShaped(n, p));
      return sym(name);
    }
    return n;
  });
  return evaluateShaped(replaced, { dims: p.dims, values: frozen, ...(p.fns ? { fns: p.fns } : {}) });
}

/** Every step of every derivation: its two sides have the same value (the contract's meaning). */
export function replayByValue(proof: Proof, p: MatrixPoint, tol = 1e-4): void {
  proof.steps.forEach((s, i) => expectClose(contractValue(s.after, p), contractValue(s.before, p), tol, `step ${i + 1} ${s.rule}`));
}

/** The result against central finite differences of `diff(L, X)`. */
export function expectGradient(result: Expr, start: Expr, p: MatrixPoint, tol = 1e-5): void {
  expectClose(evaluateShaped(result, p), evaluateShaped(start, p), tol, 'gradient');
}

export const isLeaf = (e: Expr): boolean => e.kind === 'call' && e.fn === MAT;
export type { Matrix };
