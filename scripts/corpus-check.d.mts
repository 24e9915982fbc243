// Types for scripts/corpus-check.mjs, for the tests that import it.

export interface Case {
  readonly id: string;
  readonly peer: string;
  readonly source: { readonly repo: string; readonly path: string };
  readonly expr: string;
  readonly wrt: string;
  readonly expected: string;
  readonly notes: string;
  readonly peerExpected?: string;
}
export type Point = Readonly<Record<string, number>>;
export interface Sample {
  readonly point: Point;
  readonly derivative: number;
}
export interface Judgement {
  readonly compared: number;
  readonly wrong: readonly unknown[];
  readonly error?: string;
}

export declare function samplePoints(c: Case, count?: number, tries?: number): { readonly points: readonly Sample[]; readonly error?: string };
export declare function judge(candidateText: string, points: readonly Sample[]): Judgement;
export declare const close: (a: number, b: number, tol?: number) => boolean;
