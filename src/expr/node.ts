/**
 * The expression tree. Nodes are immutable and interned: two structurally equal trees are
 * the same object, so equality is `===` and a Map keyed by node is a cheap memo table.
 * A node object is frozen; its operand array is `readonly` by type but not frozen, because
 * V8 reads frozen arrays two to three times slower, and the engine reads operands all the time.
 *
 * Constructors keep a light canonical form and nothing more: `+` and `*` are flattened,
 * their numbers folded and their operands sorted; `x^1` is `x`. Everything a reader would
 * call algebra (collecting `x + x`, cancelling `x/x`, expanding) is a named step elsewhere.
 * No constructor erases where a term is undefined: `0*u` drops only the factors defined
 * everywhere (`0*log(x)` stays, `0/0` stays), `u^0` is 1 only for such a `u`, and
 * `(x^-1)^-1` stays; removing those is a step that states the conditions (defined.ts).
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
import { isDefinedEverywhere } from './total.js';

export type Kind = 'num' | 'sym' | 'add' | 'mul' | 'pow' | 'call';

interface Base {
  /** Creation order; unique per node. Never used for ordering, only as a key. */
  readonly id: number;
  /** Number of nodes in the tree (shared subtrees counted each time). */
  readonly size: number;
  /** Height of the tree; a leaf has depth 1. */
  readonly depth: number;
  /** The 32-bit hash a compound node is interned under (0 for a leaf). */
  readonly hash: number;
  /** Whether the tree holds an unevaluated derivative `diff(f, x)`. */
  readonly hasDiff: boolean;
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
 * The intern tables. They are the one piece of module-level state in the core, on purpose:
 * hash-consing needs a single table so that `===` means structural equality everywhere.
 * Leaves are keyed by their text; a compound node by a 32-bit hash of its kind, function
 * name and operands' ids, with the operands compared on a hit. (A key string of operand ids
 * would cost as much memory as the node itself again: a product of 3000 factors has a
 * 20,000-character key.)
 *
 * The tables hold their nodes weakly, so that a long process (a server, a test suite) keeps
 * only the nodes someone still holds: a node nobody holds is collected, and its entry goes
 * with it (the registries below remove dead entries). A live node is always found, so no
 * structure is ever interned twice while a node of it is alive; once it is gone, the next
 * one built is new, with a new id, and no one can tell. (V8 keeps what a weak reference was
 * made or read for alive until the current task ends: a synchronous loop over thousands of
 * problems frees their nodes only when it returns to the event loop.)
 */
const numbers = new Map<string, WeakRef<Num>>();
const names = new Map<string, WeakRef<Sym>>();
/** A hash's entry: one node, or the nodes that share the hash. */
type Slot = WeakRef<Expr> | Array<WeakRef<Expr>>;
const compounds = new Map<number, Slot>();
let nextId = 0;

/** Removes the dead entries of a collected node's hash (or leaf key). */
const compoundsGone = new FinalizationRegistry<number>((h) => prune(h));
const numbersGone = new FinalizationRegistry<string>((key) => {
  if (numbers.get(key)?.deref() === undefined) numbers.delete(key);
});
const namesGone = new FinalizationRegistry<string>((key) => {
  if (names.get(key)?.deref() === undefined) names.delete(key);
});

function prune(h: number): void {
  const slot = compounds.get(h);
  if (slot === undefined) return;
  if (!Array.isArray(slot)) {
    if (slot.deref() === undefined) compounds.delete(h);
    return;
  }
  const live = slot.filter((r) => r.deref() !== undefined);
  if (live.length === 0) compounds.delete(h);
  else compounds.set(h, live.length === 1 ? live[0]! : live);
}

/** The hash of the node makeNode builds next (set just before, by whoever interns it). */
let buildingHash = 0;

