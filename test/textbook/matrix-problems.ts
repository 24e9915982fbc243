/**
 * The textbook matrix problems of examples/matrix/*.grad, built by hand with the shaped-term
 * constructors (src/expr/matrix.ts), so that their expectations can be checked numerically
 * against finite differences independently of the parser and the engine. Each entry mirrors
 * its file line for line: the same shapes, definitions, loss, variable and expectations.
 */
import { type Expr, add, call, div, mul, neg, num, pow, sub, sym } from '../../src/expr/node.js';
import { bcast, bcastRow, colsum, matSym, matmul, prime, rowsum, SOFTMAX, SOFTMAX_ROWS, sumAll, transpose } from '../../src/expr/matrix.js';

type Dim = string | number;
export type Shapes = Readonly<Record<string, readonly [Dim, Dim]>>;

/** A stated fact on a target, which the random points must satisfy: `rowsum(Y) = 1`, `colsum(Y) = 1`. */
export interface TargetFact {
  readonly sums: 'rowsum' | 'colsum';
  readonly name: string;
}

export interface MatrixProblem {
  /** Its file under examples/matrix/, without `.grad`. */
  readonly file: string;
  /** The source: book, chapter or section, equation. */
  readonly source: string;
  /** The declared shaped names (`shape W1 [n1, n0]`). */
  readonly shapes: Shapes;
  /** Scalar names and their range; `'dim'` for a scalar that is a dimension (the batch size in `1/m`). */
  readonly scalars?: Readonly<Record<string, readonly [number, number] | 'dim'>>;
  /** Targets whose entries lie in (0, 1) (labels of a cross-entropy). */
  readonly probabilities?: readonly string[];
  readonly facts?: readonly TargetFact[];
  /** In the file's order. */
  readonly definitions: ReadonlyArray<readonly [string, Expr]>;
  readonly lossName: string;
  readonly loss: Expr;
  readonly wrt: string;
  readonly expects: readonly Expr[];
}

// Shorthands, each what the file writes.
const s = sym;
const T = transpose;
/** `A * B` between two shaped operands, left to right. */
const mm = (...xs: Expr[]): Expr => xs.reduce((a, b) => matmul(a, b));
/** `A .* B` (⊙). */
const had = (...xs: Expr[]): Expr => mul(...xs);
const σ = (z: Expr): Expr => call('sigmoid', z);
const sq = (e: Expr): Expr => pow(e, num(2));
const half = (e: Expr): Expr => div(e, num(2));
const overM = (m: string, e: Expr): Expr => mul(div(num(1), s(m)), e);
const one = num(1);

/** The leaves `mat(W, r, c)` of the declared names. */
export const leavesOf = (shapes: Shapes): Record<string, Expr> =>
  Object.fromEntries(Object.entries(shapes).map(([n, [r, c]]) => [n, matSym(n, r, c)]));

function problem(p: Omit<MatrixProblem, 'definitions' | 'loss' | 'expects'>, build: (v: Record<string, Expr>) => Pick<MatrixProblem, 'definitions' | 'loss' | 'expects'>): MatrixProblem {
  return { ...p, ...build(leavesOf(p.shapes)) };
}

// Nielsen, Neural Networks and Deep Learning, ch. 2: layers numbered from the input, a1 = x.
const NIELSEN: Shapes = { W2: ['n2', 'n1'], b2: ['n2', 1], x: ['n1', 1], W3: ['n3', 'n2'], b3: ['n3', 1], y: ['n3', 1] };
/** The same network with hidden and output layers of one width n: W3 is square. */
const NIELSEN_SQUARE: Shapes = { W2: ['n', 'n1'], b2: ['n', 1], x: ['n1', 1], W3: ['n', 'n'], b3: ['n', 1], y: ['n', 1] };
const nielsenForward = (v: Record<string, Expr>): Array<[string, Expr]> => [
  ['z2', add(mm(v.W2!, v.x!), v.b2!)],
  ['a2', σ(s('z2'))],
  ['z3', add(mm(v.W3!, s('a2')), v.b3!)],
  ['a3', σ(s('z3'))],
];
const quadratic = (v: Record<string, Expr>): Expr => half(sumAll(sq(sub(v.y!, s('a3')))));
const crossEntropy = (v: Record<string, Expr>): Expr =>
  neg(sumAll(add(had(v.y!, call('log', s('a3'))), had(sub(one, v.y!), call('log', sub(one, s('a3')))))));
