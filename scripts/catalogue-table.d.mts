// Types for scripts/catalogue-table.mjs, for the tests that import it.

export interface CatalogueRow {
  readonly file: string;
  readonly title: string | null;
  /** The loss line as the file writes it, `NAME = ...`. */
  readonly loss: string;
  /** The file's `let` lines, `NAME = EXPR`, as written. */
  readonly lets: readonly string[];
  readonly wrt: string;
  readonly lossName: string;
  readonly result: string;
  readonly verdict: string | null;
}

export declare const START: string;
export declare const END: string;
export declare function exampleFiles(root?: string): string[];
export declare function collectRows(root?: string, cli?: string): Promise<CatalogueRow[]>;
export declare function renderTable(rows: readonly CatalogueRow[]): string;
export declare function spliceReadme(readme: string, table: string): string;
export declare function expectedReadme(root?: string, cli?: string): Promise<string>;
