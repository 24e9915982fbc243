/**
 * The limits of one run, from `--max-depth`, `--max-input`, `--max-steps`, `--max-size`, `--max-output` and
 * `--timeout`: input past a parse limit is an error, a derivation past a budget is `unknown`.
 */
import { statSync } from 'node:fs';
import { GradproofError } from '../expr/errors.js';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH } from '../parse/ascii.js';
import { DEFAULT_BUDGET, DEFAULT_MAX_TOTAL_SIZE, type Budget } from '../rewrite/builder.js';

export interface Limits {
  /** Deepest nesting the parsers accept. */
  readonly maxDepth: number;
  /** Longest input, in characters: an expression, or a whole file. */
  readonly maxInput: number;
  /** Steps, expression size and time of a derivation. */
  readonly budget: Budget;
}

/**
 * The deepest nesting `--max-depth` may ask for. The engine's printing, evaluation and
 * matching recurse once per level (a few frames each), and Node's default stack holds about
 * ten thousand frames, so this stays well below the depth that overflows it.
 */
export const MAX_DEPTH_CEILING = 500;

export const DEFAULT_LIMITS: Limits = { maxDepth: DEFAULT_MAX_DEPTH, maxInput: DEFAULT_MAX_LENGTH, budget: DEFAULT_BUDGET };

/** The flags as parseArgs gives them (strings), each optional. */
export interface LimitFlags {
  readonly 'max-depth'?: string;
  readonly 'max-input'?: string;
  readonly 'max-steps'?: string;
  readonly 'max-size'?: string;
  readonly 'max-output'?: string;
  readonly timeout?: string;
}

/**
 * Reads the limit flags; a value that is not a positive number is a usage error naming the
 * flag. `restore` undoes the argument parser's hiding of values that start with `-`.
 */
export function limitsFromFlags(flags: LimitFlags, restore: (s: string) => string = (s) => s): Limits {
  const v: LimitFlags = Object.fromEntries(Object.entries(flags).map(([k, x]) => [k, typeof x === 'string' ? restore(x) : x]));
  const whole = (flag: keyof LimitFlags, fallback: number, ceiling = Number.MAX_SAFE_INTEGER): number => {
    const s = v[flag];
    if (s === undefined) return fallback;
    if (!/^[1-9]\d{0,14}$/.test(s)) throw new GradproofError('usage', `--${flag} takes a whole number above 0, not '${s}'`);
    if (Number(s) > ceiling) throw new GradproofError('usage', `--${flag} is at most ${ceiling}, not ${s}`);
    return Number(s);
  };
  let maxMillis = DEFAULT_BUDGET.maxMillis;
  if (v.timeout !== undefined) {
    if (!/^(\d{1,9}(\.\d*)?|\.\d+)$/.test(v.timeout) || Number(v.timeout) <= 0) {
      throw new GradproofError('usage', `--timeout takes a number of seconds above 0, not '${v.timeout}'`);
    }
    maxMillis = Math.round(Number(v.timeout) * 1000);
  }
  return {
    maxDepth: whole('max-depth', DEFAULT_MAX_DEPTH, MAX_DEPTH_CEILING),
    maxInput: whole('max-input', DEFAULT_MAX_LENGTH),
    budget: {
      maxSteps: whole('max-steps', DEFAULT_BUDGET.maxSteps),
      maxSize: whole('max-size', DEFAULT_BUDGET.maxSize),
      maxMillis,
      // Applied by default only where every step is printed (JSON, --steps).
      ...(v['max-output'] === undefined ? {} : { maxTotalSize: whole('max-output', DEFAULT_MAX_TOTAL_SIZE) }),
    },
  };
}

/** Refuses a file longer than the input limit before reading it into memory. */
export function checkFileSize(file: string, limits: Limits): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return; // reading it reports why it cannot be read
  }
  if (size > limits.maxInput) {
    throw new GradproofError('limit', `${file} is ${size} bytes long; the limit is ${limits.maxInput} (--max-input)`);
  }
}
