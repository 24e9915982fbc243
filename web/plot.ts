/**
 * The numerical check the HTML page has (src/render/plot-sample.ts, plot-svg.ts): the derived
 * gradient against central finite differences of the loss, as inline SVG. The SVG string is
 * written by plotToSvg with every text escaped, and parsed here as SVG, not as HTML.
 */
import { Definitions } from '../src/expr/context.js';
import type { Outcome } from '../src/api/derive.js';
import { goalOf } from '../src/render/html-parts.js';
import { WORDS as PAGE_WORDS } from '../src/render/html-layout.js';
import { toLatex } from '../src/render/latex.js';
import { sym } from '../src/expr/node.js';
import { parseMemberKey } from '../src/expr/indexed.js';
import { samplePlot } from '../src/render/plot-sample.js';
import { plotToSvg } from '../src/render/plot-svg.js';
import type { Lang } from '../src/render/rule-name.js';
import { functionTable } from '../src/rules/load.js';

/** A figure with the plot and a caption saying what was held fixed and how close the curves are; or a sentence saying why there is none. */
export function plotFigure(o: Outcome, lang: Lang, math: (tex: string) => HTMLElement): HTMLElement {
  const w = PAGE_WORDS[lang];
  const proof = o.checked.proof;
  const goal = goalOf(proof.start);
  let series;
  try {
    series = goal && samplePlot({ defs: new Definitions(proof.definitions), lossName: goal.lossName, variable: goal.variable, result: proof.result, assumptions: proof.assumptions, fns: functionTable(o.rules.defs) });
  } catch {
    series = undefined;
  }
  if (!goal || !series) {
    const p = document.createElement('p');
    p.className = 'no-plot';
    p.textContent = w.noPlot;
    return p;
  }
  const yLabel = `∂${goal.lossName}/∂${series.wrt}`;
  const svgText = plotToSvg(series, { x: series.wrt, y: yLabel, derived: w.derived, numeric: w.numeric, description: w.plotOf(yLabel, series.wrt) }, 'playground');
  const svg = new DOMParser().parseFromString(svgText, 'image/svg+xml').documentElement;
  const figure = document.createElement('figure');
  figure.className = 'plot-figure';
  figure.dataset.wrt = series.wrt;
  figure.dataset.points = String(series.plotted);
  figure.dataset.maxDifference = String(series.maxDifference);
  figure.append(document.importNode(svg, true));
  const caption = document.createElement('figcaption');
  const fixed = Object.entries(series.fixed).map(([k, v]) => math(`${keyToLatex(k)} = ${Number(v.toPrecision(6))}`));
  if (fixed.length) {
    // `fixed(list)` wraps the list in words; the math goes where the list goes.
    const [before, after] = w.fixed('\u0000').split('\u0000') as [string, string];
    caption.append(before, ...fixed.flatMap((m, i) => (i ? [lang === 'zh' ? '，' : ', ', m] : [m])), after);
  } else caption.append(w.noOthers);
  caption.append(` ${w.difference(series.plotted)}${w.colon}${series.maxDifference.toExponential(1)}${w.stop}`);
  figure.append(caption);
  return figure;
}

/** `y`, or `z_{1}` for the member `z[1]` of a family. */
function keyToLatex(key: string): string {
  const m = parseMemberKey(key);
  return m ? `{${toLatex(sym(m.family))}}_{${m.n}}` : toLatex(sym(key));
}
