/** Matrix rules: shapes of pattern variables in rule files, checked at load by shape and at random matrices, and a matcher that respects them. */
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../../src/rules/builtin.js';
import { loadRules } from '../../src/rules/load.js';
import { GradproofError } from '../../src/expr/errors.js';
import { type Expr, add, call, mul, num, sym } from '../../src/expr/node.js';
import { toAscii } from '../../src/expr/print.js';
import { Definitions } from '../../src/expr/context.js';
import { SOFTMAX, bcast, colsum, matSym, matmul, prime, shapeOf, showShape, transpose, vjp } from '../../src/expr/matrix.js';

const softmax = (z: Expr): Expr => call(SOFTMAX, z);
import { evaluateShaped, type Matrix } from '../../src/expr/matrix-eval.js';
import { applyMatrixRuleAt, applyRule } from '../../src/rewrite/apply.js';
import { definedShapes } from '../../src/rewrite/shaped.js';
import { admittedData } from '../../src/kernel/admitted.js';

const rules = builtinRules();
const rule = (id: string) => rules.byId.get(id)!;

const loadError = (text: string): string => {
  try {
    loadRules([{ name: 'my.rules', text }], rules);
  } catch (e) {
    if (e instanceof GradproofError) return e.format().split('\n')[0]!;
    throw e;
  }
  throw new Error('loaded');
};

/** The application's bindings as text, and its result. */
function applied(id: string, node: Expr, defs = new Definitions([])): { after: string; bindings: Record<string, string> } | undefined {
  const app = applyRule(rule(id), node, defs);
  return app && { after: toAscii(app.after), bindings: Object.fromEntries([...app.bindings].map(([k, v]) => [k, toAscii(v)])) };
}

const W1 = matSym('W1', 'n1', 'n0');
const W2 = matSym('W2', 'n2', 'n1');
const x = matSym('x', 'n0', 1);
const b1 = matSym('b1', 'n1', 1);
/** A one-example network: z1 = W1 x + b1, a1 = σ(z1), z2 = W2 a1, δ2 = a2 - y. */
const net = new Definitions([
  { name: 'z1', expr: add(matmul(W1, x), b1) },
  { name: 'a1', expr: call('sigmoid', sym('z1')) },
  { name: 'z2', expr: matmul(W2, sym('a1')) },
  { name: 'a2', expr: softmax(sym('z2')) },
  { name: 'd2', expr: add(sym('a2'), mul(num(-1), matSym('y', 'n2', 1))) },
]);

describe('rules/matrix.rules', () => {
  it('loads with the shapes of its pattern variables', () => {
    expect(rule('m.vjp-matmul').shapes).toEqual({ G: ['r', 'c'], A: ['r', 'k'], B: ['k', 'c'], X: 'any' });
    expect(rule('m.vjp-bcast').shapes).toEqual({ G: ['r', 'm'], B: ['r', '1'], X: 'any' });
    expect(rule('m.vjp-pow').shapes).toEqual({ G: 'any', A: 'any', n: 'scalar', X: 'any' });
    expect(toAscii(rule('m.vjp-matmul').rhs!)).toBe('vjp(matmul(G, transpose(B)), A, X) + vjp(matmul(transpose(A), G), B, X)');
    expect(toAscii(rule('m.prime.sigmoid').lhs!)).toBe('prime(sigmoid, A)');
    expect(rule('m.vjp-matmul').name).toEqual({ en: 'matrix product rule: G Bᵀ and Aᵀ G', zh: '矩阵乘积的求导法则' });
  });

  it('holds the rules of the contract', () => {
    const ids = [
      'm.vjp-self', 'm.vjp-const', 'm.vjp-add', 'm.vjp-hadamard', 'm.vjp-pow', 'm.vjp-matmul', 'm.vjp-transpose', 'm.vjp-bcast', 'm.vjp-bcast-row',
      'm.vjp-sum-all', 'm.vjp-rowsum', 'm.vjp-colsum', 'm.vjp-softmax', 'm.vjp-softmax-rows', 'm.transpose-transpose', 'm.transpose-matmul',
      'm.matmul-scalar', 'm.colsum-column', 'm.rowsum-row', 'm.colsum-add', 'm.colsum-scale', 'm.rowsum-add', 'm.rowsum-scale', 'm.sum-all-add', 'm.sum-all-scale',
      ...['sigmoid', 'tanh', 'relu', 'exp', 'log', 'softplus', 'swish'].flatMap((f) => [`m.vjp-fn.${f}`, `m.prime.${f}`]),
    ];
    expect(ids.filter((id) => !rules.byId.has(id))).toEqual([]);
  });

  it('reaches the kernel with its shapes', () => {
    const admitted = admittedData(rules.admitted)!.rules;
    expect(admitted.get('m.vjp-softmax')!.shapes).toEqual({ G: ['r', 'c'], A: ['r', 'c'], X: 'any' });
    expect(admitted.get('d.log')!.shapes).toBeUndefined();
  });
});

