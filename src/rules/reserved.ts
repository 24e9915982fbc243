/**
 * Names with a fixed meaning, which no rule file of a user's may define: the evaluator's
 * primitives, the parser's built-in functions, the comparisons, `piecewise`, `diff`, index
 * notation (`at`, `sum`, `delta`, `list`), the constant `pi`, the aliases the parser reads
 * as another name, the condition keywords, and every function the kernel takes as defined
 * everywhere or as continuous (a user's `def floor(u) = log(u)` would let `0*floor(-1)` vanish). A `def` of one
 * would change what every proof that mentions it means; the built-in rule files alone define them.
 */
import { PRIMITIVES } from '../expr/eval.js';
import { AT, DELTA, LIST, SUM } from '../expr/indexed.js';
import { BUILTIN_FUNCTIONS } from '../parse/ascii.js';
import { CONTINUOUS_FUNCTIONS, TOTAL_FUNCTIONS } from '../expr/total.js';
import { PRIME, STRUCTURAL } from '../expr/matrix.js';

export const FIXED_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(PRIMITIVES),
  ...BUILTIN_FUNCTIONS,
  ...TOTAL_FUNCTIONS,
  ...CONTINUOUS_FUNCTIONS,
  'diff', AT, SUM, DELTA, LIST, 'piecewise', 'gt', 'lt', 'ge', 'le',
  // The calls of shaped terms: the kernel reads matmul, rowsum, ... as the matrix operations (defined where their entries are).
  ...STRUCTURAL, PRIME,
  'pi', 'ln', 'σ', 'π',
  'free', 'nonzero', 'positive', 'nonnegative', 'continuous', 'def',
]);
