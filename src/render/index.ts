/** Renderers: expressions and proofs as LaTeX and as terminal text. */
export { toLatex } from './latex.js';
export { nameToLatex, operatorNameToLatex } from './names.js';
export { conditionToLatex, conditionToText } from './conditions.js';
export { type ProofLine, proofLines } from './lines.js';
export { type Lang, ruleName, joinNames, nameSeparator } from './rule-name.js';
export { stepToLatex, proofToLatex, proofToAlign, proofToAligned } from './proof-latex.js';
export { toDisplayAscii } from './display-ascii.js';
export { type TextLayout, proofToText, stepsToText } from './text.js';
export { escapeLatexText } from './escape.js';
export { displayWidth, padTo } from './width.js';
