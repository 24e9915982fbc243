/**
 * A real package: `npm pack`, then `npm install <tarball>` into a fresh project (dependencies
 * from the registry, nothing from this repository), where the `gradproof` bin derives the
 * seed and the API and the matchers import and work.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packedPackage, run, type Packed } from '../support/package.js';

const SEED = readFileSync(join(import.meta.dirname, '../../examples/bce-sigmoid.grad'), 'utf8');

let packed: Packed;
let project: string;

beforeAll(() => {
  packed = packedPackage();
  project = join(packed.dir, '..', '..', `installed-${process.pid}`);
  rmSync(project, { recursive: true, force: true });
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'uses-gradproof', private: true, type: 'module' }, null, 2)}\n`);
  writeFileSync(join(project, 'seed.grad'), SEED);
  run('npm', ['install', packed.tarball, '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], project);
}, 600_000);
afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

/** `npx gradproof ...` in the installed project: the bin as npm links it. */
const bin = (...args: string[]) => run(join(project, 'node_modules', '.bin', 'gradproof'), args, project);

describe('the tarball', () => {
  it('holds the built code, its declarations, the rules, the examples, the README and package.json; no sources or tests', () => {
    const top = [...new Set(packed.files.map((f) => f.split('/')[0]))].sort();
    expect(top).toEqual(['README.md', 'dist', 'examples', 'package.json', 'rules']);
    expect(packed.files).toContain('dist/index.d.ts');
    expect(packed.files).toContain('dist/vitest/index.d.ts');
    expect(packed.files.filter((f) => /\.test\.|^src\/|^test\//.test(f))).toEqual([]);
  });
});

describe('no dev dependency at run time', () => {
  /** The packages a built file loads: import and export statements, dynamic imports, require. */
  const packagesOf = (code: string): string[] =>
    [
      ...code.matchAll(/^\s*(?:import|export)\s[^;'"]*?\bfrom\s*(['"])([^'"]+)\1/gm),
      ...code.matchAll(/^\s*import\s*(['"])([^'"]+)\1/gm),
      ...code.matchAll(/\b(?:import|require(?:\.resolve)?)\(\s*(['"])([^'"]+)\1\s*\)/g),
    ]
      .map((m) => m[2]!)
      .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtinModules.includes(s))
      .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!));

  it('the reader finds every kind of import', () => {
    const code = [
      "import a from 'katex';",
      'import { b } from "decimal.js";',
      'import {',
      '  c,',
      "} from 'multi-line';",
      "export { d } from 'reexported';",
      "import 'side-effect';",
      "const e = await import('lazy/sub');",
      "require.resolve('katex/dist/x.css');",
      "import f from './local.js';",
      "import { g } from 'node:fs';",
      "require('@scope/pkg/deep');",
      "const words = ['from', 'import', 'require'];",
    ].join('\n');
    expect(packagesOf(code).sort()).toEqual(['@scope/pkg', 'decimal.js', 'katex', 'katex', 'lazy', 'multi-line', 'reexported', 'side-effect']);
  });

  it('every package the built JavaScript loads is a dependency', () => {
    const manifest = JSON.parse(readFileSync(join(packed.dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const used = new Set(packed.files.filter((f) => /\.(m?js|cjs)$/.test(f)).flatMap((f) => packagesOf(readFileSync(join(packed.dir, f), 'utf8')).map((p) => `${p} (${f})`)));
    const allowed = new Set(Object.keys(manifest.dependencies));
    expect([...used].filter((u) => !allowed.has(u.split(' ')[0]!))).toEqual([]);
    expect(used.size).toBeGreaterThan(0);
  });

  it('vitest is types only: the matchers never load it', () => {
    const entry = readFileSync(join(packed.dir, 'dist/vitest/index.js'), 'utf8');
    expect(packagesOf(entry)).toEqual([]);
    expect(readFileSync(join(packed.dir, 'dist/vitest/index.d.ts'), 'utf8')).toContain("declare module 'vitest'");
  });
});

describe('installed into a fresh project', () => {
  it('installs only the runtime dependencies', () => {
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules', 'gradproof', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const dep of Object.keys(manifest.dependencies)) expect(() => readFileSync(join(project, 'node_modules', dep, 'package.json'))).not.toThrow();
    for (const dev of ['typescript', 'vitest', 'esbuild', 'mathjs']) expect(() => readFileSync(join(project, 'node_modules', dev, 'package.json')), dev).toThrow();
  });

  it('the gradproof bin derives the seed', () => {
    const out = bin('derive', 'seed.grad');
    expect(out).toContain('Result      ∂L/∂z2 = a2 - y\n');
    expect(out).toContain('Expected    a2 - y: proven\n');
    expect(bin('--version')).toMatch(/^gradproof \d+\.\d+\.\d+\n$/);
  }, 120_000);

  it('the API imports from "gradproof" and derives the seed; the matchers import from "gradproof/vitest"', () => {
    writeFileSync(
      join(project, 'use.mjs'),
      [
        "import { derive, check, loadRules } from 'gradproof';",
        "import { gradproofMatchers } from 'gradproof/vitest';",
        "const r = derive({ loss: '-(y*log(a2) + (1-y)*log(1-a2))', let: { a2: 'sigmoid(z2)' }, wrt: 'z2', expect: 'a2 - y' });",
        'console.log(r.result, r.verdict, check(r).checked);',
        "const m = gradproofMatchers.toHaveGradient.call({ isNot: false }, '(a - y)^2/2', { wrt: 'z', let: { a: 'tanh(z)' } }, '(a - y)*(1 + a^2)');",
        'console.log(m.pass, m.message().split("\\n")[0]);',
        "console.log(typeof loadRules('def gauss(u) = exp(-u^2)\\n').byId);",
      ].join('\n'),
    );
    expect(run(process.execPath, ['use.mjs'], project)).toBe(
      ['a2 - y proven true', 'false expected ∂L/∂z = (a - y)*(1 + a^2) to be proven, but it is refuted', 'object', ''].join('\n'),
    );
  }, 120_000);

  it('the package.json is what npm needs: ESM, an exports map with types, a bin, engines, vitest an optional peer', () => {
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules', 'gradproof', 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.type).toBe('module');
    expect(Object.keys(manifest.exports as object).sort()).toEqual(['.', './package.json', './vitest']);
    for (const entry of ['.', './vitest']) expect(Object.keys((manifest.exports as Record<string, object>)[entry]!)).toEqual(['types', 'default']);
    expect(Object.keys(manifest.bin as object)).toEqual(['gradproof']);
    expect(manifest.engines).toEqual({ node: '>=20' });
    expect(manifest.peerDependenciesMeta).toEqual({ vitest: { optional: true } });
  });
});
