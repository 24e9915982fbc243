/**
 * A proven result about shaped terms as a NumPy function: keyword-only arrays (and scalars)
 * in, `(loss, grad)` out, each gradient shaped as its variable. The matrix product is `@`,
 * a transpose `.T`, ⊙ is `*` (shapes agree: `shapeOf` checked them, so NumPy's broadcasting
 * never turns a column times a row into an outer product), sums are `np.sum` with an axis and
 * `keepdims=True`. Every dimension is read from the arrays' shapes. Sigmoid and softmax are
 * the stable forms, and the log of one (the loss's `log(a2)`) is written as a log-softmax or
 * a softplus, never as the log of something that has underflowed to 0.
 */
import type { Expr } from '../expr/node.js';
import { isNum, num } from '../expr/node.js';
import { GradproofError } from '../expr/errors.js';
import { ratToNumber } from '../expr/rational.js';
import { toAscii } from '../expr/print.js';
import { substitute } from '../expr/traverse.js';
import { openCall } from '../expr/functions.js';
import {
  BCAST, BCAST_ROW, COLSUM, MAT, MATMUL, ONES, PRIME, ROWSUM, SOFTMAX, SOFTMAX_ROWS, SUM_ALL, TRANSPOSE, type Shape, matName, shapeOf,
} from '../expr/matrix.js';
import { isShaped } from '../expr/matrix.js';
import { shapedInputs } from '../proof/matrix-points.js';
import type { CodeModel } from './program.js';
import { syntaxOf } from './targets.js';

/** Whether a model is about shaped terms (and so is written as NumPy). */
export const isShapedModel = (m: Pick<CodeModel, 'loss' | 'definitions' | 'gradients'>): boolean =>
  [m.loss, ...m.definitions.map((d) => d.expr), ...m.gradients.map((g) => g.result)].some(isShaped);

/** The helpers, each a stable form (a comment says which identity it uses). */
const HELPERS: Readonly<Record<string, string>> = {
  sigmoid: [
    'def sigmoid(x):',
    '    """1/(1 + exp(-x)) entrywise, through exp(-|x|) only: it never overflows."""',
    '    e = np.exp(-np.abs(x))',
    '    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))',
  ].join('\n'),
  softmax: [
    'def softmax(z, axis=0):',
    '    """exp(z) / sum(exp(z)) along an axis (0: each column), shifted by the maximum: no overflow."""',
    '    e = np.exp(z - np.max(z, axis=axis, keepdims=True))',
    '    return e / np.sum(e, axis=axis, keepdims=True)',
  ].join('\n'),
  log_softmax: [
    'def log_softmax(z, axis=0):',
    '    """log(softmax(z)) = z - m - log(sum(exp(z - m))), m the maximum: never log(0)."""',
    '    s = z - np.max(z, axis=axis, keepdims=True)',
    '    return s - np.log(np.sum(np.exp(s), axis=axis, keepdims=True))',
  ].join('\n'),
};

/** NumPy spellings of entrywise functions. */
const ENTRYWISE: Readonly<Record<string, (x: string) => string>> = {
  exp: (x) => `np.exp(${x})`,
  log: (x) => `np.log(${x})`,
  tanh: (x) => `np.tanh(${x})`,
  sqrt: (x) => `np.sqrt(${x})`,
  abs: (x) => `np.abs(${x})`,
  sin: (x) => `np.sin(${x})`,
  cos: (x) => `np.cos(${x})`,
  relu: (x) => `np.maximum(${x}, 0.0)`,
  softplus: (x) => `np.logaddexp(0.0, ${x})`,
};

interface Printer {
  readonly ident: (name: string) => string;
  readonly shape: (e: Expr) => Shape;
  /** A defined name's definition (for the stable log of a softmax or a sigmoid). */
  readonly body: (name: string) => Expr | undefined;
  readonly helpers: Set<string>;
  /** A call of a defined function opened into its body, or undefined. */
  readonly open: (e: Expr) => Expr | undefined;
}

