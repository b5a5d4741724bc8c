/**
 * A bounded sample of rows for drivers and proxies, drawn by the engine: DuckDB's reservoir (exactly
 * n rows, uniform), or TABLESAMPLE at the percentage that yields about n rows, capped at n.
 */
import { castDouble, castText, type Dialect } from './dialects.ts';
import { filterTerm } from './counts-query.ts';
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

function conditions(d: Dialect, s: SampleSpec, first: Sql[] = []): Sql {
  const terms = [...first, ...s.filters.map((f) => filterTerm(d, s.kinds[f.column], f.column, f.value))];
  return terms.length === 0 ? sql`` : sql` WHERE ${join(terms, ' AND ')}`;
}

export function sampleQuery(s: SampleSpec, d: Dialect): Sql {
  const cols = join(s.columns.map((c) => column(d, c, s.kinds[c])));
  const from = fromSource(s.source, d);
  const where = conditions(d, s);
  const pct = castDouble(d, value(s.percent));
  switch (d.name) {
    case 'duckdb':
      return sql`SELECT * FROM (SELECT ${cols} FROM ${from}${where}) AS ${ident('t')} USING SAMPLE reservoir(${int(s.rows)} ROWS) REPEATABLE (${int(s.seed)})`;
    case 'postgres':
      return sql`SELECT ${cols} FROM ${from} TABLESAMPLE BERNOULLI (${pct}) REPEATABLE (${int(s.seed)})${where} LIMIT ${int(s.rows)}`;
    case 'trino':
      return sql`SELECT ${cols} FROM ${from} TABLESAMPLE BERNOULLI (${pct})${where} LIMIT ${int(s.rows)}`;
    // A Bernoulli sample by predicate: BigQuery's TABLESAMPLE samples whole blocks, not rows.
    case 'spark':
      return sql`SELECT ${cols} FROM ${from}${conditions(d, s, [sql`rand(${int(s.seed)}) < ${castDouble(d, value(s.percent / 100))}`])} LIMIT ${int(s.rows)}`;
    case 'bigquery':
      return sql`SELECT ${cols} FROM ${from}${conditions(d, s, [sql`RAND() < ${castDouble(d, value(s.percent / 100))}`])} LIMIT ${int(s.rows)}`;
  }
}

export function sampleMethod(d: Dialect, s: SampleSpec): string {
  if (d.name === 'duckdb') return `reservoir sample of ${s.rows} rows (DuckDB, seed ${s.seed})`;
  if (d.name === 'spark' || d.name === 'bigquery')
    return `rows with rand() < ${s.percent / 100}, at most ${s.rows} (${d.name})`;
  return `TABLESAMPLE BERNOULLI (${s.percent} percent), at most ${s.rows} rows (${d.name})`;
}
