/**
 * What differs between the languages code is generated in: comments, reserved words, how a
 * function, a comparison and a branch are spelled, and the helpers the code calls.
 */

/** The languages code is generated in. */
export const CODE_TARGETS = ['ts', 'js', 'python'] as const;
/** A language code is generated in: TypeScript, JavaScript (ESM) or Python 3. */
export type CodeTarget = (typeof CODE_TARGETS)[number];

/** Functions the printer writes directly; any other function is opened through its definition. */
export const NATIVE_FUNCTIONS: ReadonlySet<string> = new Set([
  'exp', 'log', 'sqrt', 'tanh', 'sinh', 'cosh', 'sin', 'cos', 'abs', 'erf',
  'sigmoid', 'softplus', 'logsumexp', 'relu', 'gt', 'lt', 'ge', 'le', 'piecewise',
]);

/** Helper functions, by the name the code calls them. */
export type Helper = 'sigmoid' | 'softplus' | 'logsumexp' | 'erf';

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
}

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
const OWN_NAMES = ['loss', 'grad', 'input', 'sigmoid', 'softplus', 'logsumexp', 'erf', 'relu'];

const JS_MATH: Readonly<Record<string, string>> = {
  exp: 'Math.exp', log: 'Math.log', sqrt: 'Math.sqrt', tanh: 'Math.tanh', sinh: 'Math.sinh', cosh: 'Math.cosh',
  sin: 'Math.sin', cos: 'Math.cos', abs: 'Math.abs',
};

const PY_MATH: Readonly<Record<string, string>> = {
  exp: 'math.exp', log: 'math.log', sqrt: 'math.sqrt', tanh: 'math.tanh', sinh: 'math.sinh', cosh: 'math.cosh',
  sin: 'math.sin', cos: 'math.cos', abs: 'abs', erf: 'math.erf',
};

const HELPERS: ReadonlySet<string> = new Set<Helper>(['sigmoid', 'softplus', 'logsumexp', 'erf']);

/** The JavaScript helpers; `typed` adds TypeScript annotations. */
function jsHelpers(typed: boolean): Record<Helper, string> {
  const n = typed ? ': number' : '';
  return {
    sigmoid: `/** sigmoid(x) = 1/(1 + exp(-x)), through exp of a nonpositive number only: it never overflows. */
function sigmoid(x${n})${n} {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const t = Math.exp(x);
  return t / (1 + t);
}`,
    softplus: `/** softplus(x) = log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|)): no overflow, no lost digits. */
function softplus(x${n})${n} {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}`,
    logsumexp: `/** log(Σ exp(x)) = m + log(Σ exp(x - m)) with m = max(x): no overflow, no underflow to log(0). */
function logsumexp(...xs${typed ? ': number[]' : ''})${n} {
  const m = Math.max(...xs);
  if (!Number.isFinite(m)) return m;
  let s = 0;
  for (const x of xs) s += Math.exp(x - m);
  return m + Math.log(s);
}`,
    erf: `/** The error function: its series for |x| < 3, else a continued fraction for erfc. */
function erf(x${n})${n} {
  const t = Math.abs(x);
  if (t < 3) {
    let sum = t;
    let term = t;
    for (let k = 1; k < 60; k++) {
      term *= (-t * t) / k;
      sum += term / (2 * k + 1);
    }
    return Math.sign(x) * ((2 / Math.sqrt(Math.PI)) * sum);
  }
  let f = 0;
  for (let k = 60; k >= 1; k--) f = k / 2 / (t + f);
  return Math.sign(x) * (1 - Math.exp(-t * t) / Math.sqrt(Math.PI) / (t + f));
}`,
  };
}

const PY_HELPERS: Record<Helper, string> = {
  sigmoid: `def sigmoid(x):
    """sigmoid(x) = 1/(1 + exp(-x)), through exp of a nonpositive number only: it never overflows."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    t = math.exp(x)
    return t / (1.0 + t)`,
  softplus: `def softplus(x):
    """softplus(x) = log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|)): no overflow, no lost digits."""
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))`,
  logsumexp: `def logsumexp(*xs):
    """log(sum(exp(x))) = m + log(sum(exp(x - m))) with m = max(x): no overflow, no underflow to log(0)."""
    m = max(xs)
    if math.isinf(m) or math.isnan(m):
        return m
    return m + math.log(sum(math.exp(x - m) for x in xs))`,
  erf: '',
};

function jsSyntax(typed: boolean): TargetSyntax {
  return {
    comment: '//',
    reserved: new Set([...JS_RESERVED, ...OWN_NAMES]),
    call(fn, args) {
      const native = JS_MATH[fn];
      if (native) return { text: `${native}(${args.join(', ')})` };
      if (fn === 'relu') return { text: `Math.max(${args[0]}, 0)` };
      if (HELPERS.has(fn)) return { text: `${fn}(${args.join(', ')})`, helper: fn as Helper };
      throw new RangeError(`no spelling for ${fn}`);
    },
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
  call(fn, args) {
    const native = PY_MATH[fn];
    if (native) return { text: `${native}(${args.join(', ')})` };
    if (fn === 'relu') return { text: `max(${args[0]}, 0.0)` };
    if (HELPERS.has(fn)) return { text: `${fn}(${args.join(', ')})`, helper: fn as Helper };
    throw new RangeError(`no spelling for ${fn}`);
  },
  indicator: (c) => `(1.0 if ${c} else 0.0)`,
  branches: (cases) => `(${cases.map(([c, v]) => `${v} if ${c} else `).join('')}math.nan)`,
  isOne: (v) => `${v} == 1`,
  pi: 'math.pi',
  helpers: PY_HELPERS,
};

/** The syntax of a target language. */
export function syntaxOf(target: CodeTarget): TargetSyntax {
  return target === 'python' ? PYTHON : jsSyntax(target === 'ts');
}
