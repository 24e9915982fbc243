/** Paths, replacement and queries over expression trees. */
import { type Expr, rebuild, replaceArg } from './node.js';

/** A path is the list of operand indices from the root to a subterm. */
export type Path = readonly number[];

/** The subterm at `path`, or undefined when the path leaves the tree. */
export function at(e: Expr, path: Path): Expr | undefined {
  let cur: Expr | undefined = e;
  for (const i of path) {
    cur = cur.args[i];
    if (!cur) return undefined;
  }
  return cur;
}

/**
 * `e` with the subterm at `path` replaced, rebuilt through the canonical constructors.
 * (Rebuilding can flatten or reorder the parents, which is why a step records both sides.)
 */
export function replaceAt(e: Expr, path: Path, replacement: Expr, from = 0): Expr {
  if (from === path.length) return replacement;
  const i = path[from]!;
  const child = e.args[i];
  if (!child) throw new RangeError(`path ${path.join('.')} leaves the expression`);
  return replaceArg(e, i, replaceAt(child, path, replacement, from + 1));
}

/** Rebuilds bottom-up, applying `f` to every node after its operands; shared subtrees are visited once. */
export function mapBottomUp(e: Expr, f: (node: Expr) => Expr, memo = new Map<Expr, Expr>()): Expr {
  const hit = memo.get(e);
  if (hit) return hit;
  let out: Expr;
  if (e.args.length === 0) out = f(e);
  else {
    const args = e.args.map((a) => mapBottomUp(a, f, memo));
    const same = args.every((a, i) => a === e.args[i]);
    out = f(same ? e : rebuild(e, args));
  }
  memo.set(e, out);
  return out;
}

/** Every distinct node of the tree, each once, operands before their parents. */
export function nodes(e: Expr): Expr[] {
  const seen = new Set<Expr>();
  const out: Expr[] = [];
  const stack: Array<[Expr, boolean]> = [[e, false]];
  while (stack.length) {
    const [n, done] = stack.pop()!;
    if (done) {
      out.push(n);
      continue;
    }
    if (seen.has(n)) continue;
    seen.add(n);
    stack.push([n, true]);
    for (let i = n.args.length - 1; i >= 0; i--) stack.push([n.args[i]!, false]);
  }
  return out;
}

/** Names of the symbols that occur in `e`. */
export function symbols(e: Expr): Set<string> {
  const out = new Set<string>();
  if (e.size > SMALL || e.depth > SMALL) {
    for (const n of nodes(e)) if (n.kind === 'sym') out.add(n.name);
    return out;
  }
  // A small tree (a rule's side, at every rule step the kernel replays) directly, in the same order.
  const walk = (n: Expr): void => {
    if (n.kind === 'sym') out.add(n.name);
    else for (let i = 0; i < n.args.length; i++) walk(n.args[i]!);
  };
  walk(e);
  return out;
}

/** Names of the functions applied in `e`. */
export function functions(e: Expr): Set<string> {
  const out = new Set<string>();
  for (const n of nodes(e)) if (n.kind === 'call') out.add(n.fn);
  return out;
}

/** Whether `part` occurs in `e`. */
export function contains(e: Expr, part: Expr): boolean {
  if (e === part) return true;
  if (e.depth <= part.depth) return false;
  for (const a of e.args) if (contains(a, part)) return true;
  return false;
}

/** Paths of every occurrence of `part`, in pre-order. */
export function pathsOf(e: Expr, part: Expr): number[][] {
  const out: number[][] = [];
  // One path, grown and shrunk along the walk, copied only at a hit.
  const path: number[] = [];
  const walk = (n: Expr): void => {
    if (n === part) {
      out.push(path.slice());
      return;
    }
    if (n.depth <= part.depth) return;
    for (let i = 0; i < n.args.length; i++) {
      path.push(i);
      walk(n.args[i]!);
      path.pop();
    }
  };
  walk(e);
  return out;
}

