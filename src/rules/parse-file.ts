/**
 * The `.rules` file format, read line by line:
 *
 *   # comment
 *   rule ID "English name" / "中文名称"        (also: derivative, algebra, step)
 *     LHS = RHS                  if free(c, x), nonzero(v), positive(u)
 *   derivative ID "..." / "..."
 *     f(u) -> f'(u)              if ...
 *   def NAME(u, ...) = BODY
 *
 * Under any rule header, an indented `explain "English sentence" / "中文句子"` line gives
 * the sentence that explains the rule's steps to a reader (before or after the body line).
 *
 * Nothing in a rule file is ever executed: it is parsed into expressions, and anything
 * else is a syntax error with its file and line.
 */
import { diff, mul, sym, type Expr } from '../expr/node.js';
import { GradproofError, positionOf } from '../expr/errors.js';
import { symbols } from '../expr/traverse.js';
import { BUILTIN_FUNCTIONS, parse } from '../parse/ascii.js';
import type { FunctionDef, Rule, RuleCondition, RuleKind } from './types.js';

export interface RuleFile {
  /** Shown in errors, e.g. `rules/derivative.rules`. */
  readonly name: string;
  readonly text: string;
}

export interface ParsedFile {
  readonly rules: Rule[];
  readonly defs: FunctionDef[];
}

const HEADER = /^(rule|derivative|algebra|step)\s+([a-z][a-z0-9]*(?:[.-][a-z0-9]+)*)\s+"([^"]*)"\s*\/\s*"([^"]*)"\s*$/;
const DEF = /^def\s+([A-Za-z_][A-Za-z0-9_]*)\(([^)]*)\)\s*=\s*(.+)$/;
const EXPLAIN = /^explain\s+"([^"]*)"\s*\/\s*"([^"]*)"\s*$/;
const CONDITION = /^(free|nonzero|positive)\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:,\s*([A-Za-z_][A-Za-z0-9_]*)\s*)?\)$/;

