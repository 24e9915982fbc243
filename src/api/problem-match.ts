/**
 * Does a checked proof prove exactly a problem's statement? A proof file carries its own
 * goal, definitions and assumptions, and the kernel proves what the file says under what
 * the file assumes: a fact added to the file, or a definition changed, makes a different
 * theorem. Compared with the problem (a `.grad` file), a theorem matches when its statement
 * starts at the problem's `diff(loss, wrt)`, ends at one of its expectations (if it has
 * any), and its definitions and assumptions are exactly the problem's.
 */
import { type Expr, diff, sym } from '../expr/node.js';
import { definedTerm, wrtVariable } from '../expr/indexed.js';
import { toAscii } from '../expr/print.js';
import { symbols } from '../expr/traverse.js';
import type { Theorem } from '../kernel/index.js';
import type { ProblemSpec } from '../parse/problem.js';
import type { Assumption } from '../proof/types.js';
import { factAscii } from '../proof/label-sets.js';
import type { Lang } from '../render/rule-name.js';
import { toAssumptions } from './derive.js';

/** One way a theorem differs from a problem, each side in ASCII input syntax. */
export type ProblemDifference =
  | { readonly kind: 'statement'; readonly proof: string; readonly problem: string }
  | { readonly kind: 'result'; readonly proof: string; readonly problem: readonly string[] }
  | { readonly kind: 'extra-definition' | 'missing-definition' | 'extra-assumption' | 'missing-assumption'; readonly item: string }
  | { readonly kind: 'different-definition'; readonly name: string; readonly proof: string; readonly problem: string };

type Definition = Theorem['premises']['definitions'][number];

/** The problem's definitions and goal as the derivation states them: a loss without a name is named `L` (or `L1`, … when `L` is taken). */
function problemStatement(spec: ProblemSpec): { definitions: Definition[]; start: Expr } {
  const definitions: Definition[] = [...spec.definitions];
  let lossName = spec.lossName;
  if (lossName) definitions.push({ name: lossName, expr: spec.loss });
  else if (spec.loss.kind === 'sym' && definitions.some((d) => d.name === (spec.loss as Expr & { kind: 'sym' }).name)) lossName = spec.loss.name;
  else {
    const used = new Set(definitions.map((d) => d.name));
    for (const d of definitions) symbols(d.expr).forEach((s) => used.add(s));
    symbols(spec.loss).forEach((s) => used.add(s));
    lossName = 'L';
    for (let i = 1; used.has(lossName); i++) lossName = `L${i}`;
    definitions.push({ name: lossName, expr: spec.loss });
  }
  return { definitions, start: diff(sym(lossName), wrtVariable(spec.wrt)) };
}

const definitionText = (d: Definition): string => `${toAscii(definedTerm(d))} = ${toAscii(d.expr)}`;

/** A fact as written, up to the direction it is read in: `a > b` is `b < a`, `a = b` is `b = a`. */
function factKey(a: Assumption): string {
  if (a.among) return factAscii(a);
  const [l, r] = [toAscii(a.lhs), toAscii(a.rhs)];
  if (a.op === '>' || a.op === '>=') return `${r} ${a.op === '>' ? '<' : '<='} ${l}`;
  if ((a.op === '=' || a.op === '!=') && r < l) return `${r} ${a.op} ${l}`;
  return `${l} ${a.op} ${r}`;
}

/** Every way `theorem` differs from the problem `spec`; empty when it proves exactly the problem. */
export function problemDifferences(theorem: Theorem, spec: ProblemSpec): ProblemDifference[] {
  const out: ProblemDifference[] = [];
  const { definitions, start } = problemStatement(spec);
  if (theorem.lhs !== start) out.push({ kind: 'statement', proof: toAscii(theorem.lhs), problem: toAscii(start) });
  else if (spec.expects.length && !spec.expects.includes(theorem.rhs)) out.push({ kind: 'result', proof: toAscii(theorem.rhs), problem: spec.expects.map((e) => toAscii(e)) });
  const mine = new Map(theorem.premises.definitions.map((d) => [d.name, d]));
  const theirs = new Map(definitions.map((d) => [d.name, d]));
  for (const d of theorem.premises.definitions) {
    const p = theirs.get(d.name);
    if (!p) out.push({ kind: 'extra-definition', item: definitionText(d) });
    else if (p.expr !== d.expr || p.index !== d.index) out.push({ kind: 'different-definition', name: d.name, proof: definitionText(d), problem: definitionText(p) });
  }
  for (const d of definitions) if (!mine.has(d.name)) out.push({ kind: 'missing-definition', item: definitionText(d) });
  const facts = new Map(theorem.premises.assumptions.map((a) => [factKey(a), a]));
  const stated = new Map(spec.assumptions.flatMap(toAssumptions).map((a) => [factKey(a), a]));
  for (const [k, a] of facts) if (!stated.has(k)) out.push({ kind: 'extra-assumption', item: factAscii(a) });
  for (const [k, a] of stated) if (!facts.has(k)) out.push({ kind: 'missing-assumption', item: factAscii(a) });
  return out;
}

const WORDS = {
  en: {
    statement: (d: { proof: string; problem: string }) => `different statement: the proof is about ${d.proof}, the problem about ${d.problem}`,
    result: (d: { proof: string; problem: readonly string[] }) =>
      `different result: the proof ends at ${d.proof}, the problem expects ${d.problem.join(' or ')}`,
    'extra-definition': 'extra definition',
    'missing-definition': 'missing definition',
    'extra-assumption': 'extra assumption',
    'missing-assumption': 'missing assumption',
    different: (d: { name: string; proof: string; problem: string }) => `different definition of ${d.name}: the proof has ${d.proof}, the problem ${d.problem}`,
    matches: (source: string) => `proves exactly the problem in ${source}`,
    mismatch: (source: string) => `the proof does not prove exactly the problem in ${source}`,
    sep: '; ',
    colon: ': ',
  },
  zh: {
    statement: (d: { proof: string; problem: string }) => `命题不同：证明的是 ${d.proof}，问题求的是 ${d.problem}`,
    result: (d: { proof: string; problem: readonly string[] }) => `结果不同：证明得到 ${d.proof}，问题预期 ${d.problem.join(' 或 ')}`,
    'extra-definition': '多出的定义',
    'missing-definition': '缺少的定义',
    'extra-assumption': '多出的假设',
    'missing-assumption': '缺少的假设',
    different: (d: { name: string; proof: string; problem: string }) => `${d.name} 的定义不同：证明中为 ${d.proof}，问题中为 ${d.problem}`,
    matches: (source: string) => `恰好证明了 ${source} 中的问题`,
    mismatch: (source: string) => `这个证明没有恰好证明 ${source} 中的问题`,
    sep: '；',
    colon: '：',
  },
} as const;

/** One difference in words: `extra assumption y1 + y2 + y3 = 1`. */
export function differenceText(d: ProblemDifference, lang: Lang): string {
  const w = WORDS[lang];
  switch (d.kind) {
    case 'statement':
      return w.statement(d);
    case 'result':
      return w.result(d);
    case 'different-definition':
      return w.different(d);
    default:
      return `${w[d.kind]} ${d.item}`;
  }
}

/** `proves exactly the problem in FILE`, or why not: `the proof does not prove exactly the problem in FILE: extra assumption …; …`. */
export function problemVerdictText(source: string, differences: readonly ProblemDifference[], lang: Lang): string {
  const w = WORDS[lang];
  if (!differences.length) return w.matches(source);
  return `${w.mismatch(source)}${w.colon}${differences.map((d) => differenceText(d, lang)).join(w.sep)}`;
}
