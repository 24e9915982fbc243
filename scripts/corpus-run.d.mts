// Types for scripts/corpus-run.mjs, for the tests that import it.
import type { Case } from './corpus-check.mjs';

export interface Refusal {
  readonly group: string;
  readonly detail: string;
  readonly code: string;
  readonly message: string;
}
export interface CaseRecord {
  readonly id: string;
  readonly peer: string;
  readonly expr: string;
  readonly wrt: string;
  readonly sympyHandled: boolean;
  readonly handled: boolean;
  readonly refusal?: Refusal;
  readonly result?: string;
  readonly compared?: number;
  readonly wrong?: readonly unknown[];
  readonly error?: string | null;
  readonly sympyWrong?: readonly unknown[];
  readonly correct?: boolean;
  readonly expected?: { readonly verdict: string; readonly evidence: string | null };
  /** The verdicts on false statements: the expected form off by 1/1000, and a peer's wrong form. */
  readonly onFalse?: ReadonlyArray<{ readonly form: string; readonly verdict: string; readonly evidence: string | null }>;
}
export interface TallyRow {
  readonly peer: string;
  readonly cases: number;
  readonly handled: number;
  readonly sympy: number;
  readonly correct: number;
  readonly wrong: number;
  readonly unchecked: number;
  readonly proven: number;
  readonly refuted: number;
  readonly falseProven: number;
}
export interface SympyEntry {
  readonly handled: boolean;
  readonly result?: string;
  readonly reason?: string;
}
/** What runCase needs of gradproof's `derive`. */
export type DeriveLike = (input: { loss: string; wrt: string; expect?: string | readonly string[] }) => {
  readonly goal: string;
  readonly result: string;
  readonly definitions: ReadonlyArray<{ readonly name: string; readonly expr: string; readonly index?: string }>;
  readonly expectations: ReadonlyArray<{ readonly verdict: string; readonly evidence: string | null }>;
  readonly stopped: unknown;
};

export declare const PEERS: readonly string[];
export declare function refusalOf(err: unknown): Refusal;
export declare function runCase(derive: DeriveLike, c: Case, sympy: SympyEntry | undefined): CaseRecord;
export declare function tally(records: readonly CaseRecord[]): TallyRow[];
export declare function refusals(records: readonly CaseRecord[]): Map<string, Map<string, string[]>>;
