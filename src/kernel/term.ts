/**
 * The kernel's own terms. Each check converts what it is handed (reading only `kind`, `value`,
 * `name`, `fn`, `args`) into a store made for that check and dropped after it: there `===` is
 * structural equality; nothing is shared with the engine. Constructors keep the engine's
 * canonical form (`+`, `*` flattened, numbers folded, operands in `compareTerms` order, `x^1`
 * is x) and never erase what may be undefined (`0*u`, `u^0`, `(x^-1)^-1` stay unless u is
 * defined everywhere). `kind` is a union to extend (shaped terms); only `mul`'s sort assumes `*` commutes.
 */
import type { Expr } from '../expr/node.js';
import { type Q, ONE, ZERO, qAdd, qMul, qPow, qStr } from './rational.js';
import { compareTerms } from './order.js';

export type Kind = 'num' | 'sym' | 'add' | 'mul' | 'pow' | 'call';

/** `value` of a num, `name` of a sym, `fn` of a call; `id` is unique in its store. */
export interface Term { readonly kind: Kind; readonly value: Q; readonly name: string; readonly fn: string; readonly args: readonly Term[]; readonly id: number }

/** One check's terms, interned (leaves by their text, compound terms by a hash of their operands' ids), and the conversion of what it is handed. */
export class Store {
  private readonly leaves = new Map<string, Term>();
  private readonly compounds = new Map<number, Term[]>();
  private count = 0;
  private readonly converted = new WeakMap<object, Term>();
  /** Whether a declared matrix, a matrix of ones or a broadcast (a matrix of a scalar) was made here: the proof has shaped terms. */
  shaped = false;
  private intern(kind: Kind, value: Q, name: string, fn: string, args: readonly Term[]): Term {
    const key = kind === 'num' ? `#${qStr(value)}` : `$${name}`;
    if (kind === 'num' || kind === 'sym') return this.leaves.get(key) ?? this.leaves.set(key, { kind, value, name, fn, args, id: this.count++ }).get(key)!;
    if (fn === 'mat' || fn === 'ones' || ((fn === 'bcast' || fn === 'bcast_row') && args.length === 2)) this.shaped = true;
    let h = kind.charCodeAt(0) + fn.length * 31;
    for (let i = 0; i < fn.length; i++) h = Math.imul(h ^ fn.charCodeAt(i), 16777619);
    for (const a of args) h = Math.imul(h ^ a.id, 16777619);
    const bucket = this.compounds.get(h) ?? this.compounds.set(h, []).get(h)!;
    const hit = bucket.find((t) => t.kind === kind && t.fn === fn && t.args.length === args.length && t.args.every((x, i) => x === args[i]));
    return hit ?? (bucket.push({ kind, value, name, fn, args, id: this.count++ }), bucket[bucket.length - 1]!);
  }
  num = (v: Q | number): Term => this.intern('num', typeof v === 'number' ? { n: BigInt(v), d: 1n } : v, '', '', []);
  sym = (name: string): Term => this.intern('sym', ZERO, name, '', []);
  call = (fn: string, ...args: Term[]): Term => this.intern('call', ZERO, '', fn, args);
  /** An expression as it was written (its operands in its own order): no constructor rules applied. */
  of(e: Expr): Term {
    const hit = this.converted.get(e);
    if (hit) return hit;
    const t = e.kind === 'num' ? this.num(e.value) : e.kind === 'sym' ? this.sym(e.name) : this.intern(e.kind, ZERO, '', e.kind === 'call' ? e.fn : '', e.args.map((a) => this.of(a)));
    this.converted.set(e, t);
    return t;
  }
  add = (...xs: Term[]): Term => this.gather('add', xs);
  mul = (...xs: Term[]): Term => this.gather('mul', xs);
  private gather(kind: 'add' | 'mul', xs: readonly Term[]): Term {
    const sum = kind === 'add';
    let c = sum ? ZERO : ONE;
    const rest: Term[] = [];
    const take = (p: Term): void => {
      if (p.kind === 'num') c = sum ? qAdd(c, p.value) : qMul(c, p.value);
      else rest.push(p);
    };
    for (const x of xs) if (x.kind === kind) x.args.forEach(take);
    else take(x);
    if (!sum && c.n === 0n) {
      // Zero times what may be undefined somewhere stays: `0*log(x)` is not 0 at x = 0.
      const kept = rest.filter((f) => !everywhere(f, false)).sort(compareTerms);
      return kept.length ? this.intern('mul', ZERO, '', '', [this.num(0), ...kept]) : this.num(0);
    }
    if (sum ? c.n !== 0n : c.n !== 1n || c.d !== 1n) rest.push(this.num(c));
    if (rest.length === 0) return this.num(sum ? 0 : 1);
    if (rest.length === 1) return rest[0]!;
    return this.intern(kind, ZERO, '', '', rest.sort(compareTerms));
  }
  /** `base ^ exponent`, with the engine's rules: integer powers of products and powers distributed, rationals folded. */
  pow = (base: Term, x: Term): Term => {
    if (x.kind === 'num') {
      const v = x.value;
      if (v.n === 1n && v.d === 1n) return base;
      if (v.n === 0n && everywhere(base, false)) return this.num(1);
      if (v.d === 1n && v.n !== 0n) {
        if (base.kind === 'mul') return this.mul(...base.args.map((f) => this.pow(f, x)));
        const inner = base.kind === 'pow' ? base.args[1]! : undefined;
        // Two negative powers are not merged (`(x^-1)^-1` is not x at 0); as the engine, one form for them: (b^-1)^-(a*c), both defined where b != 0.
        if (inner?.kind === 'num' && inner.value.d === 1n) return !(inner.value.n < 0n && v.n < 0n) ? this.pow(base.args[0]!, this.num(qMul(inner.value, v))) : inner.value.n !== -1n ? this.pow(this.pow(base.args[0]!, this.num(-1)), this.num(qMul(qMul(inner.value, v), { n: -1n, d: 1n }))) : this.intern('pow', ZERO, '', '', [base, x]);
        if (base.kind === 'num' && !(base.value.n === 0n && v.n < 0n)) return this.num(qPow(base.value, v.n));
      }
    }
    if (base.kind === 'num' && base.value.n === 1n && base.value.d === 1n && everywhere(x, false)) return this.num(1);
    return this.intern('pow', ZERO, '', '', [base, x]);
  };
  /** The same node kind rebuilt from new operands, through the constructors. */
  rebuild(t: Term, args: Term[]): Term {
    const k = t.kind;
    return k === 'add' ? this.add(...args) : k === 'mul' ? this.mul(...args) : k === 'pow' ? this.pow(args[0]!, args[1]!) : k === 'call' ? this.call(t.fn, ...args) : t;
  }
  /** `e` with the subterm at `path` replaced, its ancestors rebuilt through the constructors. */
  replaceAt(e: Term, path: readonly number[], r: Term, from = 0): Term {
    if (from === path.length) return r;
    const i = path[from]!;
    if (!e.args[i]) throw new RangeError('the path leaves the expression');
    const c = this.replaceAt(e.args[i]!, path, r, from + 1);
    const args = e.args.filter((_, j) => j !== i);
    // One operand of a long sum or product for another: put in place by binary search (the others are in order).
    const inserts = c.kind === e.kind ? c.args : [c];
    if ((e.kind === 'add' || e.kind === 'mul') && args.length > 8 && e.args[i]!.kind !== 'num' && !inserts.some((x) => x.kind === 'num') && !(args[0]!.kind === 'num' && args[0]!.value.n === 0n)) {
      for (const x of inserts) {
        let [lo, hi] = [args[0]!.kind === 'num' ? 1 : 0, args.length];
        while (lo < hi) if (compareTerms(args[(lo + hi) >> 1]!, x) <= 0) lo = ((lo + hi) >> 1) + 1;
        else hi = (lo + hi) >> 1;
        args.splice(lo, 0, x);
      }
      return this.intern(e.kind, ZERO, '', '', args);
    }
    return args.splice(i, 0, c), this.rebuild(e, args);
  }
  /** Rebuilds bottom-up, `f` applied to every node after its operands (shared subterms once). */
  map(e: Term, f: (t: Term) => Term, memo = new Map<Term, Term>()): Term {
    const hit = memo.get(e);
    if (hit) return hit;
    const args = e.args.map((a) => this.map(a, f, memo));
    const out = f(args.every((a, i) => a === e.args[i]) ? e : this.rebuild(e, args));
    memo.set(e, out);
    return out;
  }
}