/** The integers -SMALL..SMALL, by value + SMALL: the constructors ask for -1, 0 and 1 all the time. */
const SMALL = 64;
const SMALL_BIG = BigInt(SMALL);
const smallIntegers: Array<Num | undefined> = [];

/**
 * The node of this kind, function name and operands, made by `build` if there is none yet.
 * `known` is the operands' hash when the caller has it already (see replacedMerge).
 */
function internCompound<T extends Expr>(kind: Kind, fn: string, args: readonly Expr[], build: (id: number) => T, known?: number): T {
  const h = known ?? hashOf(kind, fn, args);
  const slot = compounds.get(h);
  if (slot !== undefined) {
    if (!Array.isArray(slot)) {
      const n = slot.deref();
      if (n !== undefined && sameNode(n, kind, fn, args)) return n as T;
    } else {
      for (let k = 0; k < slot.length; k++) {
        const n = slot[k]!.deref();
        if (n !== undefined && sameNode(n, kind, fn, args)) return n as T;
      }
    }
  }
  buildingHash = h;
  return added(h, slot, build(nextId++));
}

/** `node`, new, entered in the table under its hash `h`, whose slot held `slot`. */
function added<T extends Expr>(h: number, slot: Slot | undefined, node: T): T {
  const ref = new WeakRef<Expr>(node);
  if (slot === undefined || (!Array.isArray(slot) && slot.deref() === undefined)) compounds.set(h, ref);
  else if (Array.isArray(slot)) slot.push(ref);
  else compounds.set(h, [slot, ref]);
  compoundsGone.register(node, h);
  return node;
}

/**
 * The hash of a compound node. A sum's or a product's is a sum over its operands, so that
 * replacing one operand of a product of thousands updates it in a few operations
 * (its operands are in canonical order, so the multiset determines the node anyway).
 */
function hashOf(kind: Kind, fn: string, args: readonly Expr[]): number {
  if (kind === 'add' || kind === 'mul') {
    let h = kind === 'add' ? ADD_SEED : MUL_SEED;
    for (let i = 0; i < args.length; i++) h = (h + mix(args[i]!.id)) | 0;
    return h;
  }
  let h = kind.charCodeAt(0) * 16777619;
  for (let i = 0; i < fn.length; i++) h = Math.imul(h ^ fn.charCodeAt(i), 16777619);
  for (let i = 0; i < args.length; i++) h = Math.imul(h ^ args[i]!.id, 16777619);
  return Math.imul(h ^ args.length, 16777619);
}

const [ADD_SEED, MUL_SEED] = [0x2545f491, 0x6b43a9b5];

/** A node id scrambled over 32 bits, for the hash of a sum or product. */
function mix(id: number): number {
  let x = Math.imul(id ^ (id >>> 16), 0x45d9f3b);
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  return x ^ (x >>> 16);
}

function sameNode(n: Expr, kind: Kind, fn: string, args: readonly Expr[]): boolean {
  if (n.kind !== kind || n.args.length !== args.length || (kind === 'call' && (n as Call).fn !== fn)) return false;
  for (let i = 0; i < args.length; i++) if (n.args[i] !== args[i]) return false;
  return true;
}

const NO_ARGS: readonly Expr[] = [];

/**
 * A new node. Every node has the same fields in the same order, whatever its kind (a field
 * its kind does not use holds '' or undefined), so V8 gives them all one shape and the
 * engine's loads of `kind` and `args` stay monomorphic: about a tenth of the time of a
 * derivation. Size and depth are `size`/`depth` when given (>= 0), else measured. A
 * compound node's hash is buildingHash.
 */
function makeNode(kind: Kind, id: number, fn: string, name: string, value: Rational | undefined, args: readonly Expr[], size = -1, depth = -1): Expr {
  let hasDiff = kind === 'call' && fn === 'diff';
  if (size < 0) {
    size = 1;
    depth = 0;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      size += a.size;
      if (a.depth > depth) depth = a.depth;
      if (a.hasDiff) hasDiff = true;
    }
    depth += 1;
  } else for (let i = 0; i < args.length && !hasDiff; i++) hasDiff = args[i]!.hasDiff;
  const hash = args.length === 0 ? 0 : buildingHash;
  return Object.freeze({ kind, id, fn, name, value, args, size, depth, hash, hasDiff }) as Expr;
}

