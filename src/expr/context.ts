/**
 * Named intermediates (`a2 = sigmoid(z2)`) form a computation graph. A definition is not a
 * substitution: results stay in the user's names, and `diff(f, v)` perturbs `v` while what
 * `v` depends on stays fixed and what depends on `v` is recomputed (the backprop meaning).
 */
import { type Expr, num } from './node.js';
import { evaluate, type EvalOptions, type Valuation } from './eval.js';
import { freeSymbols, memberKey, parseMemberKey, substituteFree } from './indexed.js';

export interface Definition {
  readonly name: string;
  readonly expr: Expr;
  /** For a family `a[k] = ...`: its index k, free in `expr`; a[i] is `expr` with k = i. */
  readonly index?: string;
}

/** Definitions.of's instances, by list, oldest first: a bounded memo. */
const RECENT_DEFINITIONS = new Map<string, Definitions>();

/** Thrown when definitions refer to each other in a cycle. */
export class CycleError extends Error {
  constructor(readonly cycle: string[]) {
    super(`cyclic definitions: ${cycle.join(' -> ')}`);
  }
}

/** An immutable set of definitions with their dependency graph. */
export class Definitions {
  private readonly byName: ReadonlyMap<string, Expr>;
  private readonly indexOf: ReadonlyMap<string, string>;
  /** Names in an order where every name comes after the names its definition uses. */
  readonly order: readonly string[];
  private readonly uses: ReadonlyMap<string, ReadonlySet<string>>;
  private readonly reach = new Map<string, ReadonlySet<string>>();
  private byExpr: Map<Expr, string[]> | undefined;
  /** For each x asked about: which names depend on it, as far as found. */
  private readonly reachesX = new Map<string, Map<string, boolean>>();

  constructor(defs: readonly Definition[]) {
    const byName = new Map<string, Expr>();
    const indexOf = new Map<string, string>();
    for (const d of defs) {
      if (byName.has(d.name)) throw new Error(`${d.name} is defined twice`);
      byName.set(d.name, d.expr);
      if (d.index !== undefined) indexOf.set(d.name, d.index);
    }
    this.byName = byName;
    this.indexOf = indexOf;
    const uses = new Map<string, Set<string>>();
    // A family's own index is its parameter, not something it depends on.
    for (const [name, expr] of byName) uses.set(name, new Set([...freeSymbols(expr)].filter((s) => s !== indexOf.get(name))));
    this.uses = uses;
    this.order = topoOrder(byName, uses);
  }

  /**
   * `new Definitions(defs)`, but one instance per distinct list (names, indices, interned
   * expressions, in order), so that what an instance remembers (which names depend on which,
   * where a chain rule cuts, what folds into what) carries over to the next problem with the
   * same definitions. The most recent lists are kept.
   */
  static of(defs: readonly Definition[]): Definitions {
    const key = defs.map((d) => `${d.name}\0${d.index ?? ''}\0${d.expr.id}`).join('\n');
    const hit = RECENT_DEFINITIONS.get(key);
    if (hit) return hit;
    const made = new Definitions(defs);
    RECENT_DEFINITIONS.set(key, made);
    if (RECENT_DEFINITIONS.size > 16) RECENT_DEFINITIONS.delete(RECENT_DEFINITIONS.keys().next().value!);
    return made;
  }

  get list(): Definition[] {
    return this.order.map((name) => {
      const index = this.indexOf.get(name);
      return { name, expr: this.byName.get(name)!, ...(index === undefined ? {} : { index }) };
    });
  }

  /** Whether `name` is a family `a[k] = ...` (its members are `a[i]`; `a` alone is nothing). */
  isFamily(name: string): boolean {
    return this.indexOf.has(name);
  }

