/**
 * From the counting query's groups to the engine's intersection cells: decide each label and
 * decision value with the engine's rules, name each sensitive value, drop the rows the engine would
 * drop (by reason, in the engine's order: label, decision, weight, sensitive value), and add up the
 * confusion counts of each cell (index y·2 + ŷ: TN, FP, FN, TP) over the rows with a usable weight.
 */
import { FairnessError, type ResolvedAuditConfig } from '@ethixai/fairness';
import type { CountsDocument } from '@ethixai/contracts';
import { pushdownError } from './errors.ts';
import { textNumberColumns } from './counts-query.ts';
import { dialectOf } from './dialects.ts';
import type { ColumnKind, QuerySpec } from './spec.ts';
import type { CountRow } from './count-rows.ts';
import { binaryMap, sensitiveLevels, type SensitiveLevels } from './value-semantics.ts';

export interface IncludedRow {
  row: CountRow;
  cell: number;
  y: 0 | 1;
  p: 0 | 1;
}

export interface CountedCells {
  sensitive: SensitiveLevels[];
  nCells: number;
  /** Per cell, the level of each sensitive column (levels.length = missing). */
  cellLevels: Int32Array[];
  /** Per cell × (y·2 + ŷ): Σw, Σw², rows. */
  w: Float64Array;
  w2: Float64Array;
  rows: Float64Array;
  excluded: { label: number; decision: number; weight: number; sensitive: number };
  missingPerColumn: number[];
  totalRows: number;
  /** The groups the engine keeps, with their cell, label and decision. */
  included: IncludedRow[];
}

const kindOf = (spec: QuerySpec, column: string): ColumnKind => spec.kinds[column] ?? 'text';

export function countedCells(
  doc: CountsDocument,
  rows: readonly CountRow[],
  config: ResolvedAuditConfig,
): CountedCells {
  const spec = doc.query as QuerySpec;
  const bad = rows.find((r) => r.notNumeric !== 0);
  if (bad) {
    const columns = textNumberColumns(spec, dialectOf(doc.query.dialect));
    const column = columns[Math.log2(bad.notNumeric & -bad.notNumeric)] ?? columns[0];
    const field = column === spec.score ? 'score' : column === spec.weights ? 'weights' : `buckets.${column}`;
    throw new FairnessError('FAIR_ERR_NOT_NUMERIC', `${field}: column "${column}" holds a value that is not a number`, {
      column,
      field,
    });
  }
  const y = binaryMap(
    rows.map((r) => r.label),
    kindOf(spec, spec.label),
    config.labelPositive,
    spec.label,
    'labelPositive',
  );
  const p =
    spec.prediction === null
      ? binaryMap(
          rows.map((r) => r.decision),
          'number',
          null,
          spec.score ?? 'score',
          'threshold',
        )
      : binaryMap(
          rows.map((r) => r.decision),
          kindOf(spec, spec.prediction),
          config.predictionPositive,
          spec.prediction,
          'predictionPositive',
        );
  const sensitive = spec.sensitive.map((s, j) =>
    sensitiveLevels(
      s.name,
      rows.map((r) => r.groups[j]),
      kindOf(spec, s.name),
      s.buckets,
    ),
  );

  const excluded = { label: 0, decision: 0, weight: 0, sensitive: 0 };
  const k = sensitive.length;
  const missingPerColumn = new Array<number>(k).fill(0);
  // A cell's key: its levels in mixed radix (each column's levels and "missing").
  const radix = sensitive.map((s) => s.levels.length + 1);
  const byKey = new Map<number, { levels: Int32Array; members: { row: CountRow; y: 0 | 1; p: 0 | 1 }[] }>();
  const levels = new Int32Array(k);
  let totalRows = 0;
  for (const row of rows) {
    totalRows += row.n;
    const yi = y(row.label);
    if (yi === null) {
      excluded.label += row.n;
      continue;
    }
    const pi = p(row.decision);
    if (pi === null) {
      excluded.decision += row.n;
      continue;
    }
    excluded.weight += row.n - row.usable;
    if (row.usable === 0) continue;
    let key = 0,
      missing = -1;
    for (let j = 0; j < k; j++) {
      const lv = sensitive[j].levelOf(row.groups[j]);
      levels[j] = lv;
      if (lv === sensitive[j].levels.length && missing < 0) missing = j;
      key = key * radix[j] + lv;
    }
    if (missing >= 0) {
      if (config.missingSensitive === 'error') {
        throw new FairnessError(
          'FAIR_ERR_MISSING_SENSITIVE',
          `sensitive column "${sensitive[missing].name}" is missing a value in ${row.usable} rows`,
          { column: sensitive[missing].name },
        );
      }
      if (config.missingSensitive === 'drop') {
        excluded.sensitive += row.usable;
        for (let j = 0; j < k; j++) if (levels[j] === sensitive[j].levels.length) missingPerColumn[j] += row.usable;
        continue;
      }
    }
    let cell = byKey.get(key);
    if (!cell) byKey.set(key, (cell = { levels: levels.slice(), members: [] }));
    cell.members.push({ row, y: yi, p: pi });
  }

  const ordered = [...byKey.values()].sort((a, b) => compareLevels(a.levels, b.levels));
  const nCells = ordered.length;
  const w = new Float64Array(nCells * 4),
    w2 = new Float64Array(nCells * 4),
    counts = new Float64Array(nCells * 4);
  const included: IncludedRow[] = [];
  ordered.forEach((cell, c) => {
    for (const m of cell.members) {
      const q = c * 4 + m.y * 2 + m.p;
      w[q] += m.row.w;
      w2[q] += m.row.w2;
      counts[q] += m.row.usable;
      included.push({ row: m.row, cell: c, y: m.y, p: m.p });
      cell.levels.forEach((lv, j) => {
        if (lv === sensitive[j].levels.length) missingPerColumn[j] += m.row.usable;
      });
    }
  });
  if (totalRows === 0) throw new FairnessError('FAIR_ERR_EMPTY_INPUT', 'the input has no data rows');
  return {
    sensitive,
    nCells,
    cellLevels: ordered.map((c) => c.levels),
    w,
    w2,
    rows: counts,
    excluded,
    missingPerColumn,
    totalRows,
    included,
  };
}

