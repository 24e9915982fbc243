/**
 * A derivation as the playground shows it: LaTeX for KaTeX and plain words for text nodes,
 * never HTML. Only the proof the kernel replayed is shown, as in every other output.
 */
import { sym } from '../src/expr/node.js';
import type { Outcome } from '../src/api/derive.js';
import type { Verdict } from '../src/verdict/equality.js';
import type { Assumption } from '../src/proof/types.js';
import { conditionToLatex } from '../src/render/conditions.js';
import { explainLine } from '../src/render/explain.js';
import { toLatex } from '../src/render/latex.js';
import { proofLines } from '../src/render/lines.js';
import { lineToLatex, proofToAlign } from '../src/render/proof-latex.js';
import type { Lang } from '../src/render/rule-name.js';
import { givenShapesLatex } from '../src/render/matrix-given.js';
import { withShapesOf } from '../src/render/matrix-shapes.js';

/** One textbook line: `lhs = rhs` (lhs empty when it continues the line above). */
export interface LineView {
  readonly lhs: string;
  readonly rhs: string;
  readonly rules: readonly string[];
  readonly conditions: readonly string[];
  readonly explanation: string;
  /** The line's row of the proof's `align*` block, as the LaTeX output writes it. */
  readonly latex: string;
}

export interface ExpectationView {
  readonly expected: string;
  readonly verdict: Verdict;
  /** For `refuted`: the point, and the result and expected value there. */
  readonly counterexample?: { readonly point: string; readonly result: number; readonly expected: number };
  readonly evidence?: string;
}

export interface DerivationView {
  readonly title?: string;
  readonly definitions: readonly string[];
  readonly lines: readonly LineView[];
  /** `\frac{\partial L}{\partial z_2} = a_2 - y`. */
  readonly result: string;
  readonly conditions: readonly string[];
  readonly assumptions: readonly string[];
  readonly expectations: readonly ExpectationView[];
  readonly replayed: number;
  /** The whole proof as one `align*` block, as the LaTeX output writes it. */
  readonly align: string;
}

/** What the playground shows for an outcome, in `lang`. */
export function viewOf(o: Outcome, lang: Lang): DerivationView {
  // The definitions say which names are matrices (`a1 ⊙ (1 − a1)`, not a product of numbers).
  return withShapesOf(o.checked.proof.definitions, () => view(o, lang));
}

function view(o: Outcome, lang: Lang): DerivationView {
  const proof = o.checked.proof;
  const lines = proofLines(proof, o.rules.byId, lang).map((line) => ({
    latex: lineToLatex(line, lang),
    lhs: line.lhs ? toLatex(line.lhs) : '',
    rhs: toLatex(line.rhs),
    rules: line.names,
    conditions: line.conditions.map(conditionToLatex),
    explanation: explainLine(line, lang),
  }));
  return {
    ...(o.title ? { title: o.title } : {}),
    // The declared shapes first (`W_{1} \\in \\mathbb{R}^{n_{1} \\times n_{0}}`), then the definitions.
    definitions: [...givenShapesLatex(proof), ...proof.definitions.map((d) => `${toLatex(sym(d.name))} = ${toLatex(d.expr)}`)],
    lines,
    result: `${toLatex(proof.start)} = ${toLatex(proof.result, o.factorOrder)}`,
    conditions: o.conditions.map(conditionToLatex),
    assumptions: proof.assumptions.map((a) => `${toLatex(a.lhs)} ${RELATION_LATEX[a.op]} ${toLatex(a.rhs)}`),
    expectations: o.expectations.map(({ expected, decision }) => {
      const c = decision.counterexample;
      return {
        expected: toLatex(expected),
        verdict: decision.verdict,
        ...(c ? { counterexample: { point: Object.entries(c.point).map(([k, v]) => `${k} = ${v}`).join(', '), result: c.left, expected: c.right } } : {}),
        ...(decision.evidence ? { evidence: decision.evidence } : {}),
      };
    }),
    replayed: o.checked.replayed,
    align: proofToAlign(proof, o.rules.byId, lang),
  };
}

const RELATION_LATEX: Readonly<Record<Assumption['op'], string>> = { '=': '=', '!=': '\\neq', '<': '<', '<=': '\\leq', '>': '>', '>=': '\\geq' };
