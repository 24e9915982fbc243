// The numeric judge of the peers' corpus (test/corpus/): every expression is read and evaluated
// by mathjs, independently of gradproof's parser, so a misread input cannot check itself.
// A derivative is correct when it agrees with central finite differences of the input.
import { all, create } from 'mathjs';

/** mathjs with real arithmetic (NaN outside the domain) and the few functions it lacks. */
export const math = create(all, { predictable: true });
const logistic = (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
math.import(
  {
    heaviside: (x) => (x > 0 ? 1 : x < 0 ? 0 : 0.5),
    diracdelta: (x) => (x === 0 ? NaN : 0),
    erfc: (x) => 1 - math.erf(x),
    // Names gradproof may print in a result: the unambiguous ones of issue 14's list.
    exp2: (x) => 2 ** x,
    clip: (x, lo, hi) => Math.min(Math.max(x, lo), hi),
    clamp: (x, lo, hi) => Math.min(Math.max(x, lo), hi),
    sigmoid: logistic,
    softplus: (x) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))),
    relu: (x) => (x > 0 ? x : 0),
    relu6: (x) => Math.min(Math.max(x, 0), 6),
    hardtanh: (x) => Math.min(Math.max(x, -1), 1),
    leaky_relu: (x, a) => (x > 0 ? x : a * x),
    elu: (x, a) => (x > 0 ? x : a * Math.expm1(x)),
    softsign: (x) => x / (1 + Math.abs(x)),
    swish: (x) => x * logistic(x),
    silu: (x) => x * logistic(x),
    mish: (x) => x * Math.tanh(x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))),
    gelu: (x) => (x * (1 + math.erf(x / Math.SQRT2))) / 2,
    // `piecewise(c1, v1, c2, v2, ...)`: the first value whose condition holds, as gradproof and SymPy read it.
    piecewise: (...xs) => {
      for (let i = 0; i + 1 < xs.length; i += 2) if (xs[i] === true || xs[i] === 1) return xs[i + 1];
      return NaN;
    },
  },
  { override: true },
);

const CONSTANTS = new Set(['e', 'pi', 'E', 'PI', 'true', 'false', 'Infinity', 'NaN']);

/** The compiled expression and the names it uses as variables, or an error message. */
export function compile(text) {
  try {
    const node = math.parse(text);
    const names = new Set();
    node.traverse((n, _path, parent) => {
      if (n.type !== 'SymbolNode' || CONSTANTS.has(n.name)) return;
      if (parent && parent.type === 'FunctionNode' && parent.fn === n) return;
      names.add(n.name);
    });
    return { code: node.compile(), names: [...names] };
  } catch (err) {
    return { error: String(err.message ?? err) };
  }
}

/** A real number, or NaN for anything else (a complex value, a matrix, infinity). */
function real(value) {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'number' || !Number.isFinite(value)) return NaN;
  return value;
}

export function evaluate(compiled, scope) {
  try {
    return real(compiled.code.evaluate({ ...scope }));
  } catch {
    return NaN;
  }
}

/** A small seeded generator, so that every run samples the same points. */
function rng(seedText) {
  let s = 2166136261;
  for (const ch of seedText) s = Math.imul(s ^ ch.charCodeAt(0), 16777619);
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The central difference quotient of f in `wrt` at the point, with step h (relative to the point). */
function central(f, point, wrt, h) {
  const step = h * Math.max(1, Math.abs(point[wrt]));
  return (evaluate(f, { ...point, [wrt]: point[wrt] + step }) - evaluate(f, { ...point, [wrt]: point[wrt] - step })) / (2 * step);
}

export const close = (a, b, tol = 1e-5) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

/**
 * Points where the input is defined and smooth enough that finite differences settle:
 * each name drawn from [-3, 3] (the variable too), the difference quotients at two steps
 * agreeing. Returns each point with the derivative estimate there.
 */
export function samplePoints(c, count = 4, tries = 3000) {
  const f = compile(c.expr);
  if (f.error) return { error: f.error, points: [] };
  const names = [...new Set([...f.names, c.wrt, ...(compile(c.expected).names ?? [])])];
  const next = rng(c.id);
  const points = [];
  for (let t = 0; t < tries && points.length < count; t++) {
    const point = Object.fromEntries(names.map((n) => [n, Math.round((next() * 6 - 3) * 1000) / 1000]));
    if (!Number.isFinite(evaluate(f, point))) continue;
    const d1 = central(f, point, c.wrt, 1e-5);
    const d2 = central(f, point, c.wrt, 5e-6);
    if (!Number.isFinite(d1) || !Number.isFinite(d2) || !close(d1, d2, 1e-6)) continue;
    points.push({ point, derivative: d2 });
  }
  return { points };
}

/**
 * A candidate derivative against the estimates: `wrong` lists the points where both are
 * finite and differ; `compared` counts the points where the candidate is defined at all.
 */
export function judge(candidateText, points) {
  const g = compile(candidateText);
  if (g.error) return { error: g.error, compared: 0, wrong: [] };
  const wrong = [];
  let compared = 0;
  for (const { point, derivative } of points) {
    const value = evaluate(g, point);
    if (!Number.isFinite(value)) continue;
    compared++;
    if (!close(value, derivative)) wrong.push({ point, value, derivative });
  }
  return { compared, wrong };
}
