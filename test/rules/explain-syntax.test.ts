/** The `explain` line of a rule file: where it may stand, and what is wrong with it. */
import { describe, expect, it } from 'vitest';
import { GradproofError } from '../../src/expr/errors.js';
import { parseRuleFile } from '../../src/rules/parse-file.js';

const parseText = (text: string) => parseRuleFile({ name: 'my.rules', text });

/** The first line of the error the text gives. */
function errorOf(text: string): string {
  try {
    parseText(text);
  } catch (e) {
    if (e instanceof GradproofError) return e.format().split('\n')[0]!;
    throw e;
  }
  throw new Error('parsed');
}

describe('explain "English" / "中文" under a rule header', () => {
  it('after the body line', () => {
    const [r] = parseText('rule d.x "x rule" / "x 法则"\n  diff(x, x) = 1\n  explain "It is one." / "它是一。"\n').rules;
    expect(r).toMatchObject({ id: 'd.x', explain: { en: 'It is one.', zh: '它是一。' }, line: 1 });
  });

  it('before the body line, and under a derivative', () => {
    const [r] = parseText('derivative d.e "e" / "e"\n  explain "Its own derivative." / "导数是它自身。"\n  exp(u) -> exp(u)\n').rules;
    expect(r).toMatchObject({ id: 'd.e', kind: 'derivative', explain: { en: 'Its own derivative.', zh: '导数是它自身。' } });
  });

  it('under a step, which has no body', () => {
    const rules = parseText('step chain "chain rule" / "链式法则"\n  explain "By the chain rule." / "由链式法则。"\nstep lemma "l" / "l"\n').rules;
    expect(rules.map((r) => [r.id, r.explain?.en])).toEqual([['chain', 'By the chain rule.'], ['lemma', undefined]]);
  });

  it('is optional for the loader (a test of rules/ asks for it)', () => {
    expect(parseText('rule d.x "x" / "x"\n  diff(x, x) = 1\n').rules[0]!.explain).toBeUndefined();
  });

  it.each([
    ['a second one', 'rule d.x "x" / "x"\n  diff(x, x) = 1\n  explain "a." / "一。"\n  explain "b." / "二。"\n', 'my.rules:4:3: error: d.x: a second explain line'],
    ['an empty sentence', 'rule d.x "x" / "x"\n  diff(x, x) = 1\n  explain "" / "一。"\n', 'my.rules:3:3: error: d.x: explain needs an English and a Chinese sentence'],
    ['without a header', '  explain "a." / "一。"\n', 'my.rules:1:3: error: an indented line must follow a rule header'],
    ['a body line under a step', 'step s "s" / "s"\n  explain "a." / "一。"\n  diff(x, x) = 1\n', 'my.rules:3:3: error: an indented line must follow a rule header'],
    ['a rule with an explanation but no body', 'rule d.x "x" / "x"\n  explain "a." / "一。"\nstep s "s" / "s"\n', 'my.rules:1:1: error: rule d.x has no body line'],
  ])('fails with its line: %s', (_, text, message) => {
    expect(errorOf(text)).toBe(message);
  });
});
