/**
 * The expression tree. Nodes are immutable and interned: two structurally equal trees are
 * the same object, so equality is `===` and a Map keyed by node is a cheap memo table.
 *
 * Constructors keep a light canonical form and nothing more: `+` and `*` are flattened,
 * their numbers folded and their operands sorted; `x^1` is `x`. Everything a reader would
 * call algebra (collecting `x + x`, cancelling `x/x`, expanding) is a named step elsewhere.
 */
import {
  type Rational,
  rat,
  ONE,
  ZERO,
  isOne,
  isZero,
  isInteger,
  ratAdd,
  ratMul,
  ratPowInt,
  ratToString,
} from './rational.js';
import { compareExpr } from './order.js';

export type Kind = 'num' | 'sym' | 'add' | 'mul' | 'pow' | 'call';

interface Base {
  /** Creation order; unique per node. Never used for ordering, only as a key. */
  readonly id: number;
  /** Number of nodes in the tree (shared subtrees counted each time). */
  readonly size: number;
  /** Height of the tree; a leaf has depth 1. */
  readonly depth: number;
}
export interface Num extends Base {
  readonly kind: 'num';
  readonly value: Rational;
  readonly args: readonly Expr[];
}
export interface Sym extends Base {
  readonly kind: 'sym';
  readonly name: string;
  readonly args: readonly Expr[];
}
export interface Add extends Base {
  readonly kind: 'add';
  readonly args: readonly Expr[];
}
export interface Mul extends Base {
  readonly kind: 'mul';
  readonly args: readonly Expr[];
}
/** `args[0] ^ args[1]`. */
export interface Pow extends Base {
  readonly kind: 'pow';
  readonly args: readonly [Expr, Expr];
}
/** A function application by name: `sigmoid(z)`, `log(u)`, and the unevaluated derivative `diff(f, x)`. */
export interface Call extends Base {
  readonly kind: 'call';
  readonly fn: string;
  readonly args: readonly Expr[];
}
/** An expression: an immutable, interned tree, so structurally equal expressions are `===`. */
export type Expr = Num | Sym | Add | Mul | Pow | Call;

/**
 * The intern table. It is the one piece of module-level state in the core, on purpose:
 * hash-consing needs a single table so that `===` means structural equality everywhere.
 */
const table = new Map<string, Expr>();
let nextId = 0;

function intern<T extends Expr>(key: string, build: (id: number) => T): T {
  const hit = table.get(key);
  if (hit) return hit as T;
  const node = build(nextId++);
  table.set(key, node);
  return node;
}

const NO_ARGS: readonly Expr[] = Object.freeze([]);

function measure(args: readonly Expr[]): { size: number; depth: number } {
  let size = 1;
  let depth = 0;
  for (const a of args) {
    size += a.size;
    if (a.depth > depth) depth = a.depth;
  }
  return { size, depth: depth + 1 };
}

const argKey = (args: readonly Expr[]): string => args.map((a) => a.id).join(',');

/** A rational number node. */
export function num(value: Rational | number | bigint): Num {
  const v = typeof value === 'object' ? value : rat(value);
  return intern(`n${ratToString(v)}`, (id) =>
    Object.freeze({ kind: 'num', id, value: v, args: NO_ARGS, size: 1, depth: 1 }),
  );
}

/** A variable or a named intermediate. */
export function sym(name: string): Sym {
  return intern(`s${name}`, (id) => Object.freeze({ kind: 'sym', id, name, args: NO_ARGS, size: 1, depth: 1 }));
}

/** A function application `fn(args...)`. */
export function call(fn: string, ...args: Expr[]): Call {
  const frozen = Object.freeze(args.slice());
  return intern(`c${fn}(${argKey(frozen)})`, (id) =>
    Object.freeze({ kind: 'call', id, fn, args: frozen, ...measure(frozen) }),
  );
}

function rawAdd(args: Expr[]): Add {
  const frozen = Object.freeze(args);
  return intern(`a${argKey(frozen)}`, (id) => Object.freeze({ kind: 'add', id, args: frozen, ...measure(frozen) }));
}