/** The source text of the NumPy module for a model whose terms are shaped. */
export function emitNumpy(model: CodeModel): string {
  const loss = model.loss;
  const defs = model.definitions;
  const gradients = model.gradients.map((g) => ({ wrt: g.wrt, result: substitute(g.result, new Map([[model.lossName, model.loss]])) }));
  const inputs = shapedInputs([loss, ...gradients.map((g) => g.result)], defs);
  const reserved = syntaxOf('python').reserved;
  const idents = new Map<string, string>();
  for (const n of [...inputs.matrices.keys(), ...inputs.scalars, ...inputs.dims, ...defs.map((d) => d.name)]) idents.set(n, reserved.has(n) || n === 'np' ? `${n}_` : n);
  const ident = (n: string): string => idents.get(n) ?? n;
  const shapes = new Map<string, Shape>();
  const named = (n: string): Shape | undefined => (shapes.has(n) ? shapes.get(n)! : undefined);
  for (const d of defs) shapes.set(d.name, shapeOf(d.expr, named));
  const bodies = new Map(defs.map((d) => [d.name, d.expr]));
  const p: Printer = { ident, shape: (e) => shapeOf(e, named), body: (n) => bodies.get(n), helpers: new Set(), open: (e) => openCall(e, model.functions) };

  // Each dimension from the first input that has it.
  const dimLines: string[] = [];
  for (const d of inputs.dims) {
    for (const [m, s] of inputs.matrices) {
      const axis = s.rows.kind === 'sym' && s.rows.name === d ? 0 : s.cols.kind === 'sym' && s.cols.name === d ? 1 : -1;
      if (axis < 0) continue;
      dimLines.push(`    ${ident(d)} = ${ident(m)}.shape[${axis}]`);
      break;
    }
  }
  const params = [...inputs.matrices.keys(), ...inputs.scalars].map(ident);
  const locals = defs.filter((d) => d.name !== model.lossName).map((d) => `    ${ident(d.name)} = ${print(d.expr, p)}`);
  const lossText = print(loss, p);
  const grads = gradients.map((g) => {
    const x = inputs.matrices.get(g.wrt);
    const text = print(g.result, p);
    // A result that is one number for a shaped variable (0, say) is that number in every entry.
    return `        "${g.wrt}": ${x && p.shape(g.result) === null ? `np.full(${ident(g.wrt)}.shape, ${text})` : text},`;
  });
  const shapesDoc = [...inputs.matrices].map(([m, s]) => `${m} [${toAscii(s.rows)}, ${toAscii(s.cols)}]`).join(', ');
  const header = model.header.map((l) => `# ${l}`.trimEnd());
  const helperText = [...p.helpers].sort().map((h) => HELPERS[h]!);
  const what = `The loss ${model.lossName} and its gradients ${gradients.map((g) => `d${model.lossName}/d${g.wrt}`).join(', ')}, each shaped as its variable.`;
  return [
    ...header,
    '',
    'import numpy as np',
    '',
    '',
    ...helperText.flatMap((h) => [h, '', '']),
    `def loss_and_grad(${params.length ? `*, ${params.join(', ')}` : ''}):`,
    `    """${what}${shapesDoc ? ` Arrays: ${shapesDoc}.` : ''} Returns (loss, grad)."""`,
    ...dimLines,
    ...locals,
    `    loss = ${lossText}`,
    '    grad = {',
    ...grads,
    '    }',
    // A 1×1 array is a number: the loss is returned as a Python float.
    '    return float(np.squeeze(loss)), grad',
    '',
  ].join('\n');
}

/** An expression as NumPy, parenthesised where it is not atomic. */
function print(e: Expr, p: Printer): string {
  switch (e.kind) {
    case 'num':
      return number(ratToNumber(e.value));
    case 'sym':
      return p.ident(e.name);
    case 'add':
      return `(${e.args.map((t, i) => term(t, p, i === 0)).join('')})`;
    case 'mul':
      return product(e.args, p);
    case 'pow':
      return power(e.args[0], e.args[1], p);
    case 'call':
      return callText(e, p);
  }
}

const number = (x: number): string => (Number.isInteger(x) ? `${x}.0` : String(x));

/** A term of a sum, with its sign: `- 2.0 * a` rather than `+ -2.0 * a`. */
function term(t: Expr, p: Printer, first: boolean): string {
  if (t.kind === 'mul' && isNum(t.args[0]!) && ratToNumber(t.args[0].value) < 0) {
    const k = -ratToNumber(t.args[0].value);
    const rest = t.args.slice(1);
    const body = product(k === 1 ? rest : [num(k), ...rest], p);
    return first ? `-${body}` : ` - ${body}`;
  }
  if (isNum(t) && ratToNumber(t.value) < 0) return first ? print(t, p) : ` - ${number(-ratToNumber(t.value))}`;
  return first ? print(t, p) : ` + ${print(t, p)}`;
}

/** Factors entrywise (`*`), those with a negative integer power as a divisor. */
function product(factors: readonly Expr[], p: Printer): string {
  if (factors.length === 1) return print(factors[0]!, p);
  if (isNum(factors[0]!, -1)) return `(-${product(factors.slice(1), p)})`;
  const top: string[] = [];
  const bottom: string[] = [];
  for (const f of factors) {
    if (f.kind === 'pow' && isNum(f.args[1]) && ratToNumber(f.args[1].value) < 0) {
      const k = -ratToNumber(f.args[1].value);
      bottom.push(k === 1 ? print(f.args[0], p) : `${print(f.args[0], p)} ** ${number(k)}`);
    } else top.push(print(f, p));
  }
  const num = top.length ? top.join(' * ') : '1.0';
  return bottom.length ? `(${num} / ${bottom.length === 1 ? bottom[0] : `(${bottom.join(' * ')})`})` : `(${num})`;
}

