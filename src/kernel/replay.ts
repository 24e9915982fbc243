/**
 * The replay: every step of a proof checked from the proof alone, in the kernel's own terms
 * (one store per check), with the rules and defined functions it was handed. Per kind: `rule`
 * (the rule re-matched with the step's bindings, its conditions recorded), `algebra` (equal
 * as rational functions over atoms), `definition` (a name or member opened or folded, or a
 * defined function opened), `chain` (through names that separate N from x), `assumption` (a
 * stated equation, or bounds selecting a branch), `lemma` (checked first), `index` (a delta
 * sifted). A step that makes a subterm disappear records that subterm's definedness. A
 * stated fact holds on a set, not a neighbourhood: no step uses one, directly or through a
 * lemma, inside a derivative by a name it constrains; no step but a rule applies inside a
 * sum whose index a definition or fact uses free.
 */
import type { Expr } from '../expr/node.js';
import type { Proof, Step } from '../proof/types.js';
import { type Term, Store, SMOOTH, at, isShapedCall } from './term.js';
import { type Fn, type Fns, Names, above, hasDiff, isIndexed, nodesOf, openAllCalls, openCall } from './names.js';
import { Defs } from './defs.js';
import { Algebra } from './poly.js';
import { type Fact, selectedBranch, sifted } from './facts.js';
import { type Cond, covers, definedness, erasedConditions } from './defined.js';
import { toText } from './print.js';
import { NumberLimit } from './rational.js';
import { type Shape, DIMENSIONAL, ShapeError, Shapes, sameShape, showShape } from './shape.js';
import { Lowering } from './lower.js';
import { chainMatrix, shapedBindings, aboutMatrices, variableName, vjpContext, repeatedEntrywise } from './matrix.js';

/** The part of a rule the kernel needs. */
export interface KernelRule {
  readonly id: string;
  readonly kind: 'rewrite' | 'derivative' | 'algebra' | 'step';
  readonly lhs?: Expr;
  readonly rhs?: Expr;
  readonly conditions: ReadonlyArray<{ readonly pred: 'free' | 'nonzero' | 'positive' | 'continuous'; readonly args: readonly string[]; readonly expr?: Expr }>;
  readonly shapes?: Readonly<Record<string, 'scalar' | 'any' | 'dim' | readonly [string, string]>>;
}

export type Replay = { readonly ok: true } | { readonly ok: false; readonly step: number; readonly reason: string };

class Reject extends Error {}
const fail = (reason: string): never => { throw new Reject(reason); };
const NONE: ReadonlySet<string> = new Set();

/** Functions continuous wherever defined, on an open domain (not sqrt, a step, a comparison, a user's def). src/expr/total.ts has the same list (a test compares them). */
export const CONTINUOUS: ReadonlySet<string> = new Set([...SMOOTH, 'relu', 'abs', 'leaky_relu', 'elu', 'softsign', 'cbrt', 'max', 'min', 'clip', 'selu', 'relu6', 'hardtanh', 'hard_sigmoid', 'log', 'log1p']);
/** Built of numbers, names, +, *, integer powers and calls of CONTINUOUS (or `also`), `t` cannot jump: `t != 0` at a point holds near it, `t > 0` is an open set. */
const cannotJump = (t: Term, also: readonly string[] = []): boolean => nodesOf(t).every((n) => (n.kind === 'pow' ? n.args[1]!.kind === 'num' && n.args[1]!.value.d === 1n : n.kind !== 'call' || CONTINUOUS.has(n.fn) || also.includes(n.fn)));

