/** Loading rule files into a validated `RuleSet`. */
import { PRIMITIVES, evaluate, type FunctionTable } from '../expr/eval.js';
import { BUILTIN_FUNCTIONS } from '../parse/ascii.js';
import { parseRuleFile, type RuleFile } from './parse-file.js';
import { failer, validate } from './validate.js';
import type { FunctionDef, Rule, RuleSet } from './types.js';

/**
 * Parses and validates rule files, on top of `base` when given (a user's rules beside the
 * built-in ones). Throws a `rule` error with file, line and id for anything wrong.
 */
export function loadRules(files: readonly RuleFile[], base?: RuleSet): RuleSet {
  const texts = new Map(files.map((f) => [f.name, f.text]));
  const fail = failer(texts);
  const newRules: Rule[] = [];
  const newDefs: FunctionDef[] = [];
  for (const f of files) {
    const parsed = parseRuleFile(f);
    newRules.push(...parsed.rules);
    newDefs.push(...parsed.defs);
  }
  const defs = new Map(base?.defs ?? []);
  for (const d of newDefs) {
    const prev = defs.get(d.name);
    if (prev) fail(d, `def ${d.name} is already defined at ${prev.file}:${prev.line}`);
    defs.set(d.name, d);
  }
  const fns = functionTable(defs);
  // Ids must be unique across the base and the new files; only new rules need checking.
  const rules = [...(base?.rules ?? []), ...newRules];
  validate(rules, newDefs, fns, fail, new Set(newRules));
  const byId = new Map(rules.map((r) => [r.id, r]));
  const functions = new Set<string>([...BUILTIN_FUNCTIONS, ...Object.keys(fns)]);
  for (const r of rules) if (r.outer) functions.add(r.outer.fn);
  return { rules, byId, defs, functions };
}

/** Numeric implementations: the primitives, and for other defined functions their definitions. */
export function functionTable(defs: ReadonlyMap<string, FunctionDef>): FunctionTable {
  const table: Record<string, (...xs: number[]) => number> = { ...PRIMITIVES };
  for (const d of defs.values()) {
    if (table[d.name]) continue;
    table[d.name] = (...xs: number[]) => {
      const values = new Map(d.params.map((p, i) => [p, xs[i]!]));
      return evaluate(d.body, (n) => values.get(n), { fns: table });
    };
  }
  return table;
}
