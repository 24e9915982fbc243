/** Chromium where Debian, Ubuntu or a playwright install puts it (CHROMIUM_PATH first), or undefined. */
export function findChromium(): string | undefined;
/** Whether pdflatex runs. */
export function hasPdflatex(): boolean;
/** Whether TeX finds CJKutf8.sty. */
export function hasCjkLatex(): boolean;
