/**
 * DESIGN.md's pipeline, enforced: each folder of src/ imports only from the stages to its
 * left; the core has no `node:` imports (it runs in a browser); nothing evaluates code.
 */
import { describe, expect, it } from 'vitest';
import { importsOf, readSource, stripComments, tsFiles } from './support/source.js';

/** What each stage may import: other stages by folder, and (after `type:`) stages it may take types from. */
const ALLOWED: Readonly<Record<string, { readonly code: readonly string[]; readonly types?: readonly string[] }>> = {
  expr: { code: [] },
  parse: { code: ['expr'] },
  // Rules are admitted into the kernel by the loader, and by nothing else (see below).
  rules: { code: ['expr', 'parse', 'kernel'] },
  rewrite: { code: ['expr', 'rules'], types: ['proof'] },
  calculus: { code: ['expr', 'rules', 'rewrite', 'algebra', 'parse'], types: ['proof'] },
  algebra: { code: ['expr', 'rules', 'rewrite'], types: ['proof'] },
  proof: { code: ['expr'] },
  // The kernel runs only its own files (test/kernel/trusted-base.test.ts): it takes the expression and proof types.
  // Verdicts on equalities: proven only through the kernel, refuted only at a confirmed point.
  verdict: { code: ['expr', 'proof'], types: ['kernel'] },
  kernel: { code: [], types: ['expr', 'proof'] },
  render: { code: ['expr', 'proof', 'verdict'], types: ['rules', 'kernel'] },
  interop: { code: ['expr', 'parse'] },
  codegen: { code: ['expr', 'parse', 'rules', 'proof', 'verdict', 'render', 'api'], types: ['rewrite'] },
};
/** Folders (and top-level files) that may import anything of ours: the faces (API, CLI, vitest matchers). */
const ANYTHING = new Set(['api', 'cli', 'index.ts', 'vitest']);

const files = tsFiles('src');
const stageOf = (file: string): string => file.split('/')[1]!;

