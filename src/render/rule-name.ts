/** The wording of a rule in the reader's language. */
import type { Rule } from '../rules/types.js';

/** A language rules are explained in. */
export type Lang = 'en' | 'zh';

/** The rule's name in `lang` (`chain rule`, `链式法则`), or its id when the rule is not in `rules`. */
export function ruleName(id: string, rules: ReadonlyMap<string, Rule>, lang: Lang): string {
  return rules.get(id)?.name[lang] ?? id;
}

/** What separates the items of a list of names: `, ` in English, `、` in Chinese. */
export const nameSeparator = (lang: Lang): string => (lang === 'zh' ? '、' : ', ');

/** Rule names joined as a list: `chain rule, sum rule` or `链式法则、求和法则`. */
export function joinNames(names: readonly string[], lang: Lang): string {
  return names.join(nameSeparator(lang));
}