/** A rational number node. */
export function num(value: Rational | number | bigint): Num {
  if (typeof value === 'number' && Number.isInteger(value) && value >= -SMALL && value <= SMALL) {
    return (smallIntegers[value + SMALL] ??= internNumber(rat(value)));
  }
  if (typeof value === 'object' && value.d === 1n && value.n >= -SMALL_BIG && value.n <= SMALL_BIG) {
    const k = Number(value.n) + SMALL;
    return (smallIntegers[k] ??= internNumber(value));
  }
  return internNumber(typeof value === 'object' ? value : rat(value));
}

function internNumber(v: Rational): Num {
  const key = ratToString(v);
  let node = numbers.get(key)?.deref();
  if (!node) {
    node = makeNode('num', nextId++, '', '', v, NO_ARGS, 1, 1) as Num;
    numbers.set(key, new WeakRef(node));
    numbersGone.register(node, key);
  }
  return node;
}

/** A variable or a named intermediate. */
export function sym(name: string): Sym {
  let node = names.get(name)?.deref();
  if (!node) {
    node = makeNode('sym', nextId++, '', name, undefined, NO_ARGS, 1, 1) as Sym;
    names.set(name, new WeakRef(node));
    namesGone.register(node, name);
  }
  return node;
}

/** A function application `fn(args...)`. */
export function call(fn: string, ...args: Expr[]): Call {
  // The rest array is a fresh copy, owned by the node it becomes the operands of.
  return internCompound('call', fn, args, (id) => makeNode('call', id, fn, '', undefined, args) as Call);
}

function rawAdd(args: Expr[]): Add {
  return internCompound('add', '', args, (id) => makeNode('add', id, '', '', undefined, args) as Add);
}

function rawMul(args: Expr[]): Mul {
  return internCompound('mul', '', args, (id) => makeNode('mul', id, '', '', undefined, args) as Mul);
}

/**
 * `xs` in canonical order, in place. Short lists (nearly all) by insertion, which is several
 * times faster there than Array.prototype.sort with a comparator; both are stable, so the
 * order is the same either way.
 */
function sortOperands(xs: Expr[]): Expr[] {
  if (xs.length > 12) return xs.sort(compareExpr);
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i]!;
    let j = i - 1;
    while (j >= 0 && compareExpr(xs[j]!, x) > 0) {
      xs[j + 1] = xs[j]!;
      j--;
    }
    xs[j + 1] = x;
  }
  return xs;
}

/**
 * The operands of a sum or product (`kind`) of `xs`: those of a nested one of that kind
 * taken in (it is flat already: none of its operands is of the kind), numbers folded into
 * the constant returned, the rest pushed on `rest`.
 */
function gather(kind: 'add' | 'mul', xs: readonly Expr[], rest: Expr[]): Rational {
  const sum = kind === 'add';
  let c = sum ? ZERO : ONE;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (x.kind !== kind) c = taken(x, c, sum, rest);
    else for (let j = 0; j < x.args.length; j++) c = taken(x.args[j]!, c, sum, rest);
  }
  return c;
}

/** The constant `c` with `p` folded in when it is a number; else `c`, and `p` goes on `rest`. */
function taken(p: Expr, c: Rational, sum: boolean, rest: Expr[]): Rational {
  if (p.kind !== 'num') {
    rest.push(p);
    return c;
  }
  return sum ? ratAdd(c, p.value) : ratMul(c, p.value);
}

