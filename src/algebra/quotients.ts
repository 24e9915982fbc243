/**
 * Writing a result in the names of quotient definitions, such as softmax outputs
 * `a1 = exp(z1)/(exp(z1) + exp(z2) + exp(z3))`:
 * - where the expression divides by the denominator D, each numerator atom `exp(z1)` is
 *   written `a1*D`, so the D's cancel (`-exp(z1)*exp(z3)/D^2` is `-a1*a3`);
 * - names whose numerators add up to their shared denominator add up to 1, so a sum of all
 *   but one of them is `1 - the other` (`a2 + a3` is `1 - a1`).
 * Each is an algebra step the checker verifies with the definitions unfolded; the recorder
 * adds what it stops dividing by to its conditions.
 */
import { type Expr, add, mul, num, pow, sym } from '../expr/node.js';
import type { Definitions } from '../expr/context.js';
import { rationallyEqual } from '../expr/poly.js';
import { contains, mapBottomUp } from '../expr/traverse.js';
import { binderOf, freeSymbols, indexed, isSum } from '../expr/indexed.js';
import type { Derivation } from '../rewrite/builder.js';

/** A definition `name = atom / D` with D a sum. */
interface Quotient {
  readonly name: string;
  readonly atom: Expr;
  readonly den: Expr;
}

/** quotients of each (immutable) set of definitions, found once: every lemma asks. */
const QUOTIENTS_OF = new WeakMap<Definitions, Quotient[]>();

function quotients(defs: Definitions): Quotient[] {
  let known = QUOTIENTS_OF.get(defs);
  if (!known) QUOTIENTS_OF.set(defs, (known = findQuotients(defs)));
  return known;
}

function findQuotients(defs: Definitions): Quotient[] {
  const out: Quotient[] = [];
  for (const name of defs.order) {
    if (defs.isFamily(name)) continue;
    const e = defs.get(name)!;
    if (e.kind !== 'mul' || e.args.length !== 2) continue;
    const [p, q] = e.args as [Expr, Expr];
    const atom = q.kind === 'pow' ? p : q;
    const inv = q.kind === 'pow' ? q : p;
    // A bare variable as the atom (softsign's z/(1 + abs(z))) would rewrite the variable itself.
    if (inv.kind !== 'pow' || inv.args[1] !== num(-1) || inv.args[0].kind !== 'add' || atom.kind === 'num' || atom.kind === 'add' || atom.kind === 'sym') continue;
    if (!contains(inv.args[0], atom)) continue;
    out.push({ name, atom, den: inv.args[0] });
  }
  return out;
}

/** Writes numerator atoms as `name*D` where the expression divides by D, then lets the D's cancel. */
export function foldQuotients(d: Derivation, defs: Definitions, cancel: (d: Derivation) => void): void {
  const qs = quotients(defs);
  for (const den of new Set(qs.map((q) => q.den))) {
    const inv = pow(den, num(-1));
    if (!divides(d.current, den)) continue;
    const group = qs.filter((q) => q.den === den);
    // Replace the atoms everywhere but inside D itself.
    const next = mapBottomUp(d.current, (n) => {
      if (n === den) return n;
      const q = group.find((g) => g.atom === n);
      return q ? mul(sym(q.name), den) : n;
    }, new Map([[den, den], [inv, inv]]));
    if (next === d.current) continue;
    d.transition('algebra', 'alg.fold-name', next);
    cancel(d);
  }
  sumToOne(d, qs);
  foldFamilyQuotients(d, defs, cancel);
}

/** A family `a[k] = atom(k) / sum(j, lo, hi, atom(j))`: softmax, with its index k. */
interface FamilyQuotient {
  readonly name: string;
  readonly index: string;
  readonly atom: Expr;
  readonly den: Expr;
}

/** familyQuotients of each (immutable) set of definitions, found once: every lemma asks. */
const FAMILY_QUOTIENTS_OF = new WeakMap<Definitions, FamilyQuotient[]>();

