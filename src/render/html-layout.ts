/**
 * The frame every HTML page shares: one self-contained document (styles inline, no script,
 * no network) whose Content-Security-Policy forbids scripts and remote loads, so even text
 * that escaped escaping could not run or fetch anything. Plus the words pages use, in
 * English and Chinese.
 */
import { escapeHtml } from './html-escape.js';
import type { Lang } from './rule-name.js';

/** Nothing but inline styles and data: fonts and images; no script of any kind. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'";

/** The words of the pages, in English and Chinese. */
export const WORDS = {
  en: {
    problem: 'Problem', given: 'Given', loss: 'Loss', variable: 'Variable', assumptions: 'Assumptions', none: 'none',
    derivation: 'Derivation', steps: 'Every step', result: 'Result', conditions: 'Conditions', which: 'which gives',
    expectations: 'Expectations', proven: 'proven', refuted: 'refuted', unknown: 'unknown', counterexample: 'Counterexample',
    resultValue: 'result', expectedValue: 'expected', plot: 'Numerical check', derived: 'derived gradient',
    numeric: 'central finite differences', fixed: (list: string) => `Other variables fixed at ${list}.`, noOthers: 'No other variables.',
    difference: (n: number) => `Largest relative difference over ${n} points`, noPlot: 'No range of the variable where the loss and the result are both defined could be found, so nothing is plotted.',
    noMatrixPlot: 'A problem with matrices is not plotted: its loss is no curve in one variable.',
    replayed: 'steps replayed by the checker', gradients: 'Gradients', links: 'Derivation as written', link: (n: number) => `Step ${n}`,
    allProven: 'Every step is proven.', firstWrong: (n: number) => `The first wrong step is step ${n}.`, line: 'line', by: 'by',
    undecided: (n: number) => `Step ${n} could be neither proven nor refuted.`,
    left: 'left side', right: 'right side', plotOf: (y: string, x: string) => `${y} against ${x}: the derived gradient and central finite differences of the loss`,
    generated: 'Made by', stop: '.', colon: ': ', stopped: 'The derivation stopped before a result:',
  },
  zh: {
    problem: '问题', given: '已知', loss: '损失函数', variable: '求导变量', assumptions: '假设', none: '无',
    derivation: '推导', steps: '每一步', result: '结果', conditions: '条件', which: '由此',
    expectations: '验证', proven: '已证明', refuted: '不成立', unknown: '未能判定', counterexample: '反例',
    resultValue: '结果', expectedValue: '预期', plot: '数值验证', derived: '推导所得的梯度',
    numeric: '中心差分', fixed: (list: string) => `其余变量取值：${list}。`, noOthers: '没有其他变量。',
    difference: (n: number) => `${n} 个点上的最大相对误差`, noPlot: '找不到损失函数与结果都有定义的取值范围，因此没有绘图。',
    noMatrixPlot: '含矩阵的问题不绘图：其损失函数不是单个变量的曲线。',
    replayed: '步已由检查器复核', gradients: '梯度', links: '所写的推导', link: (n: number) => `第 ${n} 步`,
    allProven: '每一步都已证明。', firstWrong: (n: number) => `第一个错误的步骤是第 ${n} 步。`, line: '行', by: '依据',
    undecided: (n: number) => `第 ${n} 步既未能证明，也未能否定。`,
    left: '左边', right: '右边', plotOf: (y: string, x: string) => `${y} 关于 ${x} 的图像：推导所得的梯度与损失函数的中心差分`,
    generated: '生成工具', stop: '。', colon: '：', stopped: '推导在得到结果之前停止：',
  },
} as const;

/** The words of one language. */
export type Words = (typeof WORDS)[Lang];

