/**
 * The frame of a standalone LaTeX document that pdflatex compiles: `article` with amsmath,
 * and CJKutf8 with `\begin{CJK}{UTF8}{gbsn}` when there is Chinese in it. Prose the user or
 * the rules wrote is made safe for pdflatex's text mode here: its special characters are
 * escaped, mathematical characters (`∂`, Greek letters) become math, accents become
 * accent commands, and anything pdflatex cannot set is shown by its code point.
 */
import type { Lang } from './rule-name.js';

/** The headings and phrases of a document, in both languages. */
export const DOCUMENT_WORDS = {
  en: {
    problem: 'Problem', derivation: 'Derivation', result: 'Result', gradients: 'Gradients', written: 'The derivation as written',
    verdict: 'Verdict', given: 'Given', loss: 'The loss', find: 'Find',
    assumptions: 'Assumptions', conditions: 'Conditions', covers: 'The assumptions give', expected: 'Expected', proven: 'proven',
    refuted: 'refuted', unknown: 'unknown', counterexample: 'Counterexample', at: 'at', theResult: 'the result is', theExpected: 'the expected form is',
    left: 'the left side is', right: 'the right side is', checked: 'Checked', steps: 'steps replayed by the checker', step: 'Step',
    allProven: 'Every step is proven.', firstWrong: 'The first wrong step is', line: 'line', wrong: 'The two sides differ', undecided: 'This step could be neither proven nor refuted.',
  },
  zh: {
    problem: '问题', derivation: '推导', result: '结果', gradients: '梯度', written: '待检查的推导',
    verdict: '结论', given: '已知', loss: '损失函数', find: '求',
    assumptions: '假设', conditions: '条件', covers: '由假设可得', expected: '验证', proven: '已证明',
    refuted: '不成立', unknown: '未能判定', counterexample: '反例', at: '在', theResult: '结果为', theExpected: '预期为',
    left: '左边为', right: '右边为', checked: '检查', steps: '步已由检查器复核', step: '第',
    allProven: '每一步都已证明。', firstWrong: '第一个错误的步骤是第', line: '行', wrong: '两边取值不同', undecided: '这一步既未能证明，也未能否定。',
  },
} as const;

/** Chinese (and full-width) characters: they need the CJK environment. */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** Characters with a meaning in text mode, and what sets them as themselves. */
const TEXT_SPECIALS: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', $: '\\$', '&': '\\&', '#': '\\#', '%': '\\%', _: '\\_',
  '^': '\\textasciicircum{}', '~': '\\textasciitilde{}', '<': '\\textless{}', '>': '\\textgreater{}', '|': '\\textbar{}',
};

/** Mathematical characters people type in titles, as math. */
const MATH_CHARS: Readonly<Record<string, string>> = {
  '∂': '\\partial', '·': '\\cdot', '×': '\\times', '−': '-', '≠': '\\neq', '≤': '\\leq', '≥': '\\geq', '→': '\\to',
  '←': '\\leftarrow', '∑': '\\sum', '∏': '\\prod', '√': '\\surd', '∞': '\\infty', '≈': '\\approx', '∈': '\\in', '±': '\\pm',
  '∇': '\\nabla', '′': '\\prime',
};

const GREEK = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi o pi rho varsigma sigma tau upsilon varphi chi psi omega'.split(' ');
const GREEK_UPPER: Readonly<Record<string, string>> = { Γ: 'Gamma', Δ: 'Delta', Θ: 'Theta', Λ: 'Lambda', Ξ: 'Xi', Π: 'Pi', Σ: 'Sigma', Υ: 'Upsilon', Φ: 'Phi', Ψ: 'Psi', Ω: 'Omega' };

/** Combining accents that the OT1 text fonts set over a letter. */
const ACCENTS: Readonly<Record<string, string>> = {
  '\u0300': '`', '\u0301': "'", '\u0302': '^', '\u0303': '~', '\u0308': '"', '\u0304': '=', '\u0307': '.', '\u0327': 'c', '\u030c': 'v', '\u0306': 'u', '\u030a': 'r',
};

