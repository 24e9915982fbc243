/**
 * vitest matchers for textbook formulas. They use vitest only through the `this` and the
 * result object vitest hands every matcher, so nothing here imports vitest: the package
 * runs without it, and `gradproof/vitest` works with any vitest that has `expect.extend`.
 *
 * A matcher passes only on a proof the kernel replayed; `.not` passes only on a refutation
 * (a point where the two sides differ). `unknown` fails both ways: never a silent verdict.
 */
import type { Expr } from '../expr/node.js';
import { toAscii as exprToAscii } from '../expr/print.js';
import type { RuleSet } from '../rules/types.js';
import type { Verdict } from '../verdict/equality.js';
import { derive } from '../api/derive.js';
import { equivalent } from '../api/equivalent.js';
import { toLatex } from '../api/expressions.js';
import type { Lets } from '../api/inputs.js';
import type { PremisesJson } from '../api/premises.js';

/** What a gradient is taken with respect to, and the problem's named intermediates and facts. */
export interface GradientSpec {
  readonly wrt: string;
  /** `{ a2: 'sigmoid(z2)' }`: the result is written in these names. */
  readonly let?: Lets;
  /** Facts such as `'y1 + y2 + y3 = 1'`. */
  readonly assume?: string | readonly string[];
  /** A rule set from `loadRules`, for a user's own functions. */
  readonly rules?: RuleSet;
}

/** The context of an equality: named intermediates, facts, rules. */
export interface SymbolicOptions {
  readonly let?: Lets;
  readonly assume?: string | readonly string[];
  readonly rules?: RuleSet;
}

/** The part of vitest's matcher state these matchers read. */
interface State {
  readonly isNot: boolean;
}

interface Result {
  readonly pass: boolean;
  readonly message: () => string;
}

const text = (e: Expr | string): string => (typeof e === 'string' ? e : exprToAscii(e));

/** Passes on `proven`, or under `.not` fails on anything but `refuted`. */
const passes = (state: State, verdict: Verdict): boolean => (state.isNot ? verdict !== 'refuted' : verdict === 'proven');

const number = (v: number): string => (Number.isInteger(v) ? String(v) : v.toPrecision(6));
const pointText = (point: Readonly<Record<string, number>>): string =>
  Object.entries(point)
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ');

/** `diff(L, z2)`: the loss's name, and the goal as `∂L/∂z2`. */
function goalOf(goal: string): { readonly loss: string; readonly partial: string } {
  const m = /^diff\(([A-Za-z_][A-Za-z0-9_]*), ([A-Za-z_][A-Za-z0-9_]*)\)$/.exec(goal);
  return m ? { loss: m[1]!, partial: `∂${m[1]}/∂${m[2]}` } : { loss: '', partial: goal };
}

/** The verdict in words, as the headline says it. */
function headline(state: State, claim: string, verdict: Verdict): string {
  if (state.isNot) return `expected ${claim} to be refuted, but it is ${verdict === 'proven' ? 'proven (the kernel replayed the proof)' : 'unknown: neither proven nor refuted'}`;
  return `expected ${claim} to be proven, but it is ${verdict === 'refuted' ? 'refuted' : 'unknown: neither proven nor refuted'}`;
}

/** What a `proven` rests on besides the definitions shown as `given`: the stated facts, and any user rule file (an axiom). */
function premiseRows(p: PremisesJson | null): Array<readonly [string, string]> {
  const out: Array<readonly [string, string]> = [];
  if (p?.assumptions.length) out.push(['assuming', p.assumptions.join(', ')]);
  if (p?.ruleFiles.length) out.push(['axioms', `proven from the rules of ${p.ruleFiles.join(', ')}`]);
  return out;
}

/** Labelled rows, the values aligned; an empty label continues the row above. */
const rows = (pairs: ReadonlyArray<readonly [string, string]>): string => pairs.map(([k, v]) => `  ${(k ? `${k}:` : '').padEnd(12)}${v}`).join('\n');

/**
 * The matchers, for `expect.extend(gradproofMatchers)`.
 * @example
 * expect.extend(gradproofMatchers);
 * expect('(a - y)^2/2').toHaveGradient({ wrt: 'z', let: { a: 'tanh(z)' } }, '(a - y)*(1 - a^2)');
 */
