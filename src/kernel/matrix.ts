/**
 * The matrix steps: the reverse-mode chain step `chain.matrix`, and the bindings of a rule whose pattern variables have
 * declared shapes. vjp(G, E, X) = ∂/∂X Σᵢⱼ GᵢⱼEᵢⱼ holds the names inside E fixed, so ∂N/∂X is the sum, over the defined
 * names Z that N depends on (or N itself) whose definition D_Z mentions X, of vjp(∂N/∂Z, D_Z, X) (∂N/∂N written 1):
 * each path from X to N leaves X through exactly one such definition, so nothing is counted twice or left out.
 */
import type { Store, Term } from './term.js';
import { type Names, isMatLeaf, nodesOf } from './names.js';
import type { Defs } from './defs.js';
import { type Shapes, sameShape, showShape } from './shape.js';
import { isShapedCall } from './term.js';
import { toText } from './print.js';
import { ENTRYWISE } from './lower.js';

export type DeclaredShape = 'scalar' | 'any' | 'dim' | readonly [string, string];

/** The name a derivative is by: a name, or a declared matrix's name; undefined for anything else. */
export const variableName = (v: Term): string | undefined => (v.kind === 'sym' ? v.name : isMatLeaf(v) ? v.args[0]!.name : undefined);

/** What `diff(N, X)` becomes by `chain.matrix` (terms in the store's order of a sum), or why it does not apply. */
export function chainMatrix(s: Store, x: Names, defs: Defs, names: readonly string[], shapes: Shapes, old: Term): Term | string {
  const [f, v] = old.kind === 'call' && old.fn === 'diff' && old.args.length === 2 ? old.args : [];
  if (!f || !v || f.kind !== 'sym' || !defs.has(f.name)) return 'chain.matrix applies to diff(N, X) of a defined name N';
  const [n, xn] = [f.name, variableName(v)];
  if (xn === undefined || xn === n || (isMatLeaf(v) && defs.has(xn))) return `chain.matrix differentiates by a name or a declared matrix, not by ${toText(v)}`;
  if (shapes.of(f) !== null) return `chain.matrix differentiates a scalar, and ${n} is ${showShape(shapes.of(f))}`;
  const between = names.filter((z) => (z === n || defs.dependsOn(n, z)) && defs.dependsOn(z, xn));
  const family = between.find((z) => defs.isFamily(z));
  if (family !== undefined) return `chain.matrix goes through names, and ${family} is a family`;
  const uses = between.filter((z) => z !== xn && x.free(defs.get(z)!).has(xn));
  if (!uses.length) return `${n} does not depend on ${xn}`;
  return s.add(...uses.map((z) => s.call('vjp', z === n ? s.num(1) : s.call('diff', f, s.sym(z)), defs.get(z)!, v)));
}

/**
 * The bindings of a rule with declared shapes, checked: every declared variable bound to a term of its shape, each
 * dimension variable to one dimension throughout (a scalar is 1×1), a given dimension binding equal to it. A name of the
 * rule without a declared shape is not a variable: it stands for itself. Returns the substitution (dimensions included).
 */
export function shapedBindings(s: Store, id: string, declared: Readonly<Record<string, DeclaredShape>>, lhs: Term, given: ReadonlyMap<string, Term>, shapes: Shapes): Map<string, Term> | string {
  const out = new Map<string, Term>();
  const dims = new Map<string, Term>();
  for (const v of new Set(nodesOf(lhs).filter((t) => t.kind === 'sym').map((t) => t.name))) {
    const d = declared[v];
    const t = given.get(v);
    if (d === undefined) continue;
    if (!t) return `binding for ${v} missing`;
    out.set(v, t);
    const sh = shapes.of(t);
    if (d === 'any') continue;
    if (d === 'dim') {
      // A dimension: a name or a positive integer (the `m` of `bcast(b, m)`).
      if (!(t.kind === 'sym' || (t.kind === 'num' && t.value.d === 1n && t.value.n > 0n))) return `${id} needs ${v} a dimension, and ${toText(t)} is not one`;
      continue;
    }
    const bound = Array.isArray(d) ? d.filter((n) => dims.has(n)).map((n) => `, ${n} = ${toText(dims.get(n)!)}`).join('') : '';
    const wrong = `${id} needs ${v} ${d === 'scalar' ? 'scalar' : `of shape [${d[0]}, ${d[1]}]${bound}`}, and ${toText(t)} is ${showShape(sh)}`;
    if (d === 'scalar') {
      if (sh !== null) return wrong;
      continue;
    }
    const have = sh ?? { rows: s.num(1), cols: s.num(1) };
    for (const [want, got] of [[d[0], have.rows], [d[1], have.cols]] as const) {
      // A dimension is a name bound to one dimension throughout, or a positive integer it must be.
      const fixed = /^[0-9]+$/.test(want);
      if (fixed ? !(got.kind === 'num' && got.value.d === 1n && got.value.n === BigInt(want)) : (dims.get(want) ?? got) !== got) return wrong;
      if (!fixed) dims.set(want, got);
    }
  }
  for (const [k, t] of given) {
    if (out.has(k) || (declared[k] === undefined && !dims.has(k) && t === s.sym(k) && nodesOf(lhs).includes(t))) continue;
    if (!dims.has(k)) return `binding for ${k}, which ${id} does not have`;
    if (dims.get(k) !== t) return `${id} binds the dimension ${k} to ${toText(dims.get(k)!)}, not ${toText(t)}`;
  }
  for (const [k, t] of dims) if (declared[k] === undefined) out.set(k, t);
  return out;
}

/** Whether a rule's sides speak of matrix operations: without declared shapes it was checked on scalars only. */
export const aboutMatrices = (sides: readonly Term[]): boolean => sides.some((t) => nodesOf(t).some((n) => n.kind === 'call' && (isShapedCall(n) || n.fn === 'vjp' || n.fn === 'prime')));

/** Along `path`: the variables of the vjps whose E it enters (names there are held fixed), and whether it enters a derivative's variable. */
export function vjpContext(e: Term, path: readonly number[]): { fixedIn: string[]; inVariable: boolean } {
  const out = { fixedIn: [] as string[], inVariable: false };
  let cur: Term | undefined = e;
  for (const i of path) {
    if (!cur) break;
    const vjp = cur.kind === 'call' && cur.fn === 'vjp' && cur.args.length === 3;
    if (vjp && i === 1) out.fixedIn.push(variableName(cur.args[2]!) ?? toText(cur.args[2]!));
    if ((vjp && i === 2) || (cur.kind === 'call' && cur.fn === 'diff' && i === 1)) out.inVariable = true;
    cur = cur.args[i];
  }
  return out;
}

/**
 * Whether the scalar `r` may stand at `path` for the matrix there, by a rule that says the matrix is `r` at every entry
 * (`bcast(s, m) = s`, `ones(r, c) = 1`): only where every node above it is entrywise (+, ⊙, ^, a function of the
 * entries), up to one whose shape it keeps; there `r` is repeated to that shape, entry for entry as the matrix was.
 */
export function repeatedEntrywise(s: Store, shapes: Shapes, before: Term, path: readonly number[], r: Term): boolean {
  for (let k = path.length - 1; k >= 0; k--) {
    let n: Term = before;
    for (const i of path.slice(0, k)) n = n.args[i]!;
    const entrywise = n.kind === 'add' || n.kind === 'mul' || n.kind === 'pow' || (n.kind === 'call' && ENTRYWISE.has(n.fn));
    if (!entrywise) return false;
    if (sameShape(shapes.of(s.replaceAt(n, path.slice(k), r)), shapes.of(n))) return true;
  }
  return false;
}
