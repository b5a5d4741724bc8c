/**
 * @ethixai/pushdown: audits where the data lives. Pure parts (no database driver is loaded here):
 *
 *   specFromConfig(config, options)        what to count: columns, source, kinds, filters, score bins
 *   countsQuery(spec, dialect, range)      the counting query as SQL fragments; render() binds or inlines
 *   printedQuery(spec, dialect)            the query for another engine's console (literals inlined)
 *   reportFromCounts(document, config)     the audit report from the query's result
 *
 * Runners: @ethixai/pushdown/duckdb (Parquet, CSV), @ethixai/pushdown/postgres.
 */
export { PushdownError, PUSHDOWN_ERRORS, pushdownError, type PushdownErrorCode } from './errors.ts';
export { DIALECT_NAMES, dialectOf, type Dialect, type DialectName } from './dialects.ts';
export { render, type RenderedSql, type SqlValue, type Sql } from './sql.ts';
export {
  specFromConfig,
  queryColumns,
  fineBinCount,
  DEFAULT_SCORE_BINS,
  MAX_SCORE_BINS,
  type QuerySpec,
  type SourceSpec,
  type ColumnKind,
  type FilterSpec,
  type ScoreSpec,
  type SpecOptions,
} from './spec.ts';
export {
  countsQuery,
  scoreRangeQuery,
  calibrationRange,
  OUT as COUNTS_COLUMNS,
  type BinRange,
} from './counts-query.ts';
export { printedQuery, printedSampleQuery } from './printed-query.ts';
export { describeSource } from './source.ts';
export { checkCountsDocument, expectedColumns, COUNTS_FORMAT, type CountsDocument } from './counts-document.ts';
export { reportFromCounts, type CountsReport, type ReportOptions } from './report-from-counts.ts';
export { ScoreRangeMismatch } from './score-sums.ts';
export type { PushdownProvenance, ScoreGrouping } from './provenance.ts';
