/**
 * `gradproof/vitest`: matchers for textbook formulas in a vitest suite.
 *
 *   import { expect } from 'vitest';
 *   import { gradproofMatchers } from 'gradproof/vitest';
 *   expect.extend(gradproofMatchers);
 *
 * The declarations below add the matchers to vitest's `Assertion`; they are types only,
 * so this entry never loads vitest itself.
 */
import type { GradproofMatchers } from './matchers.js';
// Types only (erased from the JavaScript): the module that the declarations below augment.
import type {} from 'vitest';

export { gradproofMatchers, type GradientSpec, type GradproofMatchers, type SymbolicOptions } from './matchers.js';

declare module 'vitest' {
  interface Assertion<T = any> extends GradproofMatchers<T> {}
  interface AsymmetricMatchersContaining extends GradproofMatchers {}
}
