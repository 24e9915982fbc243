/** Functions defined by an expression (`def sigmoid(u) = 1/(1 + exp(-u))`), opened up. */
import { type Expr, add, num } from './node.js';
import { mapBottomUp, nodes } from './traverse.js';
import { AT, binderOf, isList, isSum, substituteFree } from './indexed.js';
import { ratToNumber } from './rational.js';

/** What a defined function is: its parameters and its body. */
export type FunctionDefs = ReadonlyMap<string, { readonly params: readonly string[]; readonly body: Expr }>;

/** The most classes a listed call is written out with. */
export const MAX_LISTED = 1000;

/**
 * `f(args)` with `f`'s body, its parameters replaced by the arguments; undefined if f has no
 * definition. A definition over families (`def cce(y, a, K) = -sum(k, 1, K, y[k]*log(a[k]))`)
 * is called either with families and their size, or with lists for the families and the
 * size left out: `cce([y1, y2], [a1, a2])` is its body at K = 2 written out term by term,
 * `-(y1*log(a1) + y2*log(a2))`.
 */
export function openCall(e: Expr, fns: FunctionDefs): Expr | undefined {
  if (e.kind !== 'call') return undefined;
  const def = fns.get(e.fn);
  if (!def) return undefined;
  if (e.args.some(isList)) return openListed(e.args, def);
  if (def.params.length !== e.args.length) return undefined;
  return substituteFree(def.body, new Map(def.params.map((p, i) => [p, e.args[i]!])));
}

/** The parameters a definition uses as families (`y` of `y[k]`), in order. */
export function familyParams(def: { readonly params: readonly string[]; readonly body: Expr }): string[] {
  const used = new Set<string>();
  for (const n of nodes(def.body)) if (n.kind === 'call' && n.fn === AT && n.args[0]!.kind === 'sym') used.add(n.args[0]!.name);
  return def.params.filter((p) => used.has(p));
}

/**
 * A call with lists: each list is the argument of a family parameter, all of one length n,
 * and the last parameter (the size) is n. Sums with whole-number limits are written out and
 * `[e1, ..., en][m]` is em; undefined unless nothing of a list is left.
 */
function openListed(args: readonly Expr[], def: { readonly params: readonly string[]; readonly body: Expr }): Expr | undefined {
  const families = familyParams(def);
  const size = def.params[def.params.length - 1]!;
  if (args.length !== def.params.length - 1 || families.includes(size)) return undefined;
  const n = args.find(isList)!.args.length;
  if (n === 0 || n > MAX_LISTED) return undefined;
  const subst = new Map<string, Expr>([[size, num(n)]]);
  for (let i = 0; i < args.length; i++) {
    const p = def.params[i]!;
    const a = args[i]!;
    if (families.includes(p) !== isList(a) || (isList(a) && a.args.length !== n)) return undefined;
    subst.set(p, a);
  }
  const opened = mapBottomUp(substituteFree(def.body, subst), (x) => {
    if (isSum(x)) return writtenOut(x) ?? x;
    if (x.kind === 'call' && x.fn === AT && isList(x.args[0]!)) return element(x.args[0]!, x.args[1]!) ?? x;
    return x;
  });
  return nodes(opened).some(isList) ? undefined : opened;
}

/** `sum(k, lo, hi, f)` with whole-number limits as the sum of its terms. */
function writtenOut(s: Expr): Expr | undefined {
  const [lo, hi] = [s.args[1]!, s.args[2]!];
  if (lo.kind !== 'num' || hi.kind !== 'num' || lo.value.d !== 1n || hi.value.d !== 1n) return undefined;
  const [from, to] = [ratToNumber(lo.value), ratToNumber(hi.value)];
  if (to - from + 1 > MAX_LISTED) return undefined;
  const terms: Expr[] = [];
  for (let m = from; m <= to; m++) {
    const term = substituteFree(s.args[3]!, new Map([[binderOf(s), num(m)]]));
    // A member of a list is picked out at once, so nothing of the list is left in the term.
    terms.push(mapBottomUp(term, (x) => (x.kind === 'call' && x.fn === AT && isList(x.args[0]!) ? (element(x.args[0]!, x.args[1]!) ?? x) : x)));
  }
  return add(...terms);
}

/** Member m (from 1) of a list, for a whole number m in range. */
function element(list: Expr, m: Expr): Expr | undefined {
  if (m.kind !== 'num' || m.value.d !== 1n) return undefined;
  const i = ratToNumber(m.value);
  return i >= 1 && i <= list.args.length ? list.args[i - 1] : undefined;
}

/** Every call to a defined function replaced by its body, through nested definitions. */
export function openAllCalls(e: Expr, fns: FunctionDefs, maxRounds = 16): Expr {
  let cur = e;
  for (let i = 0; i < maxRounds; i++) {
    const next = mapBottomUp(cur, (n) => (n.kind === 'call' && n.fn !== 'diff' ? (openCall(n, fns) ?? n) : n));
    if (next === cur) return cur;
    cur = next;
  }
  return cur;
}
