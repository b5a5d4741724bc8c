/**
 * Generated decisions, the same rows in DuckDB and PostgreSQL: each column is an integer hash of the
 * row number (the same BIGINT arithmetic in both engines) turned into a value, so the two engines
 * hold identical tables without copying data between them. Realistic columns: string sensitive
 * columns of 6 (+ missing), 2 and 3 levels, a numeric age, 5 % missing labels, a float64 score with
 * about 10^6 distinct values, its decile, weights with a few unusable ones, a region to filter on.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromColumns, type Table } from '@ethixai/fairness';

/** A value in [0, m) from row i and stream k (a multiplicative hash mod 2^31 − 1). */
const h = (k: number, m: number) =>
  `((i * ${[0, 2654435761, 2246822519, 3266489917, 668265263, 374761393, 3323198485, 1664525, 1013904223, 22695477][k]} + ${k * 7919}) % 2147483647 % ${m})`;

export const REGION_WITH_QUOTE = "O'Brien \\ west";

export function generatorSelect(n: number, dialect: 'duckdb' | 'postgres'): string {
  const double = dialect === 'duckdb' ? 'DOUBLE' : 'DOUBLE PRECISION';
  const score = `(CAST(${h(4, 1000003)} AS ${double}) / 1000003)`;
  const series = dialect === 'duckdb' ? `range(${n}) AS s(i)` : `generate_series(CAST(0 AS BIGINT), ${n - 1}) AS s(i)`;
  return `SELECT
    CASE WHEN ${h(1, 97)} = 0 THEN NULL ELSE CASE ${h(2, 6)} WHEN 0 THEN 'White' WHEN 1 THEN 'Black' WHEN 2 THEN 'Hispanic' WHEN 3 THEN 'Asian' WHEN 4 THEN 'Native' ELSE 'Other' END END AS race,
    CASE ${h(3, 2)} WHEN 0 THEN 'female' ELSE 'male' END AS sex,
    CASE ${h(5, 3)} WHEN 0 THEN 'under 25' WHEN 1 THEN '25-45' ELSE 'over 45' END AS age_group,
    CASE WHEN ${h(6, 200)} = 0 THEN NULL ELSE 18 + ${h(7, 63)} END AS age,
    ${score} AS score,
    CAST(FLOOR(${score} * 10) + 1 AS INTEGER) AS decile,
    CASE WHEN ${h(8, 100)} < 5 THEN NULL
         WHEN CAST(${h(9, 10000)} AS ${double}) / 10000 < 0.15 + 0.6 * ${score} + CASE ${h(2, 6)} WHEN 0 THEN 0.05 ELSE 0 END THEN 'yes' ELSE 'no' END AS label,
    CASE WHEN ${h(7, 500)} = 1 THEN NULL WHEN ${score} + CASE ${h(2, 6)} WHEN 1 THEN -0.08 ELSE 0 END >= 0.5 THEN 'approve' ELSE 'deny' END AS decision,
    CASE ${h(6, 1000)} WHEN 3 THEN -1 WHEN 4 THEN NULL WHEN 5 THEN 0 ELSE 0.5 + CAST(${h(5, 1000)} AS ${double}) / 1000 END AS weight,
    CASE ${h(9, 3)} WHEN 0 THEN 'north' WHEN 1 THEN 'south' ELSE '${REGION_WITH_QUOTE.replaceAll("'", "''")}' END AS region
  FROM ${series}`;
}

/** Writes n generated rows to a Parquet file and reads them back as the engine's Table (JSON-like values). */
export async function generatedParquet(n: number, path: string): Promise<Table> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  await connection.run(`COPY (${generatorSelect(n, 'duckdb')}) TO '${path.replaceAll("'", "''")}' (FORMAT parquet)`);
  const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet('${path.replaceAll("'", "''")}')`);
  const columns: Record<string, (string | number | null)[]> = {};
  for (const [name, values] of Object.entries(reader.getColumnsObjectJS())) {
    columns[name] = values.map((v) => (typeof v === 'bigint' ? Number(v) : (v as string | number | null)));
  }
  connection.closeSync();
  instance.closeSync();
  return tableFromColumns(columns);
}

/** The rows of a table where `column` equals `value` (the in-memory side of a filtered pushdown). */
export function filtered(table: Table, column: string, value: string): Table {
  const col = table.columns.get(column)!;
  if (col.kind !== 'categorical') throw new Error('filtered: categorical columns only');
  const code = col.levels.indexOf(value);
  const keep: number[] = [];
  for (let i = 0; i < table.rowCount; i++) if (col.codes[i] === code) keep.push(i);
  const columns: Record<string, (string | number | null)[]> = {};
  for (const [name, c] of table.columns) {
    columns[name] = keep.map((i) =>
      c.kind === 'numeric'
        ? Number.isNaN(c.values[i])
          ? null
          : c.values[i]
        : c.codes[i] < 0
          ? null
          : c.levels[c.codes[i]],
    );
  }
  return tableFromColumns(columns);
}
