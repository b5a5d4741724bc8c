/**
 * The audit report from a counts document: the same engine (`auditFromCounts` for every count-based
 * metric, `scoreMetricsFromCounts` for AUC and calibration) on the cells the query counted, so the
 * report equals the one computed from the rows. Its provenance says it came from counts, by which
 * query, how scores were grouped (with the AUC error bound when binned) and, when drivers were
 * computed, from which sample.
 */
import {
  audit,
  auditFromCounts,
  FairnessError,
  resolveConfigDefaults,
  scoreMetricsFromCounts,
  tableFromColumns,
  validateAuditConfig,
  type AuditConfig,
  type AuditResult,
  type CountsAuditInput,
  type GroupCountsInput,
  type ResolvedAuditConfig,
} from '@ethixai/fairness';
import { checkCountsDocument, type CountsDocument } from './counts-document.ts';
import { documentScoreRange, readCountRows } from './count-rows.ts';
import { checkConfigMatches, countedCells, type CountedCells } from './counted-cells.ts';
import { aucErrorBounds, scoreSums, type ScoreSums } from './score-sums.ts';
import { groupsOf } from './cell-groups.ts';
import { queryProvenance, type PushdownProvenance } from './provenance.ts';
import type { QuerySpec } from './spec.ts';

export type CountsReport = AuditResult & { provenance: AuditResult['provenance'] & { pushdown: PushdownProvenance } };

export interface ReportOptions {
  /** Where the counts came from, for provenance (e.g. "duckdb 1.5.6"); default: the document's dialect. */
  readonly engine?: string;
}

export function reportFromCounts(
  document: unknown,
  configInput: AuditConfig | unknown,
  options: ReportOptions = {},
): CountsReport {
  return reportFromCheckedCounts(checkCountsDocument(document), configInput, options);
}

/** The same, for a document already checked (or built by a runner here, which cannot be malformed). */
export function reportFromCheckedCounts(
  doc: CountsDocument,
  configInput: AuditConfig | unknown,
  options: ReportOptions = {},
): CountsReport {
  const config = resolveConfigDefaults(validateAuditConfig(configInput));
  const spec = doc.query as QuerySpec;
  checkConfigMatches(spec, config);
  const cells = countedCells(doc, readCountRows(doc), config);
  const { attributes, overall, cellToGroup } = groupsOf(cells, config.intersection);
  const included = overall.rows ?? 0;
  if (included === 0) {
    const reasons = exclusions(cells, 0)
      .map((e) => `${e.reason}: ${e.rows}`)
      .join('; ');
    throw new FairnessError('FAIR_ERR_EMPTY_INPUT', `every row was excluded (${reasons})`);
  }
  const input: CountsAuditInput = { attributes, overall };
  const core = auditFromCounts(input, {
    reference: config.reference,
    referenceStrategy: config.referenceStrategy,
    minGroupSize: config.minGroupSize,
    minDenominator: config.minDenominator,
    confidence: config.confidence,
    intervalMethod: config.intervalMethod,
    geiAlpha: config.geiAlpha,
    policy: config.policy,
  });
  let sums: ScoreSums | null = null;
  let bounds: number[] | null = null;
  if (spec.scores !== null) {
    sums = scoreSums(cells, spec.scores, documentScoreRange(doc));
    bounds = addScoreMetrics(
      core,
      cells,
      cellToGroup,
      attributes.map((a) => a.groups.length),
      sums,
      config,
    );
  } else {
    for (const g of [core.overall, ...core.attributes.flatMap((a) => a.groups)])
      g.auc = { value: null, reason: 'no_score' };
  }
  const drivers = driversFromSample(doc, config);
  return {
    ...core,
    drivers: drivers.value,
    driversReason: drivers.reason,
    provenance: {
      engineVersion: core.engineVersion,
      config,
      source: 'counts',
      inputDigest: null,
      rowCount: cells.totalRows,
      includedRows: included,
      excluded: exclusions(cells, sums?.missing ?? 0),
      missingSensitive: cells.sensitive.map((s, j) => ({ column: s.name, rows: cells.missingPerColumn[j] })),
      pushdown: queryProvenance(doc, options.engine, sums, bounds, core, config),
    },
  };
}

function addScoreMetrics(
  core: AuditResult,
  cells: CountedCells,
  cellToGroup: Int32Array[],
  groupCounts: number[],
  sums: ScoreSums,
  config: ResolvedAuditConfig,
): number[] {
  const metrics = scoreMetricsFromCounts(
    {
      nCells: cells.nCells,
      cellToGroup,
      groupCounts,
      levels: sums.levels,
      squares: sums.squares,
      calibration: sums.calibration,
    },
    { confidence: config.confidence, intervalMethod: config.intervalMethod, minDenominator: config.minDenominator },
  );
  core.overall.auc = metrics.overall.auc;
  core.overall.calibration = metrics.overall.calibration;
  core.attributes.forEach((a, i) =>
    a.groups.forEach((g, j) => {
      g.auc = metrics.byAttribute[i][j].auc;
      g.calibration = metrics.byAttribute[i][j].calibration;
    }),
  );
  const bases: number[] = [];
  let nSlots = 1;
  for (const count of groupCounts) {
    bases.push(nSlots);
    nSlots += count;
  }
  return aucErrorBounds(sums, cells.nCells, (c) => [0, ...cellToGroup.map((map, a) => bases[a] + map[c])], nSlots);
}

/** The engine's exclusion list (exclusions.ts), reasons in its order and words. */
function exclusions(cells: CountedCells, scoreMissing: number): { reason: string; rows: number }[] {
  const all = [
    { reason: 'label missing', rows: cells.excluded.label },
    { reason: 'decision missing (prediction or score)', rows: cells.excluded.decision },
    {
      reason: 'weight missing, negative, not finite, or outside [1e-100, 1e100] and not 0',
      rows: cells.excluded.weight,
    },
    { reason: 'sensitive value missing (policy drop)', rows: cells.excluded.sensitive },
    { reason: 'score missing (left out of AUC and calibration only)', rows: scoreMissing },
  ];
  return all.filter((e) => e.rows > 0);
}

/** Drivers and proxies need rows: from the document's sample when features were asked for. */
function driversFromSample(
  doc: CountsDocument,
  config: ResolvedAuditConfig,
): { value: AuditResult['drivers']; reason: string | null } {
  if (config.features.length === 0) return { value: null, reason: 'no feature columns were given' };
  if (!doc.sample || doc.sample.rows.length === 0) {
    return {
      value: null,
      reason: 'counts-only audit: drivers need feature rows, and the counts document has no sample',
    };
  }
  const columns: Record<string, (string | number | boolean | null)[]> = {};
  doc.sample.columns.forEach((name, i) => {
    columns[name] = doc.sample!.rows.map((r) => r[i]);
  });
  const sampled = audit(tableFromColumns(columns), { ...config, reference: {} });
  return { value: sampled.drivers, reason: sampled.driversReason };
}

export type { GroupCountsInput };
