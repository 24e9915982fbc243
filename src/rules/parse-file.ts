/**
 * The `.rules` file format, read line by line:
 *
 *   # comment
 *   rule ID "English name" / "中文名称"        (also: derivative, algebra, step)
 *     LHS = RHS                  if free(c, x), nonzero(v), positive(u), continuous(p - q)
 *   derivative ID "..." / "..."
 *     f(u) -> f'(u)              if ...
 *   derivative ID "..." / "..."        (a function of several arguments: one line per partial)
 *     f(u, v) -> f_u(u, v)       if ...   (a plain `->` is the partial in the first parameter)
 *     f(u, v) ->v f_v(u, v)      if ...
 *   def NAME(u, ...) = BODY
 *     takes "a slope" / "斜率"   (optional: the parameter a call must not leave out, for
 *                                 the message when one does: "leaky_relu takes a slope")
 *
 * Under any rule header, an indented `explain "English sentence" / "中文句子"` line gives
 * the sentence that explains the rule's steps to a reader (before or after the body line).
 * Under a `rule` header, an indented `shapes G [r, c], A [r, k], X any, n scalar` line makes
 * it a matrix rule: its pattern variables are the names it lists, each with its shape, and
 * every other name is a literal (see shapes.ts; rules/matrix.rules).
 *
 * Nothing in a rule file is ever executed: it is parsed into expressions, and anything
 * else is a syntax error with its file and line.
 */
import { add, diff, mul, sym, type Expr } from '../expr/node.js';
import { toAscii } from '../expr/print.js';
import { GradproofError, positionOf } from '../expr/errors.js';
import { symbols } from '../expr/traverse.js';
import { BUILTIN_FUNCTIONS, parse } from '../parse/ascii.js';
import type { FunctionDef, Rule, RuleCondition, RuleKind } from './types.js';
import { explainSentence } from './explain-math.js';
import { parseShapes } from './shapes.js';

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
const TAKES = /^takes\s+"([^"]+)"\s*\/\s*"([^"]+)"\s*$/;
const EXPLAIN = /^explain\s+"([^"]*)"\s*\/\s*"([^"]*)"\s*$/;
const SHAPES = /^shapes\s+(.*)$/;
const CONDITION = /^(free|nonzero|positive)\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:,\s*([A-Za-z_][A-Za-z0-9_]*)\s*)?\)$/;

