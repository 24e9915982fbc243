/**
 * The locals of a generated function: the named intermediates the outputs need, in the
 * chain's order, and a local for each function call that would otherwise be computed more
 * than once (`lse = logsumexp(z1, z2, z3)` for every softmax output and the loss).
 */
import { type Expr, rebuild, sym } from '../expr/node.js';
import { substitute, symbols } from '../expr/traverse.js';

export interface Local {
  readonly name: string;
  readonly expr: Expr;
  /** A user's intermediate, or a call computed once. */
  readonly kind: 'definition' | 'shared';
}

/** Short names for shared calls; other functions go by their own name. */
const SHORT: Readonly<Record<string, string>> = { logsumexp: 'lse', sigmoid: 'sig', softplus: 'sp' };

/** Calls never shared: comparisons and branches are cheap, and a branch may not be taken. */
const NOT_SHARED: ReadonlySet<string> = new Set(['gt', 'lt', 'ge', 'le', 'piecewise']);

/**
 * The locals that `outputs` need, given the definitions in dependency order, with repeated
 * calls computed once; `taken` holds the names a new local may not use (it is extended).
 */
export function planLocals(
  definitions: readonly Local[],
  outputs: readonly Expr[],
  taken: Set<string>,
): { locals: Local[]; outputs: Expr[] } {
  let live = liveDefinitions(definitions, outputs);
  const counts = new Map<Expr, number>();
  const count = (e: Expr): void => {
    if (e.kind === 'call') {
      if (e.fn === 'piecewise') return;
      if (!NOT_SHARED.has(e.fn)) counts.set(e, (counts.get(e) ?? 0) + 1);
    }
    e.args.forEach(count);
  };
  live.forEach((d) => count(d.expr));
  outputs.forEach(count);
  const shared = new Map<Expr, string>();
  for (const [e, k] of counts) {
    if (k < 2 || e.kind !== 'call') continue;
    shared.set(e, fresh(nameFor(e), taken));
  }
  const replace = (e: Expr): Expr => {
    const name = shared.get(e);
    if (name) return sym(name);
    return e.args.length ? rebuild(e, e.args.map(replace)) : e;
  };
  let temps: Local[] = [...shared].map(([e, name]) => ({ name, expr: rebuild(e, e.args.map(replace)), kind: 'shared' as const }));
  live = live.map((d) => ({ ...d, expr: replace(d.expr) }));
  let outs = outputs.map(replace);
  // A call shared only inside another shared call is used once after all: put it back.
  for (;;) {
    const uses = new Map<string, number>();
    const tally = (e: Expr): void => {
      if (e.kind === 'sym') uses.set(e.name, (uses.get(e.name) ?? 0) + 1);
      e.args.forEach(tally);
    };
    [...temps, ...live].forEach((l) => tally(l.expr));
    outs.forEach(tally);
    const once = temps.find((t) => (uses.get(t.name) ?? 0) <= 1);
    if (!once) break;
    const back = new Map([[once.name, once.expr]]);
    temps = temps.filter((t) => t !== once).map((t) => ({ ...t, expr: substitute(t.expr, back) }));
    live = live.map((d) => ({ ...d, expr: substitute(d.expr, back) }));
    outs = outs.map((e) => substitute(e, back));
  }
  return { locals: order(live, temps, outs), outputs: outs };
}

/** The definitions the outputs reach, in their given order. */
function liveDefinitions(definitions: readonly Local[], outputs: readonly Expr[]): Local[] {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const needed = new Set<string>();
  const stack = outputs.flatMap((e) => [...symbols(e)]);
  while (stack.length) {
    const n = stack.pop()!;
    if (needed.has(n)) continue;
    needed.add(n);
    const d = byName.get(n);
    if (d) stack.push(...symbols(d.expr));
  }
  return definitions.filter((d) => needed.has(d.name));
}

/** Definitions in their order, each shared call placed right before its first use. */
function order(definitions: readonly Local[], temps: readonly Local[], outputs: readonly Expr[]): Local[] {
  const byName = new Map(temps.map((t) => [t.name, t]));
  const placed = new Set<string>();
  const out: Local[] = [];
  const need = (e: Expr): void => {
    for (const n of symbols(e)) {
      const t = byName.get(n);
      if (!t || placed.has(n)) continue;
      placed.add(n);
      need(t.expr);
      out.push(t);
    }
  };
  for (const d of definitions) {
    need(d.expr);
    out.push(d);
  }
  outputs.forEach(need);
  return out;
}

/** `exp_z` for exp(z), `sig_mz1` for sigmoid(-z1), `lse` for logsumexp(z1, z2, z3). */
function nameFor(e: Expr & { kind: 'call' }): string {
  const base = SHORT[e.fn] ?? e.fn;
  const [a, ...rest] = e.args;
  if (rest.length || !a) return base;
  if (a.kind === 'sym') return `${base}_${a.name}`;
  const [c, x] = a.args;
  return a.kind === 'mul' && a.args.length === 2 && c!.kind === 'num' && c!.value.n === -1n && c!.value.d === 1n && x!.kind === 'sym' ? `${base}_m${x!.name}` : base;
}

/** `base`, or `base2`, `base3`, … whichever is not taken; the name is then taken. */
export function fresh(base: string, taken: Set<string>): string {
  let name = base;
  for (let k = 2; taken.has(name); k++) name = `${base}${k}`;
  taken.add(name);
  return name;
}
