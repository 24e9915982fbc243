/**
 * mathjs and nerdamer are dev dependencies: nothing the command or the package loads may
 * import them. The interop reads mathjs trees by their fields, and gets mathjs' `parse`
 * from the caller. Checked over the import graph from each entry point.
 */
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, readSource } from '../support/source.js';

/** Every package a file imports at run time, over the graph of relative code imports from `entry`. */
function runtimePackages(entry: string): { files: Set<string>; packages: Set<string> } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const ref of importsOf(readSource(file))) {
      if (ref.typeOnly) continue;
      if (!ref.from.startsWith('.')) packages.add(ref.from);
      else visit(normalize(join(dirname(file), ref.from)).replace(/\.js$/, '.ts'));
    }
  };
  visit(entry);
  return { files: seen, packages };
}

describe.each([
  ['src/cli/main.ts', 'src/codegen/generate.ts'],
  ['src/index.ts', 'src/interop/mathjs.ts'],
])('from %s', (entry, reached) => {
  const { files, packages } = runtimePackages(entry);

  it(`reaches ${reached}, so the check means something`, () => {
    expect(files).toContain(reached);
  });

  it('imports no mathjs and no nerdamer', () => {
    expect([...packages].filter((p) => /^(mathjs|nerdamer)(\/|$)/.test(p))).toEqual([]);
  });
});