/** Functions defined at every real point (with arguments defined everywhere); the SMOOTH ones differentiable there too. src/expr/total.ts has the same lists (a test compares them). */
export const SMOOTH: ReadonlySet<string> = new Set(['exp', 'sin', 'cos', 'tanh', 'sinh', 'cosh', 'sigmoid', 'softplus', 'erf', 'swish', 'silu', 'gelu', 'mish', 'at', 'atan', 'asinh', 'erfc', 'sinc', 'exp2', 'expm1', 'gelu_tanh']);
export const TOTAL: ReadonlySet<string> = new Set([...SMOOTH, 'relu', 'abs', 'leaky_relu', 'elu', 'softsign', 'gt', 'lt', 'ge', 'le', 'delta', 'list', 'cbrt', 'sign', 'heaviside', 'floor', 'ceil', 'round', 'max', 'min', 'clip', 'selu', 'relu6', 'hardtanh', 'hard_sigmoid']);

/** The calls of shaped terms and their arities (`softmax(z, i, K)` of three is the scalar one): smooth where their entries are defined. */
const SHAPED: Readonly<Record<string, number>> = { mat: 3, ones: 2, matmul: 2, transpose: 1, bcast: 2, bcast_row: 2, sum_all: 1, rowsum: 1, colsum: 1, softmax: 1, softmax_rows: 1 };
export const isShapedCall = (t: Term): boolean => t.kind === 'call' && Object.hasOwn(SHAPED, t.fn) && SHAPED[t.fn] === t.args.length;

