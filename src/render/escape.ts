/** Escaping for words set inside `\text{...}`. */

const TEXT_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '#': '\\#',
  '%': '\\%',
  _: '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
};

/** `s` safe inside `\text{...}`: LaTeX's special characters escaped, line breaks as spaces. */
export function escapeLatexText(s: string): string {
  return s.replace(/[\\{}$&#%_^~]/g, (c) => TEXT_ESCAPES[c]!).replace(/\s+/g, ' ');
}
