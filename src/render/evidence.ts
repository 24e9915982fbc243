/**
 * The numeric evidence of an undecided equality, in the reader's language. The deciding
 * code states it in English (`the two sides agree at 24 sample points, …`); the forms it
 * writes are translated here, and any other text (a budget that ran out) is shown as it is.
 */
import type { Lang } from './rule-name.js';

/** Each English form the deciders write, and its Chinese. */
const FORMS: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => string]> = [
  [/^the two sides agree at (\d+) sample points, but no algebraic proof was found$/, (m) => `两边在 ${m[1]} 个采样点上取值一致，但没有找到代数证明`],
  [
    /^the two sides differ in floating point at (\d+) sample points, but no difference could be confirmed at high precision$/,
    (m) => `两边在 ${m[1]} 个采样点上的浮点值不同，但高精度计算未能确认这一差异`,
  ],
  [/^no point of the domain could be sampled$/, () => '定义域中找不到可以采样的点'],
  [/^not replayed$/, () => '未经检查器复核'],
  [/^(.*) holds nowhere: it needs (.*) to be defined, and it is not a real number$/, (m) => `${m[1]} 在任何点上都不成立：它要求 ${m[2]} 有定义，而 ${m[2]} 不是实数`],
  [/^the checker rejected the proof at step (\d+): (.*)$/, (m) => `检查器在第 ${m[1]} 步拒绝了证明：${m[2]}`],
  [
    /^no point satisfying all the assumptions was found: they may contradict each other, so nothing is decided from them$/,
    () => '找不到满足全部已知条件的点：这些条件可能互相矛盾，因此不据此作任何判定',
  ],
];

/** `evidence` in `lang`: English as written; Chinese for the forms above. */
export function evidenceText(evidence: string, lang: Lang): string {
  if (lang === 'en') return evidence;
  for (const [form, zh] of FORMS) {
    const m = form.exec(evidence);
    if (m) return zh(m);
  }
  return evidence;
}

/** That a step was neither proven nor refuted, and the evidence, as one sentence. */
export function undecidedText(evidence: string | undefined, lang: Lang): string {
  if (lang === 'zh') return `这一步既未能证明，也未能否定${evidence ? `：${evidenceText(evidence, lang)}` : ''}。`;
  return `This step could be neither proven nor refuted${evidence ? `: ${evidence}` : ''}.`;
}
