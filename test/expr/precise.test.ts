import { describe, expect, it } from 'vitest';
import { preciseValue } from '../../src/expr/precise.js';
import { Definitions } from '../../src/expr/context.js';
import { parse } from '../../src/parse/ascii.js';

const at50 = (e: string): string => preciseValue(parse(e), {}, new Definitions([]), 50);

describe('precise evaluation to 50 digits', () => {
  // The expected digits are mpmath's erf at 80 digits, rounded to 50.
  it.each([
    ['erf(0.5)', '0.52049987781304653768274665389196452873645157575796'],
    ['erf(2)', '0.99532226501895273416206925636725292861089179704006'],
    ['erf(6)', '0.99999999999999997848026328750108688340664960081262'],
    ['erf(10)', '0.99999999999999999999999999999999999999999999791151'],
    ['erf(-10)', '-0.99999999999999999999999999999999999999999999791151'],
    // 1 - erf(11) is 1.4e-54: 1 to 50 digits, as is every larger argument.
    ['erf(11)', '1'],
    ['erf(16)', '1'],
    ['erf(-16)', '-1'],
    ['erf(1000)', '1'],
  ])('%s = %s', (e, v) => {
    expect(at50(e)).toBe(v);
  });
});
