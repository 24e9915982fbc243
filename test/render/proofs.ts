/** Hand-built proofs and rules for the renderer tests. */
import { parse } from '../../src/parse/ascii.js';
import { pathsOf } from '../../src/expr/traverse.js';
import type { Condition, Phase, Proof, Step, StepKind } from '../../src/proof/types.js';
import type { Rule } from '../../src/rules/types.js';

const p = (s: string) => parse(s);

const rule = (id: string, en: string, zh: string): Rule => ({
  id,
  kind: id.startsWith('alg.') ? 'algebra' : id.startsWith('d.') ? 'derivative' : 'step',
  name: { en, zh },
  conditions: [],
  file: 'test.rules',
  line: 1,
});

/** A rule map by id, as `RuleSet.byId` would hold it. */
export const rules: ReadonlyMap<string, Rule> = new Map(
  [
    rule('chain', 'chain rule', '链式法则'),
    rule('def.unfold', 'substitute the definition', '代入定义'),
    rule('def.fold', 'write in the defined names', '用定义的名称表示'),
    rule('d.const-multiple', 'constant multiple rule', '常数倍法则'),
    rule('d.sum', 'sum rule', '求和法则'),
    rule('d.log', 'logarithm rule', '对数求导法则'),
    rule('d.sigmoid', 'sigmoid derivative', 'sigmoid 导数'),
    rule('d.power', 'power rule', '幂法则'),
    rule('d.var', 'derivative of the variable', '自变量的导数'),
    rule('alg.distribute', 'distribute', '分配律'),
    rule('alg.combine-fractions', 'combine into one fraction', '通分'),
    rule('alg.expand', 'expand', '展开'),
    rule('alg.collect', 'collect like terms', '合并同类项'),
    rule('alg.cancel-common-factor', 'cancel common factors', '约去公因子'),
    rule('lemma', 'use the result above', '代入上面的结果'),
  ].map((r) => [r.id, r]),
);

const nonzero = (s: string): Condition => ({ kind: 'nonzero', expr: p(s) });
const phase = (lhs: string, from: string, to: string): Phase => ({ lhs: p(lhs), from: p(from), to: p(to) });
const kindOf = (id: string): StepKind =>
  id === 'chain' ? 'chain' : id === 'lemma' ? 'lemma' : id.startsWith('def.') ? 'definition' : id.startsWith('alg.') ? 'algebra' : 'rule';
const step = (
  rule: string,
  [derivation, phase]: [number, number],
  before: string,
  after: string,
  conditions: Condition[] = [],
): Step => ({
  rule,
  kind: kindOf(rule),
  derivation,
  path: [],
  bindings: {},
  before: p(before),
  after: p(after),
  conditions,
  phase,
});

/**
 * `∂L/∂z2` for binary cross-entropy after a sigmoid, as the derivation engine lays it out:
 * the chain rule, a lemma for each factor (`∂L/∂a2`, `∂a2/∂z2`), then the main line again,
 * with the lemmas used and the common factor cancelled.
 */
