import { describe, expect, it } from 'vitest';
import { Definitions } from '../../src/expr/context.js';
import { parse } from '../../src/parse/ascii.js';
import { decideEquality } from '../../src/verdict/equality.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { checkProof } from '../../src/kernel/index.js';
import { evidenceText, undecidedText } from '../../src/render/evidence.js';

const evidenceOf = (a: string, b: string): string | undefined => decideEquality(parse(a), parse(b), new Definitions([]), { replay: (proof) => checkProof(proof, builtinRules().admitted) }).evidence;

describe('evidenceText: the evidence of an undecided equality in the reader language', () => {
  it('translates what the decider writes, not a copy of it', () => {
    const agree = evidenceOf('sin(x)^2 + cos(x)^2', '1');
    const nowhere = evidenceOf('log(-1 - x^2)', 'x');
    expect([agree, nowhere]).toEqual(['the two sides agree at 24 sample points, but no algebraic proof was found', 'no point of the domain could be sampled']);
    expect([evidenceText(agree!, 'zh'), evidenceText(nowhere!, 'zh')]).toEqual(['两边在 24 个采样点上取值一致，但没有找到代数证明', '定义域中找不到可以采样的点']);
  });

  it.each([
    [
      'the two sides differ in floating point at 3 sample points, but no difference could be confirmed at high precision',
      '两边在 3 个采样点上的浮点值不同，但高精度计算未能确认这一差异',
    ],
    ['not replayed', '未经检查器复核'],
    // Anything else (a budget that ran out) is shown as it is.
    ['step-limit: more than 20000 steps', 'step-limit: more than 20000 steps'],
  ])('%s', (en, zh) => {
    expect([evidenceText(en, 'en'), evidenceText(en, 'zh')]).toEqual([en, zh]);
  });

  it('undecidedText: one sentence, with or without evidence', () => {
    expect([undecidedText('not replayed', 'en'), undecidedText('not replayed', 'zh'), undecidedText(undefined, 'en'), undecidedText(undefined, 'zh')]).toEqual([
      'This step could be neither proven nor refuted: not replayed.',
      '这一步既未能证明，也未能否定：未经检查器复核。',
      'This step could be neither proven nor refuted.',
      '这一步既未能证明，也未能否定。',
    ]);
  });
});
