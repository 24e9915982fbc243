/**
 * The peers' corpus (test/corpus/README.md): every derivative gradproof gives for a case from
 * the unit tests of mathjs, nerdamer, Algebrite, Compute Engine, SymPy and GiNaC agrees with
 * finite differences of the input as mathjs reads it, and with SymPy's; how many it handles,
 * gets right and proves in the peer's own form only goes up.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { derive } from '../../src/index.js';
import { type Case, judge, samplePoints } from '../../scripts/corpus-check.mjs';
import { type CaseRecord, type DeriveLike, type SympyEntry, type TallyRow, runCase, tally } from '../../scripts/corpus-run.mjs';

const here = join(import.meta.dirname, '.');
const cases: Case[] = JSON.parse(readFileSync(join(here, 'peers.json'), 'utf8')).cases;
const sympy: Record<string, SympyEntry> = JSON.parse(readFileSync(join(here, 'sympy.json'), 'utf8')).results;

/** Results known to be wrong: none since log10(x) is a call, not log10*x. No case may be wrong. */
const KNOWN_WRONG: readonly string[] = [];

/** The counts measured on this corpus, the known-wrong cases left out; each may only go up. */
const FLOOR: Record<string, Pick<TallyRow, 'handled' | 'correct' | 'proven'>> = {
  mathjs: { handled: 86, correct: 86, proven: 85 },
  nerdamer: { handled: 65, correct: 65, proven: 53 },
  Algebrite: { handled: 40, correct: 40, proven: 40 },
  'Compute Engine': { handled: 47, correct: 47, proven: 42 },
  SymPy: { handled: 61, correct: 61, proven: 53 },
  GiNaC: { handled: 11, correct: 11, proven: 11 },
  total: { handled: 310, correct: 310, proven: 284 },
};

/** How many handled cases have every false statement refuted, as measured; may only go up. */
const FLOOR_REFUTED = 310;

describe('the corpus itself', () => {
  it('has unique ids, and every case a source, an expression, a variable and an expected result', () => {
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(300);
    for (const c of cases) {
      expect([c.source.repo, c.source.path, c.expr, c.wrt, c.expected].every((s) => typeof s === 'string' && s.length > 0), c.id).toBe(true);
    }
  });

  it("agrees with finite differences: every peer's expected result, as translated", () => {
    const off = cases.filter((c) => {
      const { points } = samplePoints(c);
      const j = judge(c.expected, points);
      return points.length < 2 || j.error !== undefined || j.compared === 0 || j.wrong.length > 0;
    });
    expect(off.map((c) => c.id)).toEqual([]);
  });

  it('agrees with finite differences: every result SymPy handled (test/corpus/sympy.json)', () => {
    expect(Object.keys(sympy).sort()).toEqual(cases.map((c) => c.id).sort());
    const off = cases.filter((c) => {
      const s = sympy[c.id]!;
      if (!s.handled) return false;
      const j = judge(s.result!, samplePoints(c).points);
      return j.error !== undefined || j.compared === 0 || j.wrong.length > 0;
    });
    expect(off.map((c) => c.id)).toEqual([]);
  });
});

describe('the judge', () => {
  const c = cases.find((x) => x.expr === 'sin(2x)' && x.wrt === 'x')!;
  const fake = (result: string, goal = 'diff(L, x)'): DeriveLike => () => ({ goal, result, definitions: [], expectations: [{ verdict: 'proven', evidence: null }], stopped: null });

  it('finds a wrong derivative wrong, and a right one correct', () => {
    const wrong = runCase(fake('cos(2*x)'), c, sympy[c.id]);
    expect([wrong.handled, wrong.correct, wrong.wrong!.length > 0]).toEqual([true, false, true]);
    const right = runCase(fake('2*cos(2*x)'), c, sympy[c.id]);
    expect([right.handled, right.correct, right.wrong]).toEqual([true, true, []]);
  });

  it('finds a result wrong that speaks of a name the input does not have', () => {
    const r = runCase(fake('2*cos(2*x) + 0*log10'), c, sympy[c.id]);
    expect([r.correct, r.error]).toEqual([false, 'uses log10, which the input does not']);
  });
});

describe('gradproof on the corpus', () => {
  let records: CaseRecord[] = [];
  /** The records the floors count: not the known-wrong cases, which a fix may turn into refusals. */
  const counted = () => records.filter((r) => !KNOWN_WRONG.includes(r.id));
  beforeAll(() => {
    records = cases.map((c) => runCase(derive as DeriveLike, c, sympy[c.id]));
  }, 120_000);

  it('gives no numerically wrong result, beyond the known misreadings', () => {
    const wrong = records.filter((r) => r.handled && (r.wrong!.length > 0 || r.sympyWrong!.length > 0)).map((r) => r.id);
    expect(wrong.filter((id) => !KNOWN_WRONG.includes(id))).toEqual([]);
  });

  it('refutes no expected form except where its own result is a misreading', () => {
    const refuted = records.filter((r) => r.expected?.verdict === 'refuted').map((r) => r.id);
    expect(refuted.filter((id) => !KNOWN_WRONG.includes(id))).toEqual([]);
  });

  it("proves no false statement: the expected form off by 1/1000, or a peer's wrong form", () => {
    const proven = records.flatMap((r) => (r.onFalse ?? []).filter((f) => f.verdict === 'proven').map((f) => `${r.id}: ${f.form}`));
    expect(proven).toEqual([]);
    const refuted = counted().filter((r) => r.handled && r.onFalse!.every((f) => f.verdict === 'refuted')).length;
    expect(refuted).toBeGreaterThanOrEqual(FLOOR_REFUTED);
  });

  it('refuses only with a GradproofError, never another exception', () => {
    const odd = records.filter((r) => !r.handled && r.refusal!.code === 'exception').map((r) => `${r.id}: ${r.refusal!.message}`);
    expect(odd).toEqual([]);
  });

  it('handles, gets right and proves at least as many cases as measured, per peer and in total', () => {
    const rows = tally(counted());
    const below = rows.flatMap((row) => {
      const floor = FLOOR[row.peer]!;
      return (['handled', 'correct', 'proven'] as const).filter((k) => row[k] < floor[k]).map((k) => `${row.peer} ${k}: ${row[k]} < ${floor[k]}`);
    });
    expect(below).toEqual([]);
  });
});
