import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../src/render');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('src/render imports only from the stages to its left', () => {
  it.each(files)('%s', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm)) {
      const [, typeOnly, from] = m;
      const allowed = from!.startsWith('./') || from!.startsWith('../expr/') || from!.startsWith('../proof/') || from!.startsWith('../verdict/');
      const typeFromRules = typeOnly !== undefined && from === '../rules/types.js';
      // The kernel's face, for the types of what it proved (a checked proof, a theorem's premises): never its functions.
      const typeFromKernel = typeOnly !== undefined && from === '../kernel/index.js';
      expect(allowed || typeFromRules || typeFromKernel, `${file} imports ${from}`).toBe(true);
    }
  });
});
