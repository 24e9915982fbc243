import { describe, expect, it } from 'vitest';
import { displayWidth, padTo } from '../../src/render/width.js';

/** The definition: one column per code point, two for one in the wide ranges. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const reference = (s: string): number => [...s].reduce((w, c) => w + (WIDE.test(c) ? 2 : 1), 0);

describe('displayWidth counts terminal columns', () => {
  it.each([
    ['a2 - y', 6],
    ['由链式法则可得', 14],
    ['∂L/∂z2 = a2 − y', 15],
    ['（全角）', 8],
    ['😀', 1],
    ['a😀b', 3],
    ['\ud83d', 1],
    ['\ud83dx', 2],
    ['\u10ff\u1100\u115f\u1160', 6],
    ['', 0],
  ])('%j is %i columns', (s, w) => {
    expect(displayWidth(s)).toBe(w);
  });

  it('agrees with the definition on every code unit of the Basic Multilingual Plane', () => {
    const differ: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const s = String.fromCharCode(c);
      if (displayWidth(s) !== reference(s)) differ.push(c);
    }
    expect(differ).toEqual([]);
  });

  it('pads to a width in columns', () => {
    expect(padTo('约分', 6)).toBe('约分  ');
    expect(padTo('abc', 2)).toBe('abc');
  });
});
