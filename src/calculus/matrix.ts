/**
 * Reverse mode at matrix level: `∂L/∂X` for a loss of shaped terms, as the books write it
 * (`δ2 a1ᵀ`, `(W2ᵀ δ2) ⊙ a1 ⊙ (1 − a1)`, `rowsum(δ1)`). Each gradient is one chain step over
 * the names that use X (`chain.matrix`: Σ_Z vjp(∂L/∂Z, D_Z, X)), then one backprop rule per
 * operation pushed down to X, then each ∂L/∂Z cited as a lemma (derived once, the same way),
 * then entrywise simplification by the scalar simplifier, which sees every structural call
 * (matmul, transpose, sums, broadcasts) as an atom and so never reorders a product.
 */
import { type Expr, add, diff, num, sym } from '../expr/node.js';
import { type Definition, Definitions } from '../expr/context.js';
import { GradproofError } from '../expr/errors.js';
import { contains, type Path } from '../expr/traverse.js';
import { toAscii } from '../expr/print.js';
import { type Shape, type ShapeOfName, ShapeError, isMatSym, matName, shapeOf, showShape, MAT, vjp } from '../expr/matrix.js';
import type { RuleSet } from '../rules/types.js';
import { builtinRules } from '../rules/builtin.js';
import { totalByDefinition } from '../expr/defined.js';
import { type Budget, DEFAULT_BUDGET, type Derivation, ProofRecorder } from '../rewrite/builder.js';
import { simplify } from '../algebra/simplify.js';
import { intoNames } from '../algebra/fold.js';
import { BooksOrder } from './matrix-order.js';
import { scalarsOut } from '../algebra/matrix-textbook.js';
import { factsUsed } from '../algebra/matrix-facts.js';
import type { Assumption } from '../proof/types.js';
import { PRIME_RULES, VJP_RULES, isPrime, isVjp } from './matrix-rules.js';
import { applyMatrixRule, rulesFor } from '../algebra/matrix-apply.js';

export interface MatrixProblem {
  /** Named intermediates and the loss (by `lossName`), shaped leaves written `mat(W1, n1, n0)`. */
  readonly definitions: readonly Definition[];
  readonly lossName: string;
  /** A shaped leaf (`mat(W1, n1, n0)`), a scalar name, or a defined name (`z2`, for δ2). */
  readonly wrt: Expr;
  readonly assumptions?: readonly Assumption[];
}

export interface MatrixDerivation {
  readonly defs: Definitions;
  readonly lossName: string;
  readonly recorder: ProofRecorder;
  readonly main: Derivation;
  /** The shape of each defined name. */
  readonly named: ShapeOfName;
}

/** Everything one proof's derivations share: each ∂L/∂Z is a lemma proven once. */
export class MatrixCalculus {
  readonly defs: Definitions;
  readonly named: ShapeOfName;
  readonly recorder: ProofRecorder;
  /** Proven lemmas by start (`diff(L, z2)`). */
  readonly lemmas = new Map<Expr, { index: number; result: Expr }>();
  private readonly vjpRules;
  private readonly primeRules;
  private readonly noFold: ReadonlySet<string>;
  /** How to write each result's factors, the books' way (display only). */
  readonly books = new BooksOrder();
  private readonly distance: ReadonlyMap<string, number>;

  constructor(
    definitions: readonly Definition[],
    readonly lossName: string,
    readonly rules: RuleSet = builtinRules(),
    budget: Budget = DEFAULT_BUDGET,
    readonly assumptions: readonly Assumption[] = [],
  ) {
    this.defs = definitionsOf(definitions);
    if (!this.defs.has(lossName)) throw new GradproofError('usage', `the loss ${lossName} is not defined`);
    this.named = shapesOf(this.defs);
    const loss = this.named(lossName);
    if (loss) throw new GradproofError('syntax', `the loss ${lossName} must be a scalar, not ${showShape(loss)}: write sum(...) to add up its entries`);
    // As the scalar path: a call defined wherever its arguments are records no condition when it disappears.
    this.recorder = new ProofRecorder(budget, totalByDefinition(rules.defs));
    this.vjpRules = rulesFor(VJP_RULES, rules);
    this.primeRules = rulesFor(PRIME_RULES, rules);
    this.noFold = new Set([lossName]);
    this.distance = new Map([...this.defs.order].reverse().map((n, i) => [n, i]));
  }