function familyQuotients(defs: Definitions): FamilyQuotient[] {
  let known = FAMILY_QUOTIENTS_OF.get(defs);
  if (!known) FAMILY_QUOTIENTS_OF.set(defs, (known = findFamilyQuotients(defs)));
  return known;
}

function findFamilyQuotients(defs: Definitions): FamilyQuotient[] {
  const out: FamilyQuotient[] = [];
  for (const d of defs.list) {
    if (d.index === undefined || d.expr.kind !== 'mul' || d.expr.args.length !== 2) continue;
    const inv = d.expr.args.find((a) => a.kind === 'pow' && a.args[1] === num(-1) && isSum(a.args[0]));
    const atom = d.expr.args.find((a) => a !== inv);
    if (!inv || !atom || atom.kind === 'num') continue;
    const den = inv.args[0]!;
    if (freeSymbols(den).has(d.index)) continue;
    // The denominator adds up the atom over the family's range: atom(j) for its index j.
    const j = instanceOf(atom, den.args[3]!, d.index);
    if (!j || j.kind !== 'sym' || j.name !== binderOf(den)) continue;
    out.push({ name: d.name, index: d.index, atom, den });
  }
  return out;
}

/** The value of `k` that makes `pattern` (with k free in it) equal to `target`, if any. */
function instanceOf(pattern: Expr, target: Expr, k: string): Expr | undefined {
  let bound: Expr | undefined;
  const go = (p: Expr, t: Expr): boolean => {
    if (p.kind === 'sym' && p.name === k) {
      if (bound === undefined) bound = t;
      return bound === t;
    }
    if (!freeSymbols(p).has(k)) return p === t;
    if (p.kind !== t.kind || p.args.length !== t.args.length) return false;
    if (p.kind === 'call' && t.kind === 'call' && p.fn !== t.fn) return false;
    return p.args.every((a, i) => go(a, t.args[i]!));
  };
  return go(pattern, target) ? bound : undefined;
}

/** Writes each atom(i) as `a[i]*D` where the expression divides by D, then lets the D's cancel. */
function foldFamilyQuotients(d: Derivation, defs: Definitions, cancel: (d: Derivation) => void): void {
  for (const q of familyQuotients(defs)) {
    if (!divides(d.current, q.den)) continue;
    const inv = pow(q.den, num(-1));
    const next = mapBottomUp(d.current, (n) => {
      const i = n === q.den ? undefined : instanceOf(q.atom, n, q.index);
      return i === undefined ? n : mul(indexed(q.name, i), q.den);
    }, new Map([[q.den, q.den], [inv, inv]]));
    if (next === d.current) continue;
    d.transition('algebra', 'alg.fold-name', next);
    cancel(d);
  }
}

/** Whether `e` divides by `den` somewhere (a negative power of it). */
function divides(e: Expr, den: Expr): boolean {
  if (e.kind === 'pow' && e.args[0] === den && e.args[1].kind === 'num' && e.args[1].value.n < 0n) return true;
  return e.args.some((a) => divides(a, den));
}

/** In a family whose numerators add up to the shared denominator, all but one name add up to 1 minus it. */
function sumToOne(d: Derivation, qs: readonly Quotient[]): void {
  for (const den of new Set(qs.map((q) => q.den))) {
    const group = qs.filter((q) => q.den === den);
    // With three or more names, all but one make a sum worth writing as 1 minus the other.
    if (group.length < 3 || !rationallyEqual(add(...group.map((q) => q.atom)), den)) continue;
    const names = group.map((q) => sym(q.name));
    for (const other of names) {
      const rest = add(...names.filter((n) => n !== other));
      const next = mapBottomUp(d.current, (n) => (n === rest ? add(num(1), mul(num(-1), other)) : n));
      if (next !== d.current) d.transition('algebra', 'alg.fold-name', next);
    }
  }
}