  /** The definition of the member `family[i]`: the family's body with its index replaced by i. */
  member(family: string, i: Expr): Expr | undefined {
    const k = this.indexOf.get(family);
    if (k === undefined) return undefined;
    return substituteFree(this.byName.get(family)!, new Map([[k, i]]));
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  get(name: string): Expr | undefined {
    return this.byName.get(name);
  }

  /** The names a definition uses directly (defined or free). */
  inputs(name: string): ReadonlySet<string> {
    return this.uses.get(name) ?? new Set();
  }

  /** The names (not families) defined as exactly `e`, in dependency order. */
  namesDefinedAs(e: Expr): readonly string[] {
    if (!this.byExpr) {
      // Built once: a network has thousands of names, and every fold asks.
      this.byExpr = new Map();
      for (const n of this.order) {
        if (this.indexOf.has(n)) continue;
        const d = this.byName.get(n)!;
        this.byExpr.set(d, [...(this.byExpr.get(d) ?? []), n]);
      }
    }
    return this.byExpr.get(e) ?? [];
  }

  /** Every name that `name` depends on, through definitions, not including itself. */
  ancestors(name: string): ReadonlySet<string> {
    const hit = this.reach.get(name);
    if (hit) return hit;
    const out = new Set<string>();
    const stack = [...this.inputs(name)];
    while (stack.length) {
      const n = stack.pop()!;
      if (out.has(n)) continue;
      out.add(n);
      stack.push(...this.inputs(n));
    }
    this.reach.set(name, out);
    return out;
  }

  /** Whether the value of name `a` changes when `x` is perturbed (a is x, or depends on it). */
  dependsOn(a: string, x: string): boolean {
    if (a === x) return true;
    // Remembered per x, for every name the search passes: on a chain of n layers, keeping
    // each name's whole set of ancestors instead would cost n^2.
    let known = this.reachesX.get(x);
    if (!known) this.reachesX.set(x, (known = new Map()));
    const hit = known.get(a);
    if (hit !== undefined) return hit;
    // Depth first, without recursion (a chain may be thousands of names deep).
    const stack: Array<{ name: string; inputs: Iterator<string>; found: boolean }> = [{ name: a, inputs: this.inputs(a)[Symbol.iterator](), found: false }];
    for (;;) {
      const top = stack[stack.length - 1]!;
      const next = top.found ? undefined : top.inputs.next();
      if (next && !next.done) {
        const m = next.value;
        const seen = m === x || known.get(m);
        if (seen === true) top.found = true;
        else if (seen === undefined) {
          known.set(m, false); // on the path now; the graph has no cycles
          stack.push({ name: m, inputs: this.inputs(m)[Symbol.iterator](), found: false });
        }
        continue;
      }
      known.set(top.name, top.found);
      stack.pop();
      if (!stack.length) return top.found;
      if (top.found) stack[stack.length - 1]!.found = true;
    }
  }

  /** Whether `e` changes when `x` is perturbed. */
  exprDependsOn(e: Expr, x: string): boolean {
    for (const s of freeSymbols(e)) if (this.dependsOn(s, x)) return true;
    return false;
  }

  /** Free variables: names used somewhere that have no definition. */
  freeVariables(extra: readonly Expr[] = []): string[] {
    const out = new Set<string>();
    const visit = (s: string): void => {
      if (!this.byName.has(s) && s !== 'pi') out.add(s);
    };
    for (const set of this.uses.values()) set.forEach(visit);
    for (const e of extra) freeSymbols(e).forEach(visit);
    return [...out].sort();
  }

  /**
   * Values of every name at a point: free variables from `point`, definitions computed in
   * order. `perturb` adds a delta to one name after it is computed, so only what depends
   * on it changes (what `diff(f, name)` measures).
   */
  valuation(
    point: Readonly<Record<string, number>>,
    perturb: ReadonlyArray<{ name: string; delta: number }> = [],
    options: EvalOptions = {},
  ): Valuation {
    const values = new Map<string, number>(Object.entries(point));
    const deltaOf = (name: string): number => perturb.reduce((s, p) => (p.name === name ? s + p.delta : s), 0);
    const isDefined = (name: string): boolean => this.byName.has(name) || this.indexOf.has(parseMemberKey(name)?.family ?? '');
    for (const p of perturb) if (!isDefined(p.name)) values.set(p.name, (values.get(p.name) ?? NaN) + p.delta);
    const memo = new Map<Expr, number>();
    // Members of a defined family are computed when first asked for; by then every name
    // the family uses has its final value.
    const valueOf: Valuation = (n) => {
      const v = values.get(n);
      if (v !== undefined) return v;
      const m = parseMemberKey(n);
      if (!m || !this.indexOf.has(m.family)) return undefined;
      const body = this.member(m.family, num(m.n))!;
      const w = evaluate(body, valueOf, { ...options, memo }) + deltaOf(memberKey(m.family, m.n));
      values.set(n, w);
      return w;
    };
    for (const name of this.order) {
      if (this.indexOf.has(name)) continue;
      const v = evaluate(this.byName.get(name)!, valueOf, { ...options, memo }) + deltaOf(name);
      // Names are computed in dependency order, so every memoized subterm already sees the
      // final (possibly perturbed) value of each name it reads.
      values.set(name, v);
    }
    return valueOf;
  }
}

function topoOrder(byName: ReadonlyMap<string, Expr>, uses: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const out: string[] = [];
  const visit = (name: string, trail: string[]): void => {
    const s = state.get(name);
    if (s === 'done') return;
    if (s === 'open') throw new CycleError([...trail.slice(trail.indexOf(name)), name]);
    state.set(name, 'open');
    trail.push(name);
    for (const u of uses.get(name) ?? []) if (byName.has(u)) visit(u, trail);
    trail.pop();
    state.set(name, 'done');
    out.push(name);
  };
  for (const name of [...byName.keys()].sort()) visit(name, []);
  return out;
}
