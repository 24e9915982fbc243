/**
 * The plot as inline SVG: the derived gradient (a wide solid line) and the finite
 * differences (a thin dashed line on top), with axes, ticks, grid and a legend, so the eye
 * sees the two lie on each other. Gaps in the data are gaps in the lines.
 */
import { escapeHtml } from './html-escape.js';
import type { PlotPoint, PlotSeries } from './plot-sample.js';

/** The texts of a plot, in the page's language. */
export interface PlotLabels {
  /** The abscissa: the variable's name. */
  readonly x: string;
  /** The ordinate: `∂L/∂z2`. */
  readonly y: string;
  readonly derived: string;
  readonly numeric: string;
  /** What the picture shows, for readers that cannot see it. */
  readonly description: string;
}

const W = 640;
const H = 360;
const M = { left: 70, right: 16, top: 14, bottom: 46 } as const;

/** The SVG element; `id` keeps the clip path of each plot on a page distinct. */
export function plotToSvg(s: PlotSeries, labels: PlotLabels, id: string): string {
  const [x0, x1] = s.range;
  const [y0, y1] = yRange(s.points);
  const px = (x: number): number => M.left + ((x - x0) / (x1 - x0 || 1)) * (W - M.left - M.right);
  const py = (y: number): number => H - M.bottom - ((y - y0) / (y1 - y0)) * (H - M.top - M.bottom);
  const clip = `plot-area-${id}`;
  const out: string[] = [];
  out.push(
    `<svg class="plot" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(labels.description)}">`,
    `<title>${escapeHtml(labels.description)}</title>`,
    `<defs><clipPath id="${clip}"><rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}"/></clipPath></defs>`,
  );
  const grid: string[] = [];
  const ticks: string[] = [];
  for (const t of niceTicks(x0, x1)) {
    const x = fmt(px(t));
    grid.push(`<line x1="${x}" y1="${M.top}" x2="${x}" y2="${H - M.bottom}"/>`);
    ticks.push(`<line x1="${x}" y1="${H - M.bottom}" x2="${x}" y2="${H - M.bottom + 5}"/>`);
    ticks.push(`<text x="${x}" y="${H - M.bottom + 18}" text-anchor="middle">${tickLabel(t)}</text>`);
  }
  for (const t of niceTicks(y0, y1)) {
    const y = fmt(py(t));
    grid.push(`<line x1="${M.left}" y1="${y}" x2="${W - M.right}" y2="${y}"/>`);
    ticks.push(`<line x1="${M.left - 5}" y1="${y}" x2="${M.left}" y2="${y}"/>`);
    ticks.push(`<text x="${M.left - 8}" y="${y}" text-anchor="end" dominant-baseline="middle">${tickLabel(t)}</text>`);
  }
  out.push(`<g class="grid">${grid.join('')}</g>`);
  // The zero lines, where they fall inside the plot, are drawn darker than the grid.
  const zero: string[] = [];
  if (y0 < 0 && y1 > 0) zero.push(`<line x1="${M.left}" y1="${fmt(py(0))}" x2="${W - M.right}" y2="${fmt(py(0))}"/>`);
  if (x0 < 0 && x1 > 0) zero.push(`<line x1="${fmt(px(0))}" y1="${M.top}" x2="${fmt(px(0))}" y2="${H - M.bottom}"/>`);
  if (zero.length) out.push(`<g class="zero">${zero.join('')}</g>`);
  out.push(
    `<g class="axes"><line x1="${M.left}" y1="${H - M.bottom}" x2="${W - M.right}" y2="${H - M.bottom}"/><line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${H - M.bottom}"/></g>`,
    `<g class="ticks">${ticks.join('')}</g>`,
    `<text class="axis-label" x="${(M.left + W - M.right) / 2}" y="${H - 6}" text-anchor="middle">${escapeHtml(labels.x)}</text>`,
    `<text class="axis-label" transform="translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(labels.y)}</text>`,
  );
  const path = (pick: (q: PlotPoint) => number): string => pathData(s.points, pick, px, py);
  out.push(
    `<g clip-path="url(#${clip})">`,
    `<path class="curve curve-derived" d="${path((q) => q.derived)}"/>`,
    `<path class="curve curve-numeric" d="${path((q) => q.numeric)}"/>`,
    '</g>',
  );
  const lx = M.left + 12;
  const ly = M.top + 10;
  out.push(
    `<g class="legend"><rect x="${lx - 6}" y="${ly - 4}" width="230" height="48" rx="3"/>`,
    `<line class="curve-derived" x1="${lx}" y1="${ly + 10}" x2="${lx + 28}" y2="${ly + 10}"/><text x="${lx + 36}" y="${ly + 10}" dominant-baseline="middle">${escapeHtml(labels.derived)}</text>`,
    `<line class="curve-numeric" x1="${lx}" y1="${ly + 30}" x2="${lx + 28}" y2="${ly + 30}"/><text x="${lx + 36}" y="${ly + 30}" dominant-baseline="middle">${escapeHtml(labels.numeric)}</text>`,
    '</g>',
    '</svg>',
  );
  return out.join('\n');
}

/** `M x y L x y ...`, starting a new piece after every gap. */
function pathData(points: readonly PlotPoint[], pick: (q: PlotPoint) => number, px: (x: number) => number, py: (y: number) => number): string {
  const parts: string[] = [];
  let pen = false;
  for (const q of points) {
    const y = pick(q);
    if (!Number.isFinite(q.derived) || !Number.isFinite(q.numeric)) {
      pen = false;
      continue;
    }
    parts.push(`${pen ? 'L' : 'M'}${fmt(px(q.x))} ${fmt(py(y))}`);
    pen = true;
  }
  return parts.join(' ');
}

/**
 * The ordinate range: both curves, without the far tails (the 2nd to the 98th percentile),
 * so a gradient that blows up at the edge of its domain does not flatten the rest.
 */
function yRange(points: readonly PlotPoint[]): [number, number] {
  const ys = points.flatMap((q) => (Number.isFinite(q.derived) && Number.isFinite(q.numeric) ? [q.derived, q.numeric] : [])).sort((a, b) => a - b);
  if (!ys.length) return [-1, 1];
  const at = (f: number): number => ys[Math.min(ys.length - 1, Math.max(0, Math.round(f * (ys.length - 1))))]!;
  let [lo, hi] = ys.length > 50 ? [at(0.02), at(0.98)] : [ys[0]!, ys[ys.length - 1]!];
  if (hi - lo < 1e-9 * Math.max(1, Math.abs(lo))) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.08;
  return [lo - pad, hi + pad];
}

/** Round tick values (1, 2 or 5 times a power of ten apart), about seven of them. */
export function niceTicks(lo: number, hi: number): number[] {
  const raw = (hi - lo) / 6;
  const p = 10 ** Math.floor(Math.log10(raw));
  // The round step nearest to a sixth of the span, so there are four to nine ticks.
  const step = [1, 2, 5, 10].map((k) => k * p).reduce((best, s) => (Math.abs(Math.log(s / raw)) < Math.abs(Math.log(best / raw)) ? s : best));
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return out;
}

/** A tick value without floating-point noise: `0.30000000000000004` is `0.3`. */
function tickLabel(t: number): string {
  return String(Number(t.toPrecision(6)));
}

const fmt = (v: number): string => String(Math.round(v * 100) / 100);
