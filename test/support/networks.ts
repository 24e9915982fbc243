/**
 * Hand-built shaped problems (the parser's and the engine's work is done in parallel): a
 * two-layer network with a sigmoid hidden layer and a softmax output under cross-entropy,
 * as a column (Nielsen's x) or a batch (Ng's X with broadcast biases and 1/m).
 */
import { type Expr, add, call, mul, num, sub, sym, pow } from '../../src/expr/node.js';
import { bcast, matSym, matmul, sumAll, transpose } from '../../src/expr/matrix.js';
import type { Assumption } from '../../src/proof/types.js';

export interface Network {
  readonly definitions: ReadonlyArray<{ readonly name: string; readonly expr: Expr }>;
  readonly loss: Expr;
  /** The leaves by name. */
  readonly m: Readonly<Record<string, Expr>>;
  /** `sum(y) = 1` (or `colsum(Y) = 1` for a batch). */
  readonly targetsSumToOne: Assumption;
}

/** Dimensions n0 (inputs), n1 (hidden), n2 (classes); with `square` every one is n. */
export function network(square = false): Network {
  const [n0, n1, n2] = square ? ['n', 'n', 'n'] : ['n0', 'n1', 'n2'];
  const m = {
    x: matSym('x', n0, 1),
    W1: matSym('W1', n1, n0),
    b1: matSym('b1', n1, 1),
    W2: matSym('W2', n2, n1),
    b2: matSym('b2', n2, 1),
    y: matSym('y', n2, 1),
  };
  const definitions = [
    { name: 'z1', expr: add(matmul(m.W1, m.x), m.b1) },
    { name: 'a1', expr: call('sigmoid', sym('z1')) },
    { name: 'z2', expr: add(matmul(m.W2, sym('a1')), m.b2) },
    { name: 'a2', expr: call('softmax', sym('z2')) },
    { name: 'L', expr: mul(num(-1), sumAll(mul(m.y, call('log', sym('a2'))))) },
  ];
  return { definitions, loss: sym('L'), m, targetsSumToOne: { lhs: sumAll(m.y), op: '=', rhs: num(1) } };
}

/** Ng's batch: X [n0, m], Y [n2, m], biases broadcast over the batch, the mean over m; with `square` every size is n. */
export function batchNetwork(square = false): Network {
  const [n0, n1, n2, mm] = square ? ['n', 'n', 'n', 'n'] : ['n0', 'n1', 'n2', 'm'];
  const m = {
    X: matSym('X', n0, mm),
    W1: matSym('W1', n1, n0),
    b1: matSym('b1', n1, 1),
    W2: matSym('W2', n2, n1),
    b2: matSym('b2', n2, 1),
    Y: matSym('Y', n2, mm),
  };
  const definitions = [
    { name: 'Z1', expr: add(matmul(m.W1, m.X), bcast(m.b1, mm)) },
    { name: 'A1', expr: call('tanh', sym('Z1')) },
    { name: 'Z2', expr: add(matmul(m.W2, sym('A1')), bcast(m.b2, mm)) },
    { name: 'A2', expr: call('softmax', sym('Z2')) },
    { name: 'J', expr: mul(num(-1), pow(sym(mm), num(-1)), sumAll(mul(m.Y, call('log', sym('A2'))))) },
  ];
  return { definitions, loss: sym('J'), m, targetsSumToOne: { lhs: call('colsum', m.Y), op: '=', rhs: num(1) } };
}

/** δ2 = a2 − y, and the textbook gradients of the column network. */
export function textbookGradients(n: Network): Readonly<Record<string, Expr>> {
  const d2 = sub(sym('a2'), n.m.y!);
  const d1 = mul(matmul(transpose(n.m.W2!), d2), sym('a1'), sub(num(1), sym('a1')));
  return { d2, d1, W2: matmul(d2, transpose(sym('a1'))), b2: d2, W1: matmul(d1, transpose(n.m.x!)), b1: d1 };
}