/** `e` with names replaced by expressions (simultaneously). */
export function substitute(e: Expr, subst: ReadonlyMap<string, Expr>): Expr {
  if (subst.size === 0) return e;
  // A small tree (a rule's side) directly; a large one with a memo, so shared parts are done once.
  if (e.size <= SMALL) return substituteTree(e, subst);
  return mapBottomUp(e, (n) => (n.kind === 'sym' ? (subst.get(n.name) ?? n) : n));
}

const SMALL = 64;

/** substitute without a memo, for a tree of at most SMALL nodes: the same result, rebuilt the same way. */
function substituteTree(e: Expr, subst: ReadonlyMap<string, Expr>): Expr {
  if (e.kind === 'sym') return subst.get(e.name) ?? e;
  const src = e.args;
  let args: Expr[] | undefined;
  for (let i = 0; i < src.length; i++) {
    const a = substituteTree(src[i]!, subst);
    if (a !== src[i] && !args) {
      args = [];
      for (let j = 0; j < i; j++) args.push(src[j]!);
    }
    if (args) args.push(a);
  }
  return args ? rebuild(e, args) : e;
}

/**
 * The deepest path at which `before` and `after` differ: below it they agree except in one
 * operand. Used to record where an algebra step changed an expression.
 */
export function changedPath(before: Expr, after: Expr): number[] {
  const path: number[] = [];
  let a = before;
  let b = after;
  for (;;) {
    if (a === b || a.kind !== b.kind || a.args.length !== b.args.length) return path;
    if (a.kind === 'call' && b.kind === 'call' && a.fn !== b.fn) return path;
    let diffAt = -1;
    for (let i = 0; i < a.args.length; i++) {
      if (a.args[i] !== b.args[i]) {
        if (diffAt >= 0) return path;
        diffAt = i;
      }
    }
    if (diffAt < 0) return path;
    path.push(diffAt);
    a = a.args[diffAt]!;
    b = b.args[diffAt]!;
  }
}

/** Whether `e` holds an unevaluated derivative `diff(f, x)` (measured when the node was made). */
export const hasDiff = (e: Expr): boolean => e.hasDiff;

/**
 * A constant that is positive by its form: a positive number, pi, and products, real powers,
 * square roots and exponentials of those (`sqrt(2)`, `2*pi`, `sqrt(2*pi)`). Dividing by one
 * never needs a condition.
 */
export function isPositiveConstant(e: Expr): boolean {
  if (e.kind === 'num') return e.value.n > 0n;
  if (e.kind === 'sym') return e.name === 'pi';
  if (e.kind === 'mul') return e.args.every(isPositiveConstant);
  if (e.kind === 'pow') return isPositiveConstant(e.args[0]) && e.args[1].kind === 'num';
  if (e.kind === 'call' && (e.fn === 'sqrt' || e.fn === 'exp') && e.args.length === 1) return isPositiveConstant(e.args[0]!);
  return false;
}

/** Bases of every negative numeric power in `e` that may vanish: what it divides by. */
export function denominatorsOf(e: Expr): Expr[] {
  const out: Expr[] = [];
  const walk = (n: Expr): void => {
    if (n.kind === 'pow' && n.args[1].kind === 'num' && n.args[1].value.n < 0n && !isPositiveConstant(n.args[0])) out.push(n.args[0]);
    for (let i = 0; i < n.args.length; i++) walk(n.args[i]!);
  };
  walk(e);
  return out;
}

/** The variables of the derivatives that `path` enters as their first operand (a family for `z[i]`). */
export function diffVariablesAbove(e: Expr, path: Path): string[] {
  const out: string[] = [];
  let cur = e;
  for (const i of path) {
    if (cur.kind === 'call' && cur.fn === 'diff' && i === 0) {
      // By a name, or by a member of a family (`z[i]`): the family's name.
      const x = cur.args[1]!;
      if (x.kind === 'sym') out.push(x.name);
      else if (x.kind === 'call' && x.fn === 'at' && x.args[0]!.kind === 'sym') out.push(x.args[0]!.name);
    }
    cur = cur.args[i]!;
  }
  return out;
}
