import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseProblem } from '../../src/parse/problem.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { allToJson, deriveAll } from '../../src/api/all.js';
import { runProblem } from '../../src/api/derive.js';
import { expectMatchesFiniteDifferences } from '../support/fd.js';

const rules = builtinRules();
const load = (file: string) => parseProblem(readFileSync(file, 'utf8'), file, { functions: rules.functions });

describe('--all: every gradient of a network, in reverse mode', () => {
  const o = deriveAll(load('examples/two-layer.grad'), rules);
  const json = allToJson(o) as { gradients: Record<string, string>; checked: boolean; replayed: number; lemmaOf: Record<string, number>; lemmas: Array<{ start: string; result: string }> };

  it('gives each result in textbook form', () => {
    expect(json.gradients).toEqual({
      a2: '(a2 - y)/(a2*(1 - a2))',
      z2: 'a2 - y',
      a1: '(a2 - y)*w2',
      z1: '(a2 - y)*w2*a1*(1 - a1)',
      b1: '(a2 - y)*w2*a1*(1 - a1)',
      b2: 'a2 - y',
      w1: '(a2 - y)*w2*a1*(1 - a1)*x',
      w2: '(a2 - y)*a1',
      x: '(a2 - y)*w2*a1*(1 - a1)*w1',
      y: 'log(1 - a2) - log(a2)',
    });
    expect(json.checked).toBe(true);
    expect(json.replayed).toBeGreaterThan(50);
  });

  it('derives ∂L/∂z2 once, and the later gradients cite it', () => {
    expect(json.lemmas.filter((l) => l.start === 'diff(L, z2)')).toHaveLength(1);
    const z2 = json.lemmaOf.z2!;
    const citing = o.proof.steps.filter((s) => s.kind === 'lemma' && s.lemma === z2).map((s) => s.derivation);
    expect(citing.sort()).toEqual([json.lemmaOf.w2, json.lemmaOf.b2, json.lemmaOf.a1].sort());
  });

  it('each gradient agrees with finite differences', () => {
    for (const g of o.gradients) {
      const spec = { ...load('examples/two-layer.grad'), wrt: g.wrt, expects: [] };
      expectMatchesFiniteDifferences(runProblem(spec, { rules }));
    }
  });

  it('a gradient that sums over two paths', () => {
    const two = allToJson(deriveAll(load('examples/network-2x2.grad'), rules)) as { gradients: Record<string, string> };
    expect(two.gradients.w11).toBe('(a - y)*v1*h1*(1 - h1)*x1');
    expect(two.gradients.x1).toBe('(a - y)*(h1*v1*w11*(1 - h1) + h2*v2*w21*(1 - h2))');
  });
});