/** One character outside ASCII and Chinese: as math, as an accented letter, or by its code point. */
function special(c: string): string {
  const math = MATH_CHARS[c];
  if (math) return `$${math}$`;
  const code = c.codePointAt(0)!;
  if (code >= 0x3b1 && code <= 0x3c9) return code === 0x3bf ? 'o' : `$\\${GREEK[code - 0x3b1]}$`;
  if (GREEK_UPPER[c]) return `$\\${GREEK_UPPER[c]}$`;
  const [base, ...marks] = c.normalize('NFD');
  if (base && /^[A-Za-z]$/.test(base) && marks.length && marks.every((m) => ACCENTS[m])) {
    return marks.reduce((s, m) => `\\${ACCENTS[m]}{${s}}`, base);
  }
  if (c === '\u00a0') return '~';
  return `\\texttt{U+${code.toString(16).toUpperCase().padStart(4, '0')}}`;
}

/** Prose safe in the text mode of a document (inside the CJK environment for Chinese). */
export function documentText(s: string): string {
  let out = '';
  for (const c of s.replace(/\s+/g, ' ')) {
    if (TEXT_SPECIALS[c]) out += TEXT_SPECIALS[c];
    else if (c <= '\u007e' || CJK.test(c)) out += c;
    else out += special(c);
  }
  return out;
}

/** A number in math mode: `0.263292`, `1.5 \times 10^{21}`, `\infty`. */
export function numberToLatex(n: number, digits?: number): string {
  if (Number.isNaN(n)) return '\\text{NaN}';
  if (!Number.isFinite(n)) return n > 0 ? '\\infty' : '-\\infty';
  const s = digits === undefined ? String(n) : n.toPrecision(digits);
  const m = /^(-?[\d.]+)e([+-]\d+)$/.exec(s);
  return m ? `${m[1]} \\times 10^{${Number(m[2])}}` : s;
}

/** A complete document: the title as a section, then `body`, in `lang`. */
export function latexDocument(title: string | undefined, body: readonly string[], lang: Lang): string {
  const head = title === undefined ? [] : [`\\section*{${documentText(title)}}`, ''];
  const inner = [...head, ...body];
  const cjk = lang === 'zh' || inner.some((l) => CJK.test(l));
  return [
    '\\documentclass{article}',
    '\\usepackage{amsmath}',
    // \mathrlap, for a row wider than the room beside the rule column.
    ...(inner.some((l) => l.includes('\\mathrlap')) ? ['\\usepackage{mathtools}'] : []),
    `\\usepackage[a4paper,margin=${PAGE.margin}]{geometry}`,
    ...(cjk ? ['\\usepackage{CJKutf8}'] : []),
    '\\setlength{\\parindent}{0pt}',
    '\\setlength{\\parskip}{0.5em}',
    // Paragraphs of formulas (premises, conditions) break ragged rather than overflow, and a
    // long derivation may continue on the next page.
    '\\raggedright',
    '\\allowdisplaybreaks',
    '\\begin{document}',
    ...(cjk ? ['\\begin{CJK}{UTF8}{gbsn}'] : []),
    ...inner,
    ...(cjk ? ['\\end{CJK}'] : []),
    '\\end{document}',
    '',
  ].join('\n');
}

/**
 * An `align*` block of rows, each followed by its explanation (text-mode LaTeX, already
 * escaped) as `\intertext`: the rows keep one alignment, and each sentence sits under the
 * line it explains, as in the textbook.
 */
export function explainedAlign(rows: ReadonlyArray<{ readonly row: string; readonly explanation: string }>): string[] {
  const out = ['\\begin{align*}'];
  for (const { row, explanation } of rows) {
    out.push(`${row} \\\\`);
    if (explanation) out.push(`\\intertext{\\small ${explanation}}`);
  }
  out.push('\\end{align*}');
  return out;
}

/**
 * The page: A4 with 2.5 cm margins, a text width of 455 pt, 45.5 em of the 10 pt font. The
 * widths the mathematics is broken to are in em, a little under what the page holds.
 */
export const PAGE = {
  margin: '2.5cm',
  /** A displayed formula alone on its line. */
  width: 44,
  /** The column beside a derivation's rows, as a fraction of the line. */
  column: 0.3,
  /** A derivation row's mathematics, beside that column (and the space between them). */
  beside: 44 - 0.3 * 45.5 - 1.5,
} as const;

/**
 * What stands beside a row of a document: the rule names and conditions in a paragraph of
 * a fixed width (`\parbox`), so that a long list wraps instead of running off the page.
 */
export function besideRow(text: string): string {
  return text ? ` && \\parbox[t]{${PAGE.column}\\linewidth}{\\raggedright\\small ${text}}` : '';
}

/** Rows in an `align*` block, joined by `\\`. */
export function alignBlock(rows: readonly string[]): string[] {
  return ['\\begin{align*}', rows.join(' \\\\\n'), '\\end{align*}'];
}
