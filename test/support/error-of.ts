/** Test helper: the GradproofError `f` throws; any other throw passes through, and no throw fails. */
import { GradproofError } from '../../src/expr/errors.js';

export function errorOf(f: () => unknown): GradproofError {
  try {
    f();
  } catch (e) {
    if (e instanceof GradproofError) return e;
    throw e;
  }
  throw new Error('no error');
}
