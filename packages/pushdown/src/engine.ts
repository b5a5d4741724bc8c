/** What a database must offer the runner: its columns, and a query run with bound values. */
import type { Dialect } from './dialects.ts';
import type { ColumnKind, SourceSpec } from './spec.ts';
import type { RenderedSql } from './sql.ts';

export type Cell = string | number | boolean | null;

/** A column as the database declares it: its type's name and the kind the audit reads it as (null: unusable). */
export interface SourceColumn {
  readonly type: string;
  readonly kind: ColumnKind | null;
}

export interface QueryResult {
  readonly columns: string[];
  readonly rows: Cell[][];
}

export interface Engine {
  /** For provenance and messages, e.g. "duckdb 1.5.6". */
  readonly name: string;
  readonly dialect: Dialect;
  /**
   * How the score range of the bins is first guessed: 'query' asks min and max (cheap where
   * statistics answer it: Parquet), 'probability' assumes [0, 1]. A wrong guess costs one more count.
   */
  readonly rangeGuess: 'query' | 'probability';
  columns(source: SourceSpec): Promise<Map<string, SourceColumn>>;
  /** Runs a query with bound values; more than maxRows result rows is an error (PUSH_ERR_TOO_MANY_GROUPS). */
  query(sql: RenderedSql, maxRows: number): Promise<QueryResult>;
  close(): Promise<void>;
}
