/** How many terminal columns text takes: wide (CJK) characters take two. */

const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** The number of terminal columns `s` occupies. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const c of s) w += WIDE.test(c) ? 2 : 1;
  return w;
}

/** `s` padded with spaces to `width` terminal columns. */
export const padTo = (s: string, width: number): string => s + ' '.repeat(Math.max(0, width - displayWidth(s)));
