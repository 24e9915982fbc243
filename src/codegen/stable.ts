/**
 * Numerically stable forms for code generation. Each form is an identity, recognised over
 * an expression seen through its named intermediates (so `log(a2)` with `a2 = sigmoid(z2)`
 * is `log(sigmoid(z2))`), never by the name of an example:
 *
 *   log(sigmoid(u)) → -softplus(-u)          log(1 - sigmoid(u)) → -softplus(u)
 *   log(exp(u)/Σ exp(v)) → u - logsumexp(v)  exp(u)/Σ exp(v) → exp(u - logsumexp(v))
 *   …
 *
 * The helpers the generated code calls (`sigmoid`, `softplus`, `logsumexp`) never overflow.
 */
import { type Expr, add, call, isNum, mul, neg, num, pow, rebuild } from '../expr/node.js';
import { mapBottomUp } from '../expr/traverse.js';

/** The identities used, each with the text the generated code's comment shows. */
export const STABLE_FORMS = {
  'log-sigmoid': 'log(sigmoid(u)) = -softplus(-u)  (log-sigmoid)',
  'log-one-minus-sigmoid': 'log(1 - sigmoid(u)) = -softplus(u)',
  'one-minus-sigmoid': '1 - sigmoid(u) = sigmoid(-u)  (no cancellation near sigmoid(u) = 1)',
  'log-softmax': 'log(exp(u)/Σ exp(v)) = u - logsumexp(v)  (log-softmax)',
  softmax: 'exp(u)/Σ exp(v) = exp(u - logsumexp(v))  (softmax)',
  logsumexp: 'log(Σ exp(v)) = logsumexp(v)',
  softplus: 'log(1 + exp(u)) = softplus(u)',
  'log-exp': 'log(exp(u)) = u',
  sigmoid: '1/(1 + exp(-u)) = exp(u)/(1 + exp(u)) = sigmoid(u)',
} as const;

export type StableForm = keyof typeof STABLE_FORMS;

/** A definition's body by name, or undefined for a free variable. */
export type Lookup = (name: string) => Expr | undefined;

/** Rewrites `e` into stable forms, recording which identities it used. */
export function stabilise(e: Expr, lookup: Lookup, used: Set<StableForm>): Expr {
  const see = (x: Expr): Expr => {
    for (let k = 0; x.kind === 'sym' && k < 1000; k++) {
      const body = lookup(x.name);
      if (!body) break;
      x = body;
    }
    return x;
  };
  const memo = new Map<Expr, Expr>();
  const go = (n: Expr): Expr => {
    const hit = memo.get(n);
    if (hit) return hit;
    const out = rewrite(n) ?? (n.args.length ? rebuild(n, n.args.map(go)) : n);
    memo.set(n, out);
    return out;
  };
  const use = (form: StableForm, result: Expr): Expr => {
    used.add(form);
    return result;
  };
  const lse = (vs: readonly Expr[]): Expr => call('logsumexp', ...vs.map(go));

  const rewrite = (n: Expr): Expr | undefined => {
    if (n.kind === 'call' && n.fn === 'log' && n.args.length === 1) {
      const a = n.args[0]!;
      const s = sigmoidArg(a, see);
      if (s) return use('log-sigmoid', neg(call('softplus', go(neg(s)))));
      const m = oneMinus(a, see);
      const t = m && sigmoidArg(m, see);
      if (t) return use('log-one-minus-sigmoid', neg(call('softplus', go(t))));
      const sm = softmaxParts(a, see);
      if (sm) return use('log-softmax', add(go(sm.u), neg(lse(sm.vs))));
      const vs = expTerms(a, see);
      if (vs) return use('logsumexp', lse(vs));
      const p = onePlusExp(a, see);
      if (p) return use('softplus', call('softplus', go(p)));
      const x = see(a);
      if (x.kind === 'call' && x.fn === 'exp' && x.args.length === 1) return use('log-exp', go(x.args[0]!));
      return undefined;
    }
    // A name stays a name (its local is computed once); only written-out forms are replaced.
    if (n.kind === 'sym' || (n.kind === 'call' && n.fn === 'sigmoid')) return undefined;
    const s = sigmoidArg(n, see);
    if (s) return use('sigmoid', call('sigmoid', go(s)));
    const sm = softmaxParts(n, see);
    if (sm) return use('softmax', call('exp', add(go(sm.u), neg(lse(sm.vs)))));
    const m = oneMinus(n, see);
    const t = m && sigmoidArg(m, see);
    if (t) return use('one-minus-sigmoid', call('sigmoid', go(neg(t))));
    return undefined;
  };
  return go(e);
}

/** `-(a + b)` written as `-a - b`: exact in floating point, and reads as people write it. */
export function distributeSigns(e: Expr): Expr {
  return mapBottomUp(e, (n) => {
    if (n.kind !== 'mul' || n.args.length !== 2) return n;
    const [c, s] = n.args as [Expr, Expr];
    return isNum(c, -1) && s.kind === 'add' ? add(...s.args.map(neg)) : n;
  });
}

/** `u` when `e` is sigmoid(u), 1/(1 + exp(-u)) or exp(u)/(1 + exp(u)). */
function sigmoidArg(e: Expr, see: (x: Expr) => Expr): Expr | undefined {
  const x = see(e);
  if (x.kind === 'call' && x.fn === 'sigmoid' && x.args.length === 1) return x.args[0];
  if (x.kind === 'pow' && isNum(x.args[1], -1)) {
    const w = onePlusExp(x.args[0], see);
    return w && neg(w);
  }
  if (x.kind === 'mul' && x.args.length === 2) {
    const top = x.args.find((f) => f.kind !== 'pow');
    const bottom = x.args.find((f) => f.kind === 'pow' && isNum(f.args[1], -1));
    if (!top || !bottom) return undefined;
    const u = expArg(top, see);
    const w = onePlusExp(bottom.args[0]!, see);
    return u && w === u ? u : undefined;
  }
  return undefined;
}