describe('a wrong matrix rule refuses to load, with its file, line and where it fails', () => {
  it('a missing transpose: by shape, every dimension a name of its own', () => {
    expect(loadError('# wrong on purpose\nrule m.bad-matmul "missing transpose" / "漏了转置"\n  shapes G [r, c], A [r, k], B [k, c], X any\n  vjp(G, matmul(A, B), X) = vjp(matmul(G, B), A, X) + vjp(matmul(transpose(A), G), B, X)\n')).toBe(
      'my.rules:2:1: error: rule m.bad-matmul: where its left side is well-shaped (G [r, c], A [r, k], B [k, c], X scalar), its right side is not: cannot multiply [r, c] by [k, c]: c columns against k rows',
    );
  });

  it('products swapped, where square matrices keep the shapes: by value', () => {
    expect(loadError('rule m.bad-transpose "products swapped" / "乘积顺序颠倒"\n  shapes A [n, n], B [n, n]\n  transpose(matmul(A, B)) = matmul(transpose(A), transpose(B))\n')).toMatch(
      /^my\.rules:1:1: error: rule m\.bad-transpose does not hold at random values of shapes A \[(\d), \1\], B \[\1, \1\]: entry \(\d, \d\) of the left side is -?[\d.e-]+, of the right side -?[\d.e-]+$/,
    );
  });

  it('a σ′ without its 1 − σ: by value', () => {
    expect(loadError('rule m.bad-sigmoid "no 1 - sigma" / "漏了 1 - σ"\n  shapes G any, A any, X any\n  vjp(G, sigmoid(A), X) = vjp(G*sigmoid(A), A, X)\n')).toMatch(
      /^my\.rules:1:1: error: rule m\.bad-sigmoid does not hold at random values of shapes G (scalar|\[\d, \d\]), A (scalar|\[\d, \d\]), X (scalar|\[\d, \d\]): (the left side is -?[\d.e-]+, the right side -?[\d.e-]+|entry \(\d, \d\) of the left side is -?[\d.e-]+, of the right side -?[\d.e-]+)$/,
    );
    expect(loadError('rule m.bad-prime "no 1 - sigma" / "漏了 1 - σ"\n  shapes A [r, c]\n  prime(sigmoid, A) = sigmoid(A)\n')).toMatch(/^my\.rules:1:1: error: rule m\.bad-prime does not hold at random values of shapes A /);
  });

  it('a rule that needs a square matrix, and one that treats a scalar G as one entry', () => {
    expect(loadError('rule m.bad-square "x" / "x"\n  shapes A [r, c]\n  transpose(A) = A\n')).toBe("my.rules:1:1: error: rule m.bad-square: its left side is [c, r] but its right side [r, c] (A [r, c])");
    // A scalar term of a sum whose G is a scalar: G stands at every entry of the sum, but only once in vjp(G, A, X).
    expect(loadError('rule m.bad-add "x" / "x"\n  shapes G any, A any, B any, X any\n  vjp(G, A + B, X) = vjp(G, A, X) + vjp(G, B, X)\n')).toMatch(
      /^my\.rules:1:1: error: rule m\.bad-add does not hold at random values of shapes G scalar, A (scalar|\[\d, \d\]), B (scalar|\[\d, \d\]), X /,
    );
  });

  it('syntax and names', () => {
    expect(loadError('rule m.x "x" / "x"\n  shapes A [r, c], B matrix\n  transpose(A) = A\n')).toBe(
      "my.rules:2:20: error: rule m.x: a shape reads 'NAME [rows, columns]', 'NAME scalar', 'NAME any' or 'NAME dim', not 'B matrix'",
    );
    expect(loadError('rule m.x "x" / "x"\n  shapes A [r, c]\n  colsum(A + B) = colsum(A) + colsum(B)\n')).toBe(
      'my.rules:1:1: error: rule m.x: B has no shape (every pattern variable of a matrix rule declares one; other names are functions)',
    );
    expect(loadError('rule m.x "x" / "x"\n  shapes A [r, c], Q scalar\n  transpose(transpose(A)) = A\n')).toBe('my.rules:1:1: error: rule m.x declares a shape for Q, which its left side does not have');
    expect(loadError('rule m.x "x" / "x"\n  shapes A [r, A]\n  transpose(transpose(A)) = A\n')).toBe('my.rules:1:1: error: rule m.x: A is a pattern variable and a dimension');
    expect(loadError('derivative d.x "x" / "x"\n  shapes A [r, c]\n  foo(u) -> u\n')).toBe("my.rules:2:3: error: rule d.x: only a 'rule' declares shapes");
    expect(loadError('rule m.x "x" / "x"\n  shapes A [r, c]\n  shapes A [r, c]\n  transpose(transpose(A)) = A\n')).toBe('my.rules:3:3: error: rule m.x: a second shapes line');
  });
});

