// Runs gradproof's `derive` on every case of the peers' corpus and judges each result by
// numbers alone: shared by scripts/corpus.mjs (on dist/) and test/corpus/peers.test.ts (on src/).
import { compile, evaluate, judge, samplePoints } from './corpus-check.mjs';

export const PEERS = ['mathjs', 'nerdamer', 'Algebrite', 'Compute Engine', 'SymPy', 'GiNaC'];

/** Why gradproof refused a case, as a group name and the detail. */
export function refusalOf(err) {
  const message = String(err?.message ?? err).split('\n')[0];
  const code = err?.code ?? 'exception';
  let m;
  if ((m = /^unknown function '([^']+)'/.exec(message))) return { group: 'missing function', detail: m[1], code, message };
  if ((m = /^no rule differentiates the function (\S+)/.exec(message))) return { group: 'no derivative rule', detail: m[1], code, message };
  if (/the loss does not use/.test(message)) return { group: 'constant expression refused', detail: '', code, message };
  if (code === 'syntax') return { group: 'parse error', detail: message, code, message };
  if (code === 'internal') return { group: 'internal error', detail: message.slice(0, 120), code, message };
  return { group: code, detail: message.slice(0, 120), code, message };
}

/**
 * The result's values at the points: the loss's own name (`L` in `-L/(exp(x) - 1)`) is the
 * input as mathjs reads it, other intermediates are gradproof's definitions. A name that is
 * neither an input name nor defined makes the result wrong: it speaks of something the user
 * never wrote (`log10(6x)` read as `6*log10`).
 */
function resultJudge(c, r, points) {
  const lossName = /^diff\(([A-Za-z_][A-Za-z0-9_]*),/.exec(r.goal)?.[1];
  const defs = r.definitions.filter((d) => d.index === undefined).map((d) => ({ name: d.name, code: compile(d.name === lossName ? c.expr : d.expr) }));
  const inputNames = new Set(points.length ? Object.keys(points[0].point) : compile(c.expr).names ?? []);
  const unknown = (compile(r.result).names ?? []).filter((n) => !inputNames.has(n) && !defs.some((d) => d.name === n));
  if (unknown.length) return { compared: 0, wrong: [{ names: unknown }], error: `uses ${unknown.join(', ')}, which the input does not` };
  const withDefs = points.map(({ point, derivative }) => {
    const scope = { ...point };
    for (const d of defs) scope[d.name] = d.code.error ? NaN : evaluate(d.code, scope);
    return { point: scope, derivative };
  });
  return judge(r.result, withDefs);
}

/** One case: handled or refused, numerically correct, agreeing with SymPy, the peer's form proven. */
export function runCase(derive, c, sympy) {
  const { points } = samplePoints(c);
  const record = { id: c.id, peer: c.peer, expr: c.expr, wrt: c.wrt, sympyHandled: Boolean(sympy?.handled) };
  // Statements known to be false: the expected form off by 1/1000, and a peer's own wrong form.
  const falseForms = [`(${c.expected}) + 1/1000`, ...(c.peerExpected ? [c.peerExpected] : [])];
  const forms = [c.expected, ...falseForms];
  let r;
  let verdicts;
  try {
    // With two or more expectations the result is the derivation's own (a single one proven in
    // one step would become its last line), so one call gives the result and every verdict.
    r = derive({ loss: c.expr, wrt: c.wrt, expect: forms });
    verdicts = verdictsOf(r, forms);
  } catch {
    try {
      r = derive({ loss: c.expr, wrt: c.wrt });
    } catch (err) {
      return { ...record, handled: false, refusal: refusalOf(err) };
    }
    verdicts = forms.flatMap((form) => verdictsOn(derive, c, [form]));
  }
  if (r.stopped) return { ...record, handled: false, refusal: { group: 'stopped', detail: String(r.stopped.reason ?? r.stopped), code: 'stopped', message: '' } };
  const fd = resultJudge(c, r, points);
  // SymPy's derivative as a second reference, at the same points.
  const vsSympy = sympy?.handled ? resultJudge(c, r, judgeAgainst(sympy.result, points)) : { compared: 0, wrong: [] };
  let [expected, ...rest] = verdicts;
  // A user asking for one form asks with that form alone: the engine aims its last steps at a
  // single expectation, so an expected form left unproven among several is asked again alone.
  if (expected.verdict !== 'proven') [expected] = verdictsOn(derive, c, [c.expected]);
  const onFalse = falseForms.map((form, i) => ({ form, ...rest[i] }));
  return {
    ...record,
    handled: true,
    result: r.result,
    compared: fd.compared,
    wrong: fd.wrong,
    error: fd.error ?? null,
    sympyCompared: vsSympy.compared,
    sympyWrong: vsSympy.wrong,
    correct: !fd.error && fd.compared > 0 && fd.wrong.length === 0 && vsSympy.wrong.length === 0,
    expected,
    onFalse,
  };
}

const verdictsOf = (r, forms) => forms.map((_, i) => ({ verdict: r.expectations[i]?.verdict ?? 'none', evidence: r.expectations[i]?.evidence ?? null }));

/** gradproof's verdict on `d/d wrt expr = form` for each form, or `error` with the message. */
function verdictsOn(derive, c, forms) {
  try {
    return verdictsOf(derive({ loss: c.expr, wrt: c.wrt, expect: forms }), forms);
  } catch (err) {
    return forms.map(() => ({ verdict: 'error', evidence: refusalOf(err).message }));
  }
}

/** The points with SymPy's derivative in place of the difference quotient, where SymPy's is defined. */
function judgeAgainst(text, points) {
  const s = compile(text);
  if (s.error) return [];
  return points.map(({ point }) => ({ point, derivative: evaluate(s, point) })).filter((p) => Number.isFinite(p.derivative));
}

/** Counts per peer and in total. */
export function tally(records) {
  const rows = [...PEERS, 'total'].map((peer) => {
    const rs = peer === 'total' ? records : records.filter((r) => r.peer === peer);
    const count = (f) => rs.filter(f).length;
    return {
      peer,
      cases: rs.length,
      handled: count((r) => r.handled),
      sympy: count((r) => r.sympyHandled),
      correct: count((r) => r.handled && r.correct),
      wrong: count((r) => r.handled && (r.wrong.length > 0 || r.sympyWrong.length > 0)),
      unchecked: count((r) => r.handled && !r.error && r.compared === 0),
      proven: count((r) => r.handled && r.expected.verdict === 'proven'),
      refuted: count((r) => r.handled && r.expected.verdict === 'refuted'),
      falseProven: count((r) => r.handled && r.onFalse.some((f) => f.verdict === 'proven')),
    };
  });
  return rows;
}

/** The refusals by group, then detail: `missing function` → `tan` → case ids. */
export function refusals(records) {
  const groups = new Map();
  for (const r of records.filter((x) => !x.handled)) {
    const g = groups.get(r.refusal.group) ?? new Map();
    const ids = g.get(r.refusal.detail) ?? [];
    ids.push(r.id);
    g.set(r.refusal.detail, ids);
    groups.set(r.refusal.group, g);
  }
  return groups;
}
