/** A refuted link shows what its right side should have been: worked out, replayed by the kernel, checked numerically. */
import { describe, expect, it } from 'vitest';
import { checkChain } from '../../src/api/chain.js';
import { checkDerivation, withWritten } from '../../src/api/check-chain.js';
import { parse, parseDefinition } from '../../src/parse/ascii.js';
import { Definitions } from '../../src/expr/context.js';
import { valueAt } from '../../src/expr/numeric.js';
import { toAscii } from '../../src/expr/print.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { functionTable } from '../../src/rules/load.js';
import { checkProof } from '../../src/kernel/index.js';

const BCE = { L: '-(y*log(a2) + (1 - y)*log(1 - a2))', a2: 'sigmoid(z2)' };

describe('the correct right side of a refuted link', () => {
  it('after a proven derivative line: the first line worked out, to the form derive gives', () => {
    const r = checkChain(['diff(log(sigmoid(z)), z)', 'sigmoid(z)*(1 - sigmoid(z))/sigmoid(z)', '1 + sigmoid(z)']);
    expect(r.links.map((l) => l.verdict)).toEqual(['proven', 'refuted']);
    expect(r.links[1]!.correct).toEqual({
      source: 'first-line-derived',
      of: 'diff(log(sigmoid(z)), z)',
      to: '1 - sigmoid(z)',
      toLatex: '1 - \\sigma\\left(z\\right)',
      conditions: [],
      value: expect.closeTo(0.425557483, 8),
      written: expect.closeTo(1.574442517, 8),
    });
    expect(r.links[1]!.explanation).toBe(
      'The two sides differ. The correct right side is 1 - sigmoid(z) (the first line, ∂/∂z [log(sigmoid(z))], worked out): at z = 0.3 it is 0.425557, the written one 1.57444.',
    );
  });

  it('a correct right side that needs a condition says so: 1/x where x > 0', () => {
    const r = checkChain(['diff(log(x), x)', '-1/x']);
    expect(r.links[0]!.correct).toMatchObject({ source: 'left-side-derived', of: 'diff(log(x), x)', to: '1/x', conditions: ['x > 0'] });
    expect(r.links[0]!.explanation).toBe('The two sides differ. The correct right side is 1/x (the left side worked out, where x > 0): at x = 0.3 it is 3.33333, the written one -3.33333.');
  });

  it('a derivative written wrong at once: the left side worked out, in the names of the definitions', () => {
    const r = checkChain(['diff(L, z2)', 'y - a2'], { let: BCE });
    expect(r.links[0]!.correct).toMatchObject({ source: 'left-side-derived', of: 'diff(L, z2)', to: 'a2 - y', conditions: [] });
    expect(r.links[0]!.explanation).toBe(
      'The two sides differ. The correct right side is a2 - y (the left side worked out): at y = 0.3, z2 = 2 it is 0.580797, the written one -0.580797.',
    );
    const zh = checkChain(['diff(L, z2)', 'y - a2'], { let: BCE, lang: 'zh' });
    expect(zh.links[0]!.explanation).toBe(
      '两边取值不同。正确的右边应为 a2 - y（由左边求导并化简得到）：在 y = 0.3，z2 = 2 处，它等于 0.580797，而写出的右边等于 -0.580797。',
    );
  });

  it('plain algebra after a refuted line: the left side simplified, not the first line (no longer what it equals)', () => {
    const r = checkChain(['diff(x^2, x)', 'x + x + 1', '3*x']);
    expect(r.links.map((l) => [l.verdict, l.correct?.source, l.correct?.to])).toEqual([
      ['refuted', 'left-side-derived', '2*x'],
      ['refuted', 'left-side-simplified', '1 + 2*x'],
    ]);
    expect(r.links[1]!.explanation).toBe('The two sides differ. The correct right side is 1 + 2*x (the left side simplified): at x = 0.3 it is 1.60000, the written one 0.900000.');
  });

  it('after an unknown link the first line is not used, and a left side that does not simplify offers nothing', () => {
    const r = checkChain(['diff(sin(x)^2, x)', '2*sin(x)*cos(x)', 'sin(2*x)', 'sin(2*x) + 1']);
    expect(r.links.map((l) => l.verdict)).toEqual(['proven', 'unknown', 'refuted']);
    expect(r.links[2]!.correct).toBeNull();
    expect(r.links[2]!.explanation).toBe('The two sides differ.');
  });

  it('proven and unknown links have none', () => {
    const r = checkChain(['x*(x + 1)', 'x^2 + x', 'x^2 + x']);
    expect(r.links.map((l) => l.correct)).toEqual([null, null]);
  });
});

describe('what the correct side rests on', () => {
  const rules = builtinRules();
  const fns = { fns: functionTable(rules.defs) };
  const defs = (lets: Record<string, string>) => Object.entries(lets).map(([name, e]) => parseDefinition(`${name} = ${e}`));

  it.each([
    [{ L: BCE.L }, ['diff(L, a2)', '-y/a2 + (1 - y)/(1 - a2)', '-y/a2 - (1 - y)/(1 - a2)']],
    [BCE, ['diff(L, z2)', 'y - a2']],
    [{ a1: 'tanh(z1)' }, ['diff(a1^2, z1)', '2*a1*(1 + a1^2)']],
  ])('the kernel replays it, and it matches finite differences of the derivative (%#)', (lets, chain) => {
    const definitions = defs(lets);
    const o = checkDerivation({ definitions, assumptions: [], chains: [chain.map((e) => withWritten(parse(e)))] }, rules);
    const link = o.links.find((l) => l.decision.verdict === 'refuted')!;
    const c = link.correct!;
    expect(c.source).not.toBe('left-side-simplified');
    // The theorem is about what was worked out, and ends at the side shown.
    expect(checkProof(c.proof.proof, rules.admitted).ok).toBe(true);
    expect(c.proof.theorem.rhs).toBe(c.expr);
    const d = new Definitions(definitions);
    for (const point of [{ a2: 0.3, y: 0.2, z2: 0.4, z1: 0.7 }, { a2: 0.8, y: 1, z2: -1.5, z1: -0.4 }]) {
      // valueAt works a derivative out by central differences.
      const numeric = valueAt(c.of, point, d, fns);
      expect(valueAt(c.expr, point, d, fns)).toBeCloseTo(numeric, 5);
    }
    expect(toAscii(c.expr)).not.toBe(toAscii(link.to));
  });
});