function rawMul(args: Expr[]): Mul {
  const frozen = Object.freeze(args);
  return intern(`m${argKey(frozen)}`, (id) => Object.freeze({ kind: 'mul', id, args: frozen, ...measure(frozen) }));
}

/** `a + b + ...`: flattened, numbers folded, zero dropped, operands in canonical order. */
export function add(...terms: Expr[]): Expr {
  let constant = ZERO;
  const rest: Expr[] = [];
  const visit = (t: Expr): void => {
    if (t.kind === 'add') t.args.forEach(visit);
    else if (t.kind === 'num') constant = ratAdd(constant, t.value);
    else rest.push(t);
  };
  terms.forEach(visit);
  if (!isZero(constant)) rest.push(num(constant));
  if (rest.length === 0) return num(0);
  if (rest.length === 1) return rest[0]!;
  rest.sort(compareExpr);
  return rawAdd(rest);
}

/** `a * b * ...`: flattened, numbers folded into one leading coefficient, operands in canonical order. */
export function mul(...factors: Expr[]): Expr {
  let coefficient = ONE;
  const rest: Expr[] = [];
  const visit = (f: Expr): void => {
    if (f.kind === 'mul') f.args.forEach(visit);
    else if (f.kind === 'num') coefficient = ratMul(coefficient, f.value);
    else rest.push(f);
  };
  factors.forEach(visit);
  if (isZero(coefficient)) return num(0);
  if (!isOne(coefficient)) rest.push(num(coefficient));
  if (rest.length === 0) return num(1);
  if (rest.length === 1) return rest[0]!;
  rest.sort(compareExpr);
  return rawMul(rest);
}

/**
 * `base ^ exponent`; `x^1` is `x`, `x^0` is `1`, a rational to an integer power is folded,
 * and an integer power of a product or of an integer power is distributed
 * (`(a*b)^-1` is `a^-1 * b^-1`), so `x/(a*b)` has one form however it was built.
 */
export function pow(base: Expr, exponent: Expr): Expr {
  if (exponent.kind === 'num') {
    if (isOne(exponent.value)) return base;
    if (isZero(exponent.value)) return num(1);
    if (isInteger(exponent.value)) {
      if (base.kind === 'mul') return mul(...base.args.map((f) => pow(f, exponent)));
      const inner = base.kind === 'pow' ? base.args[1] : undefined;
      if (base.kind === 'pow' && inner!.kind === 'num' && isInteger(inner!.value)) {
        return pow(base.args[0], num(ratMul(inner!.value, exponent.value)));
      }
    }
    if (base.kind === 'num' && isInteger(exponent.value) && !(isZero(base.value) && exponent.value.n < 0n)) {
      return num(ratPowInt(base.value, exponent.value.n));
    }
  }
  if (base.kind === 'num' && isOne(base.value)) return num(1);
  const args = Object.freeze([base, exponent] as const);
  return intern(`p${base.id},${exponent.id}`, (id) => Object.freeze({ kind: 'pow', id, args, ...measure(args) }));
}

/** `-a`, which is `(-1) * a`. */
export const neg = (a: Expr): Expr => mul(num(-1), a);
/** `a - b`, which is `a + (-1) * b`. */
export const sub = (a: Expr, b: Expr): Expr => add(a, neg(b));
/** `a / b`, which is `a * b^(-1)`. */
export const div = (a: Expr, b: Expr): Expr => mul(a, pow(b, num(-1)));

/** The unevaluated derivative `diff(f, x)`. */
export const diff = (f: Expr, x: Expr): Call => call('diff', f, x);

export const isNum = (e: Expr, value?: number): e is Num =>
  e.kind === 'num' && (value === undefined || (e.value.d === 1n && e.value.n === BigInt(value)));

/** Rebuilds a node of the same kind from new operands, through the canonical constructors. */
export function rebuild(e: Expr, args: readonly Expr[]): Expr {
  switch (e.kind) {
    case 'num':
    case 'sym':
      return e;
    case 'add':
      return add(...args);
    case 'mul':
      return mul(...args);
    case 'pow':
      return pow(args[0]!, args[1]!);
    case 'call':
      return call(e.fn, ...args);
  }
}

/** How many distinct nodes have been interned so far (for benchmarks and limits). */
export const internedCount = (): number => table.size;