export const gradproofMatchers = {
  /**
   * The loss's gradient by `spec.wrt` is proven equal to `expected`.
   * @example
   * expect('-(y*log(a2) + (1-y)*log(1-a2))').toHaveGradient({ wrt: 'z2', let: { a2: 'sigmoid(z2)' } }, 'a2 - y');
   */
  toHaveGradient(this: State, loss: Expr | string, spec: GradientSpec, expected: Expr | string): Result {
    const r = derive(
      { loss: text(loss), wrt: spec.wrt, expect: text(expected), ...(spec.let ? { let: spec.let } : {}), ...(spec.assume ? { assume: spec.assume } : {}) },
      spec.rules ? { rules: spec.rules } : {},
    );
    const e = r.expectations[0]!;
    const goal = goalOf(r.goal);
    const lhs = goal.partial;
    const message = (): string => {
      const lines: Array<readonly [string, string]> = [['loss', text(loss)]];
      const given = r.definitions.filter((d) => d.name !== goal.loss);
      if (given.length) lines.push(['given', given.map((d) => `${d.name} = ${d.expr}`).join(', ')]);
      lines.push(['derived', `${lhs} = ${r.result}`], ['expected', e.expected]);
      if (e.counterexample && e.values) lines.push(['at', `${pointText(e.counterexample)}: derived ${number(e.values.result)}, expected ${number(e.values.expected)}`]);
      if (e.evidence) lines.push(['evidence', e.evidence]);
      if (r.conditions.length) lines.push(['conditions', r.conditions.join(', ')]);
      if (e.verdict === 'proven') lines.push(...premiseRows(r.premises));
      lines.push(['LaTeX', `derived   ${r.resultLatex}`], ['', `expected  ${toLatex(e.expected, spec.rules ? { rules: spec.rules } : {})}`]);
      return `${headline(this, `${lhs} = ${e.expected}`, e.verdict)}\n${rows(lines)}`;
    };
    return { pass: passes(this, e.verdict), message };
  },

  /**
   * `received = expected` is proven (or under `.not`, refuted at a point).
   * @example
   * expect('sigmoid(z)*(1 - sigmoid(z))').toEqualSymbolically('exp(-z)/(1 + exp(-z))^2');
   */
  toEqualSymbolically(this: State, received: Expr | string, expected: Expr | string, options: SymbolicOptions = {}): Result {
    const a = text(received);
    const b = text(expected);
    const r = equivalent(a, b, options);
    const message = (): string => {
      const latex = (s: string): string => toLatex(s, options.rules ? { rules: options.rules } : {});
      const lines: Array<readonly [string, string]> = [
        ['left', a],
        ['right', b],
      ];
      if (r.counterexample && r.values) lines.push(['at', `${pointText(r.counterexample)}: left ${number(r.values.left)}, right ${number(r.values.right)}`]);
      if (r.evidence) lines.push(['evidence', r.evidence]);
      if (r.verdict === 'proven') lines.push(['by', r.rules.join(', ')]);
      if (r.conditions.length) lines.push(['conditions', r.conditions.join(', ')]);
      if (r.premises?.definitions.length) lines.push(['given', r.premises.definitions.join(', ')]);
      lines.push(...premiseRows(r.premises));
      lines.push(['LaTeX', `left   ${latex(a)}`], ['', `right  ${latex(b)}`]);
      return `${headline(this, `${a} = ${b}`, r.verdict)}\n${rows(lines)}`;
    };
    return { pass: passes(this, r.verdict), message };
  },
};

/** The matchers' types, for vitest's `Assertion` (see `gradproof/vitest`). */
export interface GradproofMatchers<R = unknown> {
  /** The loss's gradient by `spec.wrt` is proven equal to `expected` (`.not`: refuted). */
  toHaveGradient(spec: GradientSpec, expected: Expr | string): R;
  /** The received expression is proven equal to `expected` (`.not`: refuted at a point). */
  toEqualSymbolically(expected: Expr | string, options?: SymbolicOptions): R;
}
