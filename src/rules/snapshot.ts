/**
 * A loaded rule set as a JSON string, and back. `npm run gen` loads and validates the
 * built-in rule files once and embeds the result, so a command's start-up rebuilds the
 * rules' expressions from a table instead of parsing and checking the files again.
 *
 * Expressions are a table of distinct nodes, each after its operands, rebuilt through the
 * canonical constructors; elsewhere an expression is `{"$": index}`. The generator checks
 * that decoding gives back the very same (interned) nodes before it embeds a snapshot.
 */
import { type Expr, add, call, mul, num, pow, sym } from '../expr/node.js';
import { rat } from '../expr/rational.js';
import type { FunctionDef, Rule, RuleSet } from './types.js';
import { admitRules } from '../kernel/index.js';
import { recordLoaded } from './loaded.js';

type Node = [0, string, string] | [1, string] | [2 | 3, ...number[]] | [4, number, number] | [5, string, ...number[]];

interface Snapshot {
  readonly nodes: Node[];
  readonly rules: unknown;
  readonly defs: unknown;
  readonly functions: readonly string[];
}

const isExpr = (v: object): v is Expr => 'kind' in v && 'id' in v && 'args' in v && 'size' in v;

/** The rule set as JSON. */
export function encodeRuleSet(set: RuleSet): string {
  const nodes: Node[] = [];
  const index = new Map<Expr, number>();
  const node = (e: Expr): number => {
    const known = index.get(e);
    if (known !== undefined) return known;
    const args = e.args.map(node);
    let n: Node;
    if (e.kind === 'num') n = [0, String(e.value.n), String(e.value.d)];
    else if (e.kind === 'sym') n = [1, e.name];
    else if (e.kind === 'add') n = [2, ...args];
    else if (e.kind === 'mul') n = [3, ...args];
    else if (e.kind === 'pow') n = [4, args[0]!, args[1]!];
    else n = [5, e.fn, ...args];
    index.set(e, nodes.length);
    nodes.push(n);
    return nodes.length - 1;
  };
  const data = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(data);
    if (v === null || typeof v !== 'object') return v;
    if (isExpr(v)) return { $: node(v) };
    if (v instanceof Map || v instanceof Set) throw new TypeError('a rule holds a Map or a Set, which a snapshot cannot keep');
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, data(x)]));
  };
  const snapshot: Snapshot = { rules: data(set.rules), defs: data([...set.defs.values()]), functions: [...set.functions], nodes };
  return JSON.stringify(snapshot);
}

/** The rule set from `encodeRuleSet`'s JSON. */
export function decodeRuleSet(json: string): RuleSet {
  const s = JSON.parse(json) as Snapshot;
  const nodes: Expr[] = [];
  const at = (i: number): Expr => nodes[i]!;
  for (const n of s.nodes) {
    switch (n[0]) {
      case 0:
        nodes.push(num(rat(BigInt(n[1]), BigInt(n[2]))));
        break;
      case 1:
        nodes.push(sym(n[1]));
        break;
      case 2:
        nodes.push(add(...(n.slice(1) as number[]).map(at)));
        break;
      case 3:
        nodes.push(mul(...(n.slice(1) as number[]).map(at)));
        break;
      case 4:
        nodes.push(pow(at(n[1]), at(n[2])));
        break;
      case 5:
        nodes.push(call(n[1], ...(n.slice(2) as number[]).map(at)));
        break;
    }
  }
  const data = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(data);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    if (typeof o.$ === 'number') return at(o.$);
    for (const k in o) o[k] = data(o[k]);
    return o;
  };
  const rules = data(s.rules) as Rule[];
  const defs = data(s.defs) as FunctionDef[];
  // The snapshot is what `loadRules` made of the built-in files at build time (its digest is checked).
  return recordLoaded({ rules, byId: new Map(rules.map((r) => [r.id, r])), defs: new Map(defs.map((d) => [d.name, d])), functions: new Set(s.functions), admitted: admitRules(rules, defs, []) });
}

/** Whether two rule sets hold the same rules, definitions and functions (nodes compared by identity). */
export function sameRuleSet(a: RuleSet, b: RuleSet): boolean {
  const same = (x: unknown, y: unknown): boolean => {
    if (x === y) return true;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (Array.isArray(x) !== Array.isArray(y) || isExpr(x) || isExpr(y)) return false;
    const kx = Object.keys(x);
    const ky = Object.keys(y);
    return kx.length === ky.length && kx.every((k) => same((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]));
  };
  return (
    same(a.rules, b.rules) &&
    same([...a.defs.entries()], [...b.defs.entries()]) &&
    same([...a.byId.entries()].map(([k, r]) => [k, r.id]), [...b.byId.entries()].map(([k, r]) => [k, r.id])) &&
    same([...a.functions], [...b.functions])
  );
}
