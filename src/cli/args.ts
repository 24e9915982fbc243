/** Command-line arguments, parsed with `node:util` parseArgs. */
import { parseArgs } from 'node:util';
import { GradproofError } from '../expr/errors.js';
import type { InputSyntax } from '../parse/auto.js';

export const FORMATS = ['text', 'latex', 'md', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export interface DeriveArgs {
  readonly command: 'derive';
  /** A problem file, or an inline loss expression. */
  readonly target: string;
  readonly wrt?: string;
  readonly lets: readonly string[];
  readonly expects: readonly string[];
  readonly assumes: readonly string[];
  readonly format: Format;
  readonly lang: 'en' | 'zh';
  /** Syntax of inline expressions. */
  readonly input: InputSyntax;
  readonly output?: string;
  /** Show every single step, not only the textbook lines. */
  readonly allSteps: boolean;
  /** Every gradient of the loss, in reverse mode. */
  readonly all: boolean;
}

export interface CheckArgs {
  readonly command: 'check';
  /** A proof (JSON) or derivation file; absent with `--chain`. */
  readonly file?: string;
  /** With `--chain`: the expressions of the derivation, in order. */
  readonly chain?: readonly string[];
  readonly lets: readonly string[];
  readonly assumes: readonly string[];
  readonly format: Format;
  readonly lang: 'en' | 'zh';
  readonly input: InputSyntax;
  readonly output?: string;
}

export type Args = DeriveArgs | CheckArgs | { readonly command: 'help' } | { readonly command: 'version' };

const OPTIONS = {
  wrt: { type: 'string' },
  let: { type: 'string', multiple: true },
  expect: { type: 'string', multiple: true },
  assume: { type: 'string', multiple: true },
  format: { type: 'string' },
  lang: { type: 'string' },
  input: { type: 'string' },
  output: { type: 'string', short: 'o' },
  steps: { type: 'boolean' },
  chain: { type: 'boolean' },
  all: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

const TAKES_VALUE = new Set(['--wrt', '--let', '--expect', '--assume', '--format', '--lang', '--input', '--output', '-o']);
const FLAGS = new Set(['--steps', '--chain', '--all', '--debug', '--help', '-h', '--version', '-V']);

export const USAGE = `gradproof: derive gradients step by step, in the textbook's names, and check them

usage:
  gradproof derive FILE [options]
  gradproof derive EXPR --wrt VAR [--let "NAME = EXPR"]... [--expect EXPR]... [--assume COND]... [options]
  gradproof derive FILE|EXPR --all [--let "NAME = EXPR"]... [options]
  gradproof check FILE [options]          a proof (JSON from --format json) or a written derivation
  gradproof check --chain E1 E2 E3... [--let "NAME = EXPR"]... [--assume COND]... [options]
  gradproof equal A B [--let "NAME = EXPR"]... [--assume COND]... [options]

options:
  --format text|latex|md|json  output format (default text)
  --lang en|zh               language of rule names and explanations (default en)
  --input auto|ascii|latex   syntax of inline expressions (default auto: LaTeX if it has \\, _{ or ^{)
  -o, --output FILE          write the output to FILE
  --steps                    list every single step, not only the textbook lines
  --all                      (derive) the gradient for every name the loss depends on, in reverse mode
  --debug                    show a stack trace on errors
  -h, --help                 this help
  -V, --version              the version

exit codes: 0 derived and every expectation (or every link) proven; 1 refuted or unknown; 2 bad input
`;

/**
 * Parses argv (without node and the script). Expressions may start with a minus
 * (`-(y*log(a2) + ...)`), so anything that is not one of our options is an operand.
 */
export function parseCommandLine(argv: readonly string[]): Args & { debug: boolean } {
  const held: string[] = [];
  const prepared = argv.map((a, i) => {
    const prev = argv[i - 1];
    const isValue = prev !== undefined && TAKES_VALUE.has(prev);
    const isOption = FLAGS.has(a) || TAKES_VALUE.has(a) || /^--[a-z-]+(=|$)/.test(a);
    if (a.startsWith('-') && (isValue || !isOption)) {
      held.push(a);
      return `\u0000${held.length - 1}`;
    }
    return a;
  });
  const restore = (s: string): string => (s.startsWith('\u0000') ? held[Number(s.slice(1))]! : s);
  let parsed;
  try {
    parsed = parseArgs({ args: prepared, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    const raw = (err as Error).message.replace(/\u0000(\d+)/g, (_, k) => held[Number(k)]!);
    const unknown = /Unknown option '([^']+)'/.exec(raw);
    throw new GradproofError('usage', unknown ? `unknown option '${unknown[1]}' (see gradproof --help)` : raw.replace(/\.\s.*$/s, ''));
  }
  const v = parsed.values;
  const debug = v.debug === true;
  if (v.help) return { command: 'help', debug };
  if (v.version) return { command: 'version', debug };
  const [command, target, ...extra] = parsed.positionals.map(restore);
  if (!command) return { command: 'help', debug };
  if (command !== 'derive' && command !== 'check' && command !== 'equal') {
    throw new GradproofError('usage', `unknown command '${command}' (known: derive, check, equal)\n\n${USAGE}`);
  }
  const many = (x: string[] | undefined): string[] => (x ?? []).map(restore);
  const common = () => {
    const format = (v.format ? restore(v.format) : 'text') as Format;
    if (!FORMATS.includes(format)) throw new GradproofError('usage', `unknown format '${format}' (known: ${FORMATS.join(', ')})`);
    const lang = v.lang ? restore(v.lang) : 'en';
    if (lang !== 'en' && lang !== 'zh') throw new GradproofError('usage', `unknown language '${lang}' (known: en, zh)`);
    const input = (v.input ? restore(v.input) : 'auto') as InputSyntax;
    if (!['auto', 'ascii', 'latex'].includes(input)) throw new GradproofError('usage', `unknown input syntax '${input}' (known: auto, ascii, latex)`);
    return { format, lang: lang as 'en' | 'zh', input, ...(v.output ? { output: restore(v.output) } : {}) };
  };
  if (command === 'equal') {
    const operands = parsed.positionals.slice(1).map(restore);
    if (operands.length !== 2) throw new GradproofError('usage', `equal takes two expressions: A B\n\n${USAGE}`);
    return { command: 'check', chain: operands, lets: many(v.let), assumes: many(v.assume), ...common(), debug };
  }
  if (command === 'check') {
    const operands = parsed.positionals.slice(1).map(restore);
    if (v.chain) {
      if (operands.length < 2) throw new GradproofError('usage', 'check --chain needs at least two expressions: E1 E2 ...');
      return { command: 'check', chain: operands, lets: many(v.let), assumes: many(v.assume), ...common(), debug };
    }
    if (operands.length !== 1) throw new GradproofError('usage', `check takes one file (or --chain E1 E2 ...)\n\n${USAGE}`);
    if (v.let || v.assume) throw new GradproofError('usage', '--let and --assume go with --chain; a file states them itself');
    return { command: 'check', file: operands[0]!, lets: [], assumes: [], ...common(), debug };
  }
  if (target === undefined) throw new GradproofError('usage', `derive needs a problem file or an expression\n\n${USAGE}`);
  if (extra.length) throw new GradproofError('usage', `unexpected argument '${extra[0]}' (quote an expression that has spaces)`);
  return {
    command: 'derive',
    target,
    ...(v.wrt ? { wrt: restore(v.wrt) } : {}),
    lets: many(v.let),
    expects: many(v.expect),
    assumes: many(v.assume),
    ...common(),
    allSteps: v.steps === true,
    all: v.all === true,
    debug,
  };
}