/** `a + b + ...`: flattened, numbers folded, zero dropped, operands in canonical order. */
export function add(...terms: Expr[]): Expr {
  const rest: Expr[] = [];
  const constant = gather('add', terms, rest);
  if (!isZero(constant)) rest.push(num(constant));
  if (rest.length === 0) return num(0);
  if (rest.length === 1) return rest[0]!;
  return rawAdd(sortOperands(rest));
}

/** `a * b * ...`: flattened, numbers folded into one leading coefficient, operands in canonical order. */
export function mul(...factors: Expr[]): Expr {
  const rest: Expr[] = [];
  const coefficient = gather('mul', factors, rest);
  if (isZero(coefficient)) return zeroProduct(rest);
  if (!isOne(coefficient)) rest.push(num(coefficient));
  if (rest.length === 0) return num(1);
  if (rest.length === 1) return rest[0]!;
  return rawMul(sortOperands(rest));
}

/**
 * `0 * rest`: zero, unless a factor may be undefined somewhere; then zero times those
 * factors (`0*log(x)`, `0*0^-1`), the factors defined everywhere dropped.
 */
function zeroProduct(rest: Expr[]): Expr {
  const kept = rest.filter((f) => !isDefinedEverywhere(f));
  if (kept.length === 0) return num(0);
  return rawMul([num(0), ...sortOperands(kept)]);
}

/**
 * `base ^ exponent`; `x^1` is `x`, `u^0` is `1` when u is defined everywhere, a rational to
 * an integer power is folded (never `0^-1`), and an integer power of a product or of an
 * integer power is distributed (`(a*b)^-1` is `a^-1 * b^-1`), so `x/(a*b)` has one form
 * however it was built. Two negative powers are not merged: `(x^-1)^-1` is not `x` at 0;
 * they are written `(x^-1)^-k` (`(x^-2)^-1` is `(x^-1)^-2`).
 */
