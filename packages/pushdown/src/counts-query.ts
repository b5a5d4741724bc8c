/**
 * The counting query: one GROUP BY over the source that returns, per combination of sensitive
 * values, raw label value, decision and score bin, the row count and the sums the engine needs
 * (rows with a usable weight, Σw, Σw², Σw·score, the bin's lowest and highest score). Label and decision values are
 * returned as they are: which of them is positive is decided afterwards, by the engine's own rules,
 * so the query does not depend on them. Rows the audit excludes are counted too (by reason).
 *
 *   t   the source's rows after the filters: each column in its normal form ('' and NaN missing),
 *       the usable weight (NULL if unusable), a bit per text value that should be a number
 *   r   (printed form only) the bins' range and scale, from the included scored rows
 */
import { castDouble, castInteger, castText, type Dialect } from './dialects.ts';
import { fromSource } from './source.ts';
import type { ColumnKind, QuerySpec } from './spec.ts';
import { ident, indent, int, join, type Sql, sql, value } from './sql.ts';

/** The usable weight range of the engine (count-cells.ts): 0 or within [1e-100, 1e100]. */
const MIN_WEIGHT = 1e-100;
const MAX_WEIGHT = 1e100;

export const OUT = {
  label: 'label_value',
  decision: 'decision_value',
  usable: 'n_weighted',
  notNumeric: 'not_numeric',
  scoreBin: 'score_bin',
  scoreValue: 'score_value',
  scoreLo: 'score_lo',
  scoreHi: 'score_hi',
  n: 'n',
  w: 'w',
  w2: 'w2',
  ws: 'ws',
  scoreMin: 'score_min',
  scoreMax: 'score_max',
} as const;
export const groupColumn = (j: number): string => `g${j}`;

/** Score range of the bins: bound values (the runner's), or computed by the printed query itself. */
export type BinRange = { readonly lo: number; readonly hi: number } | 'computed';

interface Built {
  spec: QuerySpec;
  d: Dialect;
}

const t = (name: string) => ident('t', name);
const list = (items: readonly Sql[]) => join(items, ',\n  ');

/** A column used as a number: CAST, or for text columns (CSV) the dialect's try-cast of non-empty text. */
function asNumber(b: Built, column: string): Sql {
  const kind: ColumnKind = b.spec.kinds[column];
  if (kind === 'number' || b.d.tryDouble === null) return castDouble(b.d, ident(column));
  return b.d.tryDouble(sql`NULLIF(${ident(column)}, '')`);
}

/** NaN is missing, as in the engine. */
function cleanNumber(b: Built, x: Sql): Sql {
  return sql`CASE WHEN ${b.d.isNaN(x)} THEN NULL ELSE ${x} END`;
}

/** Label, decision and group values as they are (text '' is missing, told apart afterwards); other types as text. */
function asValue(b: Built, column: string): Sql {
  const kind = b.spec.kinds[column];
  if (kind === 'number') return cleanNumber(b, asNumber(b, column));
  return kind === 'text' ? ident(column) : castText(b.d, ident(column));
}

function bucketIndex(b: Built, column: string, edges: readonly number[]): Sql {
  const v = asNumber(b, column);
  const arms = edges.map((e, i) => sql` WHEN ${v} < ${castDouble(b.d, value(e))} THEN ${int(i)}`);
  return sql`CASE WHEN ${v} IS NULL OR ${b.d.isNaN(v)} THEN NULL${join(arms, '')} ELSE ${int(edges.length)} END`;
}

/** Columns read as numbers although their kind is text: a non-numeric value sets its bit in not_numeric. */
export function textNumberColumns(spec: QuerySpec, d: Dialect): string[] {
  if (d.tryDouble === null) return [];
  const numeric = [spec.score, spec.weights, ...spec.sensitive.filter((s) => s.buckets !== null).map((s) => s.name)];
  return [...new Set(numeric.filter((c): c is string => c !== null && spec.kinds[c] !== 'number'))];
}

export function filterTerm(d: Dialect, kind: ColumnKind, column: string, v: string): Sql {
  if (kind === 'number') return sql`${castDouble(d, ident(column))} = ${castDouble(d, value(Number(v)))}`;
  if (kind === 'text') return sql`${ident(column)} = ${value(v)}`;
  return sql`${castText(d, ident(column))} = ${value(v)}`;
}

/**
 * The weight when it is usable (0 or within the range), else NULL: missing, negative, infinite or
 * NaN (NaN compares false in IEEE engines and above every number in PostgreSQL, DuckDB and Spark:
 * NULL either way). Rows keep their group: count(wv) counts the usable ones, and every weighted sum
 * skips the others. (As a group key instead, it hid the number of groups from PostgreSQL's planner.)
 */
function usableWeight(b: Built, w: Sql): Sql {
  return sql`CASE WHEN ${w} = 0 OR (${w} >= ${castDouble(b.d, value(MIN_WEIGHT))} AND ${w} <= ${castDouble(b.d, value(MAX_WEIGHT))}) THEN ${w} END`;
}

