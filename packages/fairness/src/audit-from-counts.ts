/**
 * Audit from per-group confusion counts alone (the backend's live monitoring window). Everything but
 * AUC and calibration is available: the inequality indices are exact functions of the counts.
 */
import { DEFAULT_POLICY } from './config-types.ts';
import type { CountsAuditConfig, CountsAuditInput, GroupCountsInput, ResolvedCountsConfig } from './counts-types.ts';
import type { AuditResult } from './result-types.ts';
import { FairnessError } from './errors.ts';
import { addInto, emptyTally, tallyFromCounts, type Tally } from './tally.ts';
import { buildReport } from './report.ts';
import { validateAuditConfig } from './config.ts';
import { ENGINE_VERSION } from './version.ts';

function toTally(g: GroupCountsInput, attribute: string, field: string): Tally {
  for (const k of ['tp', 'fp', 'tn', 'fn'] as const) {
    const v = g.counts?.[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new FairnessError('FAIR_ERR_INVALID_CONFIG', `${field}.counts.${k} must be a non-negative finite number`, {
        field: `${field}.counts.${k}`,
      });
    }
  }
  if (g.weightSquares !== undefined) {
    for (const k of ['tp', 'fp', 'tn', 'fn'] as const) {
      const v = g.weightSquares[k];
      // Σw² > 0 whenever Σw > 0; a 0 there (e.g. squares that underflowed upstream) would make the
      // Kish effective size 0/0.
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (v === 0 && g.counts[k] > 0)) {
        throw new FairnessError(
          'FAIR_ERR_INVALID_CONFIG',
          `${field}.weightSquares.${k} must be a finite number, above 0 when counts.${k} is`,
          { field: `${field}.weightSquares.${k}` },
        );
      }
    }
  }
  return tallyFromCounts(g.key, g.values ?? { [attribute]: g.key }, g.counts, g.weightSquares, g.rows);
}

export function resolveCountsConfig(c: CountsAuditConfig): ResolvedCountsConfig {
  // Reuse the full validator for the shared fields (it needs a label, sensitive and a decision to accept the shape).
  validateAuditConfig({ label: '_', sensitive: ['_'], prediction: '_', ...c });
  return {
    reference: { ...(c.reference ?? {}) },
    referenceStrategy: c.referenceStrategy ?? 'largest',
    minGroupSize: c.minGroupSize ?? 30,
    minDenominator: c.minDenominator ?? 10,
    confidence: c.confidence ?? 0.95,
    intervalMethod: c.intervalMethod ?? 'wilson',
    geiAlpha: c.geiAlpha ?? 2,
    policy: { ...DEFAULT_POLICY, ...(c.policy ?? {}) },
  };
}

export function auditFromCounts(input: CountsAuditInput, config: CountsAuditConfig = {}): AuditResult {
  const resolved = resolveCountsConfig(config);
  if (!input || !Array.isArray(input.attributes) || input.attributes.length === 0) {
    throw new FairnessError('FAIR_ERR_INVALID_CONFIG', 'attributes must be a non-empty array', { field: 'attributes' });
  }
  const attributes = input.attributes.map((a, i) => {
    if (!Array.isArray(a.groups) || a.groups.length === 0) {
      throw new FairnessError('FAIR_ERR_INVALID_CONFIG', `attributes[${i}].groups must be a non-empty array`, {
        field: `attributes[${i}].groups`,
      });
    }
    return {
      name: a.name,
      columns: a.columns ?? [a.name],
      tallies: a.groups.map((g, j) => toTally(g, a.name, `attributes[${i}].groups[${j}]`)),
    };
  });
  let overall: Tally;
  if (input.overall) overall = toTally(input.overall, 'overall', 'overall');
  else {
    overall = emptyTally('overall', {});
    for (const t of attributes[0].tallies) addInto(overall, t);
  }
  const core = buildReport(overall, attributes, resolved);
  for (const g of [core.overall, ...core.attributes.flatMap((a) => a.groups)])
    g.auc = { value: null, reason: 'needs_rows' };
  return {
    ...core,
    drivers: null,
    driversReason: 'counts-only audit: drivers need feature rows',
    provenance: {
      engineVersion: ENGINE_VERSION,
      config: resolved,
      source: 'counts',
      inputDigest: null,
      rowCount: overall.rows,
      includedRows: overall.rows,
      excluded: [],
      missingSensitive: [],
    },
  };
}