/** Replays every step of `proof`: ok, or the first wrong step (1-based; 0 for the proof as a whole) and why. */
export function replay(proof: Proof, rules: ReadonlyMap<string, KernelRule>, functions: ReadonlyMap<string, { readonly params: readonly string[]; readonly body: Expr }>): Replay {
  const s = new Store();
  const x = new Names(s);
  let current = -1;
  try {
    const defs = new Defs(proof.definitions.map((d) => ({ name: d.name, expr: s.of(d.expr), index: d.index })), x);
    // Defined functions are converted when first opened.
    const opened = new Map<string, Fn>();
    const convert = (name: string, f = functions.get(name)): Fn | undefined => f && opened.set(name, { params: f.params, body: s.of(f.body) }).get(name);
    const fns = { size: functions.size, get: (name: string): Fn | undefined => opened.get(name) ?? convert(name) };
    const facts: Fact[] = proof.assumptions.map((f) => ({ lhs: s.of(f.lhs), op: f.op, rhs: s.of(f.rhs) }));
    const lemmas = proof.lemmas.map((l) => ({ start: s.of(l.start), result: s.of(l.result) }));
    const chains = new Map<number, number[]>();
    proof.steps.forEach((st, i) => (chains.get(st.derivation) ?? chains.set(st.derivation, []).get(st.derivation)!).push(i));
    for (const [k, ids] of chains) if (k < 0 || k > lemmas.length || !Number.isInteger(k)) return { ok: false, step: ids[0]! + 1, reason: `no derivation ${k}` };
    // Every term converted first: the store then knows whether the proof has shaped terms (all checked for shape).
    proof.steps.forEach((st) => (s.of(st.before), s.of(st.after)));
    const shapes: Shapes = new Shapes(s, (n) => (defs.has(n) ? shapes.of(defs.get(n)!) : null));
    if (s.shaped) [...defs.order.map((n) => s.sym(n)), ...facts.map((f) => s.call('fact', f.lhs, f.rhs)), ...lemmas.map((l) => s.call('lemma', l.start, l.result))].forEach((t) => shapes.of(t));
    const c = new Checker(s, x, defs, fns, facts, lemmas, proof, rules, s.shaped, shapes);
    const state = new Map<number, 'checking' | 'done'>();
    const checkChain = (k: number): void => {
      if (state.get(k) === 'done') return;
      if (state.get(k) === 'checking') fail(`lemma ${k} depends on itself`);
      state.set(k, 'checking');
      let cur = k === 0 ? s.of(proof.start) : lemmas[k - 1]!.start;
      const mine = new Set<string>();
      c.constrained.set(k, mine);
      for (const i of chains.get(k) ?? []) {
        current = i;
        const st = proof.steps[i]!;
        const before = s.of(st.before);
        if (before !== cur) fail(`its 'before' is not the previous step's result ${toText(cur)}`);
        if (st.kind === 'lemma') {
          const j = st.lemma;
          if (j === undefined || j < 1 || j > lemmas.length || j === k) fail('it uses a lemma that does not exist');
          checkChain(j!);
          current = i;
        }
        c.check(st, before, s.of(st.after)).forEach((n) => mine.add(n));
        cur = s.of(st.after);
      }
      const ids = chains.get(k) ?? [];
      current = ids[ids.length - 1] ?? current;
      const result = k === 0 ? s.of(proof.result) : lemmas[k - 1]!.result;
      if (cur !== result) fail(`${k === 0 ? 'the proof' : `lemma ${k}`} ends at ${toText(cur)}, not at its stated result ${toText(result)}`);
      state.set(k, 'done');
    };
    for (let k = 1; k <= lemmas.length; k++) checkChain(k);
    checkChain(0);
  } catch (err) {
    if (err instanceof Reject || err instanceof ShapeError || err instanceof NumberLimit || err instanceof RangeError || (current < 0 && err instanceof Error)) return { ok: false, step: current + 1, reason: err.message };
    throw err;
  }
  return { ok: true };
}