/** `u` when `e` is exp(u). */
function expArg(e: Expr, see: (x: Expr) => Expr): Expr | undefined {
  const x = see(e);
  return x.kind === 'call' && x.fn === 'exp' && x.args.length === 1 ? x.args[0] : undefined;
}

/** `u` when `e` is 1 + exp(u). */
function onePlusExp(e: Expr, see: (x: Expr) => Expr): Expr | undefined {
  const x = see(e);
  if (x.kind !== 'add' || x.args.length !== 2) return undefined;
  const one = x.args.find((t) => isNum(t, 1));
  const other = x.args.find((t) => t !== one);
  return one && other ? expArg(other, see) : undefined;
}

/** `s` when `e` is 1 - s. */
function oneMinus(e: Expr, see: (x: Expr) => Expr): Expr | undefined {
  const x = see(e);
  if (x.kind !== 'add' || x.args.length !== 2) return undefined;
  const one = x.args.find((t) => isNum(t, 1));
  const other = x.args.find((t) => t !== one);
  if (!one || !other || other.kind !== 'mul' || other.args.length !== 2 || !isNum(other.args[0]!, -1)) return undefined;
  return other.args[1];
}

/** The exponents `v` when `e` is a sum of two or more exponentials Σ exp(v). */
function expTerms(e: Expr, see: (x: Expr) => Expr): Expr[] | undefined {
  const x = see(e);
  if (x.kind !== 'add') return undefined;
  const vs = x.args.map((t) => expArg(t, see));
  return vs.every((v) => v !== undefined) ? (vs as Expr[]) : undefined;
}

/** `{u, vs}` when `e` is exp(u)/Σ exp(v). */
function softmaxParts(e: Expr, see: (x: Expr) => Expr): { u: Expr; vs: Expr[] } | undefined {
  const x = see(e);
  if (x.kind !== 'mul' || x.args.length !== 2) return undefined;
  const bottom = x.args.find((f) => f.kind === 'pow' && isNum(f.args[1], -1));
  const top = x.args.find((f) => f !== bottom);
  if (!bottom || !top) return undefined;
  const u = expArg(top, see);
  const vs = expTerms(bottom.args[0]!, see);
  return u && vs ? { u, vs } : undefined;
}

/**
 * `(… + u/d + …) * d` written `… * d + u + …`: a factor of a product is carried into the sum
 * beside it, down to the quotient that divides by it, and cancels there. Reverse mode writes
 * ∂L/∂z as ∂L/∂a · a·(1 - a), and ∂L/∂a of a focal loss divides by a and by 1 - a: in
 * doubles both underflow to 0 at large |z| (0/0), while the cancelled form stays finite. An
 * identity wherever the product is defined (there d is not 0).
 */
export function cancelQuotients(e: Expr): Expr {
  return mapBottomUp(e, (n) => {
    if (n.kind !== 'mul') return n;
    // The first sum that divides by another factor takes in all the others (1 - a is a sum too).
    const i = n.args.findIndex((f, j) => f.kind === 'add' && n.args.some((d, k) => k !== j && dividesBy(f, d)));
    if (i < 0) return n;
    return times(n.args[i]!, n.args.filter((_, k) => k !== i));
  });
}

/** Whether `e` divides by `d` somewhere a product can reach it: through sums and products, not calls. */
function dividesBy(e: Expr, d: Expr): boolean {
  if (e.kind === 'pow') return (e.args[0] === d || e.args[0] === negated(d)) && isNegativeInteger(e.args[1]);
  return (e.kind === 'add' || e.kind === 'mul') && e.args.some((a) => dividesBy(a, d));
}

/** `-d` as the sum with every sign flipped (`a - 1` for `1 - a`), or `-1*d` for anything else. */
const negated = (d: Expr): Expr => (d.kind === 'add' ? add(...d.args.map(neg)) : neg(d));

const isNegativeInteger = (x: Expr): boolean => x.kind === 'num' && x.value.d === 1n && x.value.n < 0n;

/** `e * fs`, each factor cancelled against a quotient of `e` that divides by it. */
function times(e: Expr, fs: readonly Expr[]): Expr {
  const useful = fs.filter((f) => dividesBy(e, f));
  if (!useful.length) return mul(e, ...fs);
  const rest = fs.filter((f) => !useful.includes(f));
  if (e.kind === 'add') return mul(add(...e.args.map((t) => times(t, useful))), ...rest);
  if (e.kind === 'pow') {
    // d^-k * d = d^(1-k)
    const k = e.args[1] as Expr & { kind: 'num' };
    const left = useful.slice(1);
    // (-d)^-1 * d = -1: the sum may be written with its signs the other way round (a - 1 for 1 - a).
    const sign = e.args[0] === useful[0] ? num(1) : num(-1);
    return mul(sign, k.value.n === -1n ? num(1) : pow(e.args[0], num(k.value.n + 1n)), ...left, ...rest);
  }
  if (e.kind !== 'mul') return mul(e, ...fs);
  // Each useful factor goes to the first factor of the product that divides by it.
  const out = [...e.args];
  const outside: Expr[] = [];
  for (const f of useful) {
    const i = out.findIndex((x) => dividesBy(x, f));
    if (i < 0) outside.push(f);
    else out[i] = times(out[i]!, [f]);
  }
  return mul(...out, ...outside, ...rest);
}
