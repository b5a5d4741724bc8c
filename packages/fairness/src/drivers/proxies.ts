/**
 * Proxies: how strongly each feature is associated with each sensitive attribute, whether or not
 * the feature drives the decisions (a proxy that is not a driver today can become one after
 * retraining). Numeric features are binned by quantiles; categorical ones keep up to
 * PROXY_MAX_LEVELS levels (wider than the surrogate's, because a many-level feature such as a
 * postcode is the classic proxy and pooling its tail would hide that). Missing is its own level.
 */
import type { Column } from '../table.ts';
import { collapseLevels } from './categorical-levels.ts';
import { gatherCodes, gatherNumeric } from './columns.ts';
import { contingency } from './contingency.ts';
import { cramersV } from './cramers-v.ts';
import { normalisedMutualInformation } from './mutual-information.ts';
import { binNumeric } from './quantile-bins.ts';
import type { DriversReason, ProxyAssociation } from './types.ts';

export const PROXY_MAX_LEVELS = 50;
export const NUMERIC_BINS = 10;

export interface SensitiveInput {
  name: string;
  codes: Int32Array;
  levels: readonly string[];
}

interface FeatureCodes {
  /** Level per included row, or raw codes when `lookup` maps them (categorical features). */
  codes: Int32Array;
  lookup: Int32Array | null;
  levels: number;
  /** Index of the missing level, -1 when nothing is missing. */
  missingLevel: number;
}

function featureCodes(column: Column, rows: Uint32Array | null, edgeSample: Uint32Array | null): FeatureCodes {
  if (column.kind === 'numeric') {
    const b = binNumeric(gatherNumeric(column.values, rows), NUMERIC_BINS, edgeSample);
    return { codes: b.codes, lookup: null, levels: b.bins + 1, missingLevel: b.hasMissing ? b.bins : -1 };
  }
  const raw = gatherCodes(column.codes, rows);
  const collapsed = collapseLevels(raw, column.levels, PROXY_MAX_LEVELS);
  return { codes: raw, lookup: collapsed.lookup, levels: Math.max(1, collapsed.names.length), missingLevel: collapsed.missingLevel };
}

export function featureProxies(
  feature: string, column: Column, sensitive: SensitiveInput[], rows: Uint32Array | null,
  edgeSample: Uint32Array | null, threshold: number,
): ProxyAssociation[] {
  const f = featureCodes(column, rows, edgeSample);
  return sensitive.map((s) => {
    const t = contingency(f.codes, f.levels, s.codes, s.levels.length, rows, f.lookup);
    let reason: DriversReason | null = null;
    if (t.n === 0) reason = 'no_complete_rows';
    else if (t.nonEmptyCols < 2) reason = 'sensitive_single_level';
    else if (t.nonEmptyRows < 2) {
      const onlyMissing = f.missingLevel >= 0 && t.rowTotals[f.missingLevel] === t.n;
      reason = onlyMissing ? 'feature_all_missing' : 'feature_constant';
    }
    const v = reason === null ? cramersV(t) : null;
    const nmi = reason === null ? normalisedMutualInformation(t) : null;
    return {
      feature, sensitive: s.name, n: t.n, featureLevels: t.nonEmptyRows, sensitiveLevels: t.nonEmptyCols,
      cramersV: v === null ? null : v.corrected, cramersVPlain: v === null ? null : v.plain, nmi, reason,
      strong: v !== null && v.corrected >= threshold,
    };
  });
}
