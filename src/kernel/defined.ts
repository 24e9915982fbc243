/**
 * Where an expression is defined: the conditions its subterms need. A step that makes a
 * subterm disappear must record that subterm's conditions, or it would erase them
 * (`x/x = 1` holds only where x != 0, `sqrt(x)^2 = x` only where x >= 0).
 */
import { type Term, isPositiveForm } from './term.js';

/** A condition on a kernel term. */
export interface Cond { readonly kind: 'nonzero' | 'positive' | 'nonnegative'; readonly expr: Term; }

/**
 * The definedness conditions of every subterm of `e`: a negative integer power's base is
 * nonzero, `log(u)` needs u > 0, `sqrt(u)` and `u^(p/q)` with q even need u >= 0, and
 * `u^(p/q)` with p/q negative and not an integer needs u > 0.
 */
export function definedness(e: Term): Cond[] {
  const out: Cond[] = [];
  const seen = new Set<Term>();
  // Conditions that hold by their form (on a number, or something positive by its form: `sqrt(pi)`, `1 + exp(z)`) are left out.
  const positive = (u: Term): boolean => (u.kind === 'call' && u.fn === 'sqrt' && u.args.length === 1) || u.kind === 'add' || u.kind === 'mul' ? u.args.every(positive) : u.kind === 'pow' ? positive(u.args[0]!) : isPositiveForm(u);
  const put = (kind: Cond['kind'], u: Term): unknown =>
    !(u.kind === 'num' ? (kind === 'nonzero' ? u.value.n !== 0n : kind === 'positive' ? u.value.n > 0n : u.value.n >= 0n) : positive(u)) && out.push({ kind, expr: u });
  const stack = [e];
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    const [b, x] = [n.args[0]!, n.args[1]?.value];
    if (n.kind === 'pow' && n.args[1]!.kind === 'num' && x && (x.n < 0n || x.d % 2n === 0n)) put(x.d === 1n ? 'nonzero' : x.n < 0n ? 'positive' : 'nonnegative', b);
    else if (n.kind === 'call' && n.args.length === 1 && (n.fn === 'log' || n.fn === 'sqrt')) put(n.fn === 'log' ? 'positive' : 'nonnegative', n.args[0]!);
    for (let i = n.args.length - 1; i >= 0; i--) stack.push(n.args[i]!);
  }
  return out;
}

/** Whether a condition of kind `have` on u implies one of kind `need` on u. */
export const covers = (have: Cond['kind'], need: Cond['kind']): boolean => have === need || have === 'positive';

/** The conditions of `from`'s subterms that `to` does not keep (by the same subterm, with a kind that covers them). */
export function erasedConditions(from: Term, to: Term): Cond[] {
  const kept = definedness(to);
  return definedness(from).filter((c) => !kept.some((k) => k.expr === c.expr && covers(k.kind, c.kind)));
}
