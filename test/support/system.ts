/**
 * The system tools some tests need, found once. A missing tool skips those tests with the
 * reason in their name (`npm test` prints how to install it first), except under CI=true,
 * where they run and fail.
 */
import { findChromium, hasCjkLatex, hasPdflatex } from '../../scripts/system-tools.mjs';

const ci = process.env.CI === 'true';

/** The Chromium to launch (a path that does not exist under CI=true when none is found, so launching fails loudly). */
export const CHROMIUM = findChromium() ?? '/usr/bin/chromium';

const missing = (present: boolean, what: string, install: string) => ({
  skip: !present && !ci,
  /** `name`, with why it is skipped when it is. */
  named: (name: string) => (present || ci ? name : `${name} (skipped: no ${what}; sudo apt-get install ${install})`),
});

export const chromium = missing(findChromium() !== undefined, 'Chromium', 'chromium');
export const pdflatex = missing(hasPdflatex(), 'pdflatex', 'texlive-latex-base texlive-latex-recommended texlive-fonts-recommended');
export const cjkLatex = missing(hasPdflatex() && hasCjkLatex(), 'pdflatex with CJKutf8', 'latex-cjk-chinese latex-cjk-chinese-arphic-gbsn00lp');
