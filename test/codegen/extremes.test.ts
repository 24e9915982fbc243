/**
 * Every example's generated code (its own gradient and --all; JavaScript and Python) at
 * logits and biases of size 0, 30, 745 and 800, both signs, labels in {0, 1} (one-hot on
 * the first or the last class where they sum to 1), against the proven loss and gradients
 * evaluated by the decimal evaluator with digits to spare (60 beyond exp(-2|z|)): the loss
 * and the inputs' gradients within 1e-9 (relative, or absolute below 1), never infinite or
 * NaN where the true value is a finite double, and the function never raises (an
 * intermediate's gradient may be inf or NaN where the intermediate itself saturates: see
 * the README).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { transformSync } from 'esbuild';
import { sym } from '../../src/expr/node.js';
import { Definitions } from '../../src/expr/context.js';
import { preciseValues } from '../../src/expr/precise.js';
import { GradproofError } from '../../src/expr/errors.js';
import type { ProblemSpec } from '../../src/parse/problem.js';
import { type CodeTarget, codeModel } from '../../src/codegen/generate.js';
import { emitProgram } from '../../src/codegen/program.js';
import type { Expr } from '../../src/expr/node.js';
import { type Point, ROOT, cleanUp, problem, rules, writeGenerated } from './support.js';

afterAll(cleanUp);

const MAGNITUDES = [0, 30, 745, 800];
const TOL = 1e-9;
/**
 * Digits of the reference at a point: enough for exp(-2|z|) to keep 60 of its own beside 1
 * ((1 + tanh(-800))/2 = sigmoid(-1600) is about 1e-695; a softmax of z1 - z2 = 1600 too).
 */
const digitsAt = (p: Point): number => 60 + Math.ceil((2 * Math.max(0, ...Object.values(p).map(Math.abs))) / Math.LN10);

