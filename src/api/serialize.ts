/**
 * Reading a proof back from the JSON that `--format json` writes, so the kernel can replay
 * it from the file alone. Everything is parsed again from its ASCII text; nothing is
 * trusted from the file but what the kernel then checks.
 */
import type { Expr } from '../expr/node.js';
import { GradproofError } from '../expr/errors.js';
import { num, sub } from '../expr/node.js';
import { parse, parseRelation, type ParseOptions } from '../parse/ascii.js';
import { parseAnyRelation } from '../parse/auto.js';
import { toAssumptions } from './derive.js';
import type { Assumption, Condition, Proof, Step, StepKind } from '../proof/types.js';

const KINDS: readonly StepKind[] = ['rule', 'algebra', 'definition', 'assumption', 'chain', 'lemma', 'index'];

/** Rebuilds a `Proof` from a parsed JSON object; throws a positioned error naming the bad field. */
export function proofFromJson(json: unknown, options: ParseOptions = {}): Proof {
  const o = record(json, 'the proof');
  const expr = (v: unknown, where: string): Expr => {
    if (typeof v !== 'string') throw new GradproofError('syntax', `${where} should be an expression in a string`);
    return parse(v, { ...options, source: where });
  };
  const list = (v: unknown, where: string): unknown[] => {
    if (!Array.isArray(v)) throw new GradproofError('syntax', `${where} should be a list`);
    return v;
  };
  const lemmas = list(o.lemmas ?? [], 'lemmas').map((l, i) => {
    const r = record(l, `lemmas[${i}]`);
    return { start: expr(r.start, `lemmas[${i}].start`), result: expr(r.result, `lemmas[${i}].result`) };
  });
  const steps = list(o.steps, 'steps').map((raw, i): Step => {
    const where = `steps[${i}]`;
    const r = record(raw, where);
    if (typeof r.rule !== 'string') throw new GradproofError('syntax', `${where}.rule should be a rule id`);
    if (!KINDS.includes(r.kind as StepKind)) throw new GradproofError('syntax', `${where}.kind should be one of ${KINDS.join(', ')}`);
    const path = list(r.path ?? [], `${where}.path`);
    if (!path.every((p) => Number.isInteger(p) && (p as number) >= 0)) throw new GradproofError('syntax', `${where}.path should be a list of operand indices`);
    const bindings = record(r.bindings ?? {}, `${where}.bindings`);
    const int = (v: unknown, name: string, fallback: number): number => {
      if (v === undefined) return fallback;
      if (!Number.isInteger(v)) throw new GradproofError('syntax', `${where}.${name} should be an integer`);
      return v as number;
    };
    return {
      rule: r.rule,
      kind: r.kind as StepKind,
      path: path as number[],
      bindings: Object.fromEntries(Object.entries(bindings).map(([k, v]) => [k, expr(v, `${where}.bindings.${k}`)])),
      before: expr(r.before, `${where}.before`),
      after: expr(r.after, `${where}.after`),
      conditions: list(r.conditions ?? [], `${where}.conditions`).map((c, j) => conditionFrom(c, `${where}.conditions[${j}]`, options)),
      phase: int(r.phase, 'phase', 0),
      derivation: int(r.derivation, 'derivation', 0),
      ...(r.lemma === undefined ? {} : { lemma: int(r.lemma, 'lemma', 0) }),
    };
  });
  const phases = list(o.phases ?? [], 'phases').map((p, i) => {
    const r = record(p, `phases[${i}]`);
    return { lhs: expr(r.lhs, `phases[${i}].lhs`), from: expr(r.from, `phases[${i}].from`), to: expr(r.to, `phases[${i}].to`) };
  });
  const start = expr(o.goal, 'goal');
  const result = expr(o.result, 'result');
  // The definitions and facts read last: the output echoes them as this file writes them
  // (expr/written.ts keeps a tree's latest reading), not as a step happens to.
  const definitions = list(o.definitions ?? [], 'definitions').map((d, i) => {
    const r = record(d, `definitions[${i}]`);
    const name = r.name;
    if (typeof name !== 'string') throw new GradproofError('syntax', `definitions[${i}].name should be a name`);
    // A family `a[k] = ...` carries its index.
    const index = r.index;
    if (index !== undefined && (typeof index !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(index))) throw new GradproofError('syntax', `definitions[${i}].index should be a name`);
    return { name, expr: expr(r.expr, `definitions[${i}].expr`), ...(index === undefined ? {} : { index }) };
  });
  const assumptions = list(o.assumptions ?? [], 'assumptions').flatMap((a, i): Assumption[] => {
    if (typeof a !== 'string') throw new GradproofError('syntax', `assumptions[${i}] should be a relation in a string`);
    return toAssumptions(parseAnyRelation(a, { ...options, source: `assumptions[${i}]` }, 'ascii'));
  });
  return { start, result, lemmas, steps, phases, definitions, assumptions };
}

/** `a2 != 1` is nonzero(a2 - 1); `u > 0` is positive(u); `a2 < 1` is positive(1 - a2); `x >= 0` is nonnegative(x); `f(x) is defined` is defined(f(x)). */
export function conditionFrom(v: unknown, where: string, options: ParseOptions = {}): Condition {
  if (typeof v !== 'string') throw new GradproofError('syntax', `${where} should be a condition in a string`);
  const defined = /^(.*\S)\s+is defined\s*$/s.exec(v);
  if (defined) return { kind: 'defined', expr: parse(defined[1]!, { ...options, source: where }) };
  const r = parseRelation(v, { ...options, source: where });
  const [l, rhs] = r.operands;
  const op = r.ops[0];
  if (r.ops.length !== 1 || !l || !rhs) throw new GradproofError('syntax', `${where} should be one relation such as 'u != 0'`);
  const diff = (a: Expr, b: Expr): Expr => (b === num(0) ? a : sub(a, b));
  if (op === '!=') return { kind: 'nonzero', expr: diff(l, rhs) };
  if (op === '>') return { kind: 'positive', expr: diff(l, rhs) };
  if (op === '<') return { kind: 'positive', expr: diff(rhs, l) };
  if (op === '>=') return { kind: 'nonnegative', expr: diff(l, rhs) };
  if (op === '<=') return { kind: 'nonnegative', expr: diff(rhs, l) };
  throw new GradproofError('syntax', `${where}: a condition is '!=', '<', '>', '<=' or '>=', not '${op}'`);
}

function record(v: unknown, where: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new GradproofError('syntax', `${where} should be an object`);
  return v as Record<string, unknown>;
}
