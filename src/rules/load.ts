/** Loading rule files into a validated `RuleSet`. */
import { OVER_FAMILIES, PRIMITIVES, evaluate, type FunctionTable } from '../expr/eval.js';
import { familyParams } from '../expr/functions.js';
import { memberKey } from '../expr/indexed.js';
import { GradproofError } from '../expr/errors.js';
import { functions as calledIn } from '../expr/traverse.js';
import { BUILTIN_FUNCTIONS } from '../parse/ascii.js';
import { parseRuleFile, type RuleFile } from './parse-file.js';
import { failer, validate } from './validate.js';
import type { FunctionDef, Rule, RuleSet } from './types.js';
import { admitRules, userFilesOf } from '../kernel/index.js';
import { FIXED_NAMES } from './reserved.js';
import { loadedContents, recordLoaded } from './loaded.js';

/**
 * Parses and validates rule files, on top of `base` when given (a user's rules beside the
 * built-in ones). Throws a `rule` error with file, line and id for anything wrong. `builtin`
 * (the tool's own files alone) may define the names with a fixed meaning and declare steps.
 */
export function loadRules(files: readonly RuleFile[], base?: RuleSet, options: { readonly builtin?: boolean } = {}): RuleSet {
  // The base's rules as they were loaded, never as the object handed in now holds them.
  const from = base === undefined ? undefined : loadedContents(base);
  if (base !== undefined && !from) throw new GradproofError('usage', 'the rules to add to must come from loadRules: this rule set was built or changed by hand');
  const texts = new Map(files.map((f) => [f.name, f.text]));
  const fail = failer(texts);
  const newRules: Rule[] = [];
  const newDefs: FunctionDef[] = [];
  for (const f of files) {
    const parsed = naming(f, () => parseRuleFile(f));
    newRules.push(...parsed.rules);
    newDefs.push(...parsed.defs);
  }
  const own = !options.builtin;
  const defs = new Map(from?.defs ?? []);
  for (const d of newDefs) {
    if (own && FIXED_NAMES.has(d.name)) fail(d, `def ${d.name}: ${d.name} has a fixed meaning and cannot be redefined`);
    const prev = defs.get(d.name);
    if (prev) fail(d, `def ${d.name} is already defined at ${prev.file}:${prev.line}`);
    defs.set(d.name, d);
  }
  // A definition that calls itself, directly or through others, defines nothing (and would never finish evaluating).
  for (const d of newDefs) {
    const seen = new Set<string>();
    const stack = [...calledIn(d.body)];
    while (stack.length) {
      const f = stack.pop()!;
      if (f === d.name) fail(d, `def ${d.name} calls itself${seen.size ? ` (through ${[...seen].join(', ')})` : ''}: a definition must not be recursive`);
      const next = defs.get(f);
      if (!next || seen.has(f)) continue;
      seen.add(f);
      stack.push(...calledIn(next.body));
    }
  }
  // A step is checked by a procedure of the kernel's own, which a user's file cannot add to.
  if (own) for (const r of newRules) if (r.kind === 'step') fail(r, `rule ${r.id}: a rule file of your own cannot declare a step; steps are built into the checker`);
  const fns = functionTable(defs);
  // Ids must be unique across the base and the new files; only new rules need checking.
  const rules = [...(from?.rules ?? []), ...newRules];
  validate(rules, newDefs, fns, defs, fail, new Set(newRules));
  const byId = new Map(rules.map((r) => [r.id, r]));
  const functions = new Set<string>([...BUILTIN_FUNCTIONS, ...Object.keys(fns)]);
  for (const r of rules) if (r.outer) functions.add(r.outer.fn);
  // A user's files are axioms a theorem may rest on; the built-in files are the tool's own.
  const userFiles = new Set(base ? userFilesOf(base) : []);
  if (!options.builtin) for (const f of files) userFiles.add(f.name);
  return recordLoaded({ rules, byId, defs, functions, admitted: admitRules(rules, defs.values(), userFiles) });
}

/** A syntax error inside a rule's block names the rule as well: `rule d.x: missing ')' ...`. */
function naming<T>(f: RuleFile, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof GradproofError) || !err.pos || /^(rule|def) /.test(err.message)) throw err;
    const owner = ownerOf(f.text, err.pos.line);
    if (!owner) throw err;
    throw new GradproofError(err.code, `${owner}: ${err.message}`, err.pos);
  }
}

/** The rule (`rule d.x`) or definition (`def gauss`) whose block line `n` is in, if any. */
function ownerOf(text: string, n: number): string | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = n - 1; i >= 0; i--) {
    const l = lines[i] ?? '';
    // Indented lines, blank lines and comments belong to the block above them.
    if (!l.trim() || /^\s/.test(l) || l.startsWith('#')) continue;
    const header = /^(?:rule|derivative|algebra|step)\s+(\S+)/.exec(l);
    if (header) return `rule ${header[1]}`;
    const def = /^def\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(l);
    return def ? `def ${def[1]}` : undefined;
  }
  return undefined;
}

/** Numeric implementations: the primitives, and for other defined functions their definitions. */
export function functionTable(defs: ReadonlyMap<string, FunctionDef>): FunctionTable {
  // Once per rule set's definitions (every problem asks): a memo, not state.
  let known = FUNCTION_TABLES.get(defs);
  if (!known) FUNCTION_TABLES.set(defs, (known = buildFunctionTable(defs)));
  return known;
}

const FUNCTION_TABLES = new WeakMap<ReadonlyMap<string, FunctionDef>, FunctionTable>();

function buildFunctionTable(defs: ReadonlyMap<string, FunctionDef>): FunctionTable {
  const table: Record<string, (...xs: number[]) => number> = { ...PRIMITIVES };
  for (const d of defs.values()) {
    if (table[d.name]) continue;
    const families = familyParams(d);
    if (families.length) {
      // Over families, a function is evaluated for listed classes: their number n, then the
      // n members of each family in turn (as the evaluator passes `f([y1, y2], [a1, a2])`).
      // Another parameter before the size (softmax's class i) is passed as one value, in its place.
      const params = d.params.slice(0, -1);
      const mask = params.map((p) => families.includes(p));
      const fn = (n: number, ...xs: number[]): number => {
        if (xs.length !== n * families.length + params.length - families.length) return NaN;
        const values = new Map<string, number>([[d.params[d.params.length - 1]!, n]]);
        let at = 0;
        for (const p of params) {
          if (!families.includes(p)) values.set(p, xs[at++]!);
          else for (let m = 1; m <= n; m++) values.set(memberKey(p, m), xs[at++]!);
        }
        return evaluate(d.body, (name) => values.get(name), { fns: table });
      };
      table[d.name] = Object.assign(fn, { [OVER_FAMILIES]: mask });
      continue;
    }
    table[d.name] = (...xs: number[]) => {
      // max(a, b, c) is not max(a, b): a call with other arguments than the definition's has no value.
      if (xs.length !== d.params.length) return NaN;
      const values = new Map(d.params.map((p, i) => [p, xs[i]!]));
      return evaluate(d.body, (n) => values.get(n), { fns: table });
    };
  }
  return table;
}
