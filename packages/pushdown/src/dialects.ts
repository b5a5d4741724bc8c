/**
 * The five SQL dialects: how each quotes identifiers and strings, names types, marks parameters and
 * spells the few functions the counting query needs. duckdb and postgres run here (bound
 * parameters); trino, spark and bigquery are printed for a team's own cluster (inlined literals).
 */
import { pushdownError } from './errors.ts';
import { int, keyword, type Sql, sql } from './sql.ts';

export const DIALECT_NAMES = ['duckdb', 'postgres', 'trino', 'spark', 'bigquery'] as const;
export type DialectName = (typeof DIALECT_NAMES)[number];

export interface Dialect {
  readonly name: DialectName;
  quoteIdent(name: string): string;
  quoteString(value: string): string;
  /** Placeholder of the i-th (1-based) bound value; null for dialects that are only printed. */
  readonly placeholder: ((i: number) => string) | null;
  readonly types: { readonly double: string; readonly text: string; readonly integer: string };
  isNaN(x: Sql): Sql;
  /** Text to double, NULL when it is not a number (DuckDB reading CSV as text); null where not needed. */
  readonly tryDouble: ((x: Sql) => Sql) | null;
  /**
   * A table of the integers 0..last that the score bin is joined to (null: the bin is an expression).
   * PostgreSQL estimates an expression's distinct values from its columns' (the score: about one per
   * row), so grouping by the bin expression looks like one group per row to its planner, which then
   * plans neither a hash table nor parallel workers; a joined integer column has its default estimate.
   */
  readonly binSeries: ((last: number) => Sql) | null;
}

function checkName(name: string): void {
  if (name.length === 0)
    throw pushdownError('PUSH_ERR_INVALID_REQUEST', 'an identifier must not be empty', { field: 'identifier' });
  if (name.includes('\u0000'))
    throw pushdownError('PUSH_ERR_INVALID_REQUEST', `identifier ${JSON.stringify(name)} holds a NUL character`, {
      field: 'identifier',
    });
}

function checkText(value: string): void {
  if (value.includes('\u0000'))
    throw pushdownError('PUSH_ERR_INVALID_REQUEST', `value ${JSON.stringify(value)} holds a NUL character`, {
      field: 'value',
    });
}

/** ANSI: "name" with " doubled; 'text' with ' doubled, a backslash is an ordinary character. */
const ansiIdent = (name: string): string => {
  checkName(name);
  return `"${name.replaceAll('"', '""')}"`;
};
const ansiString = (value: string): string => {
  checkText(value);
  return `'${value.replaceAll("'", "''")}'`;
};

/**
 * Spark SQL and BigQuery read backslash escapes inside quotes: a backslash, the quote and line
 * breaks are escaped (Spark would otherwise join 'a''b' into ab; BigQuery rejects a raw newline).
 */
function backslashEscaped(value: string, quote: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

const duckdb: Dialect = {
  name: 'duckdb',
  quoteIdent: ansiIdent,
  quoteString: ansiString,
  placeholder: (i) => `$${i}`,
  types: { double: 'DOUBLE', text: 'VARCHAR', integer: 'INTEGER' },
  isNaN: (x) => sql`isnan(${x})`,
  tryDouble: (x) => sql`TRY_CAST(${x} AS DOUBLE)`,
  binSeries: null,
};

const postgres: Dialect = {
  name: 'postgres',
  quoteIdent: ansiIdent,
  quoteString: ansiString,
  placeholder: (i) => `$${i}`,
  types: { double: 'DOUBLE PRECISION', text: 'TEXT', integer: 'INTEGER' },
  // PostgreSQL has no isnan(); its NaN equals itself (unlike IEEE), so equality finds it.
  isNaN: (x) => sql`(${x} = CAST('NaN' AS DOUBLE PRECISION))`,
  tryDouble: null,
  binSeries: (last) => sql`generate_series(0, ${int(last)})`,
};

const trino: Dialect = {
  name: 'trino',
  quoteIdent: ansiIdent,
  quoteString: ansiString,
  placeholder: null,
  types: { double: 'DOUBLE', text: 'VARCHAR', integer: 'INTEGER' },
  isNaN: (x) => sql`is_nan(${x})`,
  tryDouble: null,
  binSeries: null,
};

const spark: Dialect = {
  name: 'spark',
  quoteIdent: (name) => {
    checkName(name);
    return `\`${name.replaceAll('`', '``')}\``;
  },
  quoteString: (value) => {
    checkText(value);
    return `'${backslashEscaped(value, "'")}'`;
  },
  placeholder: null,
  types: { double: 'DOUBLE', text: 'STRING', integer: 'INT' },
  isNaN: (x) => sql`isnan(${x})`,
  tryDouble: null,
  binSeries: null,
};

const bigquery: Dialect = {
  name: 'bigquery',
  quoteIdent: (name) => {
    checkName(name);
    return `\`${backslashEscaped(name, '`')}\``;
  },
  quoteString: (value) => {
    checkText(value);
    return `'${backslashEscaped(value, "'")}'`;
  },
  placeholder: null,
  types: { double: 'FLOAT64', text: 'STRING', integer: 'INT64' },
  isNaN: (x) => sql`IS_NAN(${x})`,
  tryDouble: null,
  binSeries: null,
};

const DIALECTS: Record<DialectName, Dialect> = { duckdb, postgres, trino, spark, bigquery };

export function dialectOf(name: string): Dialect {
  if (!(DIALECT_NAMES as readonly string[]).includes(name)) {
    throw pushdownError(
      'PUSH_ERR_UNSUPPORTED_DIALECT',
      `dialect "${name}" is not supported; use one of ${DIALECT_NAMES.join(', ')}`,
      { dialect: name },
    );
  }
  return DIALECTS[name as DialectName];
}

/** CAST(x AS <type>) in this dialect. */
export function castDouble(d: Dialect, x: Sql): Sql {
  return sql`CAST(${x} AS ${keyword(d.types.double)})`;
}

export function castText(d: Dialect, x: Sql): Sql {
  return sql`CAST(${x} AS ${keyword(d.types.text)})`;
}

export function castInteger(d: Dialect, x: Sql): Sql {
  return sql`CAST(${x} AS ${keyword(d.types.integer)})`;
}