  /** What a derivative by `name` is by: its shaped leaf (`mat(W1, n1, n0)`), or the name. */
  nameOf(name: string): Expr {
    if (this.defs.has(name)) return sym(name);
    const leaf = wrtLeaf(this.defs, name);
    if (leaf.kind === 'sym' && !this.defs.freeVariables().includes(name)) throw new GradproofError('unknown-variable', `--wrt ${name}: ${this.lossName} does not use ${name}`);
    return leaf;
  }

  /** The main derivation of `∂L/∂wrt`. */
  derive(wrt: Expr): Derivation {
    const main = this.recorder.main(diff(sym(this.lossName), wrt));
    this.gradient(main, wrt);
    this.books.note(main.current, this.distance.size);
    return main;
  }

  /** `∂L/∂X` (a defined name's δ, or a parameter's gradient for --all), a lemma derived once: its number and result. */
  lemma(x: Expr): { index: number; result: Expr } {
    const start = diff(sym(this.lossName), x);
    const known = this.lemmas.get(start);
    if (known) return known;
    const d = this.recorder.lemma(start);
    this.gradient(d, x);
    this.recorder.finishLemma(d);
    this.books.note(d.current, x.kind === 'sym' ? (this.distance.get(x.name) ?? this.distance.size) : this.distance.size);
    const made = { index: d.index, result: d.current };
    this.lemmas.set(start, made);
    return made;
  }

  /** Takes `d` from `diff(L, X)` to the gradient in the user's names. */
  private gradient(d: Derivation, x: Expr): void {
    const L = this.lossName;
    d.beginPhase(d.start, 'chain');
    d.replace('chain', 'chain.matrix', [], chainMatrix(this.defs, L, x));
    d.beginPhase(d.start, 'rules');
    this.push(d, isVjp, this.vjpRules);
    this.push(d, isPrime, this.primeRules);
    d.beginPhase(d.start, 'simplify');
    simplify(d);
    d.beginPhase(d.start, 'lemma');
    this.citeLemmas(d);
    d.beginPhase(d.start, 'simplify');
    simplify(d);
    // The books' form, until nothing changes: the user's names folded back (an abbreviation can
    // be written in another one, δ1 in terms of δ2), scalars out of products and sums, the stated facts.
    for (let before: Expr | undefined; before !== d.current; ) {
      before = d.current;
      intoNames(d, this.defs, this.noFold, simplify);
      simplify(d);
      scalarsOut(d, this.named, this.rules);
      if (this.assumptions.length && factsUsed(d, this.assumptions, this.named)) simplify(d);
    }
    d.endPhase();
  }

  /** Applies the first rule that fits at the outermost node `is` picks, until none is left. */
  private push(d: Derivation, is: (e: Expr) => boolean, rules: Parameters<typeof applyMatrixRule>[0]): void {
    for (;;) {
      const path = firstWhere(d.current, is);
      if (!path) return;
      const node = atPath(d.current, path);
      const hit = applyMatrixRule(rules, node, this.named);
      if (!hit) throw new GradproofError('usage', `no matrix rule applies to ${toAscii(node)}`);
      d.replace('rule', hit.rule.id, path, hit.after, hit.conditions, hit.bindings);
    }
  }

  /** Replaces every `diff(L, Z)` by its lemma's result, each one cited. */
  private citeLemmas(d: Derivation): void {
    for (;;) {
      const path = firstWhere(d.current, (e) => e.kind === 'call' && e.fn === 'diff' && e.args[0] === sym(this.lossName) && e.args[1]!.kind === 'sym');
      if (!path) return;
      const start = atPath(d.current, path);
      const l = this.lemma(start.args[1]!);
      d.replace('lemma', 'lemma', path, l.result, [], new Map(), l.index);
    }
  }
}