const δ3 = (v: Record<string, Expr>): [string, Expr] => ['δ3', had(sub(s('a3'), v.y!), prime('sigmoid', s('z3')))];
const δ2 = (v: Record<string, Expr>): [string, Expr] => ['δ2', had(mm(T(v.W3!), s('δ3')), prime('sigmoid', s('z2')))];
const NIELSEN_CH2 = 'Nielsen, Neural Networks and Deep Learning, ch. 2 "How the backpropagation algorithm works"';
const NIELSEN_CH3 = 'Nielsen, Neural Networks and Deep Learning, ch. 3 "Improving the way neural networks learn", the cross-entropy cost';

// CS231n (Stanford), "Putting it together: Minimal Neural Network Case Study": row-major, one example a row.
const CS231N = 'CS231n, "Minimal Neural Network Case Study"';
const SOFTMAX_CLASSIFIER: Shapes = { X: ['N', 'D'], W: ['D', 'C'], b: [1, 'C'], Y: ['N', 'C'] };
const TWO_LAYER: Shapes = { X: ['N', 'D'], W1: ['D', 'H'], b1: [1, 'H'], W2: ['H', 'C'], b2: [1, 'C'], Y: ['N', 'C'] };
const dataLoss = (Y: Expr): Expr => neg(div(sumAll(had(Y, call('log', s('probs')))), s('N')));
const l2 = (reg: string, W: Expr): Expr => mul(s(reg), half(sumAll(had(W, W))));
const dscores = (Y: Expr): [string, Expr] => ['dscores', div(sub(s('probs'), Y), s('N'))];
const twoLayer = (v: Record<string, Expr>): Array<[string, Expr]> => [
  ['Z1', add(mm(v.X!, v.W1!), bcastRow(v.b1!, 'N'))],
  ['hidden', call('relu', s('Z1'))],
  ['scores', add(mm(s('hidden'), v.W2!), bcastRow(v.b2!, 'N'))],
  ['probs', call(SOFTMAX_ROWS, s('scores'))],
  dscores(v.Y!),
];

// Bishop, Pattern Recognition and Machine Learning.
const BISHOP_BACKPROP: Shapes = { x: ['D', 1], W1: ['M', 'D'], W2: ['K', 'M'], t: ['K', 1] };

// Ng, Deep Learning Specialization, column-major: one example a column, m of them.
const NG: Shapes = { X: ['n0', 'm'], W1: ['n1', 'n0'], b1: ['n1', 1], W2: ['n2', 'n1'], b2: ['n2', 1], Y: ['n2', 'm'] };
const NG_SOURCE = 'Ng, Deep Learning Specialization, course 1 "Neural Networks and Deep Learning", week 3 "Gradient descent for neural networks"';
const ngForward = (v: Record<string, Expr>): Array<[string, Expr]> => [
  ['Z1', add(mm(v.W1!, v.X!), bcast(v.b1!, 'm'))],
  ['A1', call('tanh', s('Z1'))],
  ['Z2', add(mm(v.W2!, s('A1')), bcast(v.b2!, 'm'))],
  ['A2', σ(s('Z2'))],
  ['dZ2', sub(s('A2'), v.Y!)],
  ['dZ1', had(mm(T(v.W2!), s('dZ2')), sub(one, sq(s('A1'))))],
];
const ngCost = (v: Record<string, Expr>): Expr =>
  neg(overM('m', sumAll(add(had(v.Y!, call('log', s('A2'))), had(sub(one, v.Y!), call('log', sub(one, s('A2'))))))));

