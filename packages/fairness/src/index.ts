/**
 * @ethixai/fairness public API. Pure: no I/O, no runtime dependencies.
 *
 *   audit(table, config)              full audit of a columnar table
 *   auditFromCounts(counts, config)   the same report from per-group confusion counts alone
 *   scoreMetricsFromCounts(...)       AUC and calibration per group from per-cell sums by score level
 *   binaryValues(values, positives)   which distinct label or decision values are positive
 *   validateAuditConfig(unknown)      shape check for untrusted JSON (FAIR_ERR_INVALID_CONFIG naming the field)
 *   resolveConfigDefaults(config)     the exact settings an audit will use
 */
export { ENGINE_VERSION } from './version.ts';
export { audit } from './audit.ts';
export { auditFromCounts } from './audit-from-counts.ts';
export { binaryValues } from './binary-values.ts';
export {
  scoreMetricsFromCounts,
  type ScoreCountsInput,
  type ScoreLevelSums,
  type CalibrationSums,
  type ScoreMetrics,
} from './score-counts.ts';
export { validateAuditConfig, resolveConfigDefaults } from './config.ts';
export { tableFromColumns } from './table-from-columns.ts';
export { FairnessError, FAIRNESS_ERRORS, type FairnessErrorCode } from './errors.ts';
export type { Table, Column, CategoricalColumn, NumericColumn } from './table.ts';
export type {
  AuditConfig,
  ResolvedAuditConfig,
  PolicyThresholds,
  MissingSensitivePolicy,
  ReferenceStrategy,
  IntervalMethod,
} from './config-types.ts';
export { DEFAULT_POLICY } from './config-types.ts';
export { INTERVAL_METHODS } from './stats/intervals.ts';
export type {
  CountsAuditInput,
  AttributeCountsInput,
  GroupCountsInput,
  CountsAuditConfig,
  ResolvedCountsConfig,
} from './counts-types.ts';
export type * from './result-types.ts';
export { RATE_NAMES } from './result-types.ts';
export * from './csv/index.ts';
