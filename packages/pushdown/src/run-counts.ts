/**
 * A pushdown audit against a live engine: check the columns, count with one GROUP BY (values bound
 * as parameters), draw a bounded sample when drivers are asked for, hand the counts to the engine's
 * report, and count once more if the score bins' range was guessed wrong.
 */
import { validateAuditConfig, type AuditConfig } from '@ethixai/fairness';
import { COUNTS_FORMAT, MAX_COUNTS_ROWS, type CountsDocument } from '@ethixai/contracts';
import type { Engine, QueryResult } from './engine.ts';
import { calibrationRange, countsQuery, scoreRangeQuery } from './counts-query.ts';
import { checkSourceColumns } from './source-columns.ts';
import { reportFromCheckedCounts, type CountsReport } from './report-from-counts.ts';
import { sampleMethod, sampleQuery } from './sample-query.ts';
import { ScoreRangeMismatch } from './score-sums.ts';
import { specFromConfig, type FilterSpec, type QuerySpec, type SourceSpec } from './spec.ts';
import { render } from './sql.ts';

export const DEFAULT_SAMPLE_ROWS = 50_000;
/** Result rows at most (cells × label values × decisions × score bins): a counts document's limit. */
export const DEFAULT_MAX_GROUPS = MAX_COUNTS_ROWS;

export interface RunOptions {
  readonly source: SourceSpec;
  readonly filters?: readonly FilterSpec[];
  readonly scoreBins?: number | 'exact';
  /** Rows of the sample drivers and proxies are computed from (when features are given). */
  readonly sampleRows?: number;
  readonly maxGroups?: number;
}

export async function countSource(
  engine: Engine,
  configInput: AuditConfig,
  options: RunOptions,
): Promise<CountsDocument> {
  return (await auditSource(engine, configInput, options)).counts;
}

/**
 * Counts (once more when the bins' range was guessed wrong: the report finds out) and reports. The
 * document it returns is what a warehouse job would send for the same query.
 */
export async function auditSource(
  engine: Engine,
  configInput: AuditConfig,
  options: RunOptions,
): Promise<{ report: CountsReport; counts: CountsDocument }> {
  const config = validateAuditConfig(configInput);
  const filters = options.filters ?? [];
  const columns = await engine.columns(options.source);
  const kinds = checkSourceColumns(engine, options.source, columns, config, filters);
  const spec = specFromConfig(config, { source: options.source, kinds, filters, scoreBins: options.scoreBins });
  const maxGroups = options.maxGroups ?? DEFAULT_MAX_GROUPS;
  const range = spec.scores?.mode === 'bins' ? await guessRange(engine, spec) : null;
  let doc = await count(engine, spec, range, maxGroups);
  const features = config.features ?? [];
  if (features.length > 0)
    doc.sample = await drawSample(
      engine,
      { ...spec, kinds },
      features,
      totalRows(doc),
      options.sampleRows ?? DEFAULT_SAMPLE_ROWS,
      config.seed ?? 0,
    );
  try {
    return { report: reportFromCheckedCounts(doc, config, { engine: engine.name }), counts: doc };
  } catch (error) {
    if (!(error instanceof ScoreRangeMismatch)) throw error;
    doc = { ...(await count(engine, spec, error.wanted, maxGroups)), sample: doc.sample };
    if (doc.sample === undefined) delete doc.sample;
    return { report: reportFromCheckedCounts(doc, config, { engine: engine.name }), counts: doc };
  }
}

async function count(
  engine: Engine,
  spec: QuerySpec,
  range: { lo: number; hi: number } | null,
  maxGroups: number,
): Promise<CountsDocument> {
  const result = await engine.query(
    render(countsQuery(spec, engine.dialect, range), engine.dialect, 'bind'),
    maxGroups,
  );
  const doc: CountsDocument = {
    format: COUNTS_FORMAT,
    query: { dialect: engine.dialect.name, ...spec } as CountsDocument['query'],
    columns: result.columns,
    rows: result.rows,
  };
  if (range !== null) doc.scoreRange = { ...range };
  return doc;
}

async function guessRange(engine: Engine, spec: QuerySpec): Promise<{ lo: number; hi: number }> {
  if (engine.rangeGuess === 'probability' || spec.kinds[spec.score!] !== 'number') return { lo: 0, hi: 1 };
  const { rows }: QueryResult = await engine.query(
    render(scoreRangeQuery(spec, engine.dialect), engine.dialect, 'bind'),
    1,
  );
  const [lo, hi] = rows[0] ?? [null, null];
  return typeof lo === 'number' && typeof hi === 'number' && Number.isFinite(lo) && Number.isFinite(hi)
    ? calibrationRange(lo, hi)
    : { lo: 0, hi: 1 };
}

function totalRows(doc: CountsDocument): number {
  const n = doc.columns.indexOf('n');
  return doc.rows.reduce((sum, row) => sum + Number(row[n]), 0);
}

async function drawSample(
  engine: Engine,
  spec: QuerySpec,
  features: readonly string[],
  total: number,
  rows: number,
  seed: number,
): Promise<NonNullable<CountsDocument['sample']>> {
  const columns = [
    ...new Set(
      [spec.label, spec.prediction, spec.score, spec.weights, ...spec.sensitive.map((s) => s.name), ...features].filter(
        (c): c is string => c !== null,
      ),
    ),
  ];
  // Oversample by 10 % (rounded to 0.001 percent) so TABLESAMPLE's random size rarely falls short; LIMIT caps it.
  const percent = total === 0 ? 100 : Math.min(100, Math.round((100_000 * rows * 1.1) / total) / 1000);
  const s = {
    source: spec.source,
    columns,
    kinds: spec.kinds,
    filters: spec.filters,
    rows,
    percent,
    seed: Math.abs(Math.trunc(seed)),
  };
  const result = await engine.query(render(sampleQuery(s, engine.dialect), engine.dialect, 'bind'), rows);
  return {
    method: sampleMethod(engine.dialect, s),
    columns: result.columns,
    rows: numericFeatures(result, features, spec),
  };
}

/**
 * Feature columns read as text (CSV through DuckDB) are numbers when every value parses as one, as
 * the engine's CSV reader decides for features.
 */
function numericFeatures(result: QueryResult, features: readonly string[], spec: QuerySpec): QueryResult['rows'] {
  const rows = result.rows.map((r) => [...r]);
  features.forEach((f) => {
    const i = result.columns.indexOf(f);
    if (i < 0 || spec.kinds[f] !== 'text') return;
    const parsed = rows.map((r) =>
      r[i] === null || r[i] === '' ? NaN : Number(String(r[i]).trim() === '' ? NaN : r[i]),
    );
    if (rows.every((r, k) => r[i] === null || r[i] === '' || Number.isFinite(parsed[k])))
      rows.forEach((r, k) => {
        r[i] = Number.isNaN(parsed[k]) ? null : parsed[k];
      });
  });
  return rows;
}
