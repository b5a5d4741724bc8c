/**
 * What a counts-based report says about its counts: the engine that counted, the query (rebuilt from
 * the document's specification, never taken from it), how scores were grouped with the AUC error
 * bound, and the sample behind drivers and proxies.
 */
import { createHash } from 'node:crypto';
import type { AuditResult, ResolvedAuditConfig } from '@ethixai/fairness';
import type { CountsDocument } from './counts-document.ts';
import { countsQuery } from './counts-query.ts';
import { documentScoreRange } from './count-rows.ts';
import { dialectOf } from './dialects.ts';
import { describeSource } from './source.ts';
import type { QuerySpec } from './spec.ts';
import { render } from './sql.ts';
import type { ScoreSums } from './score-sums.ts';

export interface ScoreGrouping {
  mode: 'exact' | 'bins';
  /** Bins mode: bins over [lo, hi], each `width` wide. */
  bins: number | null;
  lo: number | null;
  hi: number | null;
  width: number | null;
  /** Every score level holds one distinct score: AUC as from the rows. */
  exact: boolean;
  /** The most any group's AUC can differ from the rows' AUC (0 when exact). */
  aucErrorBound: number;
  aucErrorBounds: { attribute: string; group: string; bound: number }[];
}

export interface PushdownProvenance {
  engine: string;
  dialect: string;
  source: string;
  query: { text: string; sha256: string };
  resultRows: number;
  filters: { column: string; value: string }[];
  scores: ScoreGrouping | null;
  sample: { method: string; rows: number } | null;
}

export function queryProvenance(
  doc: CountsDocument,
  engine: string | undefined,
  sums: ScoreSums | null,
  bounds: number[] | null,
  core: AuditResult,
  config: ResolvedAuditConfig,
): PushdownProvenance {
  const spec = doc.query as QuerySpec;
  const dialect = dialectOf(doc.query.dialect);
  const range = documentScoreRange(doc);
  const binned = spec.scores?.mode === 'bins';
  const text = render(
    countsQuery(spec, dialect, binned ? (doc.scoreRange ?? 'computed') : null),
    dialect,
    'inline',
  ).text;
  return {
    engine: engine ?? doc.query.dialect,
    dialect: doc.query.dialect,
    source: describeSource(spec.source),
    query: { text, sha256: createHash('sha256').update(text).digest('hex') },
    resultRows: doc.rows.length,
    filters: spec.filters.map((f) => ({ ...f })),
    scores: sums && bounds && spec.scores ? scoreGrouping(spec.scores, range, sums, bounds, core) : null,
    sample:
      doc.sample && config.features.length > 0 ? { method: doc.sample.method, rows: doc.sample.rows.length } : null,
  };
}

function scoreGrouping(
  scores: NonNullable<QuerySpec['scores']>,
  range: { lo: number; hi: number } | null,
  sums: ScoreSums,
  bounds: number[],
  core: AuditResult,
): ScoreGrouping {
  const named: ScoreGrouping['aucErrorBounds'] = [{ attribute: 'overall', group: 'overall', bound: bounds[0] }];
  let slot = 1;
  for (const a of core.attributes)
    for (const g of a.groups) named.push({ attribute: a.name, group: g.key, bound: bounds[slot++] });
  const bins = scores.mode === 'bins' ? scores.bins : null;
  return {
    mode: scores.mode,
    bins,
    lo: bins !== null ? (range?.lo ?? null) : null,
    hi: bins !== null ? (range?.hi ?? null) : null,
    width: bins !== null && range !== null ? (range.hi - range.lo) / bins : null,
    exact: sums.levels.every((l) => !l.mixed),
    aucErrorBound: Math.max(...bounds),
    aucErrorBounds: named,
  };
}