const hasPython = ((): boolean => {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Fixed values of inputs that are neither logits, biases nor labels (weights, inputs, scales, gamma). */
const FIXED: Readonly<Record<string, number>> = { g: 2, s: 1.3, t: 0.4, m: 0.2, p: 0.3 };
const isScanned = (v: string): boolean => /^(z\d*|b\d*|c)$/.test(v);
const isLabel = (v: string): boolean => /^y\d*$/.test(v);

/** The points: scanned inputs in sign patterns at each magnitude, times the label choices. */
function pointsOf(inputs: readonly string[], labelsSumToOne: boolean): Point[] {
  const scanned = inputs.filter(isScanned);
  const labels = inputs.filter(isLabel);
  const others = Object.fromEntries(inputs.filter((v) => !isScanned(v) && !isLabel(v)).map((v, i) => [v, FIXED[v] ?? [0.7, -0.4, 1.1, 0.3][i % 4]!]));
  const patterns = (m: number): number[][] => {
    if (m === 0) return [scanned.map(() => 0)];
    const alternate = (s: number) => scanned.map((_, i) => [s * m, -s * m, 0][i % 3]!);
    return [scanned.map(() => m), scanned.map(() => -m), ...(scanned.length > 1 ? [alternate(1), alternate(-1)] : [])];
  };
  const labelChoices: Array<Record<string, number>> = !labels.length
    ? [{}]
    : labelsSumToOne
      ? // One-hot on the first class and on the last: the sign patterns already put either among the largest and the smallest logits.
        [...new Set([labels[0]!, labels.at(-1)!])].map((hot) => Object.fromEntries(labels.map((l) => [l, l === hot ? 1 : 0])))
      : [0, 1].map((y) => Object.fromEntries(labels.map((l) => [l, y])));
  return MAGNITUDES.flatMap((m) => patterns(m).flatMap((zs) => labelChoices.map((ys) => ({ ...others, ...ys, ...Object.fromEntries(scanned.map((v, i) => [v, zs[i]!])) }))));
}

interface Output {
  readonly loss: number | string;
  readonly grad: Readonly<Record<string, number | string>>;
}

async function run(code: string, target: CodeTarget, points: readonly Point[], name: string): Promise<Output[]> {
  if (target === 'python') {
    writeGenerated(`${name}.py`, code);
    const driver = [
      'import json, sys',
      `from ${name} import loss_and_grad`,
      'out = []',
      'for p in json.load(sys.stdin):',
      '    try:',
      '        loss, grad = loss_and_grad(**{k: float(v) for k, v in p.items()})',
      '        out.append({"loss": repr(loss), "grad": {k: repr(v) for k, v in grad.items()}})',
      '    except Exception as e:',
      '        out.append({"loss": type(e).__name__, "grad": {}})',
      'print(json.dumps(out))',
    ].join('\n');
    const file = writeGenerated(`run_${name}.py`, driver);
    const text = execFileSync('python3', [file], { cwd: file.slice(0, file.lastIndexOf('/')), input: JSON.stringify(points), encoding: 'utf8' });
    const num = (s: string): number | string => (s === 'inf' ? Infinity : s === '-inf' ? -Infinity : s === 'nan' ? NaN : /^[-+.\deE]+$/.test(s) ? Number(s) : s);
    return (JSON.parse(text) as Array<{ loss: string; grad: Record<string, string> }>).map((r) => ({ loss: num(r.loss), grad: Object.fromEntries(Object.entries(r.grad).map(([k, v]) => [k, num(v)])) }));
  }
  const js = target === 'ts' ? transformSync(code, { loader: 'ts', format: 'esm' }).code : code;
  const mod = (await import(pathToFileURL(writeGenerated(`${name}.mjs`, js)).href)) as { lossAndGrad: (p: Point) => Output };
  return points.map((p) => {
    try {
      return mod.lossAndGrad(p);
    } catch (err) {
      return { loss: (err as Error).name, grad: {} };
    }
  });
}

/** What is wrong with `got` against the decimal `ref`, or undefined. */
function wrong(got: number | string | undefined, ref: string): string | undefined {
  const r = Number(ref);
  if (!Number.isFinite(r) || Math.abs(r) > 1.7e308) return undefined;
  if (typeof got !== 'number' || !Number.isFinite(got)) return `${String(got)} (true ${r})`;
  const err = Math.abs(got - r) / Math.max(1, Math.abs(r));
  return err > TOL ? `${got} (true ${r}, error ${err.toExponential(1)})` : undefined;
}

/**
 * TODO: code not yet stable at these points, by example (and `--all`), each with why. The
 * test still runs them and expects a failure, so one that gets fixed is noticed.
 */
const NOT_YET: Readonly<Record<string, string>> = {
  'lemma-tanh.grad --all': 'the reverse-mode gradient ((e^-z + e^z)^2 - (e^z - e^-z)^2)/(e^-z + e^z)^2 is inf - inf at |z| = 745 (it is 1 - tanh(z)^2)',
  'poisson-nll-softplus.grad': 'log(softplus(z)) is log(0) at z = -800 (it is about z), and y/softplus(z)*sigmoid(z) is inf*0 (about y)',
  'poisson-nll-softplus.grad --all': 'as without --all',
};

const EXAMPLES = readdirSync(`${ROOT}examples`).filter((f) => f.endsWith('.grad')).sort();

describe.each(EXAMPLES)('examples/%s', (file) => {
  const spec: ProblemSpec = problem(`examples/${file}`);
  const lossName = spec.lossName ?? 'L';
  const defs = new Definitions([...spec.definitions, { name: lossName, expr: spec.loss }]);
  const inputs = defs.freeVariables().filter((v) => defs.dependsOn(lossName, v));
  const sumsToOne = spec.assumptions.some((a) => a.ops[0] === '=');
  const points = pointsOf(inputs, sumsToOne);
  const precise = new Map<string, string>();
  /** The references at point i, all at once (they share the definitions' values, the costly part at 700 digits). */
  const valuesAt = (i: number, es: readonly Expr[]): string[] => {
    const missing = es.filter((e) => !precise.has(`${i}:${e.id}`));
    if (missing.length) preciseValues(missing, points[i]!, defs, digitsAt(points[i]!), rules.defs).forEach((v, k) => precise.set(`${i}:${missing[k]!.id}`, v));
    return es.map((e) => precise.get(`${i}:${e.id}`)!);
  };
  const models = new Map<boolean, ReturnType<typeof codeModel>['model']>();
  const modelOf = (all: boolean): ReturnType<typeof codeModel>['model'] => {
    if (!models.has(all)) {
      try {
        models.set(all, codeModel(spec, { all, rules }).model);
      } catch (err) {
        // Index notation has no code (a loop): refused, with its reason.
        if (!(err instanceof GradproofError && /index notation/.test(err.message))) throw err;
        models.set(all, null);
      }
    }
    return models.get(all)!;
  };

  const targets: CodeTarget[] = hasPython ? ['js', 'python'] : ['js'];
  it.each(targets.flatMap((t) => [[t, false], [t, true]] as const))('%s (all: %s): finite and accurate at large |z|', { timeout: 900_000 }, async (target, all) => {
    const model = modelOf(all);
    if (model === null) return;
    const got = await run(emitProgram(model, target), target, points, `x${file.replace(/\W/g, '_')}_${target}_${all}`);
    const failures: string[] = [];
    got.forEach((r, i) => {
      const at = JSON.stringify(points[i]);
      if (!Object.keys(r.grad).length) return void failures.push(`raised at ${at}: ${String(r.loss)}`);
      // The proven gradients of the inputs (an intermediate's is only as good as its saturated value).
      const grads = model.gradients.filter((x) => inputs.includes(x.wrt));
      const [lossRef, ...gradRefs] = valuesAt(i, [sym(lossName), ...grads.map((g) => g.result)]);
      const loss = wrong(r.loss, lossRef!);
      if (loss) failures.push(`loss at ${at}: ${loss}`);
      grads.forEach((g, k) => {
        const bad = wrong(r.grad[g.wrt], gradRefs[k]!);
        if (bad) failures.push(`∂/∂${g.wrt} at ${at}: ${bad}`);
      });
    });
    const todo = NOT_YET[`${file}${all ? ' --all' : ''}`];
    if (todo) expect(failures, `fixed? ${todo}`).not.toEqual([]);
    else expect(failures).toEqual([]);
  });
});
