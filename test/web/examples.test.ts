/**
 * The playground's examples, permalink and check mode, outside the browser: every example
 * file split into the fields reads back as the same problem (or derivation) as the file
 * itself, and a permalink gives back every field, the language and the mode.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDerivation } from '../../src/api/check-chain.js';
import { toAscii } from '../../src/expr/print.js';
import { parseDerivation } from '../../src/parse/derivation.js';
import { parseProblem } from '../../src/parse/problem.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { checkFields } from '../../web/check.js';
import { exampleOf } from '../../web/examples.js';
import { stateFromHash, stateToHash } from '../../web/permalink.js';
import { readFields } from '../../web/problem.js';
import { ROOT } from '../cli/run.js';

const EXAMPLES = join(ROOT, 'examples');
const files = (ext: string): string[] => readdirSync(EXAMPLES).filter((f) => f.endsWith(ext)).sort();
const text = (f: string): string => readFileSync(join(EXAMPLES, f), 'utf8');
const rules = builtinRules();

describe('an example file as the fields', () => {
  it('focal-sigmoid.grad: each keyword to its field, comments left out', () => {
    const e = exampleOf({ file: 'focal-sigmoid.grad', text: text('focal-sigmoid.grad') });
    expect(e).toEqual({
      file: 'focal-sigmoid.grad',
      label: '∂L/∂z for the focal loss with gamma = 2 on a sigmoid output',
      mode: 'derive',
      fields: {
        title: '∂L/∂z for the focal loss with gamma = 2 on a sigmoid output',
        definitions: 'a = sigmoid(z)',
        loss: 'L = focal(y, a, 2)',
        wrt: 'z',
        expect: 'y*(1 - a)^2*(2*a*log(a) + a - 1) + (1 - y)*a^2*(a - 2*(1 - a)*log(1 - a))',
        assume: '',
        steps: '',
      },
    });
  });

  it('wrong-step.proof: a derivation to check, its steps as written', () => {
    const e = exampleOf({ file: 'wrong-step.proof', text: text('wrong-step.proof') });
    expect(e.mode).toBe('check');
    expect(e.fields.definitions).toBe('L = -(y*log(a2) + (1 - y)*log(1 - a2))');
    expect(e.fields.steps).toBe('  diff(L, a2)\n= -y/a2 + (1 - y)/(1 - a2)\n= -y/a2 - (1 - y)/(1 - a2)\n= -(y*(1 - a2) + (1 - y)*a2)/(a2*(1 - a2))');
  });

  it.each(files('.grad'))('%s reads back as the problem the file states', (file) => {
    const e = exampleOf({ file, text: text(file) });
    const read = readFields(e.fields, rules.functions);
    if (!('spec' in read)) throw new Error(`${file}: ${read.error.message}`);
    const spec = parseProblem(text(file), file, { functions: rules.functions });
    const shape = (s: typeof spec) => ({
      title: s.title,
      definitions: s.definitions.map((d) => `${d.name}${d.index ? `[${d.index}]` : ''} = ${toAscii(d.expr)}`),
      loss: `${s.lossName} = ${toAscii(s.loss)}`,
      wrt: s.wrt,
      expects: s.expects.map((x) => toAscii(x)),
      assumptions: s.assumptions.length,
    });
    expect(shape(read.spec)).toEqual(shape(spec));
  });

  it.each(files('.proof'))('%s checks link by link as the file does', (file) => {
    const e = exampleOf({ file, text: text(file) });
    const checked = checkFields(e.fields, rules, 'en');
    if (!('view' in checked)) throw new Error(`${file}: ${checked.error.message}`);
    const direct = checkDerivation(parseDerivation(text(file), file, { functions: rules.functions }), rules);
    expect(checked.view.links.map((l) => l.verdict)).toEqual(direct.links.map((l) => l.decision.verdict));
  });
});

describe('check mode', () => {
  const wrong = exampleOf({ file: 'wrong-step.proof', text: text('wrong-step.proof') }).fields;

  it('wrong-step.proof: step 2 refuted with its point, the others proven', () => {
    const checked = checkFields(wrong, rules, 'en');
    if (!('view' in checked)) throw new Error(checked.error.message);
    const v = checked.view;
    expect(v.links.map((l) => l.verdict)).toEqual(['proven', 'refuted', 'proven']);
    expect([v.status, v.wrong, v.undecided]).toEqual(['refuted', 2, undefined]);
    expect(v.links[0]!.from).toBe('\\frac{\\partial L}{\\partial a_{2}}');
    expect(v.links[1]!.from).toBe('');
    // The point, and the two sides' values there, as the written steps give them.
    const c = v.links[1]!.counterexample!;
    const m = /^a_\{2\} = ([-\d.e]+),\\ y = ([-\d.e]+)$/.exec(c.point);
    if (!m) throw new Error(`not a point: ${c.point}`);
    const [a2, y] = [Number(m[1]), Number(m[2])];
    expect(c.left).toBeCloseTo(-y / a2 + (1 - y) / (1 - a2), 9);
    expect(c.right).toBeCloseTo(-y / a2 - (1 - y) / (1 - a2), 9);
    expect(Math.abs(c.left - c.right)).toBeGreaterThan(1e-3);
  });

  it('a link neither proven nor refuted is unknown, and not called wrong', () => {
    // The double angle is true, but beyond the algebra and the identity rules.
    const checked = checkFields({ title: '', definitions: '', assume: '', steps: 'sin(2*x)\n= 2*sin(x)*cos(x)' }, rules, 'en');
    if (!('view' in checked)) throw new Error(checked.error.message);
    expect(checked.view.links.map((l) => [l.verdict, l.counterexample])).toEqual([['unknown', undefined]]);
    expect([checked.view.status, checked.view.wrong, checked.view.undecided]).toEqual(['unknown', undefined, 1]);
  });

  it('an error in the steps is pinned to its line and column there', () => {
    const checked = checkFields({ ...wrong, steps: 'diff(L, a2)\n= -y/a2 +' }, rules, 'en');
    expect(checked).toEqual({ error: { message: 'unexpected end of input', field: 'steps', line: 2, column: 10, text: '= -y/a2 +' } });
  });

  it('no steps: says what to write', () => {
    expect(checkFields({ ...wrong, steps: ' \n' }, rules, 'en')).toEqual({ error: { message: "write the derivation: an expression, then lines starting with '='", field: 'steps' } });
  });
});

describe('the permalink', () => {
  it('gives back every field, the language and the mode', () => {
    const state = { mode: 'check', lang: 'zh', fields: { title: 'a & b #1', definitions: 'a2 = sigmoid(z2)\nb = 2', loss: 'L = -[y log(a2)]', wrt: 'z2', expect: 'a2 - y', assume: '0 < y < 1', steps: '  diff(L, a2)\n= -y/a2 + 1' } } as const;
    const hash = stateToHash(state);
    expect(hash).toMatch(/^#mode=check&lang=zh&title=a\+%26\+b\+%231&/);
    expect(stateFromHash(hash)).toEqual(state);
  });

  it('no state in the hash: undefined; an unknown mode or language: the default', () => {
    expect(stateFromHash('')).toBeUndefined();
    expect(stateFromHash('#top')).toBeUndefined();
    expect(stateFromHash('#mode=x&lang=fr&loss=L%20%3D%20x')).toEqual({ mode: 'derive', lang: 'en', fields: { title: '', definitions: '', loss: 'L = x', wrt: '', expect: '', assume: '', steps: '' } });
  });
});
