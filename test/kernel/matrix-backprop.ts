/** A backprop proof in matrix form, hand-built to the contract (shared by the proof and tampering tests). */
import { type Expr, diff } from '../../src/expr/node.js';
import { walk, proofOf, operand, add, mul, num, sym, matSym, matmul, transpose, sumAll, vjp } from './matrix-support.js';

export const [W, x, b, y] = [matSym('W', 'n', 'm'), matSym('x', 'm', 1), matSym('b', 'n', 1), matSym('y', 'n', 1)];
export const [z, L] = [sym('z'), sym('L')];
const zDef = add(matmul(W, x), b);
const lDef = sumAll(mul(y, z));
export const definitions = [{ name: 'z', expr: zDef }, { name: 'L', expr: lDef }];

/** diff(L, z) = y: the chain step to vjp(1, L's body, z), then the rules. */
function lemma(): { steps: ReturnType<typeof walk>['steps']; result: Expr } {
  const hadamard = mul(y, z);
  const [a, c] = hadamard.args as [Expr, Expr];
  const split = add(vjp(c, a, z), vjp(a, c, z));
  const self = a === z ? vjp(c, a, z) : vjp(a, c, z);
  const other = a === z ? vjp(a, c, z) : vjp(c, a, z);
  return walk(diff(L, z), 1, [
    { rule: 'chain.matrix', kind: 'chain', path: [], to: vjp(num(1), lDef, z) },
    { rule: 'm.vjp-sum-all', kind: 'rule', path: [], to: vjp(num(1), hadamard, z), bindings: { G: num(1), A: hadamard, X: z } },
    { rule: 'm.vjp-hadamard', kind: 'rule', path: [], to: split, bindings: { G: num(1), A: a, B: c, X: z } },
    { rule: 'm.vjp-self', kind: 'rule', path: [operand(split, self)], to: y, bindings: { G: y, X: z } },
    { rule: 'm.vjp-const', kind: 'rule', path: [operand(add(y, other), other)], to: num(0), bindings: { G: z, A: y, X: z } },
  ]);
}

/** The whole proof, with `edit` applied to the main derivation's changes. */
export function backprop(edit: (changes: Parameters<typeof walk>[2]) => Parameters<typeof walk>[2] = (c) => c) {
  const l = lemma();
  const viaZ = vjp(diff(L, z), zDef, W);
  const parts = add(vjp(y, matmul(W, x), W), vjp(y, b, W));
  const mm = add(vjp(matmul(y, transpose(x)), W, W), vjp(matmul(transpose(W), y), x, W));
  const afterSelf = add(matmul(y, transpose(x)), vjp(matmul(transpose(W), y), x, W));
  const main = walk(diff(L, W), 0, edit([
    { rule: 'chain.matrix', kind: 'chain', path: [], to: viaZ },
    { rule: 'lemma', kind: 'lemma', path: [0], to: y, lemma: 1 },
    { rule: 'm.vjp-add', kind: 'rule', path: [], to: parts, bindings: { G: y, A: matmul(W, x), B: b, X: W } },
    { rule: 'm.vjp-const', kind: 'rule', path: [operand(parts, vjp(y, b, W))], to: num(0), bindings: { G: y, A: b, X: W } },
    { rule: 'm.vjp-matmul', kind: 'rule', path: [], to: mm, bindings: { G: y, A: W, B: x, X: W, r: sym('n'), c: num(1), k: sym('m') } },
    { rule: 'm.vjp-self', kind: 'rule', path: [operand(mm, vjp(matmul(y, transpose(x)), W, W))], to: matmul(y, transpose(x)), bindings: { G: matmul(y, transpose(x)), X: W, r: sym('n'), c: sym('m') } },
    { rule: 'm.vjp-const', kind: 'rule', path: [operand(afterSelf, vjp(matmul(transpose(W), y), x, W))], to: num(0), bindings: { G: matmul(transpose(W), y), A: x, X: W } },
  ]));
  return proofOf(diff(L, W), [...main.steps, ...l.steps], main.result, definitions, [{ start: diff(L, z), result: l.result }]);
}

