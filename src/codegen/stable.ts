/**
 * Numerically stable forms for code generation. Each form is an identity, recognised over
 * an expression seen through its named intermediates (so `log(a2)` with `a2 = sigmoid(z2)`
 * is `log(sigmoid(z2))`), never by the name of an example:
 *
 *   log(sigmoid(u)) → -softplus(-u)          log(1 - sigmoid(u)) → -softplus(u)
 *   log(exp(u)/Σ exp(v)) → u - logsumexp(v)  exp(u)/Σ exp(v) → exp(u - logsumexp(v))
 *   (1 + tanh(u))/2 → sigmoid(2u)            log(p/sigmoid(u)) → log(p) + softplus(-u)
 *   …
 *
 * The helpers the generated code calls (`sigmoid`, `softplus`, `logsumexp`) never overflow.
 */
import { type Expr, add, call, isNum, mul, neg, num, pow, rebuild } from '../expr/node.js';
import { type Rational, rat, ratAdd } from '../expr/rational.js';
import { mapBottomUp } from '../expr/traverse.js';
import { expTerms, halfOnePlusTanh, oneMinus, onePlusExp, positiveFactors, sigmoidArg, sigmoidSlope, sinhOverCosh, softmaxParts, tanhWritten } from './stable-shapes.js';

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
  'tanh-sigmoid': '(1 + tanh(u))/2 = sigmoid(2u)  (no cancellation near tanh(u) = -1)',
  cancel: 'x*x^-1 = 1, x read through the definitions  (no 0/0 where both round to 0)',
  'sech-squared': '1 - tanh(u)^2 = 4*sigmoid(2u)*sigmoid(-2u)  (no cancellation near tanh(u)^2 = 1)',
  'log-cosh': 'log(cosh(u)) = u + softplus(-2u) - log(2)  (no overflow of cosh)',
  tanh: 'sinh(u)/cosh(u) = tanh(u)  (no overflow of cosh)',
  'tanh-exp': '(exp(u) - exp(-u))/(exp(u) + exp(-u)) = tanh(u)  (no inf/inf)',
  'sigmoid-slope': 'exp(u)/(1 + exp(u))^2 = sigmoid(u)*sigmoid(-u)',
  'log-product': 'log(p*s^k) = log(p) + k*log(s) for s = sigmoid(u), 1 - sigmoid(u) or exp(u), which are positive',
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
    const built = rewrite(n) ?? (n.args.length ? rebuild(n, n.args.map(go)) : n);
    const out = built.kind === 'mul' ? cancelSame(built) : built;
    memo.set(n, out);
    return out;
  };
  const use = (form: StableForm, result: Expr): Expr => {
    used.add(form);
    return result;
  };
  const lse = (vs: readonly Expr[]): Expr => call('logsumexp', ...vs.map(go));
  /** What a factor computes: a name's stable body, else the factor. */
  const meaning = (f: Expr): Expr => {
    const body = f.kind === 'sym' ? lookup(f.name) : undefined;
    return body ? go(body) : f;
  };
  /**
   * A factor and its inverse that compute the same (`a` and `sigmoid(2*z)^-1` with
   * a = (1 + tanh(z))/2) cancel: both round to 0 together at saturation, where 0/0 is NaN.
   * x*x^-1 = 1 wherever the product is defined.
   */
  const cancelSame = (m: Expr): Expr => {
    const groups = new Map<Expr, { base: Expr; k: Rational; signs: Set<number> }>();
    const order: Expr[] = [];
    const others: Expr[] = [];
    for (const f of m.args) {
      const [b, k] = f.kind === 'pow' && f.args[1]!.kind === 'num' ? [f.args[0]!, f.args[1]!.value] : [f, rat(1)];
      if (b.kind === 'num') {
        others.push(f);
        continue;
      }
      const key = meaning(b);
      const g = groups.get(key);
      if (g) g.k = ratAdd(g.k, k);
      else groups.set(key, { base: b, k, signs: new Set() }), order.push(key);
      groups.get(key)!.signs.add(k.n < 0n ? -1 : 1);
    }
    if (![...groups.values()].some((g) => g.signs.size === 2)) return m;
    used.add('cancel');
    return mul(...others, ...order.map((key) => pow(groups.get(key)!.base, num(groups.get(key)!.k))));
  };

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
      if (x.kind === 'call' && x.fn === 'cosh' && x.args.length === 1) {
        const u = go(x.args[0]!);
        return use('log-cosh', add(u, call('softplus', go(mul(num(-2), x.args[0]!))), neg(call('log', num(2)))));
      }
      const split = positiveFactors(x, see);
      if (split) return use('log-product', add(...(split.rest.length ? [go(call('log', mul(...split.rest)))] : []), ...split.positive.map(([b, k]) => mul(k, go(call('log', b))))));
      return undefined;
    }
    // A name stays a name (its local is computed once); only written-out forms are replaced.
    if (n.kind === 'sym' || (n.kind === 'call' && n.fn === 'sigmoid')) return undefined;
    const s = sigmoidArg(n, see);
    if (s) return use(halfOnePlusTanh(see(n), see) ? 'tanh-sigmoid' : 'sigmoid', call('sigmoid', go(s)));
    const sc = n.kind === 'mul' ? sinhOverCosh(n) : undefined;
    if (sc) return use('tanh', mul(call('tanh', go(sc.u)), ...sc.rest.map(go)));
    const te = tanhWritten(n, see);
    if (te) return use('tanh-exp', call('tanh', go(te)));
    const slope = sigmoidSlope(n, see);
    if (slope) return use('sigmoid-slope', mul(call('sigmoid', go(slope)), call('sigmoid', go(neg(slope)))));
    const sm = softmaxParts(n, see);
    if (sm) return use('softmax', call('exp', add(go(sm.u), neg(lse(sm.vs)))));
    const m = oneMinus(n, see);
    const t = m && sigmoidArg(m, see);
    if (t) return use('one-minus-sigmoid', call('sigmoid', go(neg(t))));
    const sq = m && see(m);
    const th = sq?.kind === 'pow' && isNum(sq.args[1], 2) ? see(sq.args[0]!) : undefined;
    if (th?.kind === 'call' && th.fn === 'tanh' && th.args.length === 1) {
      const u2 = go(mul(num(2), th.args[0]!));
      return use('sech-squared', mul(num(4), call('sigmoid', u2), call('sigmoid', go(neg(u2)))));
    }
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