// d2l, Dive into Deep Learning, §5.3 (§4.7 in earlier editions): an MLP without biases, with L2.
const D2L: Shapes = { x: ['d', 1], W1: ['nh', 'd'], W2: ['q', 'nh'], y: ['q', 1] };
const D2L_SOURCE = 'Zhang, Lipton, Li, Smola, Dive into Deep Learning, §5.3 "Forward Propagation, Backward Propagation, and Computational Graphs"';
const d2lForward = (v: Record<string, Expr>): Array<[string, Expr]> => [
  ['z', mm(v.W1!, v.x!)],
  ['h', call('relu', s('z'))],
  ['o', mm(v.W2!, s('h'))],
  ['L', half(sumAll(sq(sub(s('o'), v.y!))))],
  ['s', mul(half(s('lambda')), add(sumAll(sq(v.W1!)), sumAll(sq(v.W2!))))],
  ['dJdo', sub(s('o'), v.y!)],
  ['dJdh', mm(T(v.W2!), s('dJdo'))],
  ['dJdz', had(s('dJdh'), prime('relu', s('z')))],
];

export const PROBLEMS: readonly MatrixProblem[] = [
  problem({ file: 'nielsen-bp1-quadratic', source: `${NIELSEN_CH2}, (BP1) in matrix form (BP1a), eq. (30)`, shapes: NIELSEN, lossName: 'C', wrt: 'z3' }, (v) => ({
    definitions: nielsenForward(v),
    loss: quadratic(v),
    expects: [had(sub(s('a3'), v.y!), prime('sigmoid', s('z3')))],
  })),
  problem({ file: 'nielsen-bp2-hidden-error', source: `${NIELSEN_CH2}, (BP2)`, shapes: NIELSEN, lossName: 'C', wrt: 'z2' }, (v) => ({
    definitions: [...nielsenForward(v), δ3(v)],
    loss: quadratic(v),
    expects: [had(mm(T(v.W3!), s('δ3')), prime('sigmoid', s('z2')))],
  })),
  problem({ file: 'nielsen-bp2-square-layers', source: `${NIELSEN_CH2}, (BP2), with the hidden and output layers of one width`, shapes: NIELSEN_SQUARE, lossName: 'C', wrt: 'z2' }, (v) => ({
    definitions: [...nielsenForward(v), δ3(v)],
    loss: quadratic(v),
    expects: [had(mm(T(v.W3!), s('δ3')), prime('sigmoid', s('z2')))],
  })),
  problem({ file: 'nielsen-bp3-bias', source: `${NIELSEN_CH2}, (BP3)`, shapes: NIELSEN, lossName: 'C', wrt: 'b2' }, (v) => ({
    definitions: [...nielsenForward(v), δ3(v), δ2(v)],
    loss: quadratic(v),
    expects: [s('δ2')],
  })),
  problem({ file: 'nielsen-bp4-output-weights', source: `${NIELSEN_CH2}, (BP4)`, shapes: NIELSEN, lossName: 'C', wrt: 'W3' }, (v) => ({
    definitions: [...nielsenForward(v), δ3(v)],
    loss: quadratic(v),
    expects: [mm(s('δ3'), T(s('a2')))],
  })),
  problem({ file: 'nielsen-bp4-hidden-weights', source: `${NIELSEN_CH2}, (BP4) with (BP2)`, shapes: NIELSEN, lossName: 'C', wrt: 'W2' }, (v) => ({
    definitions: [...nielsenForward(v), δ3(v), δ2(v)],
    loss: quadratic(v),
    expects: [mm(s('δ2'), T(v.x!))],
  })),
  problem({ file: 'nielsen-cross-entropy-delta', source: `${NIELSEN_CH3}, eq. (63) and δᴸ = aᴸ − y`, shapes: NIELSEN, probabilities: ['y'], lossName: 'C', wrt: 'z3' }, (v) => ({
    definitions: nielsenForward(v),
    loss: crossEntropy(v),
    expects: [sub(s('a3'), v.y!)],
  })),
  problem({ file: 'nielsen-cross-entropy-weights', source: `${NIELSEN_CH3}, eq. (63) and ∂C/∂wᴸ = (aᴸ − y)(aᴸ⁻¹)ᵀ`, shapes: NIELSEN, probabilities: ['y'], lossName: 'C', wrt: 'W3' }, (v) => ({
    definitions: nielsenForward(v),
    loss: crossEntropy(v),
    expects: [mm(sub(s('a3'), v.y!), T(s('a2')))],
  })),
  problem({ file: 'cs231n-softmax-weights', source: `${CS231N}, "Training a Softmax Linear Classifier": dW = Xᵀ dscores + reg·W`, shapes: SOFTMAX_CLASSIFIER, scalars: { N: 'dim', reg: [0.1, 1] }, facts: [{ sums: 'rowsum', name: 'Y' }], lossName: 'L', wrt: 'W' }, (v) => ({
    definitions: [['scores', add(mm(v.X!, v.W!), bcastRow(v.b!, 'N'))], ['probs', call(SOFTMAX_ROWS, s('scores'))], dscores(v.Y!)],
    loss: add(dataLoss(v.Y!), l2('reg', v.W!)),
    expects: [add(mm(T(v.X!), s('dscores')), mul(s('reg'), v.W!))],
  })),
  problem({ file: 'cs231n-softmax-bias', source: `${CS231N}, "Training a Softmax Linear Classifier": db = Σ over the examples of dscores`, shapes: SOFTMAX_CLASSIFIER, scalars: { N: 'dim', reg: [0.1, 1] }, facts: [{ sums: 'rowsum', name: 'Y' }], lossName: 'L', wrt: 'b' }, (v) => ({
    definitions: [['scores', add(mm(v.X!, v.W!), bcastRow(v.b!, 'N'))], ['probs', call(SOFTMAX_ROWS, s('scores'))], dscores(v.Y!)],
    loss: add(dataLoss(v.Y!), l2('reg', v.W!)),
    expects: [colsum(s('dscores'))],
  })),
  problem({ file: 'cs231n-two-layer-output-weights', source: `${CS231N}, "Training a Neural Network": dW2 = hiddenᵀ dscores + reg·W2`, shapes: TWO_LAYER, scalars: { N: 'dim', reg: [0.1, 1] }, facts: [{ sums: 'rowsum', name: 'Y' }], lossName: 'L', wrt: 'W2' }, (v) => ({
    definitions: twoLayer(v),
    loss: add(dataLoss(v.Y!), l2('reg', v.W1!), l2('reg', v.W2!)),
    expects: [add(mm(T(s('hidden')), s('dscores')), mul(s('reg'), v.W2!))],
  })),
  problem({ file: 'cs231n-two-layer-relu-weights', source: `${CS231N}, "Training a Neural Network": dhidden = dscores W2ᵀ, zero where hidden ≤ 0; dW = Xᵀ dhidden + reg·W`, shapes: TWO_LAYER, scalars: { N: 'dim', reg: [0.1, 1] }, facts: [{ sums: 'rowsum', name: 'Y' }], lossName: 'L', wrt: 'W1' }, (v) => ({
    definitions: [...twoLayer(v), ['dhidden', had(mm(s('dscores'), T(v.W2!)), prime('relu', s('Z1')))]],
    loss: add(dataLoss(v.Y!), l2('reg', v.W1!), l2('reg', v.W2!)),
    expects: [add(mm(T(v.X!), s('dhidden')), mul(s('reg'), v.W1!))],
  })),
  problem({ file: 'bishop-logistic-regression', source: 'Bishop, Pattern Recognition and Machine Learning, §4.3.2, eqs. (4.90) and (4.91) in batch form: ∇E = Φᵀ(y − t)', shapes: { Phi: ['N', 'M'], w: ['M', 1], t: ['N', 1] }, probabilities: ['t'], lossName: 'E', wrt: 'w' }, (v) => ({
    definitions: [['y', σ(mm(v.Phi!, v.w!))]],
    loss: neg(sumAll(add(had(v.t!, call('log', s('y'))), had(sub(one, v.t!), call('log', sub(one, s('y'))))))),
    expects: [mm(T(v.Phi!), sub(s('y'), v.t!))],
  })),
  problem({ file: 'bishop-softmax-regression', source: 'Bishop, Pattern Recognition and Machine Learning, §4.3.4, eqs. (4.104), (4.108) and (4.109) in batch form: ∇_W E = Φᵀ(Y − T)', shapes: { Phi: ['N', 'M'], W: ['M', 'K'], t: ['N', 'K'] }, facts: [{ sums: 'rowsum', name: 't' }], lossName: 'E', wrt: 'W' }, (v) => ({
    definitions: [['A', mm(v.Phi!, v.W!)], ['Y', call(SOFTMAX_ROWS, s('A'))]],
    loss: neg(sumAll(had(v.t!, call('log', s('Y'))))),
    expects: [mm(T(v.Phi!), sub(s('Y'), v.t!))],
  })),
  problem({ file: 'bishop-backprop-first-layer', source: 'Bishop, Pattern Recognition and Machine Learning, §5.3.2 "A simple example": eqs. (5.53), (5.54) and (5.56): ∂E/∂W(1) = δⱼ xᵀ', shapes: BISHOP_BACKPROP, lossName: 'E', wrt: 'W1' }, (v) => ({
    definitions: [['a', mm(v.W1!, v.x!)], ['z', call('tanh', s('a'))], ['y', mm(v.W2!, s('z'))], ['δk', sub(s('y'), v.t!)], ['δj', had(sub(one, sq(s('z'))), mm(T(v.W2!), s('δk')))]],
    loss: half(sumAll(sq(sub(s('y'), v.t!)))),
    expects: [mm(s('δj'), T(v.x!))],
  })),
  problem({ file: 'bishop-backprop-second-layer', source: 'Bishop, Pattern Recognition and Machine Learning, §5.3.2 "A simple example": eqs. (5.53) and (5.54): ∂E/∂W(2) = δₖ zᵀ', shapes: BISHOP_BACKPROP, lossName: 'E', wrt: 'W2' }, (v) => ({
    definitions: [['a', mm(v.W1!, v.x!)], ['z', call('tanh', s('a'))], ['y', mm(v.W2!, s('z'))], ['δk', sub(s('y'), v.t!)]],
    loss: half(sumAll(sq(sub(s('y'), v.t!)))),
    expects: [mm(s('δk'), T(s('z')))],
  })),
  problem({ file: 'bishop-least-squares', source: 'Bishop, Pattern Recognition and Machine Learning, §3.1.1, eqs. (3.12)–(3.15): ∇ ½‖Φw − t‖² = Φᵀ(Φw − t), zero at the normal equations', shapes: { Phi: ['N', 'M'], w: ['M', 1], t: ['N', 1] }, lossName: 'E', wrt: 'w' }, (v) => ({
    definitions: [],
    loss: half(sumAll(sq(sub(v.t!, mm(v.Phi!, v.w!))))),
    expects: [mm(T(v.Phi!), sub(mm(v.Phi!, v.w!), v.t!))],
  })),
  problem({ file: 'goodfellow-linear-regression', source: 'Goodfellow, Bengio, Courville, Deep Learning, §5.1.4 "Example: Linear Regression", eqs. (5.8)–(5.11): ∇ (1/m)‖Xw − y‖² = (2/m)(XᵀXw − Xᵀy)', shapes: { X: ['m', 'n'], w: ['n', 1], y: ['m', 1] }, scalars: { m: 'dim' }, lossName: 'MSE', wrt: 'w' }, (v) => ({
    definitions: [],
    loss: mm(overM('m', T(sub(mm(v.X!, v.w!), v.y!))), sub(mm(v.X!, v.w!), v.y!)),
    expects: [mul(div(num(2), s('m')), sub(mm(T(v.X!), v.X!, v.w!), mm(T(v.X!), v.y!)))],
  })),
  problem({ file: 'ng-batch-output-weights', source: `${NG_SOURCE}: dW2 = (1/m) dZ2 A1ᵀ`, shapes: NG, scalars: { m: 'dim' }, probabilities: ['Y'], lossName: 'J', wrt: 'W2' }, (v) => ({
    definitions: ngForward(v),
    loss: ngCost(v),
    expects: [mm(overM('m', s('dZ2')), T(s('A1')))],
  })),
  problem({ file: 'ng-batch-output-bias', source: `${NG_SOURCE}: db2 = (1/m) np.sum(dZ2, axis=1, keepdims=True)`, shapes: NG, scalars: { m: 'dim' }, probabilities: ['Y'], lossName: 'J', wrt: 'b2' }, (v) => ({
    definitions: ngForward(v),
    loss: ngCost(v),
    expects: [overM('m', rowsum(s('dZ2')))],
  })),
  problem({ file: 'ng-batch-hidden-weights', source: `${NG_SOURCE}: dZ1 = W2ᵀ dZ2 ⊙ g′(Z1), dW1 = (1/m) dZ1 Xᵀ`, shapes: NG, scalars: { m: 'dim' }, probabilities: ['Y'], lossName: 'J', wrt: 'W1' }, (v) => ({
    definitions: ngForward(v),
    loss: ngCost(v),
    expects: [mm(overM('m', s('dZ1')), T(v.X!))],
  })),
  problem({ file: 'ng-batch-hidden-bias', source: `${NG_SOURCE}: db1 = (1/m) np.sum(dZ1, axis=1, keepdims=True)`, shapes: NG, scalars: { m: 'dim' }, probabilities: ['Y'], lossName: 'J', wrt: 'b1' }, (v) => ({
    definitions: ngForward(v),
    loss: ngCost(v),
    expects: [overM('m', rowsum(s('dZ1')))],
  })),
  problem({ file: 'ng-softmax-output', source: 'Ng, Deep Learning Specialization, course 2 "Improving Deep Neural Networks", week 3 "Training a Softmax Classifier": dZ = A − Y, dW = (1/m) dZ Xᵀ', shapes: { X: ['n0', 'm'], W: ['C', 'n0'], b: ['C', 1], Y: ['C', 'm'] }, scalars: { m: 'dim' }, facts: [{ sums: 'colsum', name: 'Y' }], lossName: 'J', wrt: 'W' }, (v) => ({
    definitions: [['Z', add(mm(v.W!, v.X!), bcast(v.b!, 'm'))], ['A', call(SOFTMAX, s('Z'))], ['dZ', sub(s('A'), v.Y!)]],
    loss: neg(overM('m', sumAll(had(v.Y!, call('log', s('A')))))),
    expects: [mm(overM('m', s('dZ')), T(v.X!))],
  })),
  problem({ file: 'd2l-mlp-l2-first-layer', source: `${D2L_SOURCE}, the last step of backpropagation: ∂J/∂W(1) = ∂J/∂z xᵀ + λW(1)`, shapes: D2L, scalars: { lambda: [0.1, 1] }, lossName: 'J', wrt: 'W1' }, (v) => ({
    definitions: d2lForward(v),
    loss: add(s('L'), s('s')),
    expects: [add(mm(s('dJdz'), T(v.x!)), mul(s('lambda'), v.W1!))],
  })),
  problem({ file: 'd2l-mlp-l2-second-layer', source: `${D2L_SOURCE}: ∂J/∂W(2) = ∂J/∂o hᵀ + λW(2)`, shapes: D2L, scalars: { lambda: [0.1, 1] }, lossName: 'J', wrt: 'W2' }, (v) => ({
    definitions: d2lForward(v),
    loss: add(s('L'), s('s')),
    expects: [add(mm(s('dJdo'), T(s('h'))), mul(s('lambda'), v.W2!))],
  })),
];

export const problemNamed = (file: string): MatrixProblem => {
  const p = PROBLEMS.find((q) => q.file === file);
  if (!p) throw new Error(`no problem ${file}`);
  return p;
};