/** Parses one rule file; throws a `rule` error naming the file, line and id. */
export function parseRuleFile(file: RuleFile): ParsedFile {
  const lines = file.text.split(/\r?\n/);
  // Every `name(` in the file is a function for the expression parser; whether it is a
  // known function is checked when the rule set is validated.
  const functions = new Set(BUILTIN_FUNCTIONS);
  // Comments and explain sentences are prose: `u(1 + t)` there is no function.
  const code = lines.map((l) => l.replace(/\s+#.*$|^#.*$/, '')).filter((l) => !/^\s+explain\s/.test(l)).join('\n');
  for (const m of code.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\(/g)) functions.add(m[1]!);
  for (const c of ['free', 'nonzero', 'positive', 'continuous', 'def']) functions.delete(c);

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
  // The def just read, which an indented `takes` line describes.
  let lastDef = -1;
  // The rule being read: its header, then its body line and its explanation, in either order.
  let block: { kind: RuleKind; id: string; en: string; zh: string; line: number; rule?: Rule; explain?: Rule['explain']; partials?: Partial[]; shapes?: Rule['shapes'] } | undefined;
  const closeBlock = (): void => {
    if (!block) return;
    const b = block;
    block = undefined;
    const explain = b.explain ? { explain: b.explain } : {};
    if (b.partials) rules.push(...desugarPartials(b.partials, b, file.name, explain));
    else if (b.kind === 'step') rules.push({ id: b.id, kind: 'step', name: { en: b.en, zh: b.zh }, conditions: [], file: file.name, line: b.line, ...explain });
    else if (!b.rule) fail(b.line, `rule ${b.id} has no body line`);
    else rules.push({ ...b.rule, ...explain, ...(b.shapes ? { shapes: b.shapes } : {}) });
  };

  lines.forEach((raw, index) => {
    const line = index + 1;
    const text = raw.replace(/\s+#.*$|^#.*$/, '').trimEnd();
    if (!text.trim()) return;
    const indent = text.length - text.trimStart().length;
    const body = text.trim();
    if (indent === 0) {
      closeBlock();
      lastDef = -1;
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
        lastDef = defs.length - 1;
        return;
      }
      fail(line, `expected 'rule', 'derivative', 'algebra', 'step' or 'def' but found: ${body.slice(0, 40)}`);
    }
    const t = TAKES.exec(body);
    if (t && !block && lastDef >= 0) {
      const d = defs[lastDef]!;
      if (d.takes) fail(line, `def ${d.name}: a second takes line`, indent + 1);
      defs[lastDef] = { ...d, takes: { en: t[1]!.trim(), zh: t[2]!.trim() } };
      return;
    }
    if (!block) fail(line, 'an indented line must follow a rule header', indent + 1);
    const p = block!;
    const e = EXPLAIN.exec(body);
    if (e) {
      if (p.explain) fail(line, `${p.id}: a second explain line`, indent + 1);
      if (!e[1]!.trim() || !e[2]!.trim()) fail(line, `${p.id}: explain needs an English and a Chinese sentence`, indent + 1);
      p.explain = explainSentence(e[1]!.trim(), e[2]!.trim(), (t) => expr(t, line, indent + 1 + body.indexOf(t)));
      return;
    }
    const sh = SHAPES.exec(body);
    if (sh) {
      if (p.kind !== 'rewrite') fail(line, `only a 'rule' declares shapes`, indent + 1);
      if (p.shapes) fail(line, `a second shapes line`, indent + 1);
      const from = indent + 1 + body.indexOf(sh[1]!);
      p.shapes = Object.freeze(parseShapes(sh[1]!, (m, at) => fail(line, m, from + at)));
      return;
    }
    if (p.kind === 'step' || p.rule) fail(line, 'an indented line must follow a rule header', indent + 1);
    const [main, cond] = splitCondition(body);
    const conditions = cond === undefined ? [] : parseConditions(cond, (m) => fail(line, `${p.id}: ${m}`), (t) => expr(t, line, indent + 1 + body.indexOf(t)));
    const col = indent + 1;
    if (p.kind === 'derivative') {
      const partial = readPartial(main, p.id, col, body, (t, c) => expr(t, line, c), (m) => fail(line, m, col));
      const prev = p.partials?.[0];
      if (prev && (prev.head.fn !== partial.head.fn || prev.params.join() !== partial.params.join())) fail(line, `rule ${p.id}: every line must name the same function and parameters, ${toAscii(prev.head)}`, col);
      if (p.partials?.some((q) => q.wrt === partial.wrt)) fail(line, `rule ${p.id}: a second line for the partial derivative in ${partial.wrt}`, col);
      (p.partials ??= []).push({ ...partial, conditions, line });
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

/** One line of a `derivative` block: the partial derivative of `head` in its parameter `wrt`. */
interface Partial {
  readonly head: Expr & { kind: 'call' };
  readonly params: readonly string[];
  readonly wrt: string;
  readonly derivative: Expr;
  readonly conditions?: readonly RuleCondition[];
  /** The line it is written on: a wrong partial is reported there. */
  readonly line?: number;
}

const PARTIAL = /^(.*?)->([A-Za-z_][A-Za-z0-9_]*)?(?=\s)(.*)$/;

/** Reads `f(u, v) -> d` (the partial in the first parameter) or `f(u, v) ->v d` (in v). */
function readPartial(main: string, id: string, col: number, body: string, expr: (t: string, column: number) => Expr, fail: (m: string) => never): Partial {
  const m = PARTIAL.exec(`${main} `);
  if (!m || !m[3]!.trim()) fail(`rule ${id}: a derivative line reads 'f(u) -> derivative', or 'f(u, v) ->v derivative' for the partial derivative in v`);
  const [left, right] = [m![1]!.trim(), m![3]!.trim()];
  const head = expr(left, col + body.indexOf(left));
  const derivative = expr(right, col + body.indexOf(right, m![1]!.length + 2));
  if (head.kind !== 'call' || head.args.some((a) => a.kind !== 'sym') || new Set(head.args.map((a) => (a as Expr & { kind: 'sym' }).name)).size !== head.args.length) {
    fail(`rule ${id}: the left side must be a function of distinct variables, like log(u) or max(u, v)`);
  }
  const params = (head as Expr & { kind: 'call' }).args.map((a) => (a as Expr & { kind: 'sym' }).name);
  const wrt = m![2] ?? params[0]!;
  if (!params.includes(wrt)) fail(`rule ${id}: ->${wrt} names no parameter of ${toAscii(head)}`);
  return { head: head as Expr & { kind: 'call' }, params, wrt, derivative };
}

/**
 * A derivative block as rewrite rules of the chain rule. One line: `diff(f(u, k), x) = f_u*diff(u, x)`
 * with every other parameter free of x. Several lines: first one such rule per partial (the
 * others held constant; the first line keeps the block's id, the others are `ID.v`), so an
 * argument free of x leaves no term behind; then `ID.chain`, the full chain rule
 * `diff(f(u, v), x) = f_u*diff(u, x) + f_v*diff(v, x)` under every line's conditions.
 */
function desugarPartials(partials: readonly Partial[], b: { id: string; en: string; zh: string; line: number }, file: string, explain: { explain?: Rule['explain'] }): Rule[] {
  const { head, params } = partials[0]!;
  const x = freshName('x', [head, ...partials.map((q) => q.derivative), ...partials.flatMap((q) => (q.conditions ?? []).flatMap((c) => (c.expr ? [c.expr] : [])))]);
  const X = sym(x);
  const lhs = diff(head, X);
  const free = (keep: readonly string[]): RuleCondition[] => params.filter((q) => !keep.includes(q)).map((q) => ({ pred: 'free' as const, args: [q, x] }));
  const base = { kind: 'derivative' as const, name: { en: b.en, zh: b.zh }, file, line: b.line, ...explain };
  const rules: Rule[] = partials.map((q, i) => ({
    ...base,
    id: i === 0 ? b.id : `${b.id}.${q.wrt}`,
    line: partials.length > 1 ? (q.line ?? b.line) : b.line,
    lhs,
    rhs: mul(q.derivative, diff(sym(q.wrt), X)),
    outer: { fn: head.fn, params, derivative: q.derivative, wrt: q.wrt },
    conditions: [...(q.conditions ?? []), ...free([q.wrt])],
  }));
  if (partials.length === 1) return rules;
  const seen = new Set<string>();
  const conditions: RuleCondition[] = [];
  for (const c of partials.flatMap((q) => q.conditions ?? [])) {
    const key = `${c.pred}:${c.expr ? toAscii(c.expr) : c.args.join()}`;
    if (!seen.has(key)) conditions.push(c), seen.add(key);
  }
  const varying = partials.map((q) => q.wrt);
  rules.push({ ...base, id: `${b.id}.chain`, lhs, rhs: add(...partials.map((q) => mul(q.derivative, diff(sym(q.wrt), X)))), conditions: [...conditions, ...free(varying)] });
  return rules;
}

function splitCondition(body: string): [string, string | undefined] {
  const m = /\s+if\s+/.exec(body);
  return m ? [body.slice(0, m.index), body.slice(m.index + m[0].length)] : [body, undefined];
}

function parseConditions(text: string, fail: (m: string) => never, expr: (t: string) => Expr): RuleCondition[] {
  const parts = text.split(/,(?![^()]*\))/).map((s) => s.trim());
  return parts.map((part) => {
    const q = /^(nonzero|positive|continuous)\((.+)\)$/.exec(part);
    if (q) {
      const e = expr(q[2]!);
      return { pred: q[1] as 'nonzero' | 'positive' | 'continuous', args: [...symbols(e)], expr: e };
    }
    const m = CONDITION.exec(part);
    if (!m) fail(`unknown condition '${part}' (known: free(c, x), nonzero(u), positive(u), continuous(u))`);
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