export const bceSigmoid: Proof = {
  start: p('diff(L, z2)'),
  lemmas: [
    { start: p('diff(L, a2)'), result: p('(a2 - y)/(a2*(1 - a2))') },
    { start: p('diff(a2, z2)'), result: p('a2*(1 - a2)') },
  ],
  phases: [
    phase('diff(L, z2)', 'diff(L, z2)', 'diff(L, a2)*diff(a2, z2)'),
    phase('diff(L, a2)', 'diff(L, a2)', '(1 - y)/(1 - a2) - y/a2'),
    phase('diff(L, a2)', '(1 - y)/(1 - a2) - y/a2', '(a2 - y)/(a2*(1 - a2))'),
    phase('diff(a2, z2)', 'diff(a2, z2)', 'a2*(1 - a2)'),
    phase('diff(L, z2)', 'diff(L, a2)*diff(a2, z2)', '(a2 - y)/(a2*(1 - a2)) * a2*(1 - a2)'),
    phase('diff(L, z2)', '(a2 - y)/(a2*(1 - a2)) * a2*(1 - a2)', 'a2 - y'),
  ],
  steps: [
    step('chain', [0, 0], 'diff(L, z2)', 'diff(L, a2)*diff(a2, z2)'),
    step('def.unfold', [1, 1], 'diff(L, a2)', 'diff(-(y*log(a2) + (1 - y)*log(1 - a2)), a2)'),
    step('d.const-multiple', [1, 1], 'diff(-(y*log(a2) + (1 - y)*log(1 - a2)), a2)', '-diff(y*log(a2) + (1 - y)*log(1 - a2), a2)'),
    step('d.sum', [1, 1], '-diff(y*log(a2) + (1 - y)*log(1 - a2), a2)', '-(diff(y*log(a2), a2) + diff((1 - y)*log(1 - a2), a2))'),
    step('d.log', [1, 1], '-(diff(y*log(a2), a2) + diff((1 - y)*log(1 - a2), a2))', '-(y/a2 + diff((1 - y)*log(1 - a2), a2))', [nonzero('a2')]),
    step('d.log', [1, 1], '-(y/a2 + diff((1 - y)*log(1 - a2), a2))', '-(y/a2 - (1 - y)/(1 - a2))', [nonzero('1 - a2')]),
    step('alg.distribute', [1, 1], '-(y/a2 - (1 - y)/(1 - a2))', '(1 - y)/(1 - a2) - y/a2'),
    step('alg.combine-fractions', [1, 2], '(1 - y)/(1 - a2) - y/a2', '(a2*(1 - y) - y*(1 - a2))/(a2*(1 - a2))', [nonzero('a2'), nonzero('1 - a2')]),
    step('alg.expand', [1, 2], '(a2*(1 - y) - y*(1 - a2))/(a2*(1 - a2))', '(a2 - a2*y - y + a2*y)/(a2*(1 - a2))'),
    step('alg.collect', [1, 2], '(a2 - a2*y - y + a2*y)/(a2*(1 - a2))', '(a2 - y)/(a2*(1 - a2))'),
    step('def.unfold', [2, 3], 'diff(a2, z2)', 'diff(sigmoid(z2), z2)'),
    step('d.sigmoid', [2, 3], 'diff(sigmoid(z2), z2)', 'sigmoid(z2)*(1 - sigmoid(z2))'),
    step('def.fold', [2, 3], 'sigmoid(z2)*(1 - sigmoid(z2))', 'a2*(1 - a2)'),
    { ...step('lemma', [0, 4], 'diff(L, a2)*diff(a2, z2)', '(a2 - y)/(a2*(1 - a2)) * diff(a2, z2)'), lemma: 1 },
    { ...step('lemma', [0, 4], '(a2 - y)/(a2*(1 - a2)) * diff(a2, z2)', '(a2 - y)/(a2*(1 - a2)) * a2*(1 - a2)'), lemma: 2 },
    step('alg.cancel-common-factor', [0, 5], '(a2 - y)/(a2*(1 - a2)) * a2*(1 - a2)', 'a2 - y', [nonzero('a2'), nonzero('a2 - 1')]),
  ],
  result: p('a2 - y'),
  definitions: [
    { name: 'a2', expr: p('sigmoid(z2)') },
    { name: 'L', expr: p('-(y*log(a2) + (1 - y)*log(1 - a2))') },
  ],
  assumptions: [],
};

/** An exact flat chain for `d/dx (x^2 + 3x)`: each step's path points at its redex in `before`. */
export const polynomial: Proof = (() => {
  const chain: Array<[string, string, string]> = [
    ['d.sum', 'diff(x^2 + 3*x, x)', 'diff(x^2 + 3*x, x)'],
    ['d.const-multiple', 'diff(3*x, x) + diff(x^2, x)', 'diff(3*x, x)'],
    ['d.var', '3*diff(x, x) + diff(x^2, x)', 'diff(x, x)'],
    ['d.power', '3 + diff(x^2, x)', 'diff(x^2, x)'],
  ];
  const result = '3 + 2*x';
  const steps = chain.map(([rule, before, redex], i): Step => ({
    rule,
    kind: 'rule',
    path: pathsOf(p(before), p(redex))[0]!,
    bindings: {},
    before: p(before),
    after: p(chain[i + 1]?.[1] ?? result),
    conditions: [],
    phase: 0,
    derivation: 0,
  }));
  return {
    start: p('diff(x^2 + 3*x, x)'),
    lemmas: [],
    steps,
    phases: [phase('diff(x^2 + 3*x, x)', 'diff(x^2 + 3*x, x)', result)],
    result: p(result),
    definitions: [],
    assumptions: [],
  };
})();
