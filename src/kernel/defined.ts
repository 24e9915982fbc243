/** Where an expression is defined: a step that makes a subterm disappear records its conditions, or it would erase them (`x/x = 1` only where x != 0). */
import { type Store, type Term, comparisons, definedGivenOperands, smoothWhereDefined } from './term.js';
import { type Range, holds, ranges } from './facts.js';
import { nodesOf } from './names.js';

/** A condition on a kernel term; `defined` is "the term is defined", asked of a call not known total. */
export interface Cond { readonly kind: 'nonzero' | 'positive' | 'nonnegative' | 'defined'; readonly expr: Term; }

/**
 * The definedness conditions of every subterm of `e`: a negative integer power's base is nonzero, `log(u)` needs u > 0,
 * `sqrt(u)` and `u^(p/q)` with q even need u >= 0, `u^(p/q)` with p/q negative and not an integer and `u^v` need u > 0;
 * `piecewise(p > q, u, p < q, v)` needs p - q != 0; any other term not defined wherever its operands are (a number to a
 * symbolic power, a derivative of what is not smooth wherever it is defined, a call not known total) needs itself defined.
 */
/** The bounds of one check's terms, kept with its store (a step asks again of the terms the last one asked of). */
const BOUNDS = new WeakMap<Store, (t: Term) => Range>();

export function definedness(s: Store, e: Term): Cond[] {
  const out: Cond[] = [];
  const seen = new Set<Term>();
  // Conditions that hold wherever the term is defined, by its bounds (on a number; `sqrt(pi)`, `1 + exp(z)`, `x^2 + 1`), are left out.
  const range = (BOUNDS.get(s) ?? BOUNDS.set(s, ranges([]).range).get(s)!);
  const put = (kind: Cond['kind'], u: Term): unknown => (kind === 'defined' ? out.push({ kind, expr: u }) : !holds(range(u), OPS[kind]) && out.push({ kind, expr: u }));
  const stack = [e];
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    const [b, x] = [n.args[0]!, n.args[1]?.value];
    if (n.kind === 'pow' && n.args[1]!.kind === 'num') (x!.n < 0n || x!.d % 2n === 0n) && put(x!.d === 1n ? 'nonzero' : x!.n < 0n ? 'positive' : 'nonnegative', b);
    else if (n.kind === 'pow' && b.kind !== 'num') put('positive', b);
    else if (n.kind === 'call' && n.args.length === 1 && (n.fn === 'log' || n.fn === 'sqrt')) put(n.fn === 'log' ? 'positive' : 'nonnegative', b);
    else if (['gt lt', 'lt gt'].includes(comparisons(n))) put('nonzero', s.add(b.args[0]!, s.mul(s.num(-1), b.args[1]!)));
    else if (n.fn === 'diff' && n.args.length === 2 ? !nodesOf(b).every((m) => smoothWhereDefined(m) && (m.kind !== 'sym' || m === n.args[1] || m.name === 'pi')) : !definedGivenOperands(n)) put('defined', n);
    for (let i = n.args.length - 1; i >= 0; i--) stack.push(n.args[i]!);
  }
  return out;
}

export const OPS = { nonzero: '!=', positive: '>', nonnegative: '>=' } as const;

/** Whether a condition of kind `have` on u implies one of kind `need` on u. */
export const covers = (have: Cond['kind'], need: Cond['kind']): boolean => have === need || (have === 'positive' && need !== 'defined');

/** The conditions of `from`'s subterms that `to` does not keep (by the same subterm, with a kind that covers them). */
export function erasedConditions(s: Store, from: Term, to: Term): Cond[] {
  const kept = definedness(s, to);
  return definedness(s, from).filter((c) => !kept.some((k) => k.expr === c.expr && covers(k.kind, c.kind)));
}
