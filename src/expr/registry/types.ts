/**
 * What gradproof knows of a function, in one place: how it is written (ASCII, LaTeX), how it
 * is computed (floating point, high precision, the derivative over decimals that checks rules
 * as they load), how generated code spells it, what it is called in English and Chinese, and
 * where it is defined. Its meaning (a `def`, or a `derivative` rule checked at load) comes
 * from `rules/`; the registry holds no symbolic meaning of its own.
 */
import type { Decimal } from 'decimal.js';

/** A Decimal constructor with its own precision. */
export type DecimalCtor = Decimal.Constructor;

/** A value, its derivative and its rounding-error scale, over decimals (src/rules/dual.ts). */
export interface Dual {
  readonly v: Decimal;
  readonly d: Decimal;
  /** How far rounding may have moved v: about 10^-digits times this. */
  readonly e: Decimal;
}

/** How many arguments: exactly n, or from `min` to `max` (no `max`: any number, as max and min take). */
export type Arity = number | { readonly min: number; readonly max?: number };

/**
 * How the LaTeX printer writes a call:
 * - `operator`: `\sin x` for a name or number, `\sin\left(x + 1\right)` otherwise (`\log_{10}` too);
 *   with `base`, a second argument is a subscript: `\log_{b}\left(x\right)`;
 * - `named`: `\operatorname{relu}\left(x\right)`;
 * - `symbol`: a fixed command before parentheses, `\sigma\left(z\right)`;
 * - `enclosed`: between two fixed texts, `\sqrt{x}`, `\left|x\right|`, `\left\lfloor x\right\rfloor`;
 * - `exponential`: a power of a fixed base, `e^{x}`, `2^{x}`;
 * - `relation`: `a > b`, between its two arguments;
 * - `notation`: a form the printer builds itself (cases, the Kronecker delta).
 */
export type LatexForm =
  | { readonly kind: 'operator'; readonly command: string; readonly base?: boolean }
  | { readonly kind: 'named' }
  | { readonly kind: 'symbol'; readonly command: string }
  | { readonly kind: 'enclosed'; readonly open: string; readonly close: string }
  | { readonly kind: 'exponential'; readonly base: string }
  | { readonly kind: 'relation'; readonly symbol: string }
  | { readonly kind: 'notation' };

export interface LatexSpec {
  /** How it is printed (for one argument; several arguments print as `\operatorname{f}\left(a, b\right)` unless the form says otherwise). */
  readonly form: LatexForm;
  /** Commands the LaTeX parser reads as this function: `log` and `ln` for log, `arcsin` for asin. */
  readonly commands?: readonly string[];
  /** Words inside `\operatorname{...}` read as this function besides its own name: `arsinh` for asinh. */
  readonly words?: readonly string[];
}

/** The range of a function of one argument, and where it is monotone its map and inverse (src/expr/ranges.ts). */
export interface RangeSpec {
  readonly lo: number;
  readonly hi: number;
  readonly loOpen: boolean;
  readonly hiOpen: boolean;
  /** Increasing on the whole real line (extended at the edges of its domain), for mapping an interval's ends. */
  readonly f?: (x: number) => number;
  readonly inverse?: (y: number) => number;
}

/** The derivative over decimals of a primitive, for checking rules as they load (src/rules/dual.ts). */
export interface DualSpec {
  /** d/dx f(args) by the chain rule, given the arguments (value and derivative) and f's value `v`; NaN where none exists. */
  derivative(D: DecimalCtor, args: readonly Dual[], v: Decimal): Decimal;
  /** The error scale of the value; by default its slope is taken to be at most 2. */
  error?(D: DecimalCtor, args: readonly Dual[], v: Decimal): Decimal;
}

/** A generated call's text from its printed arguments, in one language. */
export type Spelling = (args: readonly string[]) => string;

/** How generated code computes it; a function without this is opened through its `def`. */
export interface CodeSpec {
  readonly js: Spelling;
  readonly python: Spelling;
  /** A helper function the code then needs (its name in code-helpers.ts), per language. */
  readonly jsHelper?: string;
  readonly pythonHelper?: string;
}

/**
 * Where the function's meaning comes from: `rules` (a `def` or a `derivative` rule in
 * rules/), `notation` (comparisons, piecewise, the Kronecker delta: the evaluators and the
 * kernel know them as they are), or `code` (a function only generated code calls, with the
 * value of its stable form: logsumexp of its arguments).
 */
export type Meaning = 'rules' | 'notation' | 'code';

/** One function. */
export interface FunctionSpec {
  /** The canonical name, as the engine and the ASCII printer write it. */
  readonly name: string;
  /** Other ASCII names read as it (`ln` for log). */
  readonly aliases?: readonly string[];
  readonly arity: Arity;
  readonly latex: LatexSpec;
  readonly names: { readonly en: string; readonly zh: string };
  readonly meaning: Meaning;
  /** Floating-point value: for a primitive, and for a defined function as a second implementation its `def` is checked against. */
  readonly float?: (...xs: number[]) => number;
  /** High-precision value, for a primitive (defined functions are evaluated through their body). */
  readonly precise?: (D: DecimalCtor) => (...xs: Decimal[]) => Decimal;
  /** Its derivative over decimals, for a primitive with `precise`. */
  readonly dual?: DualSpec;
  /** `printer`: the code printer writes it itself (comparisons, piecewise). */
  readonly code?: CodeSpec | 'printer';
  /** Defined at every real point (its arguments being defined). */
  readonly total?: boolean;
  /** Differentiable at every real point (implies total). */
  readonly smooth?: boolean;
  /**
   * Continuous wherever defined, on an open domain (implied by smooth): a switch built of such
   * calls cannot jump, so a piecewise function is differentiated branch by branch off its boundary.
   * Not sqrt (its domain is closed at 0), not a step, comparison or user's def.
   */
  readonly continuous?: boolean;
  readonly range?: RangeSpec;
}
