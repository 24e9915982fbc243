/**
 * Using stated facts: bounds (`z > 0` selects the branch of `piecewise(z > 0, 1, z < 0, 0)`,
 * and of relu(z)), and label sets (`y in {0, 1}` makes y^2 plain y).
 */
import { type Expr, add, isNum, mul, num, pow, sub } from '../expr/node.js';
import { vanishingPolynomial, powerModulo } from '../expr/label-set.js';
import { type Rational, isZero } from '../expr/rational.js';
import type { Assumption } from '../proof/types.js';
import { type Fact, selectedBranch } from '../expr/bounds.js';
import { type FunctionDefs, openCall } from '../expr/functions.js';
import type { Derivation } from '../rewrite/builder.js';

/**
 * Replaces every piecewise expression whose branch the facts select by that branch (an
 * `assumption` step), opening a defined function first when its body is one (relu).
 */
export function selectBranches(d: Derivation, facts: readonly Fact[], functions: FunctionDefs): void {
  if (!facts.length) return;
  for (let guard = 0; guard < 1000; guard++) {
    const hit = find(d.current, [], facts, functions);
    if (!hit) return;
    const [path, node] = hit;
    if (node.kind === 'call' && node.fn !== 'piecewise') d.replace('definition', 'def.function', path, openCall(node, functions)!);
    else d.replace('assumption', 'assume', path, selectedBranch(facts, node, sub)!);
  }
}

function find(e: Expr, path: number[], facts: readonly Fact[], functions: FunctionDefs): [number[], Expr] | undefined {
  if (e.kind === 'call' && e.fn === 'diff') return undefined;
  if (selectedBranch(facts, e, sub) !== undefined) return [path, e];
  if (e.kind === 'call') {
    const opened = openCall(e, functions);
    if (opened && selectedBranch(facts, opened, sub) !== undefined) return [path, e];
  }
  for (let i = 0; i < e.args.length; i++) {
    const hit = find(e.args[i]!, [...path, i], facts, functions);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Reduces each power y^k of a label set's name (k at least the set's size) modulo the
 * equation the set implies, as an `assumption` step: y^2 is y on {0, 1}, y^3 is y on {-1, 1}.
 * Derivatives are left alone: a fact holds on a set, not on a neighbourhood.
 */
export function reduceLabelPowers(d: Derivation, facts: readonly Assumption[]): void {
  const sets = new Map<string, Rational[]>();
  for (const f of facts) if (f.among?.name.kind === 'sym' && f.among.values.every((v) => isNum(v))) sets.set(f.among.name.name, f.among.values.map((v) => v.value));
  if (!sets.size) return;
  for (let guard = 0; guard < 1000; guard++) {
    const hit = findPower(d.current, [], sets);
    if (!hit) return;
    d.replace('assumption', 'assume', hit[0], hit[1]);
  }
}

function findPower(e: Expr, path: number[], sets: ReadonlyMap<string, Rational[]>): [number[], Expr] | undefined {
  if (e.kind === 'call' && e.fn === 'diff') return undefined;
  if (e.kind === 'pow' && e.args[0].kind === 'sym' && isNum(e.args[1]) && e.args[1].value.d === 1n) {
    const values = sets.get(e.args[0].name);
    const k = Number(e.args[1].value.n);
    if (values && k >= values.length && k <= 64) {
      const r = powerModulo(k, vanishingPolynomial(values));
      const y = e.args[0];
      const terms = r.flatMap((c, i) => (isZero(c) ? [] : [mul(num(c), i === 0 ? num(1) : i === 1 ? y : pow(y, num(i)))]));
      return [path, terms.length ? add(...terms) : num(0)];
    }
  }
  for (let i = 0; i < e.args.length; i++) {
    const hit = findPower(e.args[i]!, [...path, i], sets);
    if (hit) return hit;
  }
  return undefined;
}
