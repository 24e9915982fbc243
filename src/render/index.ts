/** Renderers: expressions and proofs as LaTeX (fragments and standalone documents), Markdown, terminal text, and their explanations. */
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
export { type Sentence, explainLine, explainOnce, explainRules, joinSentences, ruleExplanation, stepExplanation } from './explain.js';
export { type LineJson, proofLinesToJson } from './lines-json.js';
export { type DerivationReport, type GradientsReport, derivationToDocument, gradientsToDocument } from './document-derivation.js';
export { type ChainReport, chainToDocument } from './document-check.js';
export { documentText, latexDocument } from './document-latex.js';
