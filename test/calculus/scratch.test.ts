import { it } from 'vitest';
import { parse } from '../../src/parse/ascii.js';
import { deriveGradient } from '../../src/calculus/gradient.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { toAscii } from '../../src/expr/print.js';

it('scratch', () => {
  const cases: Array<[string, Record<string,string>, string]> = [
    ['-(y*log(a2) + (1-y)*log(1-a2))', { a2: 'sigmoid(z2)' }, 'z2'],
    ['-(y*log(sigmoid(z)) + (1-y)*log(1-sigmoid(z)))', {}, 'z'],
    ['(a - y)^2/2', { a: 'sigmoid(z)' }, 'z'],
    ['(z - y)^2/2', {}, 'z'],
  ];
  for (const [loss, lets, wrt] of cases) {
    const g = deriveGradient({ loss: parse(loss), wrt, definitions: Object.entries(lets).map(([name, e]) => ({ name, expr: parse(e) })) }, builtinRules());
    console.log('=== ', loss);
    for (const s of g.recorder.steps) console.log(s.derivation, s.phase, s.rule.padEnd(28), toAscii(s.after));
    console.log('RESULT', toAscii(g.main.current));
  }
});
