/**
 * A derivation as one self-contained HTML page, the page `--format html` writes. KaTeX
 * draws the math; the core reads no files, so KaTeX's stylesheet (its fonts inlined) is
 * passed in as `css` when there is one, and without it the math is MathML, which browsers
 * draw with no stylesheet or fonts at all.
 */
import katex from 'katex';
import { functionTable } from '../rules/load.js';
import { derivationToHtml } from '../render/html-page.js';
import { type KatexOptions, safeMathRenderer } from '../render/html-math.js';
import { type DeriveInput, problemFromInput, runProblem } from './derive.js';
import { rulesOf } from './inputs.js';
import { outcomePremises } from './premises.js';
import type { RenderOptions } from './render.js';

/** Options of `renderHtml()`. */
export interface HtmlRenderOptions extends RenderOptions {
  /** List every single step instead of the textbook lines. */
  readonly allSteps?: boolean;
  /** KaTeX's stylesheet with its fonts inlined (what the command embeds); without it, MathML. */
  readonly css?: string;
}

/**
 * Derives and writes the derivation as one HTML page (KaTeX math, everything typed escaped, nothing fetched), as `--format html` does.
 * @example
 * const page = renderHtml({ loss: '(a - y)^2/2', let: { a: 'tanh(z)' }, wrt: 'z' });
 * page.startsWith('<!DOCTYPE html>'); // true
 */
export function renderHtml(input: DeriveInput, options: HtmlRenderOptions = {}): string {
  const rules = rulesOf(options);
  const outcome = runProblem(problemFromInput(input, rules.functions), { rules });
  const render = (latex: string, o: KatexOptions): string => katex.renderToString(latex, options.css === undefined ? { ...o, output: 'mathml' } : o);
  return derivationToHtml({ ...outcome, premises: outcomePremises(outcome) }, {
    lang: options.lang ?? 'en',
    math: safeMathRenderer(render),
    css: options.css ?? '',
    fns: functionTable(rules.defs),
    allSteps: options.allSteps ?? false,
    generator: 'gradproof',
  });
}