/** t: one row per source row. */
function rowsSubquery(b: Built): Sql {
  const { spec, d } = b;
  const cols: Sql[] = spec.sensitive.map(
    (s, j) => sql`${s.buckets ? bucketIndex(b, s.name, s.buckets) : asValue(b, s.name)} AS ${ident(groupColumn(j))}`,
  );
  cols.push(sql`${asValue(b, spec.label)} AS ${ident('lv')}`);
  if (spec.prediction !== null) cols.push(sql`${asValue(b, spec.prediction)} AS ${ident('pv')}`);
  if (spec.score !== null) {
    const s = asNumber(b, spec.score);
    cols.push(sql`${cleanNumber(b, s)} AS ${ident('s')}`);
    if (spec.prediction === null) {
      cols.push(
        sql`CASE WHEN ${s} IS NULL OR ${d.isNaN(s)} THEN NULL WHEN ${s} >= ${castDouble(d, value(spec.threshold!))} THEN 1 ELSE 0 END AS ${ident('pv')}`,
      );
    }
  }
  if (spec.weights !== null) {
    const w = asNumber(b, spec.weights);
    cols.push(sql`${usableWeight(b, w)} AS ${ident('wv')}`);
  }
  const bad = textNumberColumns(spec, d).map(
    (c, i) =>
      sql`CASE WHEN ${ident(c)} IS NOT NULL AND ${ident(c)} <> '' AND ${asNumber(b, c)} IS NULL THEN ${int(1 << i)} ELSE 0 END`,
  );
  if (bad.length > 0) cols.push(sql`${join(bad, ' + ')} AS ${ident('nn')}`);
  const where =
    spec.filters.length === 0
      ? sql``
      : sql`\nWHERE ${join(
          spec.filters.map((f) => filterTerm(d, spec.kinds[f.column], f.column, f.value)),
          '\n  AND ',
        )}`;
  return sql`SELECT\n  ${list(cols)}\nFROM ${fromSource(spec.source, d)}${where}`;
}

/** Rows the engine keeps (label, decision, weight, and under the drop policy every sensitive value). */
function included(b: Built): Sql {
  const terms = [sql`${t('lv')} IS NOT NULL`, sql`${t('pv')} IS NOT NULL`];
  if (b.spec.weights !== null) terms.push(sql`${t('wv')} IS NOT NULL`);
  if (b.spec.missingSensitive === 'drop')
    b.spec.sensitive.forEach((_, j) => terms.push(sql`${t(groupColumn(j))} IS NOT NULL`));
  return join(terms, ' AND ');
}

/**
 * The score's bin: floor((s − lo) · scale · 2^k) with scale = calibrationBins / (hi − lo), the
 * engine's calibration scale. Multiplying by a power of two is exact, so bin >> k is the calibration
 * bin the engine computes for the same score. NULL when the score is missing.
 */
function binValue(b: Built, lo: Sql, fineScale: Sql, bins: number): Sql {
  return castInteger(b.d, sql`LEAST(${int(bins - 1)}, GREATEST(0, FLOOR((${t('s')} - ${lo}) * ${fineScale})))`);
}

/**
 * The bin as a group key, with the FROM it needs: the expression itself, or where the dialect has a
 * bin series (PostgreSQL) the series' integer that equals it, by a LEFT JOIN (a missing score
 * matches none, so its key is NULL as the expression's would be; each bin matches exactly one).
 */
function scoreBinKey(b: Built, from: Sql, lo: Sql, fineScale: Sql, bins: number): { from: Sql; key: Sql } {
  const bin = binValue(b, lo, fineScale, bins);
  if (b.d.binSeries === null) return { from, key: sql`CASE WHEN ${t('s')} IS NULL THEN NULL ELSE ${bin} END` };
  // A function in FROM names its table and its one column alike ("b"."b"): the form every parser reads.
  const i = ident('b', 'b');
  return { from: sql`${from}\nLEFT JOIN ${b.d.binSeries(bins - 1)} AS ${ident('b')}\n  ON ${i} = ${bin}`, key: i };
}

/** JS's fine scale for bound values: (calibrationBins / (hi − lo)) · (bins / calibrationBins), 0 when hi = lo. */
export function fineScale(lo: number, hi: number, bins: number, calibrationBins: number): number {
  return hi > lo ? (calibrationBins / (hi - lo)) * (bins / calibrationBins) : 0;
}

/** The engine's calibration range: [0, 1] when every scored row is a probability, else [min, max]. */
export function calibrationRange(min: number, max: number): { lo: number; hi: number } {
  return min >= 0 && max <= 1 ? { lo: 0, hi: 1 } : { lo: min, hi: max };
}