function power(b: Expr, x: Expr, p: Printer): string {
  if (isNum(x)) {
    const k = ratToNumber(x.value);
    if (k === 0.5) return `np.sqrt(${print(b, p)})`;
    if (k === -1) return `(1.0 / ${print(b, p)})`;
    if (k < 0) return `(1.0 / ${print(b, p)} ** ${number(-k)})`;
    return `${print(b, p)} ** ${number(k)}`;
  }
  return `np.power(${print(b, p)}, ${print(x, p)})`;
}

function callText(e: Expr & { kind: 'call' }, p: Printer): string {
  const a = e.args;
  const arg = (i: number): string => print(a[i]!, p);
  switch (e.fn) {
    case MAT:
      return p.ident(matName(e));
    case MATMUL:
      // A 1×1 matrix is a number: a product with one is scaling.
      return p.shape(a[0]!) === null || p.shape(a[1]!) === null ? `(${arg(0)} * ${arg(1)})` : `(${arg(0)} @ ${arg(1)})`;
    case TRANSPOSE:
      return p.shape(a[0]!) === null ? arg(0) : `${arg(0)}.T`;
    case BCAST:
      return `np.tile(${arg(0)}, (1, ${dimText(a[1]!, p)}))`;
    case BCAST_ROW:
      return `np.tile(${arg(0)}, (${dimText(a[1]!, p)}, 1))`;
    case SUM_ALL:
      return `np.sum(${arg(0)})`;
    case ROWSUM:
      return `np.sum(${arg(0)}, axis=1, keepdims=True)`;
    case COLSUM:
      return `np.sum(${arg(0)}, axis=0, keepdims=True)`;
    case ONES:
      return `np.ones((${dimText(a[0]!, p)}, ${dimText(a[1]!, p)}))`;
    case SOFTMAX:
    case SOFTMAX_ROWS:
      p.helpers.add('softmax');
      return `softmax(${arg(0)}${e.fn === SOFTMAX_ROWS ? ', axis=1' : ''})`;
    case PRIME:
      return primeText(a[0]!, a[1]!, p);
    case 'sigmoid':
      p.helpers.add('sigmoid');
      return `sigmoid(${arg(0)})`;
    case 'log': {
      const stable = stableLog(a[0]!, p);
      if (stable) return stable;
      break;
    }
  }
  const f = ENTRYWISE[e.fn];
  // A function NumPy has no spelling for (a rule file's swish, bce) is opened through its definition: entrywise still.
  const opened = f ? undefined : p.open(e);
  if (opened) return print(opened, p);
  if (!f || a.length !== 1) throw new GradproofError('unknown-function', `code generation: no NumPy form for ${e.fn}(…) on matrices`);
  return f(arg(0));
}

/** `log(softmax(z))`, `log(sigmoid(z))`, `log(1 - sigmoid(z))`, seen through a defined name too. */
function stableLog(x: Expr, p: Printer): string | undefined {
  const open = (e: Expr): Expr => (e.kind === 'sym' ? p.body(e.name) ?? e : e);
  const inner = open(x);
  if (inner.kind === 'call' && (inner.fn === SOFTMAX || inner.fn === SOFTMAX_ROWS)) {
    p.helpers.add('log_softmax');
    return `log_softmax(${print(inner.args[0]!, p)}${inner.fn === SOFTMAX_ROWS ? ', axis=1' : ''})`;
  }
  if (inner.kind === 'call' && inner.fn === 'sigmoid') return `(-np.logaddexp(0.0, -${print(inner.args[0]!, p)}))`;
  // 1 - sigmoid(z) = sigmoid(-z): its log is -softplus(z).
  if (inner.kind === 'add' && inner.args.length === 2 && isNum(inner.args[0]!, 1)) {
    const t = inner.args[1]!;
    const s = t.kind === 'mul' && t.args.length === 2 && isNum(t.args[0]!, -1) ? open(t.args[1]!) : undefined;
    if (s?.kind === 'call' && s.fn === 'sigmoid') return `(-np.logaddexp(0.0, ${print(s.args[0]!, p)}))`;
  }
  return undefined;
}

/** f′ entrywise, for the functions whose derivative NumPy writes directly. */
function primeText(f: Expr, z: Expr, p: Printer): string {
  const x = print(z, p);
  const name = f.kind === 'sym' ? f.name : '';
  switch (name) {
    case 'sigmoid':
      p.helpers.add('sigmoid');
      return `(sigmoid(${x}) * (1.0 - sigmoid(${x})))`;
    case 'tanh':
      return `(1.0 - np.tanh(${x}) ** 2)`;
    case 'exp':
      return `np.exp(${x})`;
    case 'log':
      return `(1.0 / ${x})`;
    case 'softplus':
      p.helpers.add('sigmoid');
      return `sigmoid(${x})`;
    case 'relu':
      return `np.where(${x} > 0, 1.0, 0.0)`;
  }
  throw new GradproofError('unknown-function', `code generation: no NumPy form for ${name}′`);
}

const dimText = (d: Expr, p: Printer): string => (d.kind === 'sym' ? p.ident(d.name) : isNum(d) ? String(ratToNumber(d.value)) : '?');
