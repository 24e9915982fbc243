/**
 * What differs between the languages code is generated in: comments, reserved words, how a
 * function, a comparison and a branch are spelled, and the helpers the code calls. How each
 * function is spelled comes from the function registry.
 */
import { PYTHON_HELPERS, REGISTRY, functionSpec, jsHelpers } from '../expr/registry/index.js';

/** The languages code is generated in. */
export const CODE_TARGETS = ['ts', 'js', 'python'] as const;
/** A language code is generated in: TypeScript, JavaScript (ESM) or Python 3. */
export type CodeTarget = (typeof CODE_TARGETS)[number];

/**
 * Functions the printer writes directly (the registry's with code); any other function is
 * opened through its definition. Those only generated code calls (logsumexp of the stable
 * forms) are not among them: one a loss names is opened through its definition first.
 */
export const NATIVE_FUNCTIONS: ReadonlySet<string> = new Set(REGISTRY.filter((f) => f.code && f.meaning !== 'code').map((f) => f.name));

/** A helper function, by the name the code calls it (the registry's code-helpers.ts). */
export type Helper = string;

export interface TargetSyntax {
  readonly comment: string;
  /** Names a local may not take (keywords, and names the generated code itself uses). */
  readonly reserved: ReadonlySet<string>;
  /** A native call's text from its printed arguments, and the helper it needs (if any). */
  call(fn: string, args: readonly string[]): { text: string; helper?: Helper };
  /** A comparison used as a number: 1 when it holds, else 0. */
  indicator(comparison: string): string;
  /** The first value whose condition holds, else NaN. */
  branches(cases: ReadonlyArray<readonly [string, string]>): string;
  /** A condition that is not a comparison: the value is 1. */
  isOne(value: string): string;
  readonly pi: string;
  readonly helpers: Readonly<Record<Helper, string>>;
  /** Division by something that may be 0, where the language's own `/` raises there (Python). */
  divide?(top: string, bottom: string): { text: string; helper: Helper };
}

/** Python's `/` raises ZeroDivisionError; generated code divides as IEEE 754 and JavaScript do. */
const IEEE_DIV = [
  'def ieee_div(a, b):',
  '    """a / b as IEEE 754 (and JavaScript) divides: +-inf or nan where b is 0, never ZeroDivisionError."""',
  '    if b != 0 or math.isnan(b):',
  '        return a / b',
  '    if a == 0 or math.isnan(a):',
  '        return math.nan',
  '    return math.copysign(math.inf, a) * math.copysign(1.0, b)',
].join('\n');

/** Python's math.exp and math.log raise where JavaScript's give inf, -inf or NaN; generated code computes as JavaScript does. */
const IEEE_EXP = [
  'def ieee_exp(x):',
  '    """exp(x) as IEEE 754 (and JavaScript) computes it: inf where it overflows, never OverflowError."""',
  '    try:',
  '        return math.exp(x)',
  '    except OverflowError:',
  '        return math.inf',
].join('\n');

const IEEE_LOG = [
  'def ieee_log(x):',
  '    """log(x) as IEEE 754 (and JavaScript) computes it: -inf at 0 and nan below, never ValueError."""',
  '    if x > 0 or math.isnan(x):',
  '        return math.log(x)',
  '    return -math.inf if x == 0 else math.nan',
].join('\n');

const JS_RESERVED = [
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null',
  'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield',
  'let', 'static', 'implements', 'interface', 'package', 'private', 'protected', 'public', 'await', 'arguments',
  'eval', 'undefined', 'NaN', 'Infinity', 'Math', 'number', 'type', 'as', 'any',
];

const PY_RESERVED = [
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'math', 'abs', 'max', 'sum',
];

/** Names of the generated code itself: the function's locals and the helpers. */
const OWN_NAMES = ['loss', 'grad', 'input', 'relu', 'ieee_div', 'ieee_exp', 'ieee_log', ...Object.keys(jsHelpers(false)), ...Object.keys(PYTHON_HELPERS)];

/** A call as the registry spells it in a language, and the helper it needs. */
function registryCall(language: 'js' | 'python', fn: string, args: readonly string[]): { text: string; helper?: Helper } {
  const code = functionSpec(fn)?.code;
  if (!code || code === 'printer') throw new RangeError(`no spelling for ${fn}`);
  const helper = language === 'js' ? code.jsHelper : code.pythonHelper;
  return { text: (language === 'js' ? code.js : code.python)(args), ...(helper ? { helper } : {}) };
}

function jsSyntax(typed: boolean): TargetSyntax {
  return {
    comment: '//',
    reserved: new Set([...JS_RESERVED, ...OWN_NAMES]),
    call: (fn, args) => registryCall('js', fn, args),
    indicator: (c) => `(${c} ? 1 : 0)`,
    branches: (cases) => `(${cases.map(([c, v]) => `${c} ? ${v} : `).join('')}NaN)`,
    isOne: (v) => `${v} === 1`,
    pi: 'Math.PI',
    helpers: jsHelpers(typed),
  };
}

const PYTHON: TargetSyntax = {
  comment: '#',
  reserved: new Set([...PY_RESERVED, ...OWN_NAMES]),
  call: (fn, args) => ((fn === 'exp' || (fn === 'log' && args.length === 1)) && !/^[\d.]+$/.test(args[0]!) ? { text: `ieee_${fn}(${args[0]})`, helper: `ieee_${fn}` } : registryCall('python', fn, args)),
  indicator: (c) => `(1.0 if ${c} else 0.0)`,
  branches: (cases) => `(${cases.map(([c, v]) => `${v} if ${c} else `).join('')}math.nan)`,
  isOne: (v) => `${v} == 1`,
  pi: 'math.pi',
  helpers: { ...PYTHON_HELPERS, ieee_div: IEEE_DIV, ieee_exp: IEEE_EXP, ieee_log: IEEE_LOG },
  divide: (top, bottom) => ({ text: `ieee_div(${top}, ${bottom})`, helper: 'ieee_div' }),
};

/** The syntax of a target language. */
export function syntaxOf(target: CodeTarget): TargetSyntax {
  return target === 'python' ? PYTHON : jsSyntax(target === 'ts');
}