/** The page's own styles (KaTeX's come before them). */
const PAGE_CSS = `
:root { color-scheme: light; --ink: #1d232b; --muted: #5b6573; --rule: #d8dee6; --accent: #1f5fa8; --numeric: #d2691e; --good: #1e7b34; --bad: #b3261e; --warn: #8a6100; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.6rem; line-height: 1.3; margin: 0 0 20px; }
h2 { font-size: 1.15rem; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 18px; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; min-width: 0; }
/*
 * Only a formula wider than its place scrolls, sideways and on its own block; nothing scrolls
 * vertically: KaTeX's struts reach a few pixels below the line, which made every short block
 * show scroll arrows, so each block that scrolls has room below for them and hides the rest.
 * Displayed math sits where its cell puts it, not centred (KaTeX centres by default).
 */
.katex-display { margin: 0; padding: 2px 3px 8px; text-align: inherit; overflow-x: auto; overflow-y: hidden; }
.katex-display > .katex { text-align: inherit; }
dl.facts dd, .verdict .expected, .step-conditions, figcaption { overflow-x: auto; overflow-y: hidden; padding-bottom: 6px; }
dl.facts dd, .verdict, td.rhs { text-align: left; }
ul.math-list { list-style: none; margin: 0; padding: 0; }
/* The lines as a grid whose columns are shared by every row (subgrid), so the = signs align while the right side may shrink and scroll. */
table.steps { display: block; width: 100%; }
table.steps tbody { display: grid; grid-template-columns: fit-content(35%) minmax(0, 1fr) minmax(12rem, 30%); }
table.steps tr.step { display: grid; grid-column: 1 / -1; grid-template-columns: subgrid; border-bottom: 1px solid #eef1f5; }
table.steps td { display: block; min-width: 0; padding: 8px 6px; }
table.steps td.lhs { text-align: right; }
table.steps td.why { color: var(--muted); font-size: 0.92rem; }
/* A phone: the rule and its explanation go under the line, across the whole width. */
@media (max-width: 640px) {
  main { padding: 16px 12px 32px; }
  dl.facts { grid-template-columns: minmax(0, 1fr); gap: 2px; }
  dl.facts dd { margin-bottom: 4px; }
  table.steps tbody { grid-template-columns: fit-content(40%) minmax(0, 1fr); }
  table.steps td.why { grid-column: 1 / -1; padding-top: 0; }
}
.rules { color: var(--ink); font-weight: 600; }
.explanation { margin: 2px 0 0; }
.step-conditions { margin-top: 2px; }
.result { font-size: 1.05rem; }
.stopped { padding: 10px 14px; border-left: 4px solid var(--warn); background: #fff8e6; }
.verdict { margin: 10px 0; padding: 10px 14px; border-left: 4px solid var(--rule); background: #f7f9fb; }
.verdict table.point { display: block; max-width: 100%; overflow-x: auto; }
.verdict-proven { border-color: var(--good); }
.verdict-refuted { border-color: var(--bad); }
.verdict-unknown { border-color: var(--warn); }
.verdict-word { font-weight: 700; }
.verdict-proven .verdict-word { color: var(--good); }
.verdict-refuted .verdict-word { color: var(--bad); }
.verdict-unknown .verdict-word { color: var(--warn); }
table.point { border-collapse: collapse; margin-top: 6px; font-variant-numeric: tabular-nums; }
table.point td, table.point th { padding: 2px 10px 2px 0; text-align: left; }
figure.plot-figure { margin: 0; }
figure.plot-figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 0.92rem; margin-top: 6px; }
svg.plot { font: 12px system-ui, sans-serif; background: #fff; }
svg.plot .grid line { stroke: #eef1f5; }
svg.plot .zero line { stroke: #b9c2cc; }
svg.plot .axes line, svg.plot .ticks line { stroke: #55606d; }
svg.plot text { fill: #3b4450; }
svg.plot .axis-label { font-size: 13px; fill: var(--ink); }
svg.plot .curve { fill: none; stroke-linejoin: round; stroke-linecap: round; }
svg.plot .curve-derived { stroke: var(--accent); stroke-width: 5; stroke-opacity: 0.45; }
svg.plot .curve-numeric { stroke: var(--numeric); stroke-width: 1.8; stroke-dasharray: 6 4; }
svg.plot .legend rect { fill: #fff; fill-opacity: 0.9; stroke: var(--rule); }
code.math-fallback { white-space: pre-wrap; }
footer { margin-top: 40px; color: var(--muted); font-size: 0.85rem; }
`;

/** A whole page: head with policy and styles, then `body` inside `<main>`. */
export function htmlDocument(page: { readonly lang: Lang; readonly title: string; readonly css: string; readonly body: string }): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${page.lang === 'zh' ? 'zh-CN' : 'en'}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${page.css.replace(/<\//g, '<\\/')}</style>`,
    `<style>${PAGE_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    page.body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