/** Positive wherever defined, by its form: positive numbers, pi, exp, sigmoid, cosh, softplus, and sums, products and powers of those. */
export function isPositiveForm(t: Term): boolean {
  if (t.kind === 'num') return t.value.n > 0n;
  if (t.kind === 'sym') return t.name === 'pi';
  if (t.kind === 'add' || t.kind === 'mul') return t.args.every(isPositiveForm);
  if (t.kind === 'pow') return isPositiveForm(t.args[0]!);
  return ['exp', 'sigmoid', 'cosh', 'softplus'].includes(t.fn) && t.args.length === 1;
}

/** Defined at every real point (with `smooth`, differentiable there): what a constructor may erase; the engine's judgement. */
const everywhere = (t: Term, smooth: boolean): boolean => definedGivenOperands(t, smooth) && t.args.every((a) => everywhere(a, smooth));

/** Defined (`smooth`: differentiable) wherever its operands are: a natural power, or of a positive base; a total call; `log`/`sqrt` of a positive form; a sum; the derivative of what is smooth everywhere; a piecewise whose conditions cover every point. */
export function definedGivenOperands(t: Term, smooth = false): boolean {
  const [a, x] = t.args;
  if (t.kind === 'pow') return (x!.kind === 'num' && x!.value.d === 1n && x!.value.n >= 0n) || isPositiveForm(a!);
  if (t.kind !== 'call' || (smooth ? SMOOTH : TOTAL).has(t.fn) || isShapedCall(t) || (t.fn === 'sum' && t.args.length === 4)) return true;
  if ((t.fn === 'log' || t.fn === 'sqrt') && t.args.length === 1) return isPositiveForm(a!);
  // A name may stand for anything (a defined name's derivative may not exist): only x itself and pi.
  if (t.fn === 'diff' && t.args.length === 2) return everywhere(a!, true) && (function own(u: Term): boolean { return u.kind === 'sym' ? u === x || u.name === 'pi' : u.args.every(own); })(a!);
  return !smooth && ['gt le', 'le gt', 'lt ge', 'ge lt'].includes(comparisons(t));
}

/** Smooth on the open set where its own condition holds (log, a negative or symbolic power): a derivative of what is built of these needs only their conditions. */
export const smoothWhereDefined = (t: Term): boolean => definedGivenOperands(t, true) || (t.kind === 'call' && t.fn === 'log' && t.args.length === 1) || (t.kind === 'pow' && (t.args[1]!.kind === 'num' ? t.args[1]!.value.d === 1n || t.args[1]!.value.n < 0n : t.args[0]!.kind !== 'num'));

/** `f g` of `piecewise(p f q, u, p g q, v)`, two comparisons of the same operands; else ''. */
export function comparisons(t: Term): string {
  const [a, , c] = t.args;
  const same = t.fn === 'piecewise' && t.args.length === 4 && a!.kind === 'call' && c!.kind === 'call' && a!.args.length === 2 && c!.args.length === 2;
  return same && a!.args[0] === c!.args[0] && a!.args[1] === c!.args[1] ? `${a!.fn} ${c!.fn}` : '';
}

/** The subterm at `path`, or undefined when the path leaves the term. */
export function at(e: Term, path: readonly number[]): Term | undefined {
  let cur: Term | undefined = e;
  for (const i of path) if (!(cur = cur.args[i])) return undefined;
  return cur;
}
