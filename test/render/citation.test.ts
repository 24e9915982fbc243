/** One idea per line: a textbook line names its main rule and folds the rest into a count. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runProblem } from '../../src/api/derive.js';
import { toAscii } from '../../src/expr/print.js';
import { at } from '../../src/expr/traverse.js';
import { parseProblem } from '../../src/parse/problem.js';
import { proofLines } from '../../src/render/lines.js';
import { parse } from '../../src/parse/ascii.js';
import type { Condition, Step, StepKind } from '../../src/proof/types.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { citeSteps, citedNames } from '../../src/render/citation.js';
import { gradproof } from '../cli/run.js';

const rules = builtinRules().byId;
const step = (rule: string, conditions: Condition[] = []): Step => ({
  rule,
  kind: (rule.startsWith('alg.') ? 'algebra' : rule.startsWith('def.') ? 'definition' : 'rule') as StepKind,
  path: [],
  bindings: {},
  before: parse('x'),
  after: parse('x'),
  conditions,
  phase: 0,
  derivation: 0,
});
const positive = (s: string): Condition => ({ kind: 'positive', expr: parse(s) });

describe('citeSteps: the main rule, the rules that brought a condition, the rest folded', () => {
  it.each([
    ['the first rule that is not routine is the main one', ['def.unfold', 'd.sum', 'd.log', 'd.self'], 'logarithm rule, and 3 routine steps', '对数求导法则，及另外 3 个常规步骤'],
    ['all routine: the first is named', ['def.unfold', 'd.sum', 'd.const', 'd.self'], 'substitute the definition, and 3 routine steps', '代入定义，及另外 3 个常规步骤'],
    ['one step folded', ['alg.combine-fractions', 'alg.collect'], 'combine into one fraction, and 1 routine step', '通分，及另外 1 个常规步骤'],
    ['a folded rule that is not routine: "more steps"', ['d.sum', 'd.exp', 'd.sin', 'd.self'], 'exponential rule, and 3 more steps', '指数函数求导法则，及另外 3 个步骤'],
    ['steps are counted, rules named once', ['d.log', 'd.sum', 'd.log', 'd.sum'], 'logarithm rule, and 2 routine steps', '对数求导法则，及另外 2 个常规步骤'],
    ['a single rule is named alone', ['lemma'], 'by the results above', '代入上面的结果'],
  ])('%s', (_, ids, en, zh) => {
    const c = citeSteps(ids.map((id) => step(id)));
    expect(citedNames(c, rules, 'en')).toEqual([en]);
    expect(citedNames(c, rules, 'zh')).toEqual([zh]);
  });

  it('a rule that brought a condition is named too, so the condition has its reason', () => {
    const c = citeSteps([step('d.exp'), step('d.sum'), step('d.sqrt', [positive('x')]), step('d.self')]);
    expect(c.cited).toEqual(['d.exp', 'd.sqrt']);
    expect(citedNames(c, rules, 'en')).toEqual(['exponential rule', 'square root rule, and 2 routine steps']);
  });

  it('no steps, nothing cited', () => {
    expect(citedNames(citeSteps([]), rules, 'en')).toEqual([]);
  });
});

describe('the seed, derived: one idea per line in the text, every rule in --steps and JSON', () => {
  it('text and Chinese text', () => {
    const en = gradproof('derive', 'examples/bce-sigmoid.grad').stdout.split('\n');
    expect(en.slice(8, 13)).toEqual([
      '∂L/∂a2  = (1 - y)/(1 - a2) - y/a2               logarithm rule, and 11 routine steps',
      '                                                [a2 > 0, a2 < 1]',
      "          The derivative of a logarithm is the derivative of its argument divided by the argument,",
      "          (log u)' = u'/u, which needs u > 0.",
      '        = (a2 - y)/(a2*(1 - a2))                combine into one fraction, and 2 routine steps',
    ]);
    const zh = gradproof('derive', 'examples/bce-sigmoid.grad', '--lang', 'zh').stdout;
    expect(zh).toContain('∂L/∂a2  = (1 - y)/(1 - a2) - y/a2               对数求导法则，及另外 11 个常规步骤  [a2 > 0, a2 < 1]\n');
  });

  it('JSON lines keep every rule, and say what the line cites', () => {
    const json = JSON.parse(gradproof('derive', 'examples/bce-sigmoid.grad', '--format', 'json').stdout) as { lines: { rules: string[]; names: string[]; cited: string[]; explanation: string }[] };
    const line = json.lines[1]!;
    expect(line.rules).toEqual(['def.unfold', 'd.const-multiple', 'd.sum', 'd.log', 'd.self', 'd.const', 'alg.distribute']);
    expect(line.names).toEqual(['substitute the definition', 'constant multiple rule', 'sum rule', 'logarithm rule', 'derivative of the variable itself', 'constant rule', 'distribute the sign']);
    expect(line.cited).toEqual(['logarithm rule, and 11 routine steps']);
    expect(line.explanation).toBe("The derivative of a logarithm is the derivative of its argument divided by the argument, (log u)' = u'/u, which needs u > 0.");
  });
});

describe('"substitute the definition" is said only where a definition was substituted', () => {
  const here = fileURLToPath(new URL('../../examples', import.meta.url));
  const set = builtinRules();
  const examples = readdirSync(here).filter((f) => f.endsWith('.grad') && !/softmax-cce-10/.test(f));

  it.each(examples)('examples/%s: every line that names it substituted a given name by its definition', (name) => {
    const spec = parseProblem(readFileSync(join(here, name), 'utf8'), `examples/${name}`, { functions: set.functions });
    const proof = runProblem(spec, { rules: set }).checked.proof;
    const defined = new Set(proof.definitions.map((d) => d.name));
    const lines = proofLines(proof, set.byId, 'en');
    for (const s of proof.steps.filter((st) => st.rule === 'def.unfold')) {
      // What it replaced is a given name (or a member of a given family), and it changed.
      const old = at(s.before, s.path)!;
      const named = old.kind === 'sym' ? old.name : old.kind === 'call' && old.fn === 'at' && old.args[0]!.kind === 'sym' ? old.args[0]!.name : undefined;
      expect(named !== undefined && defined.has(named), `${name}: ${toAscii(old)}`).toBe(true);
      expect(s.after).not.toBe(s.before);
    }
    const cited = lines.filter((l) => l.names.some((n) => n.startsWith('substitute the definition')));
    for (const l of cited) expect(l.rules, `${name}: ${toAscii(l.rhs)}`).toContain('def.unfold');
    // Where it is cited, it is the first step, the others being routine too.
    for (const l of cited) expect(l.rules[0]).toBe('def.unfold');
  });
});
