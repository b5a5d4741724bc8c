/**
 * The full audit of a columnar table: decode the configured columns, count confusion cells per
 * intersection cell in one pass, derive every attribute's report from the counts, then add what
 * needs rows (AUC, calibration, drivers) and the provenance.
 */
import type { Table } from './table.ts';
import type { AuditConfig } from './config-types.ts';
import type { AuditResult } from './result-types.ts';
import { FairnessError } from './errors.ts';
import { resolveConfigDefaults, validateAuditConfig } from './config.ts';
import { binarySource, decodeAll, decodeNumeric, getColumn, thresholdSource } from './columns.ts';
import { sensitiveCodes } from './sensitive.ts';
import { countCells } from './count-cells.ts';
import { groupAttributes } from './groups.ts';
import { buildReport } from './report.ts';
import { addScoreMetrics } from './row-extras.ts';
import { runDrivers } from './run-drivers.ts';
import { inputDigest } from './input-digest.ts';
import { exclusionList } from './exclusions.ts';
import { intervalLevel } from './stats/intervals.ts';
import { ENGINE_VERSION } from './version.ts';

export function audit(table: Table, config: AuditConfig): AuditResult {
  const cfg = resolveConfigDefaults(validateAuditConfig(config));
  if (table.rowCount === 0) throw new FairnessError('FAIR_ERR_EMPTY_INPUT', 'the input has no data rows');
  for (const col of Object.keys(cfg.buckets)) {
    if (!cfg.sensitive.includes(col)) {
      throw new FairnessError('FAIR_ERR_INVALID_CONFIG', `config.buckets.${col}: "${col}" is not a sensitive column`, {
        field: `buckets.${col}`,
      });
    }
  }
  const y = binarySource(getColumn(table, cfg.label, 'label'), cfg.labelPositive, cfg.label, 'labelPositive');
  const scores = cfg.score ? decodeNumeric(getColumn(table, cfg.score, 'score'), cfg.score, 'score') : null;
  const p = cfg.prediction
    ? binarySource(
        getColumn(table, cfg.prediction, 'prediction'),
        cfg.predictionPositive,
        cfg.prediction,
        'predictionPositive',
      )
    : thresholdSource(scores!, cfg.threshold!);
  const weights = cfg.weights ? decodeNumeric(getColumn(table, cfg.weights, 'weights'), cfg.weights, 'weights') : null;
  const sensitive = cfg.sensitive.map((name) =>
    sensitiveCodes(name, getColumn(table, name, 'sensitive'), cfg.buckets[name]),
  );
  for (const f of cfg.features) getColumn(table, f, 'features');

  const cells = countCells(y, p, weights, sensitive, cfg.missingSensitive);
  const { attributes, overall } = groupAttributes(cells, sensitive, cfg.intersection);
  if (overall.rows === 0) {
    throw new FairnessError(
      'FAIR_ERR_EMPTY_INPUT',
      `every row was excluded (${exclusionList(cells)
        .map((e) => `${e.reason}: ${e.rows}`)
        .join('; ')})`,
    );
  }
  const core = buildReport(overall, attributes, cfg);
  const scoreMissing = scores
    ? addScoreMetrics(
        core,
        attributes,
        cells,
        scores,
        decodeAll(y),
        weights,
        intervalLevel(cfg.intervalMethod, 1 - cfg.confidence),
        cfg.calibrationBins,
        cfg.minDenominator,
      )
    : 0;
  const drivers = runDrivers(table, cfg.features, () => decodeAll(p), cells, sensitive, cfg.seed);
  const excluded = exclusionList(cells);
  if (scoreMissing > 0)
    excluded.push({ reason: 'score missing (left out of AUC and calibration only)', rows: scoreMissing });
  return {
    ...core,
    drivers: drivers.value,
    driversReason: drivers.reason,
    provenance: {
      engineVersion: ENGINE_VERSION,
      config: cfg,
      source: 'table',
      inputDigest: inputDigest(cells, sensitive, weights, scores),
      rowCount: table.rowCount,
      includedRows: overall.rows,
      excluded,
      missingSensitive: sensitive.map((s, j) => ({ column: s.name, rows: cells.missingPerColumn[j] })),
    },
  };
}