export function pow(base: Expr, exponent: Expr): Expr {
  if (exponent.kind === 'num') {
    if (isOne(exponent.value)) return base;
    if (isZero(exponent.value)) {
      if (isDefinedEverywhere(base)) return num(1);
    } else if (isInteger(exponent.value)) {
      if (base.kind === 'mul') return mul(...base.args.map((f) => pow(f, exponent)));
      const inner = base.kind === 'pow' ? base.args[1] : undefined;
      if (base.kind === 'pow' && inner!.kind === 'num' && isInteger(inner!.value)) {
        const product = num(ratMul(inner!.value, exponent.value));
        if (!(inner!.value.n < 0n && exponent.value.n < 0n)) return pow(base.args[0], product);
        // Two negative powers, b^(a*c) where b != 0: one form, (b^-1)^-(a*c), however it was built.
        if (inner!.value.n !== -1n) return pow(pow(base.args[0], num(-1)), num(-(inner!.value.n * exponent.value.n)));
      }
    }
    if (base.kind === 'num' && isInteger(exponent.value) && !isZero(exponent.value) && !(isZero(base.value) && exponent.value.n < 0n)) {
      return num(ratPowInt(base.value, exponent.value.n));
    }
  }
  if (base.kind === 'num' && isOne(base.value) && isDefinedEverywhere(exponent)) return num(1);
  const args = [base, exponent] as const;
  return internCompound('pow', '', args, (id) => makeNode('pow', id, '', '', undefined, args) as Pow);
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

/**
 * `e` with operand `i` replaced by `r`: the node `rebuild` gives for those operands. The
 * other operands of a sum or product are already in canonical order, so `r`'s parts are
 * put in place by binary search instead of sorting the whole list again: a gradient through
 * n layers is a product of some 3n factors that a proof changes one factor at a time.
 */
export function replaceArg(e: Expr, i: number, r: Expr): Expr {
  if (e.kind !== 'add' && e.kind !== 'mul') {
    const args = [...e.args];
    args[i] = r;
    return rebuild(e, args);
  }
  const sum = e.kind === 'add';
  const src = e.args;
  // The folded number of a canonical sum or product is its first operand; the rest, the
  // body, is sorted. Copies and moves are left to the array methods on a copy.
  const lead = src[0]!.kind === 'num' ? 1 : 0;
  let c = lead && i !== 0 ? (src[0] as Num).value : sum ? ZERO : ONE;
  // One operand for another, the common case: put in place by a loop on small operand lists.
  if (r.kind !== e.kind && r.kind !== 'num') {
    // A product with a zero factor keeps what may be undefined: mul decides, as it would.
    if (!sum && isZero(c)) return rebuiltWith(e, i, r);
    if (src.length > 8) return replacedMerge(e, i, [r], c);
    return replacedSmall(src, i, r, lead && i !== 0 ? 1 : 0, c, sum);
  }
  const inserts: Expr[] = [];
  for (const p of r.kind === e.kind ? r.args : [r]) {
    if (p.kind === 'num') c = sum ? ratAdd(c, p.value) : ratMul(c, p.value);
    else inserts.push(p);
  }
  if (!sum && isZero(c)) return rebuiltWith(e, i, r);
  if (src.length > 8 && inserts.every((x, k) => k === 0 || compareExpr(inserts[k - 1]!, x) <= 0)) return replacedMerge(e, i, inserts, c);
  // The others, then the inserts, by insertion: each insert goes after every operand that
  // does not come after it, the others being in order already.
  const body: Expr[] = [];
  for (let j = lead && i !== 0 ? 1 : 0; j < src.length; j++) if (j !== i) body.push(src[j]!);
  for (let k = 0; k < inserts.length; k++) body.push(inserts[k]!);
  sortOperands(body);
  if (sum ? !isZero(c) : !isOne(c)) body.unshift(num(c));
  if (body.length === 0) return num(sum ? 0 : 1);
  if (body.length === 1) return body[0]!;
  return sum ? rawAdd(body) : rawMul(body);
}

/** `e` with operand `i` replaced by `r`, through the constructor. */
function rebuiltWith(e: Expr, i: number, r: Expr): Expr {
  const args = [...e.args];
  args[i] = r;
  return rebuild(e, args);
}

/**
 * replaceArg on a short sum or product: operand `i` of the canonical `src` out (and the
 * folded number when `from` is 1; `c` is what it folds to), the non-number `x` in after
 * every operand that does not come after it, `c` first unless it is the identity.
 */
function replacedSmall(src: readonly Expr[], i: number, x: Expr, from: number, c: Rational, sum: boolean): Expr {
  const out: Expr[] = [];
  if (sum ? !isZero(c) : !isOne(c)) out.push(num(c));
  let placed = false;
  for (let j = from; j < src.length; j++) {
    if (j === i) continue;
    if (!placed && compareExpr(src[j]!, x) > 0) {
      out.push(x);
      placed = true;
    }
    out.push(src[j]!);
  }
  if (!placed) out.push(x);
  if (out.length === 1) return out[0]!;
  return sum ? rawAdd(out) : rawMul(out);
}

/**
 * replaceArg on a long sum or product `e`, in one pass: its operand `i` out, the
 * non-numbers `xs` (in canonical order) in, each where replaceArg's insertion puts it (after
 * every operand that does not come after it), and the folded number `c` first; its hash
 * updated rather than recomputed. Deep chains make products of thousands of factors, and
 * the kernel rebuilds each one the engine built: the node already interned is found by
 * comparing with the merged operands in place, and only a new node's operands are copied.
 */
function replacedMerge(e: Add | Mul, i: number, xs: readonly Expr[], c: Rational): Expr {
  const src = e.args;
  const from = src[0]!.kind === 'num' && i !== 0 ? 1 : 0;
  const folded = e.kind === 'add' ? !isZero(c) : !isOne(c);
  const lead = folded ? num(c) : undefined;
  // Hash and measure, updated: operand i out, and the folded number (c takes its place), xs and c in.
  let h = (e.hash - mix(src[i]!.id)) | 0;
  let size = e.size - src[i]!.size;
  let depth = src[i]!.depth < e.depth - 1 ? e.depth : -1;
  if (from) {
    h = (h - mix(src[0]!.id)) | 0;
    size -= 1;
  }
  if (lead) {
    h = (h + mix(lead.id)) | 0;
    size += 1;
  }
  // Each x goes before src[before[k]], the first of src[from..] that comes after it (src[i] aside).
  const before: number[] = [];
  let lo = from;
  for (const x of xs) {
    h = (h + mix(x.id)) | 0;
    size += x.size;
    if (depth >= 0 && x.depth + 1 > depth) depth = x.depth + 1;
    let hi = src.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareExpr(src[mid]!, x) <= 0) lo = mid + 1;
      else hi = mid;
    }
    before.push(lo);
  }
  const length = (lead ? 1 : 0) + src.length - 1 - from + xs.length;
  const slot = compounds.get(h);
  if (slot !== undefined) {
    const same = (n: Expr | undefined): n is Expr => n !== undefined && n.kind === e.kind && sameAsMerged(n.args, length, lead, src, from, i, xs, before);
    if (!Array.isArray(slot)) {
      const n = slot.deref();
      if (same(n)) return n;
    } else {
      for (let k = 0; k < slot.length; k++) {
        const n = slot[k]!.deref();
        if (same(n)) return n;
      }
    }
  }
  // One copy of the exact length (interned nodes live long), made by the array methods
  // (packed, unlike new Array(n)) and then written over in order.
  const args = length <= src.length ? src.slice(0, length) : src.concat(xs);
  args.length = length;
  let j = 0;
  if (lead) args[j++] = lead;
  let s = from;
  for (let k = 0; k <= xs.length; k++) {
    const end = k < xs.length ? before[k]! : src.length;
    for (; s < end; s++) if (s !== i) args[j++] = src[s]!;
    if (k < xs.length) args[j++] = xs[k]!;
  }
  buildingHash = h;
  return added(h, slot, makeNode(e.kind, nextId++, '', '', undefined, args, depth >= 0 ? size : -1, depth));
}