/** The stage an import points to, or undefined for a package. */
function targetStage(file: string, from: string): string | undefined {
  if (!from.startsWith('.')) return undefined;
  const parts = file.split('/').slice(0, -1);
  for (const seg of from.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  expect(parts[0], `${file} imports ${from}, outside src/`).toBe('src');
  return parts[1];
}

describe('the source tree', () => {
  it('has every stage of the table, and nothing the table does not know', () => {
    const stages = new Set(files.map(stageOf));
    for (const s of Object.keys(ALLOWED)) expect(stages).toContain(s);
    for (const s of stages) expect(s in ALLOWED || ANYTHING.has(s), `src/${s} is not in DESIGN.md's table`).toBe(true);
  });

  it('the import reader sees every kind of import', () => {
    const sample = [
      "import { a } from '../expr/node.js';",
      "import type { B } from '../proof/types.js';",
      "import { type C, type D } from '../rules/types.js';",
      "import { type E, f } from '../rewrite/apply.js';",
      "export * from './order.js';",
      "import '../side/effect.js';",
      'const x = 1; // import { g } from "../commented/out.js";',
      "/* import { h } from '../block/comment.js'; */",
      "function k(e: import('../expr/node.js').Expr): void {}",
      "const s = 'http://example.com'; import {",
      "  l,",
      "} from '../multi/line.js';",
    ].join('\n');
    expect(importsOf(sample).map((r) => `${r.line}:${r.from}:${r.typeOnly ? 'type' : 'code'}`)).toEqual([
      '1:../expr/node.js:code',
      '2:../proof/types.js:type',
      '3:../rules/types.js:type',
      '4:../rewrite/apply.js:code',
      '5:./order.js:code',
      '10:../multi/line.js:code',
      '6:../side/effect.js:code',
      '9:../expr/node.js:type',
    ]);
  });
});

/** The imports of `file` (whose text is `text`) that DESIGN.md's table does not allow. */
function violations(file: string, text: string): string[] {
  const stage = stageOf(file);
  if (ANYTHING.has(stage)) return [];
  const rule = ALLOWED[stage];
  if (!rule) return [`${file}: src/${stage} is not in the table`];
  const out: string[] = [];
  for (const ref of importsOf(text)) {
    const target = targetStage(file, ref.from);
    if (target === undefined || target === stage) continue;
    const ok = rule.code.includes(target) || (ref.typeOnly && (rule.types ?? []).includes(target));
    if (!ok) out.push(`${file}:${ref.line} imports ${ref.typeOnly ? 'types from ' : ''}${ref.from}`);
  }
  return out;
}

describe('the import rule itself', () => {
  it.each([
    ['src/expr/x.ts', "import { parse } from '../parse/ascii.js';", ['src/expr/x.ts:1 imports ../parse/ascii.js']],
    ['src/expr/x.ts', "import { add } from './node.js';\nimport { Decimal } from 'decimal.js';", []],
    ['src/parse/x.ts', "import { add } from '../expr/node.js';", []],
    ['src/parse/x.ts', "import type { Rule } from '../rules/types.js';", ['src/parse/x.ts:1 imports types from ../rules/types.js']],
    ['src/rewrite/x.ts', "import type { Step } from '../proof/types.js';", []],
    ['src/rewrite/x.ts', "import { checkProof } from '../proof/kernel.js';", ['src/rewrite/x.ts:1 imports ../proof/kernel.js']],
    ['src/algebra/x.ts', "import { type Condition } from '../proof/types.js';", []],
    ['src/algebra/x.ts', "import { derive } from '../calculus/derive.js';", ['src/algebra/x.ts:1 imports ../calculus/derive.js']],
    ['src/calculus/x.ts', "import { nearestName } from '../parse/suggest.js';", []],
    ['src/calculus/x.ts', "import { toLatex } from '../render/latex.js';", ['src/calculus/x.ts:1 imports ../render/latex.js']],
    ['src/proof/x.ts', "\n\nimport type { Rule } from '../rules/types.js';", ['src/proof/x.ts:3 imports types from ../rules/types.js']],
    ['src/render/x.ts', "import type { Rule } from '../rules/types.js';", []],
    ['src/render/x.ts', "import { builtinRules } from '../rules/builtin.js';", ['src/render/x.ts:1 imports ../rules/builtin.js']],
    ['src/api/x.ts', "import { anything } from '../cli/main.js';", []],
    ['src/widgets/x.ts', "import { a } from '../expr/node.js';", ['src/widgets/x.ts: src/widgets is not in the table']],
  ] as const)('%s: %s', (file, text, expected) => {
    expect(violations(file, text)).toEqual(expected);
  });
});

describe('each stage imports only from the stages to its left', () => {
  const checked = files.filter((f) => !ANYTHING.has(stageOf(f)));
  it('checks the core files', () => expect(checked.length).toBeGreaterThanOrEqual(40));
  it.each(checked)('%s', (file) => {
    expect(violations(file, readSource(file))).toEqual([]);
  });
});

describe('the core runs in a browser and evaluates nothing', () => {
  it.each(files.filter((f) => stageOf(f) !== 'cli'))('%s has no node: imports', (file) => {
    const bad = importsOf(readSource(file)).filter((r) => r.from.startsWith('node:'));
    expect(bad.map((r) => `${file}:${r.line} imports ${r.from}`)).toEqual([]);
  });

  const evaluators = (file: string, text: string): string[] => {
    const code = stripComments(text);
    return [...code.matchAll(/\beval\s*\(|\bnew\s+Function\b/g)].map((m) => `${file}:${code.slice(0, m.index).split('\n').length}: ${m[0]}`);
  };

  it('the search finds eval and new Function in code, not in comments', () => {
    const text = "// eval(x) is never used\nconst f = new Function('return 1');\n/* eval(y) */ const g = eval ('2');";
    expect(evaluators('t.ts', text)).toEqual(['t.ts:2: new Function', 't.ts:3: eval (']);
  });

  it.each(files)('%s has no eval( or new Function', (file) => {
    expect(evaluators(file, readSource(file))).toEqual([]);
  });
});

describe('the kernel is sealed', () => {
  const outside = files.filter((f) => stageOf(f) !== 'kernel');
  it('nothing outside src/kernel/ reaches past its face, src/kernel/index.ts', () => {
    const bad = outside.flatMap((f) =>
      importsOf(readSource(f))
        .filter((r) => /\/kernel\/(?!index\.js$)/.test(r.from))
        .map((r) => `${f}:${r.line} imports ${r.from}`),
    );
    expect(bad).toEqual([]);
  });
  it('only the rule loader (and the snapshot it wrote) admits rules', () => {
    const admitting = outside.filter((f) => /\badmitRules\b/.test(stripComments(readSource(f))));
    expect(admitting.sort()).toEqual(['src/rules/load.ts', 'src/rules/snapshot.ts']);
  });
});
