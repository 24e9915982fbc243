/**
 * Test helpers for generated code: generate it for a problem, load it (TypeScript through
 * esbuild, JavaScript as is, Python in a python3 child process), and an independent
 * reference: mathjs with 260-digit BigNumbers (1 - sigmoid(500) is 7e-218) evaluating the loss through its definitions,
 * and central differences of that in the same precision.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transformSync } from 'esbuild';
import { all, create, type BigNumber, type EvalFunction } from 'mathjs';
import { Definitions, type Definition } from '../../src/expr/context.js';
import { openAllCalls } from '../../src/expr/functions.js';
import { parseProblem, type ProblemSpec } from '../../src/parse/problem.js';
import { builtinRules } from '../../src/rules/builtin.js';
import { problemFromInput, runProblem, type DeriveInput } from '../../src/api/derive.js';
import { generateCode, type CodeTarget } from '../../src/codegen/generate.js';
import { toMathjs } from '../../src/interop/mathjs.js';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const rules = builtinRules();

export type Point = Readonly<Record<string, number>>;
export interface Computed {
  readonly loss: number;
  readonly grad: Readonly<Record<string, number>>;
}
/** A generated function, however it runs. */
export type Generated = (points: readonly Point[]) => Promise<Computed[]>;

/** A problem file of examples/, or an inline problem. */
export function problem(source: string | DeriveInput): ProblemSpec {
  if (typeof source !== 'string') return problemFromInput(source, rules.functions);
  return parseProblem(readFileSync(join(ROOT, source), 'utf8'), source, { functions: rules.functions });
}

const dir = mkdtempSync(join(tmpdir(), 'gradproof-codegen-'));
let counter = 0;

/** Removes the generated files (call from afterAll). */
export function cleanUp(): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Writes a generated file into the temporary directory. */
export function writeGenerated(name: string, text: string): string {
  const file = join(dir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** Generates code for `spec` in `target`, and returns its source and a runner. */
export async function load(spec: ProblemSpec, target: CodeTarget, all = false): Promise<{ code: string; run: Generated }> {
  const { code } = generateCode(spec, { target, all, rules });
  if (code === null) throw new Error('no code: the derivation stopped');
  const name = `gen${counter++}`;
  if (target === 'python') {
    writeGenerated(`${name}.py`, code);
    return { code, run: async (points) => runPython(name, points) };
  }
  const js = target === 'ts' ? transformSync(code, { loader: 'ts', format: 'esm' }).code : code;
  const file = writeGenerated(`${name}.mjs`, js);
  const mod = (await import(pathToFileURL(file).href)) as { lossAndGrad: (input: Point) => Computed };
  return { code, run: async (points) => points.map((p) => mod.lossAndGrad(p)) };
}

/** Runs `loss_and_grad` of a generated Python module at each point; doubles go both ways as repr text. */
function runPython(module: string, points: readonly Point[]): Computed[] {
  const driver = [
    'import json, sys',
    `from ${module} import loss_and_grad`,
    'out = []',
    'for p in json.load(sys.stdin):',
    '    loss, grad = loss_and_grad(**{k: float(v) for k, v in p.items()})',
    '    out.append({"loss": repr(loss), "grad": {k: repr(v) for k, v in grad.items()}})',
    'print(json.dumps(out))',
  ].join('\n');
  writeGenerated(`run_${module}.py`, driver);
  const text = execFileSync('python3', [join(dir, `run_${module}.py`)], {
    cwd: dir,
    input: JSON.stringify(points.map((p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v)])))),
    encoding: 'utf8',
  });
  const toNumber = (s: string): number => (s === 'inf' ? Infinity : s === '-inf' ? -Infinity : s === 'nan' ? NaN : Number(s));
  return (JSON.parse(text) as Array<{ loss: string; grad: Record<string, string> }>).map((r) => ({
    loss: toNumber(r.loss),
    grad: Object.fromEntries(Object.entries(r.grad).map(([k, v]) => [k, toNumber(v)])),
  }));
}

const bigDigits = create(all!, { number: 'BigNumber', precision: 260 });
/** 60 digits are plenty away from the extremes, and much faster. */
const moderate = create(all!, { number: 'BigNumber', precision: 60 });

/**
 * The reference: mathjs (BigNumber, 260 digits, or 60 with `fast`) evaluating the problem's
 * definitions in order, every defined function opened into exp and log, so nothing of the
 * generated code (its stable forms, its helpers) is shared with it.
 */
export function reference(
  spec: ProblemSpec,
  fast = false,
): {
  loss(point: Point): BigNumber;
  gradient(point: Point, wrt: string): BigNumber;
} {
  const big = fast ? moderate : bigDigits;
  const outcome = runProblem({ ...spec, expects: [] }, { rules });
  const defs = new Definitions(outcome.proof.definitions);
  const start = outcome.proof.start;
  const lossName = start.kind === 'call' && start.args[0]!.kind === 'sym' ? start.args[0]!.name : 'L';
  const compiled: Array<{ name: string; code: EvalFunction }> = defs.list.map((d: Definition) => ({
    name: d.name,
    code: toMathjs(openAllCalls(d.expr, rules.defs), big).compile(),
  }));
  const evaluate = (point: Point, perturb?: { name: string; delta: BigNumber }): BigNumber => {
    const scope = new Map<string, BigNumber>(Object.entries(point).map(([k, v]) => [k, big.bignumber(v)]));
    if (perturb && scope.has(perturb.name)) scope.set(perturb.name, big.add(scope.get(perturb.name)!, perturb.delta) as BigNumber);
    for (const c of compiled) {
      let v = c.code.evaluate(scope) as BigNumber;
      if (perturb?.name === c.name) v = big.add(v, perturb.delta) as BigNumber;
      scope.set(c.name, v);
    }
    return scope.get(lossName)!;
  };
  return {
    loss: (point) => evaluate(point),
    gradient(point, wrt) {
      // h = 1e-20: the truncation error (h^2) is far below a double's, and the loss keeps
      // 40 digits beyond h even where 1 - sigmoid(500) = 7e-218 eats 218 of the 260
      // (or, with 60 digits, where nothing is that small).
      // An intermediate's value is not at hand; its size is about 1 where the tests look.
      const h = big.multiply(big.bignumber('1e-20'), big.bignumber(Math.max(1, Math.abs(point[wrt] ?? 1)))) as BigNumber;
      const up = evaluate(point, { name: wrt, delta: h });
      const down = evaluate(point, { name: wrt, delta: big.unaryMinus(h) as BigNumber });
      return big.divide(big.subtract(up, down), big.multiply(h, 2)) as BigNumber;
    },
  };
}

/** Relative error of a double against a 260-digit reference (absolute below `floor`). */
export function relativeError(x: number, ref: BigNumber, floor = 0): number {
  const r = Number(ref.toString());
  if (!Number.isFinite(x)) return Infinity;
  const err = Math.abs(Number(bigDigits.subtract(bigDigits.bignumber(x), ref).toString()));
  return err / Math.max(Math.abs(r), floor);
}