class Checker {
  /** The names the facts each derivation uses constrain, transitively through its lemmas. */
  readonly constrained = new Map<number, ReadonlySet<string>>();
  private factNames: Set<string> | undefined;
  private indices: ReadonlySet<string> | undefined;
  private readonly ruleSides = new Map<Expr, Term>();
  constructor(private readonly s: Store, private readonly x: Names, private readonly defs: Defs, private readonly fns: Fns, private readonly facts: readonly Fact[],
    private readonly lemmas: ReadonlyArray<{ start: Term; result: Term }>, private readonly proof: Proof, private readonly rules: ReadonlyMap<string, KernelRule>,
    private readonly shaped: boolean, private readonly shapes: Shapes) {}
  private lowering: Lowering | undefined;
  private shapeOf = (t: Term, what?: string): Shape => {
    try {
      return this.shapes.of(t);
    } catch (err) {
      return err instanceof ShapeError ? fail(`${what ?? toText(t)} is ill-shaped: ${err.message}`) : (() => { throw err; })();
    }
  };
  private side = (e: Expr): Term => this.ruleSides.get(e) ?? this.ruleSides.set(e, this.s.of(e)).get(e)!;
  /** One algebra per check: what it learns about atoms (normal forms, root relations) holds for every step. */
  private algebra: Algebra | undefined;
  private equal = (a: Term, b: Term, eq?: Term): boolean => (this.algebra ??= new Algebra(this.s, this.x.alpha)).equal(a, b, eq);
  /** Checks one step `before → after`; the names the facts it uses constrain. */
  check(st: Step, before: Term, after: Term): ReadonlySet<string> {
    const { s, x, defs } = this;
    const rule = this.rules.get(st.rule);
    if (!rule && st.rule !== 'chain.matrix') fail(`unknown rule '${st.rule}'`);
    const old = at(before, st.path);
    if (!old) fail(`path ${st.path.join('.')} is not in the expression`);
    // Shaped: both sides well-shaped, of one shape; nothing changes the variable of a derivative; inside vjp(G, E, X) names are held fixed.
    const ctx = this.shaped ? vjpContext(before, st.path) : { fixedIn: [], inVariable: false };
    if (this.shaped) {
      const [sb, sa] = [this.shapeOf(before, "its 'before'"), this.shapeOf(after, "its 'after'")];
      if (!sameShape(sb, sa) && !(after.kind === 'num' && after.value.n === 0n)) fail(`it turns ${showShape(sb)} into ${showShape(sa)}`);
      if (ctx.inVariable) fail('it changes the variable of a derivative');
    }
    const agree = (r: Term): void => {
      if (!this.shaped) return;
      const [a, b] = [this.shapeOf(old!), this.shapeOf(r)];
      // A rule's scalar for a matrix of it (validated so at load) stands only in an entrywise context.
      const repeated = st.kind === 'rule' && b === null && repeatedEntrywise(s, this.shapes, before, st.path, r);
      if (!sameShape(a, b) && !(r.kind === 'num' && r.value.n === 0n) && !repeated) fail(`it replaces ${toText(old!)}, ${showShape(a)}, by ${toText(r)}, ${showShape(b)}`);
      // A 0 stands for a zero matrix, but an operand of a sum or product of entries keeps its shape as its ancestors are
      // rebuilt (sum_all(sigmoid(0)) is not sum_all(sigmoid(A - A)), nor sum_all(1) sum_all(0*A + 1)).
      for (let k = 0; k < st.path.length; k++) {
        const n = at(before, st.path.slice(0, k))!;
        if (!DIMENSIONAL.has(n.fn) || !isShapedCall(n)) continue;
        const [u, v] = [n.args[st.path[k]!]!, s.replaceAt(n.args[st.path[k]!]!, st.path.slice(k + 1), r)];
        if (!sameShape(this.shapeOf(u), this.shapeOf(v))) fail(`it turns ${toText(u)}, ${showShape(this.shapeOf(u))}, into ${toText(v)}, ${showShape(this.shapeOf(v))}, in ${n.fn}`);
      }
    };
    const conds: Cond[] = st.conditions.map((c) => ({ kind: c.kind, expr: s.of(c.expr) }));
    if (st.kind !== 'rule') {
      this.factNames ??= new Set([...this.proof.definitions.flatMap((d) => [...x.free(s.of(d.expr))].filter((n) => n !== d.index)), ...this.facts.flatMap((f) => [...x.free(f.lhs), ...x.free(f.rhs)])]);
      const clash = above(before, st.path).binders.find((k) => this.factNames!.has(k));
      if (clash !== undefined) fail(`it is used inside a sum over ${clash}, a name the definitions or stated facts use`);
    }
    const { perturbed } = above(before, st.path);
    const heldFixed = (name: string): void => {
      const v = ctx.fixedIn.find((w) => defs.dependsOn(name, w));
      if (v !== undefined) fail(`${name} is opened or folded inside a vjp by ${v}, where names are held fixed`);
    };
    if (st.kind === 'lemma' || st.kind === 'chain') {
      const v = perturbed.find((n) => defs.has(n));
      if (v !== undefined) fail(`it is used inside a derivative by the defined name ${v}`);
    }
    /** No fact used here may constrain a variable a derivative above perturbs. */
    const unperturbed = (used: ReadonlySet<string>): ReadonlySet<string> => {
      const v = perturbed.find((n) => used.has(n));
      if (v !== undefined) fail(`it uses a stated fact on ${v} inside a derivative by ${v}`);
      return used;
    };
    const expectAfter = (r: Term): unknown => (agree(r), s.replaceAt(before, st.path, r) !== after) && fail(`replacing ${toText(old!)} by ${toText(r)} does not give its 'after'`);
    /** The replacement, when the step changed exactly the subterm at its path. */
    const replacement = (): Term => {
      const r = at(after, st.path);
      if (r === undefined || s.replaceAt(before, st.path, r) !== after) fail('its path is not where it changed');
      agree(r!);
      return r!;
    };
    const require = (c: Cond): void => {
      // A call is asked to be defined itself (an equal value may be defined elsewhere), unless its function's body needs nothing over its parameters.
      const fn = c.kind === 'defined' && c.expr.kind === 'call' ? this.fns.get(c.expr.fn) : undefined;
      if (fn && fn.params.length === c.expr.args.length && definedness(s, fn.body).length === 0) return;
      const recorded = (r: Cond): boolean =>
        covers(r.kind, c.kind) && (r.expr === c.expr || (c.kind !== 'defined' && (this.equal(r.expr, c.expr) || (c.kind === 'nonzero' && this.equal(r.expr, s.mul(s.num(-1), c.expr))))));
      const op = { nonzero: ' != 0', positive: ' > 0', nonnegative: ' >= 0', defined: ' to be defined' }[c.kind];
      if (!conds.some(recorded)) fail(`it needs ${toText(c.expr)}${op} but does not record it`);
    };
    switch (st.kind) {
      case 'rule': {
        if ((rule!.kind !== 'rewrite' && rule!.kind !== 'derivative') || !rule!.lhs || !rule!.rhs) fail(`${st.rule} is not a rewrite rule`);
        const lhs = this.side(rule!.lhs!);
        const vars = new Set(nodesOf(lhs).filter((n) => n.kind === 'sym').map((n) => n.name));
        let b = new Map<string, Term>(Object.entries(st.bindings).map(([k, v]) => [k, s.of(v)]));
        if (rule!.shapes) {
          const checked = shapedBindings(s, st.rule, rule!.shapes, lhs, b, this.shapes);
          b = typeof checked === 'string' ? fail(checked) : checked;
        } else {
          for (const v of vars) if (!b.has(v)) fail(`binding for ${v} missing`);
          for (const v of b.keys()) if (!vars.has(v)) fail(`binding for ${v}, which ${st.rule} does not have`);
          // A rule without declared shapes was checked on scalars: about matrix operations, it holds only of scalars.
          const m = this.shaped && aboutMatrices([lhs, this.side(rule!.rhs!)]) ? [...b.values()].find((t) => this.shapeOf(t) !== null) : undefined;
          if (m) fail(`${st.rule} has no declared shapes and cannot bind the matrix ${toText(m)}, ${showShape(this.shapeOf(m))}`);
        }
        if (this.substitute(lhs, b) !== old) fail(`${st.rule} with these bindings does not match ${toText(old!)}`);
        expectAfter(this.substitute(this.side(rule!.rhs!), b));
        for (const c of rule!.conditions) {
          if (c.pred === 'free') {
            const [e, v] = [b.get(c.args[0]!)!, b.get(c.args[1]!)!];
            const vn = variableName(v) ?? (isIndexed(v) ? v.args[0]!.name : undefined);
            // Inside vjp(G, E, X) only an explicit X moves; in a derivative, every name that depends on x.
            const explicit = lhs.kind === 'call' && lhs.fn === 'vjp';
            if (vn === undefined || (explicit ? x.free(e).has(vn) : defs.exprDependsOn(e, vn))) fail(`${toText(e)} depends on ${toText(v)}`);
            continue;
          }
          const e = this.substitute(this.side(c.expr!), b);
          if (c.pred === 'continuous') cannotJump(defs.unfold(e, [])) || fail(`${toText(e)} is not known to be continuous`);
          else if (!(e.kind === 'num' && (c.pred === 'nonzero' ? e.value.n !== 0n : e.value.n > 0n))) require({ kind: c.pred, expr: e });
        }
        return NONE;
      }
      case 'algebra': {
        if (rule!.kind !== 'algebra' && st.rule !== 'expect') fail(`${st.rule} is not an algebra rule`);
        const r = replacement();
        if (!this.equalAsRationalFunctions(old!, r, perturbed, ctx.fixedIn.length > 0) && !(this.shaped && this.equalLowered(old!, r, perturbed, ctx.fixedIn.length > 0))) fail(`${toText(old!)} and ${toText(r)} are not equal by algebra`);
        erasedConditions(s, old!, r).forEach(require);
        return NONE;
      }
      case 'definition': {
        if (st.rule === 'def.function') {
          const opened = openCall(x, old!, this.fns);
          if (!opened) fail(`${toText(old!)} is not a call to a defined function`);
          expectAfter(opened!);
          return NONE;
        }
        const folded = at(after, st.path);
        if (isIndexed(old!) || (st.rule === 'def.fold' && folded && isIndexed(folded))) {
          // A member a[i] of a family and the family's body at i, either way round.
          const member = st.rule === 'def.unfold' ? old! : folded!;
          const f = member.args[0]!.name;
          if (!defs.isFamily(f)) fail(`${f} is not a defined family`);
          const body = defs.member(f, member.args[1]!)!;
          agree(st.rule === 'def.unfold' ? body : member);
          if (st.rule === 'def.unfold') expectAfter(body);
          else if (st.rule !== 'def.fold' || body !== old) fail(`${st.rule} does not turn ${toText(old!)} into its 'after'`);
          else expectAfter(member);
          if (perturbed.includes(f)) fail(`${f} is changed inside a derivative by a member of ${f}`);
          heldFixed(f);
          return NONE;
        }
        const names =
          st.rule === 'def.unfold' ? (old!.kind === 'sym' && defs.has(old!.name) && !defs.isFamily(old!.name) ? [old!.name] : []) : st.rule === 'def.fold' ? defs.namesDefinedAs(old!) : [];
        const name = names.find((n) => s.replaceAt(before, st.path, st.rule === 'def.unfold' ? defs.get(n)! : s.sym(n)) === after);
        if (name === undefined) fail(`${st.rule} does not turn ${toText(old!)} into its 'after'`);
        if (perturbed.includes(name!)) fail(`${name!} is changed inside a derivative by ${name!}`);
        agree(st.rule === 'def.unfold' ? defs.get(name!)! : s.sym(name!));
        heldFixed(name!);
        return NONE;
      }
      case 'chain': {
        if (st.rule === 'chain.matrix') {
          if (ctx.fixedIn.length) fail('the chain rule is used inside a vjp, where names are held fixed');
          const r = chainMatrix(s, x, defs, this.proof.definitions.map((d) => d.name), this.shapes, old!);
          return typeof r === 'string' ? fail(r) : (expectAfter(r), NONE);
        }
        if (st.rule !== 'chain') fail(`a chain step cites ${st.rule}`);
        const [f, v] = old!.kind === 'call' && old!.fn === 'diff' ? old!.args : [];
        if (!f || !v || f.kind !== 'sym' || v.kind !== 'sym' || !defs.has(f.name)) fail('the chain rule applies to diff(NAME, x) of a defined name');
        const [n, vn] = [f!.name, v!.name];
        const given = Object.values(st.bindings).map((m) => s.of(m));
        if (given.some((m) => m.kind !== 'sym')) fail('the chain rule goes through names');
        const cut = given.length ? given.map((m) => m.name) : [...defs.inputs(n)].filter((m) => defs.dependsOn(m, vn));
        if (!cut.length || cut.includes(vn) || cut.includes(n)) fail(`the chain rule needs ${n} to depend on ${vn} only through other names`);
        for (const m of cut) if (!defs.dependsOn(m, vn) || !defs.dependsOn(n, m)) fail(`${m} is not between ${n} and ${vn}`);
        for (const m of cut) if (defs.isFamily(m)) fail(`the chain rule goes through names, and ${m} is a family`);
        for (const a of cut) for (const b of cut) if (a !== b && defs.dependsOn(a, b)) fail(`${a} depends on ${b}: the partial derivatives would not hold the others fixed`);
        if (this.reachesAvoiding(n, vn, new Set(cut))) fail(`${n} depends on ${vn} other than through ${cut.join(', ')}`);
        expectAfter(s.add(...cut.map((m) => s.mul(s.call('diff', f!, s.sym(m)), s.call('diff', s.sym(m), v!)))));
        return NONE;
      }
      case 'lemma': {
        if (st.rule !== 'lemma') fail(`a lemma step cites ${st.rule}`);
        if (ctx.fixedIn.length) fail('a lemma is used inside a vjp, where names are held fixed');
        const lemma = this.lemmas[st.lemma! - 1]!;
        if (old === lemma.start) expectAfter(lemma.result);
        else if (old === lemma.result) expectAfter(lemma.start);
        else fail(`lemma ${st.lemma} is about ${toText(lemma.start)}, not ${toText(old!)}`);
        return unperturbed(this.constrained.get(st.lemma!) ?? NONE);
      }
      case 'assumption': {
        if (st.rule !== 'assume') fail(`a step using a stated fact cites ${st.rule}`);
        const branch = selectedBranch(s, this.facts, old!);
        if (branch !== undefined) {
          expectAfter(branch);
          // Open facts alone selecting the branch constrain nothing; else every closed fact counts.
          const open = this.facts.filter((f) => this.isOpen(f));
          if (selectedBranch(s, open, old!) === branch) return NONE;
          return unperturbed(this.closure(this.facts.filter((f) => !this.isOpen(f))));
        }
        const r = replacement();
        const holds = (f: Fact): boolean => {
          // A scalar stated of a matrix (`rowsum(Y) = 1`) is stated of every entry: the matrix of it.
          const sh = this.shaped ? this.shapeOf(f.lhs) : null;
          const rhs = sh && this.shapeOf(f.rhs) === null ? s.mul(f.rhs, s.call('ones', sh.rows, sh.cols)) : f.rhs;
          const eq = s.add(f.lhs, s.mul(s.num(-1), rhs));
          if (this.equal(old!, r, eq)) return true;
          // With the names opened: softmax outputs add up to 1 by their definitions.
          const open = (t: Term): Term => defs.unfold(t, perturbed);
          return !hasDiff(old!) && !hasDiff(r) && !ctx.fixedIn.length && this.equal(open(old!), open(r), open(eq));
        };
        const used = this.facts.find((f) => f.op === '=' && holds(f));
        if (!used) fail(`no stated equation turns ${toText(old!)} into ${toText(r)}`);
        erasedConditions(s, old!, r).forEach(require);
        return unperturbed(this.closure([used!]));
      }
      case 'index': {
        if (st.rule !== 'sum.delta') fail(`an index step cites ${st.rule}`);
        this.indices ??= x.indexNames([s.of(this.proof.start), ...this.proof.definitions.map((d) => s.of(d.expr)), ...this.facts.flatMap((f) => [f.lhs, f.rhs]), ...this.lemmas.map((l) => l.start)]);
        const r = sifted(x, old!, this.facts, this.indices);
        if (!r.ok) fail(r.reason);
        if (r.ok) expectAfter(r.result);
        // The range facts lo <= i <= hi constrain the index and the limits.
        return unperturbed(this.closure(r.ok ? [{ lhs: old!.args[1]!, op: '<=', rhs: r.index }, { lhs: r.index, op: '<=', rhs: old!.args[2]! }] : []));
      }
      default:
        return fail(`steps of kind '${st.kind}' are not supported`);
    }
  }
  /** `t` with pattern variables replaced (rule sides have no binders). */
  private substitute(t: Term, b: ReadonlyMap<string, Term>): Term { return this.s.map(t, (n) => (n.kind === 'sym' ? (b.get(n.name) ?? n) : n)); }
  /** Equal as rational functions: names as atoms; else, where no derivative is taken, names opened (not the `fixed`), then defined functions opened. */
  private equalAsRationalFunctions(a: Term, b: Term, fixed: readonly string[], closed = false): boolean {
    if (this.equal(a, b)) return true;
    if (closed || hasDiff(a) || hasDiff(b)) return false;
    const [ua, ub] = [this.defs.unfold(a, fixed), this.defs.unfold(b, fixed)];
    return this.equal(ua, ub) || (this.fns.size > 0 && this.equal(openAllCalls(this.x, ua, this.fns), openAllCalls(this.x, ub, this.fns)));
  }
  /** Equal entry by entry in index form (shaped terms), as they are or with the names opened as above. */
  private equalLowered(a: Term, b: Term, fixed: readonly string[], closed: boolean): boolean {
    const low = (this.lowering ??= new Lowering(this.s, this.x, this.shapes));
    if (low.equal(a, b, this.equal)) return true;
    return !closed && !hasDiff(a) && !hasDiff(b) && low.equal(this.defs.unfold(a, fixed), this.defs.unfold(b, fixed), this.equal);
  }
  /** Whether a chain of definitions leads from `from` to `to` avoiding `cut`. */
  private reachesAvoiding(from: string, to: string, cut: ReadonlySet<string>): boolean {
    const [seen, stack] = [new Set<string>(), [...this.defs.inputs(from)]];
    for (let m = stack.pop(); m !== undefined; m = stack.pop()) {
      if (m === to) return true;
      if (!cut.has(m) && !seen.has(m)) seen.add(m), stack.push(...this.defs.inputs(m));
    }
    return false;
  }
  /** The names facts constrain: their free names and every name those depend on through the definitions. */
  private closure(facts: readonly Fact[]): Set<string> {
    const out = new Set<string>();
    for (const f of facts) for (const n of [...this.x.free(f.lhs), ...this.x.free(f.rhs)]) [n, ...this.defs.ancestors(n)].forEach((m) => out.add(m));
    return out;
  }
  /** Whether a fact describes an open set: strict, on names built (through their definitions) of what cannot jump. */
  private isOpen(f: Fact): boolean {
    if (f.op !== '<' && f.op !== '>' && f.op !== '!=') return false;
    const names = this.closure([f]);
    if ([...names].some((n) => this.defs.isFamily(n))) return false;
    const terms = [f.lhs, f.rhs, ...[...names].flatMap((n) => this.defs.get(n) ?? [])];
    return terms.every((t) => cannotJump(t, ['sum', 'list']));
  }
}
