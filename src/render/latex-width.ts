/**
 * How wide the LaTeX our printer writes is once typeset, in em of the document's font,
 * estimated glyph by glyph from the source: enough to decide where a line must break
 * before pdflatex finds it overfull. The estimates err on the wide side, so a line judged
 * to fit does.
 */

/** Typeset widths, in em (Computer Modern at 10 pt, with TeX's spacing around operators). */
const W = { letter: 0.55, digit: 0.5, binary: 1.25, relation: 1.4, delimiter: 0.4, punct: 0.45, script: 0.72, symbol: 0.65, upright: 0.5 };

/** Commands set as one symbol, a space, an operator or a relation. */
const COMMANDS: Readonly<Record<string, number>> = {
  cdot: W.binary, times: W.binary, pm: W.binary, mp: W.binary, odot: W.binary, oslash: W.binary,
  neq: W.relation, leq: W.relation, geq: W.relation, in: W.relation, to: W.relation, approx: W.relation, le: W.relation, ge: W.relation, ne: W.relation,
  quad: 1, qquad: 2, ',': 0.17, ':': 0.22, ';': 0.28, ' ': 0.33, '!': 0, infty: 1, '{': 0.5, '}': 0.5, '|': 0.3,
};

/** Commands that take one braced argument set upright as words. */
const WORDS = new Set(['operatorname', 'mathrm', 'text', 'textrm', 'mathit', 'mathbf']);

interface Cursor {
  readonly s: string;
  i: number;
}

/** The braced group (or single token) at the cursor, as source. */
function argument(c: Cursor): string {
  while (c.s[c.i] === ' ') c.i++;
  if (c.s[c.i] !== '{') {
    if (c.s[c.i] === '\\') {
      const m = /^\\([A-Za-z]+|.)/.exec(c.s.slice(c.i))!;
      c.i += m[0].length;
      return m[0];
    }
    return c.s[c.i++] ?? '';
  }
  let depth = 0;
  const start = c.i;
  for (; c.i < c.s.length; c.i++) {
    if (c.s[c.i] === '\\') c.i++;
    else if (c.s[c.i] === '{') depth++;
    else if (c.s[c.i] === '}' && --depth === 0) break;
  }
  c.i++;
  return c.s.slice(start + 1, c.i - 1);
}

/** The source up to the `\end{name}` that closes `\begin{name}` (nested ones included). */
function environment(c: Cursor, name: string): string {
  const open = `\\begin{${name}}`;
  const close = `\\end{${name}}`;
  let depth = 1;
  const start = c.i;
  while (c.i < c.s.length) {
    if (c.s.startsWith(open, c.i)) depth++;
    else if (c.s.startsWith(close, c.i) && --depth === 0) break;
    c.i++;
  }
  const body = c.s.slice(start, c.i);
  c.i += close.length;
  return body;
}

/** Splits at `sep` outside braces and environments. */
function splitTop(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (s.startsWith('\\begin{', i)) depth++;
    else if (s.startsWith('\\end{', i)) depth--;
    if (s[i] === '\\' && s[i + 1] !== '\\') {
      i++;
      continue;
    }
    if (s[i] === '{') depth++;
    else if (s[i] === '}') depth--;
    else if (depth === 0 && s.startsWith(sep, i)) {
      out.push(s.slice(from, i));
      i += sep.length - 1;
      from = i + 1;
    }
  }
  out.push(s.slice(from));
  return out;
}

/** The width of a superscript or subscript, and of both when they are stacked. */
function scripts(c: Cursor): number {
  let w = 0;
  while (c.s[c.i] === '^' || c.s[c.i] === '_') {
    c.i++;
    w = Math.max(w, latexWidth(argument(c)) * W.script);
  }
  return w;
}

/** The estimated typeset width of `latex` (math mode), in em. */
export function latexWidth(latex: string): number {
  const c: Cursor = { s: latex, i: 0 };
  let w = 0;
  while (c.i < c.s.length) {
    const ch = c.s[c.i]!;
    if (ch === '^' || ch === '_') {
      w += scripts(c);
      continue;
    }
    if (ch === '{') {
      w += latexWidth(argument(c));
      continue;
    }
    c.i++;
    if (ch === '\\') {
      const m = /^([A-Za-z]+|.)/.exec(c.s.slice(c.i));
      if (!m) break;
      const name = m[1]!;
      c.i += name.length;
      if (name === 'frac' || name === 'dfrac' || name === 'tfrac') w += Math.max(latexWidth(argument(c)), latexWidth(argument(c))) + 0.3;
      else if (name === 'sqrt') {
        if (c.s[c.i] === '[') c.i = c.s.indexOf(']', c.i) + 1;
        w += latexWidth(argument(c)) + 1;
      } else if (name === 'left' || name === 'right' || name === 'bigl' || name === 'bigr') {
        const d = argument(c);
        w += d === '.' ? 0.1 : W.delimiter + 0.1;
      } else if (WORDS.has(name)) w += argument(c).length * W.upright + 0.1;
      else if (name === 'hphantom' || name === 'phantom') w += latexWidth(argument(c));
      else if (name === 'sum' || name === 'prod') {
        // In display style the limits go under and over the sign.
        w += Math.max(1.5, scripts(c)) + 0.2;
      } else if (name === 'begin') {
        const env = argument(c);
        const rows = splitTop(environment(c, env), '\\\\');
        const widest = Math.max(...rows.map((r) => splitTop(r, '&').reduce((sum, cell) => sum + latexWidth(cell) + 1, 0)));
        w += widest + 1.2;
      } else if (COMMANDS[name] !== undefined) w += COMMANDS[name]!;
      else if (/^[a-z]{3,}$/.test(name) && !/^(alpha|beta|gamma|delta|epsilon|zeta|eta|theta|iota|kappa|lambda|mu|nu|xi|pi|rho|sigma|tau|upsilon|phi|chi|psi|omega|partial|nabla|varphi|varepsilon|vartheta|ell|surd|prime)$/.test(name)) {
        // An operator name such as \log or \tanh, set upright, with a thin space after it.
        w += name.length * W.upright + 0.2;
      } else w += W.symbol;
      continue;
    }
    if (/[A-Za-z]/.test(ch)) w += W.letter;
    else if (/\d/.test(ch)) w += W.digit;
    else if (ch === '+' || ch === '-' || ch === '*') w += W.binary;
    else if (ch === '=' || ch === '<' || ch === '>') w += W.relation;
    else if ('()[]|'.includes(ch)) w += W.delimiter;
    else if (ch === ',' || ch === ';') w += W.punct;
    else if (ch === "'" || ch === '.' || ch === '!') w += 0.3;
    else if (ch === '/') w += W.digit;
    else if (ch !== ' ' && ch !== '&' && ch !== '~') w += W.letter;
  }
  return w;
}
