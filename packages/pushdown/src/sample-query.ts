/**
 * A bounded sample of rows for drivers and proxies, drawn by the engine: DuckDB's reservoir (exactly
 * n rows, uniform), or TABLESAMPLE at the percentage that yields about n rows, capped at n.
 */
import { castDouble, castText, type Dialect } from './dialects.ts';
import { fromSource } from './source.ts';
import type { ColumnKind, FilterSpec, SourceSpec } from './spec.ts';
import { ident, int, join, type Sql, sql, value } from './sql.ts';

export interface SampleSpec {
  readonly source: SourceSpec;
  readonly columns: readonly string[];
  readonly kinds: Readonly<Record<string, ColumnKind>>;
  readonly filters: readonly FilterSpec[];
  readonly rows: number;
  /** Percentage of rows for TABLESAMPLE (ignored by DuckDB's reservoir). */
  readonly percent: number;
  readonly seed: number;
}

function column(d: Dialect, name: string, kind: ColumnKind): Sql {
  return sql`${kind === 'number' ? castDouble(d, ident(name)) : castText(d, ident(name))} AS ${ident(name)}`;
}

function whereClause(d: Dialect, s: SampleSpec): Sql {
  if (s.filters.length === 0) return sql``;
  const terms = s.filters.map((f) => (s.kinds[f.column] === 'number'
    ? sql`${castDouble(d, ident(f.column))} = ${castDouble(d, value(Number(f.value)))}`
    : s.kinds[f.column] === 'text' ? sql`${ident(f.column)} = ${value(f.value)}` : sql`${castText(d, ident(f.column))} = ${value(f.value)}`));
  return sql` WHERE ${join(terms, ' AND ')}`;
}

export function sampleQuery(s: SampleSpec, d: Dialect): Sql {
  const cols = join(s.columns.map((c) => column(d, c, s.kinds[c])));
  const from = fromSource(s.source, d);
  const where = whereClause(d, s);
  const pct = castDouble(d, value(s.percent));
  switch (d.name) {
    case 'duckdb':
      return sql`SELECT * FROM (SELECT ${cols} FROM ${from}${where}) AS ${ident('t')} USING SAMPLE reservoir(${int(s.rows)} ROWS) REPEATABLE (${int(s.seed)})`;
    case 'postgres':
      return sql`SELECT ${cols} FROM ${from} TABLESAMPLE BERNOULLI (${pct}) REPEATABLE (${int(s.seed)})${where} LIMIT ${int(s.rows)}`;
    case 'trino':
      return sql`SELECT ${cols} FROM ${from} TABLESAMPLE BERNOULLI (${pct})${where} LIMIT ${int(s.rows)}`;
    case 'spark':
      return sql`SELECT ${cols} FROM ${from} TABLESAMPLE (${value(s.percent)} PERCENT)${where} LIMIT ${int(s.rows)}`;
    case 'bigquery':
      return sql`SELECT ${cols} FROM ${from} TABLESAMPLE SYSTEM (${value(s.percent)} PERCENT)${where} LIMIT ${int(s.rows)}`;
  }
}

export function sampleMethod(d: Dialect, s: SampleSpec): string {
  if (d.name === 'duckdb') return `reservoir sample of ${s.rows} rows (DuckDB, seed ${s.seed})`;
  return `TABLESAMPLE ${d.name === 'bigquery' ? 'SYSTEM' : 'BERNOULLI'} (${s.percent} percent), at most ${s.rows} rows (${d.name})`;
}
