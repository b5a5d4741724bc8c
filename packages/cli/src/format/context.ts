/** What the formatters know about the run besides the engine's result. */
export interface RenderContext {
  /** The CSV file, or the source a pushdown audit counted (a table, Parquet files, a counts document). */
  readonly file: string;
  /** Size and sha256 of a file read here; null when the rows stayed in their database. */
  readonly bytes: number | null;
  readonly sha256: string | null;
  /** Where and how the rows were counted (pushdown audits). */
  readonly counted?: string;
}
