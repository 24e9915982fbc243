/**
 * Check mode: the fields as a derivation file (`title`, `let`, `assume` lines, then the steps
 * as written), checked link by link as `gradproof check FILE` does (src/api/check-chain.ts),
 * and the outcome as LaTeX and words for the page. Errors are pinned to their field.
 */
import { sym } from '../src/expr/node.js';
import { checkDerivation } from '../src/api/check-chain.js';
import { parseDerivation } from '../src/parse/derivation.js';
import { closingLinks } from '../src/render/document-check.js';
import { evidenceText } from '../src/render/evidence.js';
import { explainProvenLinksOnce, linkNames } from '../src/render/explain-link.js';
import { conditionInLatex } from '../src/render/conditions.js';
import { toLatex, toLatexAsWritten } from '../src/render/latex.js';
import { type Lang } from '../src/render/rule-name.js';
import type { RuleSet } from '../src/rules/types.js';
import type { Verdict } from '../src/verdict/equality.js';
import { type FieldError, compose, fieldError } from './problem.js';

/** What check mode reads: the title, the definitions and assumptions, and the written steps. */
export interface CheckFields {
  readonly title: string;
  readonly definitions: string;
  readonly assume: string;
  readonly steps: string;
}

/** One link `from = to` as the page shows it. */
export interface LinkView {
  readonly number: number;
  /** The left side, empty when the link continues the one above. */
  readonly from: string;
  readonly to: string;
  readonly line?: number;
  readonly verdict: Verdict;
  readonly rules: readonly string[];
  readonly conditions: readonly string[];
  /** Why a proven link holds (each sentence once down the page), or why a link is undecided. */
  readonly explanation: string;
  /** For a refuted link: the point (LaTeX) and the two sides' values there. */
  readonly counterexample?: { readonly point: string; readonly left: number; readonly right: number };
}

export interface CheckView {
  readonly title?: string;
  readonly links: readonly LinkView[];
  /** The first refuted link, and the first undecided one before it (unknown is not wrong). */
  readonly wrong?: number;
  readonly undecided?: number;
  readonly status: 'proven' | 'refuted' | 'unknown';
}

/** The derivation the fields write, checked; or the first error, in its field. */
export function checkFields(f: CheckFields, rules: RuleSet, lang: Lang): { readonly view: CheckView } | { readonly error: FieldError } {
  if (!f.steps.trim()) return { error: { message: "write the derivation: an expression, then lines starting with '='", field: 'steps' } };
  const composed = compose({ definitions: f.definitions, assume: f.assume, steps: f.steps }, ['definitions', 'assume', 'steps']);
  try {
    // The file `gradproof check` would read: definitions as `let` lines, assumptions as `assume` lines, the steps as written.
    const spec = parseDerivation(composed.text, 'playground', { functions: rules.functions });
    const outcome = checkDerivation(spec, rules);
    const prose = explainProvenLinksOnce(outcome.links, rules.byId, lang);
    const links = outcome.links.map((l, i): LinkView => {
      const previous = outcome.links[i - 1];
      const c = l.decision.counterexample;
      return {
        number: l.number,
        from: previous && previous.to === l.from ? '' : toLatexAsWritten(l.from, l.fromWritten),
        to: toLatexAsWritten(l.to, l.toWritten),
        ...(l.line ? { line: l.line } : {}),
        verdict: l.decision.verdict,
        rules: linkNames(l, rules.byId, lang),
        conditions: [...new Set(l.conditions.map(conditionInLatex(lang)))],
        explanation: l.decision.verdict === 'unknown' ? (l.decision.evidence ? evidenceText(l.decision.evidence, lang) : '') : prose[i]!,
        ...(c ? { counterexample: { point: Object.entries(c.point).map(([k, v]) => `${toLatex(sym(k))} = ${v}`).join(',\\ '), left: c.left, right: c.right } } : {}),
      };
    });
    const { wrong, undecided } = closingLinks(outcome.links);
    const title = f.title.trim() || spec.title;
    return {
      view: {
        ...(title ? { title } : {}),
        links,
        ...(wrong ? { wrong: wrong.number } : {}),
        ...(undecided ? { undecided: undecided.number } : {}),
        status: wrong ? 'refuted' : undecided ? 'unknown' : 'proven',
      },
    };
  } catch (err) {
    return { error: fieldError(err, composed) };
  }
}