describe('the matcher respects the shapes', () => {
  it('a variable declared scalar matches no matrix: s*A takes the scalar as s', () => {
    const X = matSym('X', 'n0', 'm');
    expect(applied('m.matmul-scalar', matmul(mul(sym('lambda'), W1), X))).toEqual({
      after: 'lambda*matmul(mat(W1, n1, n0), mat(X, n0, m))',
      bindings: { s: 'lambda', A: 'mat(W1, n1, n0)', B: 'mat(X, n0, m)', r: 'n1', k: 'n0', c: 'm' },
    });
    expect(applied('m.colsum-scale', colsum(mul(W1, matSym('V', 'n1', 'n0'))))).toBeUndefined();
  });

  it('[r, c] binds r and c consistently: a scalar added to a matrix is not split by m.colsum-add', () => {
    expect(applied('m.colsum-add', colsum(add(W1, num(1))))).toBeUndefined();
    expect(applied('m.colsum-add', colsum(add(W1, matSym('V', 'n1', 'n0'))))!.bindings).toEqual({ A: 'mat(V, n1, n0)', B: 'mat(W1, n1, n0)', r: 'n1', c: 'n0' });
  });

  it("defined names have their definitions' shapes, and the bindings record the dimensions", () => {
    expect(applied('m.vjp-matmul', vjp(sym('d2'), sym('z2'), W2), net)).toBeUndefined();
    expect(applied('m.vjp-matmul', vjp(sym('d2'), matmul(W2, sym('a1')), W2), net)).toEqual({
      after: 'vjp(matmul(d2, transpose(a1)), mat(W2, n2, n1), mat(W2, n2, n1)) + vjp(matmul(transpose(mat(W2, n2, n1)), d2), a1, mat(W2, n2, n1))',
      bindings: { G: 'd2', A: 'mat(W2, n2, n1)', B: 'a1', X: 'mat(W2, n2, n1)', r: 'n2', k: 'n1', c: '1' },
    });
  });

  it('a dimension on the right is instantiated: softmax of a column', () => {
    const app = applied('m.vjp-softmax', vjp(sym('d2'), softmax(sym('z2')), sym('z2')), net)!;
    expect(app.after).toBe('vjp(softmax(z2)*(d2 - bcast_row(colsum(d2*softmax(z2)), n2)), z2, z2)');
    expect(app.bindings.r).toBe('n2');
    // colsum of a column is 1×1, a scalar: broadcast over the rows it is a column again.
    expect(showShape(shapeOf(call('bcast_row', sym('s'), sym('n2'))))).toBe('[n2, 1]');
    expect(showShape(shapeOf(bcast(sym('s'), 'm')))).toBe('[1, m]');
    expect(showShape(shapeOf(applyRule(rule('m.vjp-softmax'), vjp(sym('d2'), softmax(sym('z2')), sym('z2')), net)!.after, definedShapes(net)))).toBe('[n2, 1]');
  });

  it('a literal matches only itself: σ′ is not tanh′', () => {
    expect(applied('m.prime.sigmoid', prime('sigmoid', sym('z1')), net)).toEqual({ after: 'sigmoid(z1)*(1 - sigmoid(z1))', bindings: { sigmoid: 'sigmoid', A: 'z1' } });
    expect(applied('m.prime.sigmoid', prime('tanh', sym('z1')), net)).toBeUndefined();
  });

  it('inside vjp a defined name is held fixed: a1 is free of W1 there', () => {
    const H = matSym('H', 'n1', 1);
    expect(applied('m.vjp-const', vjp(H, sym('a1'), W1), net)?.after).toBe('0');
    expect(applied('m.vjp-const', vjp(H, matmul(W1, x), W1), net)).toBeUndefined();
    // An ill-shaped term matches nothing: d2 is [n2, 1], a1 [n1, 1].
    expect(applied('m.vjp-const', vjp(sym('d2'), sym('a1'), W1), net)).toBeUndefined();
  });

  it('the transpose rule and the broadcast rule, checked at numbers by central differences', () => {
    const G = matSym('G', 'n1', 'm');
    const B = matSym('B', 'n1', 1);
    const app = applyRule(rule('m.vjp-bcast'), vjp(G, bcast(B, 'm'), B), new Definitions([]))!;
    expect(toAscii(app.after)).toBe('vjp(rowsum(mat(G, n1, m)), mat(B, n1, 1), mat(B, n1, 1))');
    const dims = new Map([['n1', 3], ['m', 4]]);
    const values = new Map<string, Matrix>([
      ['G', { rows: 3, cols: 4, data: Float64Array.from({ length: 12 }, (_, i) => Math.sin(i + 1)) }],
      ['B', { rows: 3, cols: 1, data: Float64Array.from([0.3, -1.2, 0.8]) }],
    ]);
    const before = evaluateShaped(vjp(G, bcast(B, 'm'), B), { dims, values }) as Matrix;
    const after = evaluateShaped(app.after, { dims, values }) as Matrix;
    const rowSums = [0, 1, 2].map((i) => [0, 1, 2, 3].reduce((s, j) => s + Math.sin(i * 4 + j + 1), 0));
    [...before.data].forEach((v, i) => expect(v).toBeCloseTo(rowSums[i]!, 6));
    [...after.data].forEach((v, i) => expect(v).toBeCloseTo(rowSums[i]!, 6));
    expect(applied('m.vjp-transpose', vjp(matSym('H', 'n1', 'n0'), transpose(transpose(W1)), W1))).toEqual({
      after: 'vjp(transpose(mat(H, n1, n0)), transpose(mat(W1, n1, n0)), mat(W1, n1, n0))',
      bindings: { G: 'mat(H, n1, n0)', A: 'transpose(mat(W1, n1, n0))', X: 'mat(W1, n1, n0)', r: 'n0', c: 'n1' },
    });
    expect(applied('m.vjp-transpose', vjp(transpose(W1), transpose(transpose(W1)), W1))).toBeUndefined();
  });

  it('applyMatrixRuleAt: the first matrix rule that applies at a path, as the engine records it', () => {
    const H = matSym('H', 'n1', 1);
    const e = transpose(vjp(H, call('sigmoid', sym('z1')), sym('z1')));
    const app = applyMatrixRuleAt(rules, e, [0], net)!;
    expect([app.rule.id, toAscii(app.after), app.conditions]).toEqual(['m.vjp-fn.sigmoid', 'vjp(mat(H, n1, 1)*prime(sigmoid, z1), z1, z1)', []]);
    // A matrix gradient through 1 - a2: the scalar 1 is split off only under a shaped G.
    const G = matSym('G', 'n2', 1);
    const Y = matSym('Y', 'n2', 1);
    const split = applyMatrixRuleAt(rules, vjp(G, add(num(1), mul(num(-1), Y)), Y), [], net)!;
    expect([split.rule.id, toAscii(split.after)]).toEqual(['m.vjp-add-scalar', 'vjp(mat(G, n2, 1), 1, mat(Y, n2, 1)) + vjp(mat(G, n2, 1), -mat(Y, n2, 1), mat(Y, n2, 1))']);
    // Inside vjp a2 is held fixed, so 1 - a2 passes nothing back to z2; a scalar G over 1 - z2 is repeated first.
    expect(applyMatrixRuleAt(rules, vjp(num(2), add(num(1), mul(num(-1), sym('a2'))), sym('z2')), [], net)?.rule.id).toBe('m.vjp-const');
    const repeat = applyMatrixRuleAt(rules, vjp(num(2), add(num(1), mul(num(-1), sym('z2'))), sym('z2')), [], net)!;
    expect([repeat.rule.id, toAscii(repeat.after)]).toEqual(['m.vjp-repeat', 'vjp(2*ones(n2, 1), 1 - z2, z2)']);
    expect(applyMatrixRuleAt(rules, e, [0, 0], net)).toBeUndefined();
  });
});
