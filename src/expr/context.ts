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
    return a === x || this.ancestors(a).has(x);
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
