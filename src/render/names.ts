/**
 * Names as a textbook sets them: `a2` is `a_{2}`, `z_2` is `z_{2}`, `delta` is `\delta`,
 * a longer word is upright (`\mathrm{lr}`), and a function is an operator name.
 */
import { LAYER } from '../expr/indexed.js';

/** Greek letters LaTeX has commands for, spelled as the command. */
const GREEK_WORDS: ReadonlySet<string> = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota',
  'kappa', 'lambda', 'mu', 'nu', 'xi', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'varphi', 'chi', 'psi',
  'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
]);

/** Greek characters the parser accepts in names, and the command for each (`ο` omicron is Latin `o`). */
const GREEK_CHARS: Readonly<Record<string, string>> = {
  α: '\\alpha', β: '\\beta', γ: '\\gamma', δ: '\\delta', ε: '\\epsilon', ζ: '\\zeta', η: '\\eta', θ: '\\theta',
  ι: '\\iota', κ: '\\kappa', λ: '\\lambda', μ: '\\mu', ν: '\\nu', ξ: '\\xi', ο: 'o', π: '\\pi', ρ: '\\rho',
  ς: '\\varsigma', σ: '\\sigma', τ: '\\tau', υ: '\\upsilon', φ: '\\varphi', χ: '\\chi', ψ: '\\psi', ω: '\\omega',
  ϑ: '\\vartheta', ϕ: '\\phi', ϵ: '\\epsilon', Γ: '\\Gamma', Δ: '\\Delta', Θ: '\\Theta', Λ: '\\Lambda', Ξ: '\\Xi',
  Π: '\\Pi', Σ: '\\Sigma', Υ: '\\Upsilon', Φ: '\\Phi', Ψ: '\\Psi', Ω: '\\Omega',
};

const escapeUnderscores = (s: string): string => s.replace(/_/g, '\\_');

/** One letter, a Greek word or character, or an upright word. */
function stemToLatex(stem: string): string {
  if (/^[A-Za-z]$/.test(stem)) return stem;
  if (GREEK_WORDS.has(stem)) return `\\${stem}`;
  const chars = [...stem];
  if (chars.length === 1) return GREEK_CHARS[stem] ?? stem;
  return `\\mathrm{${escapeUnderscores(stem)}}`;
}

/** A subscript: digits and one or two letters as written, a Greek word as its letter, other words upright. */
function subscriptToLatex(sub: string): string {
  if (/^\d+$/.test(sub) || /^[A-Za-z0-9]{1,2}$/.test(sub)) return sub;
  return stemToLatex(sub);
}

/** The LaTeX of a variable name: a trailing digit run or `_` part becomes a subscript, primes stay primes. */
export function nameToLatex(name: string): string {
  // `a__2` is the layer superscript `a^{(2)}`.
  const layer = name.lastIndexOf(LAYER);
  if (layer > 0 && /^[A-Za-z0-9]+$/.test(name.slice(layer + LAYER.length))) return `${nameToLatex(name.slice(0, layer))}^{(${name.slice(layer + LAYER.length)})}`;
  const primes = /'*$/.exec(name)![0];
  const bare = name.slice(0, name.length - primes.length);
  const underscore = bare.indexOf('_');
  let out: string;
  if (underscore > 0 && underscore < bare.length - 1) {
    out = `${stemToLatex(bare.slice(0, underscore))}_{${subscriptToLatex(bare.slice(underscore + 1))}}`;
  } else {
    const m = /^(.*\D)(\d+)$/.exec(bare);
    out = m ? `${stemToLatex(m[1]!)}_{${m[2]}}` : stemToLatex(bare);
  }
  return out + primes;
}

/** The LaTeX of a function name with no notation of its own: `\operatorname{softplus}`. */
export function operatorNameToLatex(fn: string): string {
  return `\\operatorname{${escapeUnderscores(fn)}}`;
}
