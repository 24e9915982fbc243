/**
 * The definitions graph of one proof (`a2 = sigmoid(z2)`, families `a[k] = ...`): inputs,
 * what depends on what, members of families, and definitions opened up. Made per check.
 */
import type { Names } from './names.js';
import type { Term } from './term.js';

export interface Def { readonly name: string; readonly expr: Term; readonly index?: string | undefined; }

export class Defs {
  private readonly byName = new Map<string, Term>();
  private readonly indexOf = new Map<string, string>();
  private readonly uses = new Map<string, ReadonlySet<string>>();
  private readonly reach = new Map<string, ReadonlySet<string>>();
  private byExpr: Map<Term, string[]> | undefined;
  /** Names in an order where each comes after those its definition uses. */
  readonly order: string[] = [];
  constructor(defs: readonly Def[], private readonly x: Names) {
    for (const d of defs) {
      if (this.byName.has(d.name)) throw new Error(`${d.name} is defined twice`);
      this.byName.set(d.name, d.expr);
      if (d.index !== undefined) this.indexOf.set(d.name, d.index);
    }
    for (const [name, e] of this.byName) this.uses.set(name, new Set([...x.free(e)].filter((n) => n !== this.indexOf.get(name))));
    const state = new Map<string, 'open' | 'done'>();
    const visit = (name: string, trail: string[]): void => {
      if (state.get(name) === 'done') return;
      if (state.get(name) === 'open') throw new Error(`cyclic definitions: ${[...trail.slice(trail.indexOf(name)), name].join(' -> ')}`);
      state.set(name, 'open');
      trail.push(name);
      for (const u of this.uses.get(name)!) if (this.byName.has(u)) visit(u, trail);
      trail.pop();
      state.set(name, 'done');
      this.order.push(name);
    };
    for (const name of [...this.byName.keys()].sort()) visit(name, []);
  }
  has = (name: string): boolean => this.byName.has(name);
  get = (name: string): Term | undefined => this.byName.get(name);
  isFamily = (name: string): boolean => this.indexOf.has(name);
  inputs = (name: string): ReadonlySet<string> => this.uses.get(name) ?? new Set();
  /** The definition of `family[i]`. */
  member(family: string, i: Term): Term | undefined {
    const k = this.indexOf.get(family);
    return k === undefined ? undefined : this.x.substitute(this.byName.get(family)!, new Map([[k, i]]));
  }
  /** The names (not families) defined as exactly `e`. */
  namesDefinedAs(e: Term): readonly string[] {
    if (!this.byExpr) {
      this.byExpr = new Map();
      for (const n of this.order) if (!this.indexOf.has(n)) this.byExpr.set(this.byName.get(n)!, [...(this.byExpr.get(this.byName.get(n)!) ?? []), n]);
    }
    return this.byExpr.get(e) ?? [];
  }
  /** Every name `name` depends on through definitions, not itself. */
  ancestors(name: string): ReadonlySet<string> {
    let out = this.reach.get(name) as Set<string> | undefined;
    if (out) return out;
    out = new Set();
    const stack = [...this.inputs(name)];
    while (stack.length) {
      const n = stack.pop()!;
      if (out.has(n)) continue;
      out.add(n);
      if (this.reach.has(n)) this.reach.get(n)!.forEach((m) => out!.add(m));
      else stack.push(...this.inputs(n));
    }
    this.reach.set(name, out);
    return out;
  }
  /** For each v asked about: which names depend on it, as far as found. */
  private readonly reachesV = new Map<string, Map<string, boolean>>();
  /** Whether `a` changes when `v` is perturbed: a depth-first search, remembered per v (a chain may be thousands of names deep). */
  dependsOn(a: string, v: string): boolean {
    if (a === v) return true;
    let known = this.reachesV.get(v);
    if (!known) this.reachesV.set(v, (known = new Map()));
    if (known.has(a)) return known.get(a)!;
    const stack = [{ name: a, inputs: [...this.inputs(a)], found: false }];
    known.set(a, false);
    for (;;) {
      const top = stack[stack.length - 1]!;
      const m = top.found ? undefined : top.inputs.pop();
      if (m !== undefined) {
        const seen = m === v || known.get(m);
        if (seen === true) top.found = true;
        else if (seen === undefined) {
          known.set(m, false);
          stack.push({ name: m, inputs: [...this.inputs(m)], found: false });
        }
        continue;
      }
      known.set(top.name, top.found);
      stack.pop();
      if (!stack.length) return top.found;
      if (top.found) stack[stack.length - 1]!.found = true;
    }
  }
  exprDependsOn = (e: Term, v: string): boolean => [...this.x.free(e)].some((n) => this.dependsOn(n, v));
  /** `e` with every defined name and member of a defined family opened, except the `fixed` ones. */
  unfold(e: Term, fixed: readonly string[]): Term {
    const names = new Map<string, Term>();
    for (const n of this.order) if (!this.indexOf.has(n) && !fixed.includes(n)) names.set(n, this.byName.get(n)!);
    const open = (f: string): boolean => this.indexOf.has(f) && !fixed.includes(f);
    const members = { member: (f: string, i: Term) => (open(f) ? this.member(f, i) : undefined), free: (f: string) => (open(f) ? this.inputs(f) : new Set<string>()) };
    let cur = e;
    for (let round = 0; round <= this.order.length; round++) {
      const next = this.x.substitute(cur, names, members);
      if (next === cur) return cur;
      cur = next;
    }
    return cur;
  }
}
