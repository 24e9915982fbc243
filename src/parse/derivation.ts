/**
 * A derivation as people write it, one step a line:
 *
 *   title  The seed's steps 4 to 6
 *   let    L = -(y*log(a2) + (1 - y)*log(1 - a2))
 *   assume 0 < a2 < 1
 *     diff(L, a2)
 *   = -y/a2 + (1 - y)/(1 - a2)            by d.log
 *   = (a2 - y)/(a2*(1 - a2))
 *
 * A line starting with `=` continues the chain above it; any other expression line starts
 * a new chain. `by RULE` at the end of a line is a hint for the reader. Comments after `#`.
 *
 * A chain may start as people write it: `dL/dz = ...`, `∂L/∂z = ...` or `d L / d z = ...`
 * (also alone on its line) is diff(L, z) = ...; so is `d/dz [f] = ...`. `z**2` is read as
 * z^2, with a note saying so.
 */
import { type Expr, diff } from '../expr/node.js';
import { isIndexed } from '../expr/indexed.js';
import { GradproofError, positionOf } from '../expr/errors.js';
import type { ParseOptions, Relation } from './ascii.js';
import { fileSyntax, parseAny, parseAnyDefinition, parseAnyRelation } from './auto.js';
import { fileOptions } from './parser-base.js';
import { pieceParser } from './file-lines.js';
import { declaredNames } from './declared.js';

/** A name, or a member of a family (`z[i]`, `z[2]`). */
const NAME = String.raw`[A-Za-z_\u0370-\u03ff][A-Za-z0-9_\u0370-\u03ff]*(?:\[\s*(?:[A-Za-z_][A-Za-z0-9_]*|\d+)\s*\])?`;

/** `dL/dz`, `∂L/∂z`, `d L / d z` at the start of a line, then `=` or the end of the line. */
const LEIBNIZ = new RegExp(String.raw`^([d∂])\s*(${NAME})\s*/\s*\1\s*(${NAME})\s*(=(?!=)|$)`);

/** `d/dz [f]`, `∂/∂z (f)`: the derivative of an expression, written before it. */
const OPERATOR = new RegExp(String.raw`^([d∂])\s*/\s*\1\s*(${NAME})\s*(?=[[(])`);