/** Whether `args` is replacedMerge's result: `lead`, then src[from..] without src[i], with xs[k] before src[before[k]]. */
function sameAsMerged(
  args: readonly Expr[],
  length: number,
  lead: Expr | undefined,
  src: readonly Expr[],
  from: number,
  i: number,
  xs: readonly Expr[],
  before: readonly number[],
): boolean {
  if (args.length !== length) return false;
  let j = 0;
  if (lead && args[j++] !== lead) return false;
  let s = from;
  for (let k = 0; k <= xs.length; k++) {
    const end = k < xs.length ? before[k]! : src.length;
    // src[s..end) without src[i]: one or two runs compared in a tight loop.
    const cut = i >= s && i < end ? i : end;
    for (; s < cut; s++, j++) if (args[j] !== src[s]) return false;
    if (cut < end) s++;
    for (; s < end; s++, j++) if (args[j] !== src[s]) return false;
    if (k < xs.length && args[j++] !== xs[k]) return false;
  }
  return true;
}

/** How many nodes have been made so far, those since collected included (for benchmarks and limits). */
export const internedCount = (): number => nextId;

/** How many entries the intern tables hold (nodes alive, and dead ones not yet removed): for tests of memory. */
export const internTableSize = (): number => {
  let n = numbers.size + names.size;
  for (const slot of compounds.values()) n += Array.isArray(slot) ? slot.length : 1;
  return n;
};

/**
 * The 32-bit hash a sum or product is interned under. For tests of the intern table: two
 * different nodes may share one, and the table must still tell them apart.
 */
export const internHash = (e: Add | Mul): number => e.hash;
