/** Reading our own TypeScript sources in tests: the files of a folder, and their code without comments. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository root. */
export const ROOT = join(import.meta.dirname, '../..');

/** Every `.ts` file under `dir` (relative to the root), recursively, as root-relative paths. */
export function tsFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string): void => {
    for (const name of readdirSync(abs).sort()) {
      const p = join(abs, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts')) out.push(relative(ROOT, p));
    }
  };
  walk(join(ROOT, dir));
  return out;
}

export const readSource = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

const REGEX_AFTER = new Set([...'(,=:[!&|?{};+-*%<>~^']);
const REGEX_KEYWORDS = /(?:^|[^\w$])(?:return|typeof|case|do|else|in|of|void|yield|await|throw|delete|instanceof)$/;

/**
 * The text with every comment replaced by spaces (newlines kept, so line numbers stay).
 * Strings, template literals and regular expression literals are kept as they are, and a
 * `//` or `/*` inside one of them is not a comment.
 */
export function stripComments(text: string): string {
  let out = '';
  let i = 0;
  // Brace depth of each `${` we are inside, innermost last.
  const templates: number[] = [];
  let depth = 0;
  const blank = (s: string): string => s.replace(/[^\n]/g, ' ');
  const prevSignificant = (): string => {
    const m = /(\S+)\s*$/.exec(out);
    return m ? m[1]! : '';
  };
  const readQuoted = (quote: string): void => {
    const start = i++;
    while (i < text.length && text[i] !== quote && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
    i++;
    out += text.slice(start, i);
  };
  const readTemplate = (): void => {
    // From just after a backtick or a closing `}` of `${`, to the next backtick or `${`.
    const start = i;
    while (i < text.length) {
      if (text[i] === '\\') i += 2;
      else if (text[i] === '`') {
        i++;
        break;
      } else if (text[i] === '$' && text[i + 1] === '{') {
        i += 2;
        templates.push(depth);
        depth++;
        break;
      } else i++;
    }
    out += text.slice(start, i);
  };
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out += blank(text.slice(i, stop));
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += blank(text.slice(i, stop));
      i = stop;
    } else if (c === '"' || c === "'") {
      readQuoted(c);
    } else if (c === '`') {
      out += c;
      i++;
      readTemplate();
    } else if (c === '/') {
      const prev = prevSignificant();
      const isRegex = prev === '' || REGEX_AFTER.has(prev[prev.length - 1]!) || REGEX_KEYWORDS.test(prev);
      if (!isRegex) {
        out += c;
        i++;
        continue;
      }
      const start = i++;
      let inClass = false;
      while (i < text.length && text[i] !== '\n') {
        const d = text[i]!;
        if (d === '\\') i += 2;
        else {
          i++;
          if (d === '[') inClass = true;
          else if (d === ']') inClass = false;
          else if (d === '/' && !inClass) break;
        }
      }
      out += text.slice(start, i);
    } else if (c === '{') {
      depth++;
      out += c;
      i++;
    } else if (c === '}') {
      depth--;
      out += c;
      i++;
      if (templates.length && templates[templates.length - 1] === depth) {
        templates.pop();
        readTemplate();
      }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** One import of a module: where from, whether only types come in, and its line. */
export interface ImportRef {
  readonly from: string;
  readonly typeOnly: boolean;
  readonly line: number;
}

/**
 * Every module a source file imports: `import … from`, `export … from`, side-effect
 * `import '…'`, and `import('…')` (dynamic, or a type position). An import is type-only
 * when it says `import type`/`export type`, or every name in its braces says `type`.
 */
export function importsOf(text: string): ImportRef[] {
  const code = stripComments(text);
  const lineAt = (offset: number): number => code.slice(0, offset).split('\n').length;
  const out: ImportRef[] = [];
  // What stands between `import` and `from`: `* as x`, `{ ... }`, `x`, or `x, { ... }`.
  const names = String.raw`\*(?:\s+as\s+[\w$]+)?|\{[^}]*\}|[\w$]+(?:\s*,\s*(?:\{[^}]*\}|\*\s+as\s+[\w$]+))?`;
  const statement = new RegExp(String.raw`(?:^|[;\n])\s*(import|export)\s+(type\s+)?(${names})\s*from\s*(['"])([^'"]+)\4`, 'g');
  for (const m of code.matchAll(statement)) {
    const braces = /^\{([^}]*)\}$/.exec(m[3]!.trim());
    const allTyped =
      braces !== null &&
      braces[1]!.split(',').map((s) => s.trim()).filter(Boolean).every((s) => /^type\s/.test(s));
    out.push({ from: m[5]!, typeOnly: m[2] !== undefined || allTyped, line: lineAt(m.index! + m[0].indexOf(m[1]!)) });
  }
  for (const m of code.matchAll(/(?:^|[;\n])\s*import\s*(['"])([^'"]+)\1/g)) {
    out.push({ from: m[2]!, typeOnly: false, line: lineAt(m.index! + m[0].indexOf('import')) });
  }
  for (const m of code.matchAll(/\bimport\s*\(\s*(['"])([^'"]+)\1\s*\)(\s*\.\s*[A-Za-z_$][\w$]*)?/g)) {
    // `import('../x.js').T` in a type position brings in a type; a bare `import('…')` loads code.
    const inType = m[3] !== undefined && /:\s*$/.test(code.slice(Math.max(0, m.index! - 40), m.index!));
    out.push({ from: m[2]!, typeOnly: inType, line: lineAt(m.index!) });
  }
  return out;
}
