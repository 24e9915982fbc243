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
 */
import type { Expr } from '../expr/node.js';
import { GradproofError, positionOf } from '../expr/errors.js';
import type { ParseOptions, Relation } from './ascii.js';
import { fileSyntax, parseAny, parseAnyDefinition, parseAnyRelation } from './auto.js';
import { fileOptions } from './parser-base.js';
import { pieceParser } from './file-lines.js';

export interface DerivationSpec {
  readonly title?: string;
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
  const sub = pieceParser(text, source, fileOptions(options, source), syntax);
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
    const continues = body.startsWith('=');
    const exprText = continues ? body.slice(1) : body;
    const by = /\s+by\s+(.+)$/.exec(exprText);
    const exprOnly = by ? exprText.slice(0, by.index) : exprText;
    const at = lineStart + lead + (continues ? 1 : 0);
    const expr = sub(parseAny, exprOnly, at);
    // Two literals, not a spread: a spread with a key after it is slow in V8.
    const step = by ? { expr, line: index + 1, hint: by[1]!.trim() } : { expr, line: index + 1 };
    if (continues) {
      const chain = spec.chains[spec.chains.length - 1];
      if (!chain) throw new GradproofError('syntax', "a line starting with '=' needs an expression above it", positionOf(text, lineStart + lead, source));
      chain.push(step);
    } else spec.chains.push([step]);
  });
  if (!spec.chains.some((c) => c.length > 1)) {
    throw new GradproofError('syntax', "the derivation has no step to check: write lines starting with '=' below an expression", positionOf(text, text.length, source));
  }
  return title === undefined ? spec : { ...spec, title };
}
