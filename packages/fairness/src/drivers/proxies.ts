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
import { cramersV, normalisedMutualInformation } from './association.ts';
import { binOf, cutSearch, quantileCutpoints } from './quantile-bins.ts';
import { marginal, type JointGroup } from './sensitive-joint.ts';
import type { DriversReason, ProxyAssociation } from './types.ts';

export const PROXY_MAX_LEVELS = 50;
export const NUMERIC_BINS = 10;

export interface SensitiveInput {
  name: string;
  codes: Int32Array;
  levels: readonly string[];
}

/** Counts feature level x joint sensitive code, one pass over the included rows per group. */
function countFeature(column: Column, rows: Uint32Array | null, edgeSample: Uint32Array | null, groups: JointGroup[]) {
  if (column.kind === 'numeric') {
    const values = gatherNumeric(column.values, rows);
    const cutpoints = quantileCutpoints(values, NUMERIC_BINS, edgeSample);
    const { padded, top } = cutSearch(cutpoints);
    const missingLevel = cutpoints.length + 1;
    const levels = cutpoints.length + 2;
    const counts = groups.map((g) => {
      const out = new Float64Array(levels * g.size);
      const { codes, size } = g;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        out[(v === v ? binOf(v, padded, top) : missingLevel) * size + codes[i]]++;
      }
      return out;
    });
    return { counts, levels, missingLevel };
  }
  const raw = gatherCodes(column.codes, rows);
  const collapsed = collapseLevels(raw, column.levels, PROXY_MAX_LEVELS);
  const levels = Math.max(1, collapsed.names.length);
  const { lookup } = collapsed;
  const counts = groups.map((g) => {
    const out = new Float64Array(levels * g.size);
    const { codes, size } = g;
    for (let i = 0; i < raw.length; i++) out[lookup[raw[i] + 1] * size + codes[i]]++;
    return out;
  });
  return { counts, levels, missingLevel: collapsed.missingLevel };
}

export function featureProxies(
  feature: string,
  column: Column,
  sensitive: SensitiveInput[],
  groups: JointGroup[],
  rows: Uint32Array | null,
  edgeSample: Uint32Array | null,
  threshold: number,
): ProxyAssociation[] {
  const f = countFeature(column, rows, edgeSample, groups);
  return sensitive.map((s, j) => {
    const gi = groups.findIndex((g) => g.members.includes(j));
    const t = marginal(f.counts[gi], f.levels, groups[gi], groups[gi].members.indexOf(j));
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
      feature,
      sensitive: s.name,
      n: t.n,
      featureLevels: t.nonEmptyRows,
      sensitiveLevels: t.nonEmptyCols,
      cramersV: v === null ? null : v.corrected,
      cramersVPlain: v === null ? null : v.plain,
      nmi,
      reason,
      strong: v !== null && v.corrected >= threshold,
    };
  });
}