/** Parses one rule file; throws a `rule` error naming the file, line and id. */
export function parseRuleFile(file: RuleFile): ParsedFile {
  const lines = file.text.split(/\r?\n/);
  // Every `name(` in the file is a function for the expression parser; whether it is a
  // known function is checked when the rule set is validated.
  const functions = new Set(BUILTIN_FUNCTIONS);
  for (const m of file.text.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\(/g)) functions.add(m[1]!);
  for (const c of ['free', 'nonzero', 'positive', 'def']) functions.delete(c);

  const offsetOfLine = (n: number): number => lines.slice(0, n - 1).reduce((s, l) => s + l.length + 1, 0);
  const fail = (line: number, message: string, column = 1): never => {
    throw new GradproofError('rule', message, positionOf(file.text, offsetOfLine(line) + column - 1, file.name));
  };
  const expr = (text: string, line: number, column: number): Expr => {
    try {
      return parse(text, { functions, source: file.name });
    } catch (e) {
      if (e instanceof GradproofError && e.pos) fail(line, e.message, column + e.pos.offset);
      throw e;
    }
  };

  const rules: Rule[] = [];
  const defs: FunctionDef[] = [];
  // The rule being read: its header, then its body line and its explanation, in either order.
  let block: { kind: RuleKind; id: string; en: string; zh: string; line: number; rule?: Rule; explain?: Rule['explain'] } | undefined;
  const closeBlock = (): void => {
    if (!block) return;
    const b = block;
    block = undefined;
    const explain = b.explain ? { explain: b.explain } : {};
    if (b.kind === 'step') rules.push({ id: b.id, kind: 'step', name: { en: b.en, zh: b.zh }, conditions: [], file: file.name, line: b.line, ...explain });
    else if (!b.rule) fail(b.line, `rule ${b.id} has no body line`);
    else rules.push({ ...b.rule, ...explain });
  };

  lines.forEach((raw, index) => {
    const line = index + 1;
    const text = raw.replace(/\s+#.*$|^#.*$/, '').trimEnd();
    if (!text.trim()) return;
    const indent = text.length - text.trimStart().length;
    const body = text.trim();
    if (indent === 0) {
      closeBlock();
      const h = HEADER.exec(body);
      if (h) {
        block = { kind: (h[1] === 'rule' ? 'rewrite' : h[1]) as RuleKind, id: h[2]!, en: h[3]!, zh: h[4]!, line };
        return;
      }
      const d = DEF.exec(body);
      if (d) {
        const params = d[2]!.split(',').map((p) => p.trim());
        if (params.some((p) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) fail(line, `bad parameter list in def ${d[1]}`);
        const bodyExpr = expr(d[3]!, line, body.indexOf(d[3]!) + 1);
        defs.push({ name: d[1]!, params, body: bodyExpr, file: file.name, line });
        return;
      }
      fail(line, `expected 'rule', 'derivative', 'algebra', 'step' or 'def' but found: ${body.slice(0, 40)}`);
    }
    if (!block) fail(line, 'an indented line must follow a rule header', indent + 1);
    const p = block!;
    const e = EXPLAIN.exec(body);
    if (e) {
      if (p.explain) fail(line, `${p.id}: a second explain line`, indent + 1);
      if (!e[1]!.trim() || !e[2]!.trim()) fail(line, `${p.id}: explain needs an English and a Chinese sentence`, indent + 1);
      p.explain = { en: e[1]!.trim(), zh: e[2]!.trim() };
      return;
    }
    if (p.kind === 'step' || p.rule) fail(line, 'an indented line must follow a rule header', indent + 1);
    const [main, cond] = splitCondition(body);
    const conditions = cond === undefined ? [] : parseConditions(cond, (m) => fail(line, `${p.id}: ${m}`), (t) => expr(t, line, indent + 1 + body.indexOf(t)));
    const col = indent + 1;
    if (p.kind === 'derivative') {
      const parts = main.split('->');
      if (parts.length !== 2) fail(line, `${p.id}: a derivative line reads 'f(u) -> derivative'`, col);
      const [left, right] = [parts[0]!.trim(), parts[1]!.trim()];
      const head = expr(left, line, col + body.indexOf(left));
      const derivative = expr(right, line, col + body.indexOf(right, parts[0]!.length));
      if (head.kind !== 'call' || head.args.some((a) => a.kind !== 'sym')) {
        fail(line, `${p.id}: the left side must be a function of variables, like log(u)`, col);
      }
      const params = (head as Expr & { kind: 'call' }).args.map((a) => (a as Expr & { kind: 'sym' }).name);
      const x = freshName('x', [head, derivative]);
      const u = sym(params[0]!);
      // The one generic chain rule: diff(f(u, ...), x) = f'(u, ...) * diff(u, x).
      p.rule = {
        id: p.id,
        kind: 'derivative',
        name: { en: p.en, zh: p.zh },
        lhs: diff(head, sym(x)),
        rhs: mul(derivative, diff(u, sym(x))),
        outer: { fn: (head as Expr & { kind: 'call' }).fn, params, derivative },
        // Further parameters (a slope, a delta) must not depend on x.
        conditions: [...conditions, ...params.slice(1).map((q) => ({ pred: 'free' as const, args: [q, x] }))],
        file: file.name,
        line: p.line,
      };
      return;
    }
    const eq = splitTopLevelEquals(main);
    if (!eq) fail(line, `${p.id}: expected 'left = right'`, col);
    const lhs = expr(eq![0], line, col + body.indexOf(eq![0]));
    const rhs = expr(eq![1], line, col + body.indexOf(eq![1], eq![0].length));
    p.rule = { id: p.id, kind: p.kind, name: { en: p.en, zh: p.zh }, lhs, rhs, conditions, file: file.name, line: p.line };
  });
  closeBlock();
  return { rules, defs };
}

function splitCondition(body: string): [string, string | undefined] {
  const m = /\s+if\s+/.exec(body);
  return m ? [body.slice(0, m.index), body.slice(m.index + m[0].length)] : [body, undefined];
}

function parseConditions(text: string, fail: (m: string) => never, expr: (t: string) => Expr): RuleCondition[] {
  const parts = text.split(/,(?![^()]*\))/).map((s) => s.trim());
  return parts.map((part) => {
    const q = /^(nonzero|positive)\((.+)\)$/.exec(part);
    if (q) {
      const e = expr(q[2]!);
      return { pred: q[1] as 'nonzero' | 'positive', args: [...symbols(e)], expr: e };
    }
    const m = CONDITION.exec(part);
    if (!m) fail(`unknown condition '${part}' (known: free(c, x), nonzero(u), positive(u))`);
    const args = [m![2]!, ...(m![3] ? [m![3]] : [])];
    if ((m![1] === 'free') !== (args.length === 2)) fail(`condition '${part}' has the wrong number of arguments`);
    return { pred: m![1] as RuleCondition['pred'], args };
  });
}

/** Splits `a = b` at its one top-level `=`. */
function splitTopLevelEquals(text: string): [string, string] | undefined {
  let depth = 0;
  let at = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '=' && depth === 0 && text[i + 1] !== '=' && !'<>!='.includes(text[i - 1] ?? '')) {
      if (at >= 0) return undefined;
      at = i;
    }
  }
  return at < 0 ? undefined : [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}

function freshName(base: string, exprs: Expr[]): string {
  const used = new Set<string>();
  for (const e of exprs) symbols(e).forEach((s) => used.add(s));
  let name = base;
  for (let i = 1; used.has(name); i++) name = `${base}${i}`;
  return name;
}
