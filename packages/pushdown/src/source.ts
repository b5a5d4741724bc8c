/** The FROM item of a source: a (schema-qualified) table, Parquet files, or a CSV file read as text. */
import type { Dialect } from './dialects.ts';
import { pushdownError } from './errors.ts';
import type { SourceSpec } from './spec.ts';
import { ident, join, type Sql, sql, value } from './sql.ts';

export function fromSource(source: SourceSpec, dialect: Dialect): Sql {
  if (source.kind === 'table') return ident(...source.name);
  if (dialect.name !== 'duckdb') {
    throw pushdownError(
      'PUSH_ERR_UNSUPPORTED_DIALECT',
      `${source.kind} files are read by DuckDB only; for ${dialect.name}, name a table`,
      { dialect: dialect.name },
    );
  }
  if (source.kind === 'parquet') return sql`read_parquet([${join(source.paths.map((p) => value(p)))}])`;
  // Every column as text: label, decision and group values keep their exact spelling (as the CLI's
  // own CSV reader keeps them); numbers are parsed where the audit needs numbers.
  return sql`read_csv(${value(source.path)}, header = true, all_varchar = true, delim = ${value(source.delimiter)}, quote = '"', escape = '"')`;
}

/** For messages and provenance: what was audited, without credentials. */
export function describeSource(source: SourceSpec): string {
  if (source.kind === 'table') return `table ${source.name.join('.')}`;
  if (source.kind === 'parquet') return `parquet ${source.paths.join(', ')}`;
  return `csv ${source.path}`;
}
