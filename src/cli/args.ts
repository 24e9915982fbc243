/** Command-line arguments, parsed with `node:util` parseArgs. */
import { parseArgs } from 'node:util';
import { GradproofError } from '../expr/errors.js';
import type { InputSyntax } from '../parse/auto.js';
import { type Limits, limitsFromFlags } from './limits.js';
import { CODE_TARGETS, type CodeTarget } from '../codegen/targets.js';

export const FORMATS = ['text', 'latex', 'md', 'json', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** What `derive` and `check` both take. */
interface ProofArgs {
  readonly lets: readonly string[];
  readonly assumes: readonly string[];
  readonly format: Format;
  readonly lang: 'en' | 'zh';
  /** Syntax of inline expressions. */
  readonly input: InputSyntax;
  /** `--rules FILE`: rule files added to the built-in ones. */
  readonly rules: readonly string[];
  readonly output?: string;
  readonly limits: Limits;
}

export interface DeriveArgs extends ProofArgs {
  readonly command: 'derive';
  /** A problem file, or an inline loss expression. */
  readonly target: string;
  readonly wrt?: string;
  readonly expects: readonly string[];
  /** `--shape "W1 [n1, n0]"` (repeatable): the shapes of the matrices of an inline problem. */
  readonly shapes: readonly string[];
  /** Show every single step, not only the textbook lines. */
  readonly allSteps: boolean;
  /** Every gradient of the loss, in reverse mode. */
  readonly all: boolean;
  /** With `--format latex`: the bare `align*` block, without the document around it. */
  readonly fragment: boolean;
}

export interface CheckArgs extends ProofArgs {
  readonly command: 'check';
  /** A proof (JSON) or derivation file; absent with `--chain`. */
  readonly file?: string;
  /** With `--chain`: the expressions of the derivation, in order. */
  readonly chain?: readonly string[];
  /** `--problem FILE`: a problem (`.grad`) the proof file must prove exactly. */
  readonly problem?: string;
}

/** `gradproof serve`: the playground on 127.0.0.1. */
export interface ServeArgs {
  readonly command: 'serve';
  /** 0 picks a free port. */
  readonly port: number;
}

/** `gradproof codegen`: the proven gradient as a function in TypeScript, JavaScript or Python. */
export interface CodegenArgs extends Pick<DeriveArgs, 'target' | 'wrt' | 'shapes' | 'lets' | 'expects' | 'assumes' | 'input' | 'rules' | 'output' | 'all' | 'limits'> {
  readonly command: 'codegen';
  /** `--target`: the language of the code (`--lang` is the language of explanations). */
  readonly language: CodeTarget;
  /** `--grads a,b`: only these gradients (reverse mode, as --all). */
  readonly grads?: readonly string[];
}

export type Args = DeriveArgs | CheckArgs | ServeArgs | CodegenArgs | { readonly command: 'help' } | { readonly command: 'version' };

const OPTIONS = {
  wrt: { type: 'string' },
  let: { type: 'string', multiple: true },
  shape: { type: 'string', multiple: true },
  expect: { type: 'string', multiple: true },
  assume: { type: 'string', multiple: true },
  rules: { type: 'string', multiple: true },
  problem: { type: 'string' },
  format: { type: 'string' },
  lang: { type: 'string' },
  input: { type: 'string' },
  output: { type: 'string', short: 'o' },
  steps: { type: 'boolean' },
  chain: { type: 'boolean' },
  all: { type: 'boolean' },
  fragment: { type: 'boolean' },
  port: { type: 'string' },
  target: { type: 'string' },
  grads: { type: 'string' },
  'max-depth': { type: 'string' },
  'max-input': { type: 'string' },
  'max-steps': { type: 'string' },
  'max-size': { type: 'string' },
  'max-output': { type: 'string' },
  timeout: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

const TAKES_VALUE = new Set(['--wrt', '--let', '--shape', '--expect', '--assume', '--format', '--lang', '--input', '--rules', '--problem', '--output', '-o', '--port', '--target', '--grads', '--max-depth', '--max-input', '--max-steps', '--max-size', '--max-output', '--timeout']);
const FLAGS = new Set(['--steps', '--chain', '--all', '--fragment', '--debug', '--help', '-h', '--version', '-V']);

export const USAGE = `gradproof: derive gradients step by step, in the textbook's names, and check them

usage:
  gradproof derive FILE [options]
  gradproof derive EXPR --wrt VAR [--let "NAME = EXPR"]... [--expect EXPR]... [--assume COND]... [options]
  gradproof derive FILE|EXPR --all [--let "NAME = EXPR"]... [options]
  gradproof check FILE [options]          a proof (JSON from --format json) or a written derivation
  gradproof check PROOF.json --problem FILE.grad
                                          the proof must prove exactly that problem: its statement,
                                          definitions and assumptions
  gradproof check --chain E1 E2 E3... [--let "NAME = EXPR"]... [--assume COND]... [options]
  gradproof equal A B [--let "NAME = EXPR"]... [--assume COND]... [options]
  gradproof codegen FILE|EXPR [--wrt VAR | --all | --grads A,B] [--let "NAME = EXPR"]... --target ts|js|python [-o FILE]
                                          the proven loss and gradient as a function (numerically stable forms)
  gradproof serve [--port N]              the playground in the browser, on 127.0.0.1 (default port 8765; 0 picks a free one)

options:
  --format text|latex|md|json|html  output format (default text; html: one self-contained page)
  --lang en|zh               language of rule names and explanations (default en)
  --input auto|ascii|latex   syntax of inline expressions (default auto: LaTeX if it has \\, _{ or ^{)
  --shape "W1 [n1, n0]"      (derive, codegen; repeatable) W1 is a matrix (a problem file says 'shape W1 [n1, n0]'):
                             W1*X is the matrix product, .* and ⊙ entrywise, W1^T the transpose
  --rules FILE               add the rules of FILE to the built-in ones (repeatable), checked as they load
  -o, --output FILE          write the output to FILE
  --steps                    list every single step, not only the textbook lines
  --fragment                 (derive, with --format latex) only the align* block to paste into a paper:
                             the derivation, or with --all the gradients; no preamble, no \\begin{document}
  --all                      (derive, codegen) the gradient for every name the loss depends on, in reverse mode
  --target ts|js|python      (codegen) the language of the generated code (default ts)
  --grads A,B                (codegen) only the gradients of these names (derived in reverse mode, as --all)
  --max-depth N              deepest nesting of an expression (default 250, at most 500)
  --max-input N              longest input, in characters: an expression or a whole file (default 1000000)
  --max-steps N              most steps in a derivation before it stops as unknown (default 20000)
  --max-size N               largest expression, in nodes, before it stops as unknown (default 200000)
  --max-output N             total size of the recorded steps, in nodes, before it stops as unknown
                             (default 1000000 where every step is printed: json, --steps; else none)
  --timeout SECONDS          longest derivation before it stops as unknown (default 10)
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
  if (command !== 'derive' && command !== 'check' && command !== 'equal' && command !== 'serve' && command !== 'codegen') {
    throw new GradproofError('usage', `unknown command '${command}' (known: derive, check, equal, codegen, serve)\n\n${USAGE}`);
  }
  if (command !== 'check' && v.problem !== undefined) throw new GradproofError('usage', '--problem goes with check PROOF.json');
  if (command !== 'codegen' && v.grads !== undefined) throw new GradproofError('usage', '--grads goes with codegen (derive takes --wrt VAR or --all)');
  if (command !== 'codegen' && v.target !== undefined) throw new GradproofError('usage', '--target goes with codegen (the language of explanations is --lang)');
  if (v.fragment && command !== 'derive') throw new GradproofError('usage', '--fragment goes with derive --format latex');
  if (command !== 'derive' && command !== 'codegen' && v.shape !== undefined) throw new GradproofError('usage', '--shape goes with derive or codegen and an inline expression');
  if (command === 'serve') return { ...serveArgs(target, v.port === undefined ? undefined : restore(v.port)), debug };
  if (v.port !== undefined) throw new GradproofError('usage', '--port goes with serve');
  const many = (x: string[] | undefined): string[] => (x ?? []).map(restore);
  const common = () => {
    const format = (v.format ? restore(v.format) : 'text') as Format;
    if (!FORMATS.includes(format)) throw new GradproofError('usage', `unknown format '${format}' (known: ${FORMATS.join(', ')})`);
    const lang = v.lang ? restore(v.lang) : 'en';
    if (lang !== 'en' && lang !== 'zh') throw new GradproofError('usage', `unknown language '${lang}' (known: en, zh)`);
    const input = (v.input ? restore(v.input) : 'auto') as InputSyntax;
    if (!['auto', 'ascii', 'latex'].includes(input)) throw new GradproofError('usage', `unknown input syntax '${input}' (known: auto, ascii, latex)`);
    return { format, lang: lang as 'en' | 'zh', input, rules: many(v.rules), ...(v.output ? { output: restore(v.output) } : {}), limits: limitsFromFlags(v, restore) };
  };
  if (command === 'equal') {
    const operands = parsed.positionals.slice(1).map(restore);
    if (operands.length !== 2) throw new GradproofError('usage', `equal takes two expressions: A B\n\n${USAGE}`);
    return { command: 'check', chain: operands, lets: many(v.let), assumes: many(v.assume), ...common(), debug };
  }
  if (command === 'check') {
    const operands = parsed.positionals.slice(1).map(restore);
    if (v.chain) {
      if (v.problem !== undefined) throw new GradproofError('usage', '--problem goes with a proof file (JSON), not --chain');
      if (operands.length < 2) throw new GradproofError('usage', 'check --chain needs at least two expressions: E1 E2 ...');
      return { command: 'check', chain: operands, lets: many(v.let), assumes: many(v.assume), ...common(), debug };
    }
    if (operands.length !== 1) throw new GradproofError('usage', `check takes one file (or --chain E1 E2 ...)\n\n${USAGE}`);
    if (v.let || v.assume) throw new GradproofError('usage', '--let and --assume go with --chain; a file states them itself');
    const problem = v.problem === undefined ? {} : { problem: restore(v.problem) };
    return { command: 'check', file: operands[0]!, lets: [], assumes: [], ...problem, ...common(), debug };
  }
  if (target === undefined) throw new GradproofError('usage', `${command} needs a problem file or an expression\n\n${USAGE}`);
  if (extra.length) throw new GradproofError('usage', `unexpected argument '${extra[0]}' (quote an expression that has spaces)`);
  if (command === 'codegen') return { ...codegenArgs(v, restore), target, ...(v.wrt ? { wrt: restore(v.wrt) } : {}), shapes: many(v.shape), lets: many(v.let), expects: many(v.expect), assumes: many(v.assume), debug };
  const options = common();
  return {
    command: 'derive',
    target,
    ...(v.wrt ? { wrt: restore(v.wrt) } : {}),
    shapes: many(v.shape),
    lets: many(v.let),
    expects: many(v.expect),
    assumes: many(v.assume),
    ...options,
    allSteps: v.steps === true,
    all: v.all === true,
    fragment: fragmentOf(v, options.format),
    debug,
  };
}

/** `--fragment` is a LaTeX block: with another format it is a mistake, not ignored. */
function fragmentOf(v: ParsedValues, format: Format): boolean {
  if (v.fragment && format !== 'latex') throw new GradproofError('usage', `--fragment goes with --format latex (the bare align* block), not --format ${format}`);
  return v.fragment === true;
}

const DEFAULT_PORT = 8765;

/** `serve [--port N]`: nothing else; a port is a whole number from 0 to 65535. */
function serveArgs(extra: string | undefined, port: string | undefined): ServeArgs {
  if (extra !== undefined) throw new GradproofError('usage', `serve takes no argument, only --port N (found '${extra}')`);
  if (port === undefined) return { command: 'serve', port: DEFAULT_PORT };
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) throw new GradproofError('usage', `--port takes a port number from 0 to 65535, not '${port}'`);
  return { command: 'serve', port: Number(port) };
}

/** The options of `codegen`: --target picks the language; --format, --lang and --steps do not apply. */
function codegenArgs(v: ParsedValues, restore: (s: string) => string): Omit<CodegenArgs, 'target' | 'wrt' | 'shapes' | 'lets' | 'expects' | 'assumes'> {
  if (v.lang !== undefined) throw new GradproofError('usage', `codegen writes code: the language is --target ${CODE_TARGETS.join('|')}, not --lang`);
  if (v.format !== undefined) throw new GradproofError('usage', `codegen writes code: choose its language with --target ${CODE_TARGETS.join('|')}, not --format`);
  if (v.steps) throw new GradproofError('usage', '--steps goes with derive; codegen writes code, not steps');
  const language = (v.target === undefined ? 'ts' : restore(v.target)) as CodeTarget;
  if (!CODE_TARGETS.includes(language)) throw new GradproofError('usage', `unknown target '${language}' (known: ${CODE_TARGETS.join(', ')})`);
  const input = (v.input ? restore(v.input) : 'auto') as InputSyntax;
  if (!['auto', 'ascii', 'latex'].includes(input)) throw new GradproofError('usage', `unknown input syntax '${input}' (known: auto, ascii, latex)`);
  const grads = v.grads === undefined ? undefined : restore(v.grads).split(',').map((n) => n.trim());
  if (grads && (v.wrt !== undefined || v.all)) throw new GradproofError('usage', '--grads A,B picks gradients itself: it goes without --wrt and --all');
  const bad = grads?.find((n) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(n));
  if (bad !== undefined) throw new GradproofError('usage', `--grads takes names separated by commas (--grads w,b), not '${bad}'`);
  return {
    command: 'codegen',
    language,
    input,
    rules: (v.rules ?? []).map(restore),
    ...(v.output ? { output: restore(v.output) } : {}),
    all: v.all === true,
    ...(grads ? { grads } : {}),
    limits: limitsFromFlags(v, restore),
  };
}

type ParsedValues = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values'];
