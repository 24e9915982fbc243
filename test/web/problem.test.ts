/**
 * The playground's fields read as a problem file: the same syntax rule and checks as
 * `gradproof derive FILE`, each error pinned to the field, line and column where it was typed.
 */
import { describe, expect, it } from 'vitest';
import { toAscii } from '../../src/expr/print.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { type Fields, readFields } from '../../web/problem.js';

const SEED: Fields = { title: '', definitions: 'a2 = sigmoid(z2)', loss: 'L = -(y*log(a2) + (1-y)*log(1-a2))', wrt: 'z2', expect: 'a2 - y', assume: '' };
const read = (f: Partial<Fields>) => readFields({ ...SEED, ...f }, builtinRules().functions);

describe('fields that state a problem', () => {
  it('the seed in ASCII', () => {
    const r = read({ title: '  Formula 8-13 ', assume: '0 < y < 1' });
    expect(r.syntax).toBe('ascii');
    if (!('spec' in r)) throw new Error(r.error.message);
    expect(r.spec.title).toBe('Formula 8-13');
    expect(r.spec.definitions.map((d) => `${d.name} = ${toAscii(d.expr)}`)).toEqual(['a2 = sigmoid(z2)']);
    expect([r.spec.lossName, r.spec.wrt, r.spec.expects.map((e) => toAscii(e))]).toEqual(['L', 'z2', ['a2 - y']]);
    expect(r.spec.assumptions).toHaveLength(1);
  });

  it('the seed in LaTeX: one backslash anywhere makes every field LaTeX, so a_2 is a2 and z_2 is z2', () => {
    const r = read({ definitions: 'a_2 = \\sigma(z_2)', loss: 'L(y, a_2) = -[y \\log a_2 + (1 - y) \\log(1 - a_2)]', wrt: 'z_2', expect: 'a_2 - y' });
    expect(r.syntax).toBe('latex');
    if (!('spec' in r)) throw new Error(r.error.message);
    expect([r.spec.definitions[0]!.name, r.spec.wrt, toAscii(r.spec.expects[0]!)]).toEqual(['a2', 'z2', 'a2 - y']);
  });

  it('blank lines and # comments in a field are skipped, and lines keep their numbers', () => {
    const r = read({ definitions: '# the output layer\n\na2 = sigmoid(z2)\nb = a2 +' });
    expect(r).toEqual({ error: { message: 'unexpected end of input', field: 'definitions', line: 4, column: 9, text: 'b = a2 +' }, syntax: 'ascii' });
  });
});

describe('errors, in the field where they were typed', () => {
  it.each<[string, Partial<Fields>, object]>([
    ['an empty loss', { loss: ' ' }, { message: 'type a loss', field: 'loss' }],
    ['an empty variable', { wrt: '' }, { message: 'type the variable to differentiate by', field: 'wrt' }],
    ['a loss cut short', { loss: '-(y*log(a2) + ' }, { message: 'unexpected end of input', field: 'loss', line: 1, column: 14, text: '-(y*log(a2) + ' }],
    ['an unknown function', { loss: 'L = sigmoud(a2)' }, { message: "unknown function 'sigmoud'; did you mean 'sigmoid'?", field: 'loss', line: 1, column: 5, text: 'L = sigmoud(a2)' }],
    ['an expectation cut short', { expect: 'a2 -' }, { message: 'unexpected end of input', field: 'expect', line: 1, column: 5, text: 'a2 -' }],
    ['a name defined twice', { definitions: 'a2 = sigmoid(z2)\na2 = tanh(z2)' }, { message: 'a2 is defined twice', field: 'definitions', line: 2, column: 1, text: 'a2 = tanh(z2)' }],
    ['a cycle', { definitions: 'a2 = sigmoid(b)\nb = a2*z2' }, { message: 'cyclic definitions: a2 -> b -> a2', field: 'definitions', line: 1, column: 1, text: 'a2 = sigmoid(b)' }],
    ['the second assumption', { assume: '0 < y < 1\ny <> 2' }, { message: "unexpected '>'", field: 'assume', line: 2, column: 4, text: 'y <> 2' }],
  ])('%s', (_, fields, error) => {
    expect(read(fields)).toEqual({ error, syntax: 'ascii' });
  });

  it('a variable the loss does not use is no error: its derivative is 0', () => {
    const r = read({ wrt: 'q2' });
    if (!('spec' in r)) throw new Error(r.error.message);
    expect(r.spec.wrt).toBe('q2');
  });
});