/** The variable of a `diff(f, z)` anywhere in the text: declared, so `z(1 - z)` there is a product. */
const DIFF_VARIABLE = /diff\s*\([^#\n]*,\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)/g;

/** The end of the bracketed text opening at `i` (`[` or `(`), just past its match; -1 without one. */
function closingOf(text: string, i: number): number {
  let level = 0;
  for (let j = i; j < text.length; j++) {
    if (text[j] === '[' || text[j] === '(') level++;
    else if ((text[j] === ']' || text[j] === ')') && --level === 0) return j + 1;
  }
  return -1;
}

/** The names the file declares: its `let` names and the variables its derivatives are taken by. */
function declaredIn(text: string): ReadonlySet<string> {
  const lines = text.split('\n');
  const lets = lines.map((l) => /^\s*let\s+([^#]*)/.exec(l)?.[1]).filter((d) => d !== undefined);
  const variables = [...text.matchAll(DIFF_VARIABLE)].map((m) => m[1]!);
  for (const l of lines) {
    const m = LEIBNIZ.exec(l.trim()) ?? OPERATOR.exec(l.trim());
    if (m) variables.push(m[3] ?? m[2]!);
  }
  return declaredNames(lets, variables);
}

export interface DerivationSpec {
  readonly title?: string;
  /** What was read otherwise than written (`z**2` as z^2), one sentence each, positioned. */
  readonly notes?: readonly string[];
  readonly definitions: Array<{ name: string; expr: Expr }>;
  readonly assumptions: Relation[];
  readonly chains: Array<Array<{ expr: Expr; hint?: string; line: number }>>;
}

/** Parses a derivation file; errors carry file, line and column. */
export function parseDerivation(text: string, source: string, options: Omit<ParseOptions, 'source'> = {}): DerivationSpec {
  const syntax = fileSyntax(text);
  const spec: DerivationSpec = { definitions: [], assumptions: [], chains: [] };
  let title: string | undefined;
  let offset = 0;
  const declared = declaredIn(text);
  const notes: string[] = [];
  // `**` is a power here: derivations are pasted from Python and papers alike.
  const sub = pieceParser(text, source, { ...fileOptions(options, source, undefined, declared), starPower: true }, syntax);
  /** diff(f, x), where x must be a variable. */
  const diffOf = (f: Expr, x: Expr, at: number): Expr => {
    if (x.kind !== 'sym' && !isIndexed(x)) throw new GradproofError('syntax', 'a derivative is taken by a variable: dL/dz', positionOf(text, at, source));
    return diff(f, x);
  };
  text.split('\n').forEach((raw, index) => {
    const lineStart = offset;
    offset += raw.length + 1;
    const hash = raw.indexOf('#');
    const content = (hash >= 0 ? raw.slice(0, hash) : raw).replace(/\r$/, '').trimEnd();
    if (!content.trim()) return;
    const lead = content.length - content.trimStart().length;
    const body = content.slice(lead);
    const keyword = /^(title|let|assume)\b\s*/.exec(body);
    if (keyword) {
      const rest = body.slice(keyword[0].length);
      const at = lineStart + lead + keyword[0].length;
      if (keyword[1] === 'title') title = rest;
      else if (keyword[1] === 'let') spec.definitions.push(sub(parseAnyDefinition, rest, at));
      else spec.assumptions.push(sub(parseAnyRelation, rest, at));
      return;
    }
    const stars = body.indexOf('**');
    if (stars >= 0) {
      const pos = positionOf(text, lineStart + lead + stars, source);
      notes.push(`${source}:${pos.line}:${pos.column}: '**' is read as '^', a power (mathjs syntax writes z^2)`);
    }
    const continues = body.startsWith('=');
    let head: Expr | undefined;
    let exprText = continues ? body.slice(1) : body;
    let at = lineStart + lead + (continues ? 1 : 0);
    if (!continues && syntax === 'ascii') {
      // `dL/dz = ...` (unless dL is a name the file defines), `d/dz [f] = ...`.
      const leibniz = LEIBNIZ.exec(body);
      const operator = leibniz || OPERATOR.exec(body);
      if (leibniz && !declared.has(`${leibniz[1]}${leibniz[2]}`.replace(/\s/g, ''))) {
        const f = sub(parseAny, leibniz[2]!, at + body.indexOf(leibniz[2]!, 1));
        const x = sub(parseAny, leibniz[3]!, at + body.lastIndexOf(leibniz[3]!, leibniz[0].length));
        head = diffOf(f, x, lineStart + lead);
        exprText = body.slice(leibniz[0].length);
        at += leibniz[0].length;
      } else if (operator && !leibniz) {
        const open = operator[0].length;
        const close = closingOf(body, open);
        if (close < 0) throw new GradproofError('syntax', `missing '${body[open] === '[' ? ']' : ')'}' to close the expression after ${operator[0].trim()}`, positionOf(text, lineStart + lead + open, source));
        const x = sub(parseAny, operator[2]!, at + body.indexOf(operator[2]!, 2));
        head = diffOf(sub(parseAny, body.slice(open + 1, close - 1), at + open + 1), x, lineStart + lead);
        const eq = /^\s*(=(?!=)|$)/.exec(body.slice(close));
        if (!eq) throw new GradproofError('syntax', `expected '=' after ${body.slice(0, close)}`, positionOf(text, lineStart + lead + close, source));
        exprText = body.slice(close + eq[0].length);
        at += close + eq[0].length;
      }
      if (head) {
        spec.chains.push([{ expr: head, line: index + 1 }]);
        // `dL/dz` alone on its line: the steps follow on `=` lines.
        if (!exprText.trim()) return;
      }
    }
    const by = /\s+by\s+(.+)$/.exec(exprText);
    const exprOnly = by ? exprText.slice(0, by.index) : exprText;
    const expr = sub(parseAny, exprOnly, at);
    // Two literals, not a spread: a spread with a key after it is slow in V8.
    const step = by ? { expr, line: index + 1, hint: by[1]!.trim() } : { expr, line: index + 1 };
    if (continues || head) {
      const chain = spec.chains[spec.chains.length - 1];
      if (!chain) throw new GradproofError('syntax', "a line starting with '=' needs an expression above it", positionOf(text, lineStart + lead, source));
      chain.push(step);
    } else spec.chains.push([step]);
  });
  if (!spec.chains.some((c) => c.length > 1)) {
    throw new GradproofError('syntax', "the derivation has no step to check: write lines starting with '=' below an expression", positionOf(text, text.length, source));
  }
  const withNotes = notes.length ? { ...spec, notes } : spec;
  return title === undefined ? withNotes : { ...withNotes, title };
}