/** Derives `∂L/∂wrt` for a shaped problem: the derivation, start to the books' form. */
export function deriveMatrixGradient(problem: MatrixProblem, rules?: RuleSet, budget: Budget = DEFAULT_BUDGET): MatrixDerivation {
  const c = new MatrixCalculus(problem.definitions, problem.lossName, rules, budget, problem.assumptions);
  const main = c.derive(problem.wrt);
  return { defs: c.defs, lossName: c.lossName, recorder: c.recorder, main, named: c.named };
}

/**
 * The chain step of the contract: `diff(N, X)` is the sum, over the defined names Z that N
 * depends on (or N itself) whose definition mentions X, of `vjp(diff(N, Z), D_Z, X)`, with
 * `diff(N, N)` written 1. Inside vjp every other name is held fixed, so nothing is counted twice.
 */
export function chainMatrix(defs: Definitions, n: string, x: Expr): Expr {
  const users = defs.order.filter((z) => (z === n || defs.dependsOn(n, z)) && mentions(defs.get(z)!, x));
  return add(...users.map((z) => vjp(z === n ? num(1) : diff(sym(n), sym(z)), defs.get(z)!, x)));
}

/** Whether `e` mentions X itself: the leaf `mat(W, r, c)`, or the name. */
const mentions = (e: Expr, x: Expr): boolean => contains(e, x);

/** The shape of each defined name: its definition's shape. Shape errors become positioned-less input errors. */
export function shapesOf(defs: Definitions): ShapeOfName {
  const known = new Map<string, Shape>();
  const named: ShapeOfName = (name) => {
    if (known.has(name)) return known.get(name) ?? undefined;
    const e = defs.get(name);
    if (!e) return undefined;
    try {
      const s = shapeOf(e, named);
      known.set(name, s);
      return s ?? undefined;
    } catch (err) {
      if (err instanceof ShapeError) throw new GradproofError('syntax', `${name}: ${err.message}`);
      throw err;
    }
  };
  for (const n of defs.order) named(n);
  return named;
}

/** The shaped leaf of a declared name anywhere in the definitions (`W1` is `mat(W1, n1, n0)`), or the name itself. */
export function wrtLeaf(defs: Definitions, name: string): Expr {
  for (const d of defs.list) {
    const found = leafNamed(d.expr, name);
    if (found) return found;
  }
  return sym(name);
}

function leafNamed(e: Expr, name: string): Expr | undefined {
  if (isMatSym(e) && matName(e) === name) return e;
  if (e.kind === 'call' && e.fn === MAT) return undefined;
  for (const a of e.args) {
    const f = leafNamed(a, name);
    if (f) return f;
  }
  return undefined;
}

function definitionsOf(list: readonly Definition[]): Definitions {
  try {
    return Definitions.of(list);
  } catch (err) {
    if (err instanceof Error && /defined twice/.test(err.message)) throw new GradproofError('duplicate', err.message);
    if (err instanceof Error && /cyclic/.test(err.message)) throw new GradproofError('cycle', err.message);
    throw err;
  }
}

/** The first node, outermost first, where `is` holds (not inside a derivative, which is an atom here). */
function firstWhere(e: Expr, is: (n: Expr) => boolean): Path | undefined {
  if (is(e)) return [];
  if (e.kind === 'call' && e.fn === 'diff') return undefined;
  for (let i = 0; i < e.args.length; i++) {
    const p = firstWhere(e.args[i]!, is);
    if (p) return [i, ...p];
  }
  return undefined;
}

function atPath(e: Expr, path: Path): Expr & { kind: 'call' } {
  let n = e;
  for (const i of path) n = n.args[i]!;
  return n as Expr & { kind: 'call' };
}