export function countsQuery(spec: QuerySpec, d: Dialect, range: BinRange | null = null): Sql {
  const b: Built = { spec, d };
  const keys: Sql[] = spec.sensitive.map((_, j) => sql`${t(groupColumn(j))} AS ${ident(groupColumn(j))}`);
  keys.push(sql`${t('lv')} AS ${ident(OUT.label)}`, sql`${t('pv')} AS ${ident(OUT.decision)}`);
  if (textNumberColumns(spec, d).length > 0) keys.push(sql`${t('nn')} AS ${ident(OUT.notNumeric)}`);
  const aggregates: Sql[] = [sql`count(*) AS ${ident(OUT.n)}`];
  if (spec.weights !== null) {
    aggregates.push(
      sql`count(${t('wv')}) AS ${ident(OUT.usable)}`,
      sql`sum(${t('wv')}) AS ${ident(OUT.w)}`,
      sql`sum(${t('wv')} * ${t('wv')}) AS ${ident(OUT.w2)}`,
    );
  }
  const rows = sql`(\n  ${indent(rowsSubquery(b))}\n) AS ${ident('t')}`;
  let from = rows;
  if (spec.scores?.mode === 'exact') keys.push(sql`${t('s')} AS ${ident(OUT.scoreValue)}`);
  if (spec.scores?.mode === 'bins') {
    if (range === null) throw new TypeError('countsQuery: binned scores need a range');
    const { bins, calibrationBins } = spec.scores;
    let binned: { from: Sql; key: Sql };
    if (range === 'computed') {
      binned = scoreBinKey(
        b,
        sql`${rows}\nCROSS JOIN ${rangeSubquery(b, bins, calibrationBins)}`,
        ident('r', 'lo'),
        ident('r', 'fs'),
        bins,
      );
      aggregates.push(
        sql`min(${ident('r', 'lo')}) AS ${ident(OUT.scoreLo)}`,
        sql`min(${ident('r', 'hi')}) AS ${ident(OUT.scoreHi)}`,
      );
    } else {
      const fs = castDouble(d, value(fineScale(range.lo, range.hi, bins, calibrationBins)));
      binned = scoreBinKey(b, rows, castDouble(d, value(range.lo)), fs, bins);
    }
    from = binned.from;
    keys.push(sql`${binned.key} AS ${ident(OUT.scoreBin)}`);
    const sum = spec.weights === null ? sql`sum(${t('s')})` : sql`sum(${t('wv')} * ${t('s')})`;
    // The bin's lowest and highest score among the rows the audit keeps (usable weights only).
    const scored = spec.weights === null ? t('s') : sql`CASE WHEN ${t('wv')} IS NOT NULL THEN ${t('s')} END`;
    aggregates.push(
      sql`${sum} AS ${ident(OUT.ws)}`,
      sql`min(${scored}) AS ${ident(OUT.scoreMin)}`,
      sql`max(${scored}) AS ${ident(OUT.scoreMax)}`,
    );
  }
  const groupBy = join(keys.map((_, i) => int(i + 1)));
  return sql`SELECT\n  ${list([...keys, ...aggregates])}\nFROM ${from}\nGROUP BY ${groupBy}`;
}

/** r: lo, hi (the engine's calibration range of the included scored rows) and the bins' scale. */
function rangeSubquery(b: Built, bins: number, calibrationBins: number): Sql {
  const { d } = b;
  const [lo0, hi0, lo, hi] = [ident('m', 'lo0'), ident('m', 'hi0'), ident('q', 'lo'), ident('q', 'hi')];
  const probability = sql`${lo0} >= 0 AND ${hi0} <= 1`;
  const m = sql`SELECT min(${t('s')}) AS ${ident('lo0')}, max(${t('s')}) AS ${ident('hi0')}\nFROM (\n  ${indent(rowsSubquery(b))}\n) AS ${ident('t')}\nWHERE ${t('s')} IS NOT NULL AND ${included(b)}`;
  const q = sql`SELECT\n  CASE WHEN ${probability} THEN ${castDouble(d, value(0))} ELSE ${lo0} END AS ${ident('lo')},\n  CASE WHEN ${probability} THEN ${castDouble(d, value(1))} ELSE ${hi0} END AS ${ident('hi')}\nFROM (\n  ${indent(m)}\n) AS ${ident('m')}`;
  const fs = sql`CASE WHEN ${hi} > ${lo} THEN (${castDouble(d, value(calibrationBins))} / (${hi} - ${lo})) * ${castDouble(d, value(bins / calibrationBins))} ELSE ${castDouble(d, value(0))} END`;
  return sql`(\n  SELECT ${lo} AS ${ident('lo')}, ${hi} AS ${ident('hi')}, ${fs} AS ${ident('fs')}\n  FROM (\n    ${indent(indent(q))}\n  ) AS ${ident('q')}\n) AS ${ident('r')}`;
}

/** The range guess of a run: the score's min and max over the filtered rows (Parquet statistics answer it). */
export function scoreRangeQuery(spec: QuerySpec, d: Dialect): Sql {
  const where =
    spec.filters.length === 0
      ? sql``
      : sql` WHERE ${join(
          spec.filters.map((f) => filterTerm(d, spec.kinds[f.column], f.column, f.value)),
          ' AND ',
        )}`;
  const s = castDouble(d, ident(spec.score!));
  return sql`SELECT min(${s}) AS ${ident('lo')}, max(${s}) AS ${ident('hi')} FROM ${fromSource(spec.source, d)}${where}`;
}