function compareLevels(a: Int32Array, b: Int32Array): number {
  for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) return a[j] - b[j];
  return 0;
}

/** The configuration must be the one the counts were computed for: the columns, buckets and policies. */
export function checkConfigMatches(spec: QuerySpec, config: ResolvedAuditConfig): void {
  const mismatch = (field: string, counted: unknown, asked: unknown): never => {
    throw pushdownError(
      'PUSH_ERR_INVALID_COUNTS',
      `config.${field} is ${JSON.stringify(asked)} but the counts were computed for ${JSON.stringify(counted)}`,
      { field: `config.${field}` },
    );
  };
  if (config.label !== spec.label) mismatch('label', spec.label, config.label);
  if (config.prediction !== spec.prediction) mismatch('prediction', spec.prediction, config.prediction);
  if (config.score !== spec.score) mismatch('score', spec.score, config.score);
  if (config.weights !== spec.weights) mismatch('weights', spec.weights, config.weights);
  if (spec.prediction === null && config.threshold !== spec.threshold)
    mismatch('threshold', spec.threshold, config.threshold);
  const names = spec.sensitive.map((s) => s.name);
  if (JSON.stringify(config.sensitive) !== JSON.stringify(names)) mismatch('sensitive', names, config.sensitive);
  for (const s of spec.sensitive) {
    const asked = config.buckets[s.name] ?? null;
    if (JSON.stringify(asked) !== JSON.stringify(s.buckets)) mismatch(`buckets.${s.name}`, s.buckets, asked);
  }
  for (const col of Object.keys(config.buckets)) {
    if (!names.includes(col)) {
      throw new FairnessError('FAIR_ERR_INVALID_CONFIG', `config.buckets.${col}: "${col}" is not a sensitive column`, {
        field: `buckets.${col}`,
      });
    }
  }
  if (config.missingSensitive !== spec.missingSensitive)
    mismatch('missingSensitive', spec.missingSensitive, config.missingSensitive);
  if (spec.scores && config.calibrationBins !== spec.scores.calibrationBins)
    mismatch('calibrationBins', spec.scores.calibrationBins, config.calibrationBins);
}
